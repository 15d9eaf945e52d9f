// One builder per item module: the GraphQL input of an item, checked, in WHM's parameter names.
// A new module is one entry in ITEM_BUILDERS.
import { badUserInput } from '../../errors.js';
import type { AccountItemOptions, TransferItemInput } from '../../generated/graphql.js';
import {
  checkIntegerRange,
  checkIp,
  checkMailLocation,
  checkModuleName,
  checkPlainName,
  checkSize,
  checkUsername,
  type FieldPath,
} from '../../validation.js';
import type { NewEnqueuedItem } from '../../registry/index.js';
import type { AccountItemParams, EnqueueTransferItemParams } from '../../whm/index.js';
import { LEGACY_BACKUP_TYPES } from './support.js';

export interface PreparedItem {
  params: EnqueueTransferItemParams;
  /** An account whose size should come from the analysis. */
  sizeFromAnalysisOf: string | null;
  /** Path to the item's module input, such as ["items", 3, "accountRemoteRoot"] (set by prepareItem). */
  at?: FieldPath;
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

type Builders = {
  [K in keyof TransferItemInput]-?: (
    input: NonNullable<TransferItemInput[K]>,
    at: FieldPath,
    base: { transfer_session_id: string },
  ) => PreparedItem;
};

const ITEM_BUILDERS: Builders = {
  accountRemoteRoot: (remoteRoot, at, base) => {
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
  },
  accountRemoteUser: (remoteUser, at, base) => ({
    params: {
      ...base,
      module: 'AccountRemoteUser',
      ...accountParams(remoteUser.user, remoteUser.options, at),
      size: optionalSize(remoteUser.options?.size, [...at, 'options', 'size']),
    },
    sizeFromAnalysisOf: null,
  }),
  accountLocal: (local, at, base) => ({
    params: {
      ...base,
      module: 'AccountLocal',
      ...accountParams(local.user, local.options, at),
      size: optionalSize(local.options?.size, [...at, 'options', 'size']),
      force: local.force ?? undefined,
    },
    sizeFromAnalysisOf: null,
  }),
  packageRemoteRoot: (pkg, at, base) => ({
    params: {
      ...base,
      module: 'PackageRemoteRoot',
      package: checkPlainName(pkg.package, [...at, 'package']),
      size: optionalSize(pkg.size, [...at, 'size']),
    },
    sizeFromAnalysisOf: null,
  }),
  featureListRemoteRoot: (featureList, at, base) => ({
    params: {
      ...base,
      module: 'FeatureListRemoteRoot',
      featurelist: checkPlainName(featureList.featureList, [...at, 'featureList']),
      size: optionalSize(featureList.size, [...at, 'size']),
    },
    sizeFromAnalysisOf: null,
  }),
  configRemoteRoot: (config, at, base) => {
    const module = checkModuleName(config.module, [...at, 'module']);
    if (!module.endsWith('RemoteRoot') || ['AccountRemoteRoot', 'PackageRemoteRoot', 'FeatureListRemoteRoot'].includes(module)) {
      throw badUserInput('A config module is a *RemoteRoot module other than Account, Package and FeatureList.', [
        ...at,
        'module',
      ]);
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
  },
  legacyAccountBackup: (legacy, at, base) => {
    const databases = (names: readonly string[] | null | undefined, name: string) =>
      names?.map((db, i) => checkPlainName(db, [...at, name, i])).join(',');
    const chosen = [
      legacy.overwriteAllDatabases,
      legacy.overwriteSameOwnerDatabases,
      legacy.mysqlDatabases || legacy.postgresqlDatabases,
    ];
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
  },
};

/** The item's one module input, built; anything but exactly one is the caller's mistake. */
export function prepareItem(input: TransferItemInput, index: number, sessionId: string): PreparedItem {
  const field: FieldPath = ['items', index];
  const given = (Object.keys(input) as (keyof TransferItemInput)[]).filter(
    (module) => input[module] !== null && input[module] !== undefined,
  );
  const [module] = given;
  if (given.length !== 1 || !module) throw badUserInput('Set exactly one module input per item.', field);
  const build = ITEM_BUILDERS[module] as (value: unknown, at: FieldPath, base: { transfer_session_id: string }) => PreparedItem;
  const at = [...field, module];
  return { ...build(input[module], at, { transfer_session_id: sessionId }), at };
}

/** What the registry keeps of an item: names and size, never options or credentials. */
export function itemRecord(params: EnqueueTransferItemParams): NewEnqueuedItem {
  const name =
    'package' in params
      ? params.package
      : 'featurelist' in params
        ? params.featurelist
        : 'name' in params
          ? params.name
          : params.user;
  const localName = 'localuser' in params ? params.localuser : null;
  return { module: params.module, name, localName, size: params.size ?? null };
}
