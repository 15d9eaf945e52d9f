// The analysis as WHM stores it, tolerant of its nulls and string numbers (REFERENCE §2.7).
import type { RemoteAnalysisResolvers } from '../generated/graphql.js';
import type { DatabaseInventory } from '../whm/types.js';
import { analysisConflicts } from './conflicts.js';
import { toOptionalBoolean, toText } from './convert.js';

type Inventory = NonNullable<DatabaseInventory['dbs']>;

function listInventory(inventory: Inventory | null | undefined) {
  return Object.entries(inventory ?? {}).flatMap(([engine, entries]) =>
    Object.entries(entries ?? {}).map(([name, details]) => ({ name, engine, owner: details?.owner ?? null })),
  );
}

export const RemoteAnalysis: RemoteAnalysisResolvers = {
  sessionId: ({ sessionId }) => sessionId,
  remote: ({ data }) => {
    const remote = data.remote ?? {};
    return {
      host: remote.host ?? null,
      hostname: remote.hostname ?? null,
      serverType: remote.server_type ?? null,
      version: toText(remote.version),
      majorVersion: toText(remote.major_version),
      resellers: Object.keys(remote.resellers ?? {}).sort(),
      hasOwners: toOptionalBoolean(remote.has_owners),
      hasDiskUsed: toOptionalBoolean(remote.has_disk_used),
      hasFilesUsed: toOptionalBoolean(remote.has_files_used),
      hasPackageExtensions: toOptionalBoolean(remote.has_package_extensions),
      supportsLiveTransfers: toOptionalBoolean(remote.supports_live_transfers),
    };
  },
  local: ({ data }) => ({
    host: data.local?.host ?? null,
    version: toText(data.local?.version),
    majorVersion: toText(data.local?.major_version),
    availableIps: data.local?.available_ips ?? [],
  }),
  accounts: ({ server, data }) => (data.items?.accounts ?? []).map((account) => ({ server, account, analysis: data })),
  packages: ({ data }) => data.items?.packages ?? [],
  databases: ({ data }) => listInventory(data.remote?.dbs?.dbs),
  databaseUsers: ({ data }) => listInventory(data.remote?.dbs?.users),
  conflicts: ({ data }) => analysisConflicts(data),
  modules: ({ data }) => Object.entries(data.modules ?? {}).map(([key, module]) => ({ key, module })),
  sharedMysqlServer: ({ data }) => toOptionalBoolean(data.config?.shared_mysql_server),
  unrestrictedRestore: ({ data }) => toOptionalBoolean(data.options?.unrestricted),
  // WHM stores copy_reseller_privs as skipres and reports it as skip_reseller_privs (REFERENCE §2.3).
  copyResellerPrivileges: ({ data }) => toOptionalBoolean(data.options?.skip_reseller_privs),
};
