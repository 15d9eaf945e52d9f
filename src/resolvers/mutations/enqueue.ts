// enqueueTransferItems: every item checked first, account sizes filled from the remote analysis, then
// the whole list sent as ONE WHM batch; each item succeeds or fails on its own.
import type { GatewayContext } from '../../context.js';
import { badUserInput } from '../../errors.js';
import type {
  AccountItemOptions,
  MutationResolvers,
  ResolversTypes,
  TransferItemInput,
  UserError,
} from '../../generated/graphql.js';
import type { NewEnqueuedItem } from '../../registry/index.js';
import { guessSessionKind } from '../../transfer/index.js';
import {
  checkIntegerRange,
  checkIp,
  checkListLength,
  checkMailLocation,
  checkModuleName,
  checkPlainName,
  checkSessionId,
  checkSize,
  checkUsername,
  LIMITS,
  type FieldPath,
} from '../../validation.js';
import { WhmApiError, type AccountItemParams, type EnqueueTransferItemParams, type WhmCall } from '../../whm/index.js';
import type { TransferItemModel } from '../models.js';
import { LEGACY_BACKUP_TYPES, userErrorFrom } from './support.js';

interface PreparedItem {
  params: EnqueueTransferItemParams;
  /** An account whose size should come from the analysis. */
  sizeFromAnalysisOf: string | null;
}

const REPLACE_IP = { ALL: 'all', BASIC: 'basic' } as const;

function optionalSize(size: number | null | undefined, field: FieldPath): number | undefined {
  return size === null || size === undefined ? undefined : checkSize(size, field);
}

function accountParams(user: string, options: AccountItemOptions | null | undefined, field: FieldPath): AccountItemParams {
  const at = (name: string) => [...field, 'options', name];
  const o = options ?? {};
  if (o.customIp && !o.dedicatedIp) throw badUserInput('customIp needs dedicatedIp.', at('customIp'));
  return {
    user: checkUsername(user, [...field, 'user']),
    localuser: checkUsername(o.localUser ?? user, at('localUser')),
    ip: o.dedicatedIp ?? undefined,
    customip: o.customIp ? checkIp(o.customIp, at('customIp')) : undefined,
    reseller: o.reseller ?? undefined,
    replaceip: o.replaceIp ? REPLACE_IP[o.replaceIp] : undefined,
    mail_location: o.mailLocation ? checkMailLocation(o.mailLocation, at('mailLocation')) : undefined,
    overwrite_sameowner_dbs: o.overwriteSameOwnerDatabases ?? undefined,
    overwrite_sameowner_dbusers: o.overwriteSameOwnerDatabaseUsers ?? undefined,
    overwrite_with_delete: o.overwriteWithDelete ?? undefined,
    shared_mysql_server: o.sharedMysqlServer ?? undefined,
    skipaccount: o.skipAccount ?? undefined,
    skipacctdb: o.skipAccountDatabases ?? undefined,
    skipbwdata: o.skipBandwidthData ?? undefined,
    skiphomedir: o.skipHomeDirectory ?? undefined,
    skipres: o.skipResellerPrivileges ?? undefined,
    priority: o.priority === null || o.priority === undefined ? undefined : checkIntegerRange(o.priority, 1, 255, at('priority')),
  };
}

function prepareItem(input: TransferItemInput, index: number, sessionId: string): PreparedItem {
  const field: FieldPath = ['items', index];
  const given = Object.entries(input).filter(([, value]) => value !== null && value !== undefined);
  const [entry] = given;
  if (given.length !== 1 || !entry) throw badUserInput('Set exactly one module input per item.', field);
  const base = { transfer_session_id: sessionId };
  const {
    accountRemoteRoot: remoteRoot,
    accountRemoteUser: remoteUser,
    accountLocal: local,
    packageRemoteRoot: pkg,
    featureListRemoteRoot: featureList,
    configRemoteRoot: config,
    legacyAccountBackup: legacy,
  } = input;
  if (remoteRoot) {
    const at = [...field, 'accountRemoteRoot'];
    const size = optionalSize(remoteRoot.options?.size, [...at, 'options', 'size']);
    if (remoteRoot.force && remoteRoot.options?.localUser && remoteRoot.options.localUser !== remoteRoot.user) {
      throw badUserInput('force needs localUser to equal user.', [...at, 'force']);
    }
    return {
      params: {
        ...base,
        module: 'AccountRemoteRoot',
        ...accountParams(remoteRoot.user, remoteRoot.options, at),
        size,
        force: remoteRoot.force ?? undefined,
        live_transfer: remoteRoot.liveTransfer ?? undefined,
        xferpoint: remoteRoot.expressTransfer ?? undefined,
      },
      sizeFromAnalysisOf: size === undefined ? remoteRoot.user : null,
    };
  }
  if (remoteUser) {
    const at = [...field, 'accountRemoteUser'];
    return {
      params: {
        ...base,
        module: 'AccountRemoteUser',
        ...accountParams(remoteUser.user, remoteUser.options, at),
        size: optionalSize(remoteUser.options?.size, [...at, 'options', 'size']),
      },
      sizeFromAnalysisOf: null,
    };
  }
  if (local) {
    const at = [...field, 'accountLocal'];
    return {
      params: {
        ...base,
        module: 'AccountLocal',
        ...accountParams(local.user, local.options, at),
        size: optionalSize(local.options?.size, [...at, 'options', 'size']),
        force: local.force ?? undefined,
      },
      sizeFromAnalysisOf: null,
    };
  }
  if (pkg) {
    const at = [...field, 'packageRemoteRoot'];
    return {
      params: { ...base, module: 'PackageRemoteRoot', package: checkPlainName(pkg.package, [...at, 'package']), size: optionalSize(pkg.size, [...at, 'size']) },
      sizeFromAnalysisOf: null,
    };
  }
  if (featureList) {
    const at = [...field, 'featureListRemoteRoot'];
    return {
      params: {
        ...base,
        module: 'FeatureListRemoteRoot',
        featurelist: checkPlainName(featureList.featureList, [...at, 'featureList']),
        size: optionalSize(featureList.size, [...at, 'size']),
      },
      sizeFromAnalysisOf: null,
    };
  }
  if (config) {
    const at = [...field, 'configRemoteRoot'];
    const module = checkModuleName(config.module, [...at, 'module']);
    if (!module.endsWith('RemoteRoot') || ['AccountRemoteRoot', 'PackageRemoteRoot', 'FeatureListRemoteRoot'].includes(module)) {
      throw badUserInput('A config module is a *RemoteRoot module other than Account, Package and FeatureList.', [...at, 'module']);
    }
    return {
      params: {
        ...base,
        module: module as `${string}RemoteRoot`,
        name: checkPlainName(config.name, [...at, 'name']),
        size: optionalSize(config.size, [...at, 'size']),
      },
      sizeFromAnalysisOf: null,
    };
  }
  if (legacy) {
    const at = [...field, 'legacyAccountBackup'];
    const databases = (names: readonly string[] | null | undefined, name: string) =>
      names?.map((db, i) => checkPlainName(db, [...at, name, i])).join(',');
    const chosen = [legacy.overwriteAllDatabases, legacy.overwriteSameOwnerDatabases, legacy.mysqlDatabases || legacy.postgresqlDatabases];
    if (chosen.filter(Boolean).length > 1) {
      throw badUserInput('Use at most one of overwriteAllDatabases, overwriteSameOwnerDatabases or the database lists.', at);
    }
    return {
      params: {
        ...base,
        module: 'LegacyAccountBackup',
        user: checkUsername(legacy.user, [...at, 'user']),
        restoretype: LEGACY_BACKUP_TYPES[legacy.type],
        restoreall: legacy.restoreAll ?? undefined,
        restorebwdata: legacy.restoreBandwidthData ?? undefined,
        restoreip: legacy.restoreIp ?? undefined,
        restoremail: legacy.restoreMail ?? undefined,
        restoremysql: legacy.restoreMysql ?? undefined,
        restoresubs: legacy.restoreSubdomains ?? undefined,
        unrestricted_restore: legacy.unrestrictedRestore ?? undefined,
        overwrite_all_dbs: legacy.overwriteAllDatabases ?? undefined,
        overwrite_sameowner_dbs: legacy.overwriteSameOwnerDatabases ?? undefined,
        overwrite_sameowner_dbusers: legacy.overwriteSameOwnerDatabaseUsers ?? undefined,
        mysql_dbs_to_restore: databases(legacy.mysqlDatabases, 'mysqlDatabases'),
        pgsql_dbs_to_restore: databases(legacy.postgresqlDatabases, 'postgresqlDatabases'),
        size: optionalSize(legacy.size, [...at, 'size']),
      },
      sizeFromAnalysisOf: null,
    };
  }
  throw badUserInput('Set exactly one module input per item.', field);
}

/** What the registry keeps of an item: names and size, never options or credentials. */
function itemRecord(params: EnqueueTransferItemParams): NewEnqueuedItem {
  const name = 'package' in params ? params.package : 'featurelist' in params ? params.featurelist : 'name' in params ? params.name : params.user;
  const localName = 'localuser' in params ? params.localuser : null;
  return { module: params.module, name, localName, size: params.size ?? null };
}

/** Account sizes from the analysis (bytes), so WHM picks partitions and progress is by bytes. */
async function fillSizesFromAnalysis(items: PreparedItem[], key: { server: string; id: string }, context: GatewayContext) {
  if (!items.some((item) => item.sizeFromAnalysisOf !== null)) return;
  // Sizes are a refinement: without an analysis, WHM's default size applies.
  const analysis = await context.loaders.remoteAnalysis.load(key).catch(() => null);
  const sizes = new Map((analysis?.items.accounts ?? []).map((account) => [account.user, Number(account.bytesused ?? 0)]));
  for (const item of items) {
    const size = item.sizeFromAnalysisOf === null ? undefined : sizes.get(item.sizeFromAnalysisOf);
    if (size !== undefined && Number.isSafeInteger(size) && size >= 1) item.params.size = size;
  }
}

export const enqueueMutations: MutationResolvers = {
  enqueueTransferItems: async (_root, { sessionId, server, items }, context) => {
    const { entry, client } = context.servers.resolve(server);
    const key = { server: entry.name, id: checkSessionId(sessionId, ['sessionId']) };
    checkListLength(items, 1, LIMITS.itemsPerEnqueue, ['items']);
    const prepared = items.map((item, index) => prepareItem(item, index, key.id));
    const record = await context.loaders.sessionRecord.load(key);
    if ((record?.kind ?? guessSessionKind(key.id)) === 'ROOT') await fillSizesFromAnalysis(prepared, key, context);

    const calls: WhmCall<'enqueue_transfer_item'>[] = prepared.map((item) => ({ function: 'enqueue_transfer_item', params: item.params }));
    const outcomes = await client.batch(calls);
    const results: ResolversTypes['EnqueueItemResult'][] = [];
    const userErrors: UserError[] = [];
    const queued: NewEnqueuedItem[] = [];
    outcomes.forEach((outcome, index) => {
      const item = prepared[index];
      if (!item) return;
      if (outcome.ok) {
        const stored = itemRecord(item.params);
        queued.push(stored);
        const model: TransferItemModel = { source: 'registry', ...stored };
        results.push({ index, queued: true, item: model, error: null });
        return;
      }
      // Transport failures of the batch reach every item: surface them as GraphQL errors instead.
      if (!(outcome.error instanceof WhmApiError)) throw outcome.error;
      const error = userErrorFrom(outcome.error, ['items', String(index)]);
      userErrors.push(error);
      results.push({ index, queued: false, item: null, error });
    });
    if (queued.length > 0) {
      if (!record) {
        // WHM accepted items for a session we did not know: adopt it so the items are remembered.
        await context.registry.recordSession({ ...key, kind: guessSessionKind(key.id), adopted: true, createdBy: context.identity.id });
      }
      await context.registry.recordItems(key.server, key.id, queued);
    }
    context.loaders.forgetSession(key);
    return { session: key, results, userErrors };
  },
};
