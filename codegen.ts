import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from schema/*.graphql. Mappers point at the shapes resolvers really receive as
// parents: raw WHM types from src/whm, domain types from src/transfer, small models elsewhere.
// schema/federation/ (the subgraph's @link and @key) is not matched: the published contract and the
// types are those of the API itself, the same in standalone and subgraph mode.
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    // The published contract: the whole SDL, for clients' codegen (examples/client) and schema checks.
    'src/generated/schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: true },
    },
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../context.js#GatewayContext',
        useIndexSignature: false,
        enumsAsTypes: true,
        immutableTypes: false,
        strictScalars: true,
        scalars: { DateTime: 'Date', JSON: 'unknown' },
        mappers: {
          WhmServer: '../config.js#WhmServerEntry',
          SystemUser: '../resolvers/models.js#SystemUserModel',
          TransferSession: '../resolvers/models.js#TransferSessionRef',
          RemoteAnalysis: '../resolvers/models.js#RemoteAnalysisModel',
          RemoteAccount: '../resolvers/models.js#RemoteAccountModel',
          RemotePackage: '../whm/types.js#RemoteAnalysisPackage',
          AnalysisModule: '../resolvers/models.js#AnalysisModuleModel',
          TransferItem: '../resolvers/models.js#TransferItemModel',
          TransferEvent: '../transfer/index.js#TransferEvent as LoggedTransferEvent',
          TransferProgress: '../transfer/index.js#TransferProgress as LoggedTransferProgress',
          TransferModule: '../resolvers/models.js#TransferModuleModel',
          TransferModuleSchema: '../resolvers/models.js#TransferModuleSchemaModel',
          RestoreModule: '../whm/types.js#RestoreModuleSummary',
          RestoreQueue: '../resolvers/models.js#RestoreQueueModel',
          RestoreJob: '../whm/types.js#RestoreJob as WhmRestoreJob',
          CompletedRestoreJob: '../resolvers/models.js#CompletedRestoreJobModel',
          BackupRestorePoint: '../resolvers/models.js#BackupRestorePointModel',
          CpmoveArchive: '../whm/types.js#CparchiveFile',
          WhmWrite: '../registry/index.js#JournalEntry',
          WebhookDelivery: '../registry/index.js#WebhookDeliveryRecord',
        },
      },
    },
  },
};

export default config;
