// Raw WHM API 1 shapes of the Transfers functions that queue, run and watch a session
// (REFERENCE §2.9–§2.15). Re-exported by types.ts, which is the module to import from.
import type { TransferSessionStateName } from './transfer-types.js';
import type { WhmBooleanParam, WhmNumber } from './wire-types.js';

/** Keys every account module accepts (AccountRemoteUser's base set, REFERENCE §2.9). */
export interface AccountItemParams {
  user: string;
  localuser: string;
  customip?: string;
  detected_remote_user?: string;
  domain?: string;
  ip?: WhmBooleanParam;
  mail_location?: string;
  overwrite_sameowner_dbs?: WhmBooleanParam;
  overwrite_sameowner_dbusers?: WhmBooleanParam;
  overwrite_with_delete?: WhmBooleanParam;
  replaceip?: 'all' | 'basic';
  reseller?: WhmBooleanParam;
  shared_mysql_server?: WhmBooleanParam;
  skipaccount?: WhmBooleanParam;
  skipacctdb?: WhmBooleanParam;
  skipbwdata?: WhmBooleanParam;
  skiphomedir?: WhmBooleanParam;
  skipres?: WhmBooleanParam;
  // Schema keys the server accepts beyond the spec's input sets (REFERENCE §2.2/§2.9).
  priority?: number;
  skipemail?: WhmBooleanParam;
  skipsubdomains?: WhmBooleanParam;
  overwrite_all_dbs?: WhmBooleanParam;
  overwrite_all_dbusers?: WhmBooleanParam;
  files?: number;
}
interface EnqueueBase {
  transfer_session_id: string;
  /** Bytes; lets WHM pick the partition and weights progress. Default 1. */
  size?: number;
}
export type EnqueueAccountRemoteUserParams = EnqueueBase & AccountItemParams & { module: 'AccountRemoteUser' };
export type EnqueueAccountLocalParams = EnqueueBase & AccountItemParams & { module: 'AccountLocal'; force?: WhmBooleanParam };
export type EnqueueAccountRemoteRootParams = EnqueueBase &
  AccountItemParams & {
    module: 'AccountRemoteRoot';
    force?: WhmBooleanParam;
    live_transfer?: WhmBooleanParam;
    xferpoint?: WhmBooleanParam;
  };
export type EnqueuePackageRemoteRootParams = EnqueueBase & { module: 'PackageRemoteRoot'; package: string };
export type EnqueueFeatureListRemoteRootParams = EnqueueBase & {
  module: 'FeatureListRemoteRoot';
  featurelist: string;
};
export type LegacyRestoreType = 'monthly' | 'weekly' | 'daily';
export type EnqueueLegacyAccountBackupParams = EnqueueBase & {
  module: 'LegacyAccountBackup';
  user: string;
  restoretype: LegacyRestoreType;
  restoreall?: WhmBooleanParam;
  restorebwdata?: WhmBooleanParam;
  restoreip?: WhmBooleanParam;
  restoremail?: WhmBooleanParam;
  restoremysql?: WhmBooleanParam;
  restoresubs?: WhmBooleanParam;
  unrestricted_restore?: WhmBooleanParam;
  overwrite_all_dbs?: WhmBooleanParam;
  overwrite_sameowner_dbs?: WhmBooleanParam;
  overwrite_sameowner_dbusers?: WhmBooleanParam;
  mysql_dbs_to_restore?: string;
  pgsql_dbs_to_restore?: string;
};
/** Config modules (ApacheRemoteRoot, EximRemoteRoot, …) take a `name`. */
export type EnqueueConfigModuleParams = EnqueueBase & { module: `${string}RemoteRoot`; name: string };
export type EnqueueTransferItemParams =
  | EnqueueAccountRemoteUserParams
  | EnqueueAccountLocalParams
  | EnqueueAccountRemoteRootParams
  | EnqueuePackageRemoteRootParams
  | EnqueueFeatureListRemoteRootParams
  | EnqueueLegacyAccountBackupParams
  | EnqueueConfigModuleParams;

export interface StartTransferSessionData {
  pid: WhmNumber;
}
export interface GetTransferSessionStateData {
  state_name: TransferSessionStateName;
}
export type TransferLogFile = 'master.log' | 'master.error_log' | (string & {});
export interface FetchTransferSessionLogParams {
  transfer_session_id: string;
  logfile: TransferLogFile;
}
export interface FetchTransferSessionLogData {
  /** The whole file, JSON lines. */
  log: string;
}
export interface DeleteAccountArchivesParams {
  user: string;
  mountpoint?: string;
}
