// Raw WHM API 1 shapes: wire parameter names in, wire data out.
// Values keep WHM's own looseness (numbers and 0/1 flags may arrive as strings, many fields may be
// null) because real servers differ from the spec (shared REFERENCE.md §3.3, §4); the GraphQL layer
// maps them to proper types. These are also codegen's mapper types, so they are the single source.

/** A number that some WHM versions send as a string ("1", "3000"). */
export type WhmNumber = number | string;
/** WHM's Boolean: 0/1, sometimes "0"/"1". Requests always send 0/1. */
export type WhmFlag = 0 | 1 | '0' | '1';
/** Boolean request parameter: WHM accepts 0/1 only; `true`/`false` are converted by the transport. */
export type WhmBooleanParam = 0 | 1 | boolean;

export type WhmParamValue = string | number | boolean | readonly (string | number)[] | undefined;
export type WhmParams = { readonly [name: string]: WhmParamValue };

// ---------------------------------------------------------------------------------------------
// Transfers
// ---------------------------------------------------------------------------------------------

export type TransferModuleName =
  | 'AccountLocal'
  | 'AccountRemoteRoot'
  | 'AccountRemoteUser'
  | 'FeatureListRemoteRoot'
  | 'LegacyAccountBackup'
  | 'PackageRemoteRoot'
  // Config modules and others that real servers list (REFERENCE §2.1 [DIFF]); the map is open.
  | (string & {});

/** Real session states (REFERENCE §1.1); kept open because the spec's enum differs. */
export type TransferSessionStateName =
  | 'PENDING'
  | 'REACHEDMAXMEM'
  | 'RUNNING'
  | 'PAUSING'
  | 'ABORTING'
  | 'PAUSED'
  | 'COMPLETED'
  | 'ABORTED'
  | 'FAILED'
  | (string & {});

export interface AvailableTransferModulesData {
  /** module name → priority (decimal string); lower runs first. */
  modules: Record<string, WhmNumber>;
}

export interface TransferModuleSchemaParams {
  module: string;
}
export interface TransferModuleSchemaData {
  schema: {
    keys: Record<string, { def: string }>;
    required: string[];
    primary: string[];
    prerequisite?: string | null;
  };
}

export type CommTransport = 'ssh' | 'whostmgr' | 'whostmgr_insecure';
export type RootEscalationMethod = 'su' | 'sudo';

export interface CreateRemoteRootTransferSessionParams {
  host: string;
  user: string;
  comm_transport?: CommTransport;
  compressed?: WhmBooleanParam;
  copy_reseller_privs?: WhmBooleanParam;
  enable_custom_pkgacct?: WhmBooleanParam;
  low_priority?: WhmBooleanParam;
  restore_threads?: number;
  transfer_threads?: number;
  unencrypted?: WhmBooleanParam;
  unrestricted_restore?: WhmBooleanParam;
  use_backups?: WhmBooleanParam;
  /** secret */
  password?: string;
  port?: number;
  root_escalation_method?: RootEscalationMethod;
  /** secret */
  root_password?: string;
  sshkey_name?: string;
  /** secret */
  sshkey_passphrase?: string;
}
export interface CreateRemoteRootTransferSessionData {
  transfer_session_id: string;
  create_rawout?: string | null;
  analyze_rawout?: string | null;
}

export interface CreateRemoteUserTransferSessionParams {
  host: string;
  /** secret: the source account's password */
  password: string;
  /** The spec allows only 1. */
  unrestricted_restore: 1;
}
export interface CreateRemoteUserTransferSessionData {
  transfer_session_id: string;
}

export interface RemoteBasicCredentialCheckParams {
  host: string;
  user: string;
  /** secret */
  password?: string;
  port?: number;
  root_escalation_method?: RootEscalationMethod;
  /** secret */
  root_password?: string;
  sshkey_name?: string;
  /** secret */
  sshkey_passphrase?: string;
}
export interface RemoteBasicCredentialCheckData {
  output?: string | null;
  response?: string | null;
  escalation_method_used?: string | null;
}

export interface TransferSessionIdParams {
  transfer_session_id: string;
}

export interface RemoteAnalysisAccount {
  user: string;
  ensim_user?: string | null;
  domain: string;
  bytesused?: WhmNumber | null;
  filesused?: WhmNumber | null;
  owner?: string | null;
  has_dedicated_ip?: WhmFlag | null;
  worker_nodes?: Record<string, string> | null;
}
export interface RemoteAnalysisPackage {
  name: string;
  featurelist?: string | null;
}
export interface DatabaseInventory {
  dbs?: { MYSQL?: Record<string, { owner: string }> | null; PGSQL?: Record<string, { owner: string }> | null } | null;
  users?: { MYSQL?: Record<string, { owner: string }> | null; PGSQL?: Record<string, { owner: string }> | null } | null;
}
export interface LinkedNode {
  alias?: string | null;
  hostname?: string | null;
  enabled_services?: string[] | null;
  last_check?: WhmNumber | null;
  system_settings?: Record<string, Record<string, WhmFlag>> | null;
  tls_verified?: WhmFlag | null;
  username?: string | null;
  version?: string | null;
  worker_capabilities?: Record<string, unknown> | null;
}
export interface AnalysisModule {
  name?: string | null;
  analysis?: Record<string, string | null> | null;
  warning?: string | null;
  error?: string | null;
}
export interface RetrieveTransferSessionRemoteAnalysisData {
  transfer_session_id: string;
  items: {
    accounts?: RemoteAnalysisAccount[] | null;
    packages?: RemoteAnalysisPackage[] | null;
  };
  local?: {
    available_ips?: string[] | null;
    dbs?: DatabaseInventory | null;
    dedicated_ips?: Record<string, string> | null;
    domains?: Record<string, string> | null;
    groups?: Record<string, WhmFlag> | null;
    users?: Record<string, WhmFlag> | null;
    host?: string | null;
    version?: WhmNumber | null;
    major_version?: WhmNumber | null;
    roundcube_dbtype?: string | null;
    linked_nodes?: LinkedNode[] | null;
  } | null;
  remote?: {
    dbs?: DatabaseInventory | null;
    resellers?: Record<string, WhmFlag> | null;
    has_owners?: WhmFlag | null;
    has_disk_used?: WhmFlag | null;
    has_files_used?: WhmFlag | null;
    has_xfertool?: WhmFlag | null;
    has_package_extensions?: WhmFlag | null;
    server_type?: string | null;
    hostname?: string | null;
    cpversion?: WhmNumber | null;
    version?: WhmNumber | null;
    host?: string | null;
    conflicts?: Record<string, unknown> | null;
    major_version?: WhmNumber | null;
    roundcube_dbtype?: string | null;
    linked_nodes?: LinkedNode[] | null;
    supports_live_transfers?: WhmFlag | null;
  } | null;
  config?: { shared_mysql_server?: WhmFlag | null } | null;
  options?: { unrestricted?: WhmFlag | null; skip_reseller_privs?: WhmFlag | null } | null;
  modules?: Record<string, AnalysisModule> | null;
}

export interface ValidateSystemUserParams {
  user: string;
}
export interface ValidateSystemUserData {
  exists: WhmFlag;
  reserved: WhmFlag;
  valid_for_new: WhmFlag;
  valid_for_transfer: WhmFlag;
}

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
export type EnqueueAccountLocalParams = EnqueueBase &
  AccountItemParams & { module: 'AccountLocal'; force?: WhmBooleanParam };
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

// ---------------------------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------------------------

export interface RestoreModuleSummary {
  module: string;
  summary: string[];
  restricted_available: WhmFlag;
  restricted_summary?: string[] | null;
  notes?: string[] | null;
}
export interface RestoreModulesSummaryData {
  modules: RestoreModuleSummary[];
}

export interface RestoreAccountParams {
  type: LegacyRestoreType;
  user: string;
  all?: WhmBooleanParam;
  ip?: WhmBooleanParam;
  mail?: WhmBooleanParam;
  mysql?: WhmBooleanParam;
  subs?: WhmBooleanParam;
}
/** Present on real servers (v120); the spec answers with output.raw only (REFERENCE §2.18). */
export interface RestoreAccountData {
  transfer_session_id?: string | null;
  pid?: WhmNumber | null;
}

export interface StartLocalCpmoveRestoreParams {
  cpmovepath: string;
  dedicated_ip?: WhmBooleanParam;
  delete_archive?: WhmBooleanParam;
  mail_location?: string;
  overwrite?: WhmBooleanParam;
  restricted?: WhmBooleanParam;
  update_a_records?: 'all' | 'basic';
  username?: string;
}
export interface StartLocalCpmoveRestoreData {
  transfer_session_id: string;
}

export interface RestoreQueueAddTaskParams {
  restore_point: string;
  user: string;
  destid?: string;
  give_ip?: WhmBooleanParam;
  mail_config?: WhmBooleanParam;
  mysql?: WhmBooleanParam;
  subdomains?: WhmBooleanParam;
}
export interface RestoreQueueAddTaskData {
  queue_id: string;
}
export interface RestoreJobOptions {
  destid?: string | null;
  give_ip?: WhmFlag | null;
  mail_config?: WhmFlag | null;
  mysql?: WhmFlag | null;
  subdomains?: WhmFlag | null;
}
export interface RestoreJob {
  user: string;
  restore_point: string;
  options?: RestoreJobOptions | null;
}
export interface RestoreQueueIsActiveData {
  is_active: WhmFlag;
}
export interface RestoreQueueStateData {
  active?: RestoreJob[] | null;
  pending?: RestoreJob[] | null;
  completed?: RestoreJob[] | null;
  is_active: WhmFlag;
}
export interface RestoreQueueJobListData {
  restore_job: RestoreJob[];
}
export interface RestoreJobStatusInfo {
  started?: WhmNumber | null;
  finished?: WhmNumber | null;
  /** 0 failed, 1 ok, 2 warnings */
  result?: WhmNumber | null;
  log?: string | null;
  restore_logfile?: string | null;
  transfer_session_id?: string | null;
  status?: string | null;
  statusmsg?: string | null;
  warnings?: string[] | null;
  altered_items?: WhmNumber | null;
  dangerous_items?: WhmNumber | null;
  skipped_items?: WhmNumber | null;
}
export interface CompletedRestoreJob {
  restore_job: RestoreJob;
  status_info?: RestoreJobStatusInfo | null;
}
export interface RestoreQueueListCompletedData {
  restore_job: CompletedRestoreJob[];
}
export interface UserParams {
  user: string;
}
export interface RestoreQueueClearCompletedTaskParams {
  user: string;
  start_time: number;
}

export interface CparchiveFile {
  file: string;
  path: string;
  user: string;
}
export interface ListCparchiveFilesData {
  quickrestore_files: CparchiveFile[];
}
export interface BackupDateListData {
  backup_set: string[];
}
export interface BackupUserListParams {
  restore_point: string;
}
export interface BackupUserListData {
  user: { username: string; status: 'active' | 'inactive' | 'no_backup' | (string & {}) }[];
}

// ---------------------------------------------------------------------------------------------
// The function map: one entry per WHM function the client speaks.
// ---------------------------------------------------------------------------------------------

type NoParams = Record<string, never>;

export interface WhmFunctionMap {
  available_transfer_modules: { params: NoParams; data: AvailableTransferModulesData };
  transfer_module_schema: { params: TransferModuleSchemaParams; data: TransferModuleSchemaData };
  create_remote_root_transfer_session: {
    params: CreateRemoteRootTransferSessionParams;
    data: CreateRemoteRootTransferSessionData;
  };
  create_remote_user_transfer_session: {
    params: CreateRemoteUserTransferSessionParams;
    data: CreateRemoteUserTransferSessionData;
  };
  remote_basic_credential_check: { params: RemoteBasicCredentialCheckParams; data: RemoteBasicCredentialCheckData };
  analyze_transfer_session_remote: { params: TransferSessionIdParams; data: null };
  retrieve_transfer_session_remote_analysis: {
    params: TransferSessionIdParams;
    data: RetrieveTransferSessionRemoteAnalysisData;
  };
  validate_system_user: { params: ValidateSystemUserParams; data: ValidateSystemUserData };
  enqueue_transfer_item: { params: EnqueueTransferItemParams; data: null };
  start_transfer_session: { params: TransferSessionIdParams; data: StartTransferSessionData };
  pause_transfer_session: { params: TransferSessionIdParams; data: null };
  abort_transfer_session: { params: TransferSessionIdParams; data: null };
  get_transfer_session_state: { params: TransferSessionIdParams; data: GetTransferSessionStateData };
  fetch_transfer_session_log: { params: FetchTransferSessionLogParams; data: FetchTransferSessionLogData };
  delete_account_archives: { params: DeleteAccountArchivesParams; data: null };

  restore_modules_summary: { params: NoParams; data: RestoreModulesSummaryData };
  restoreaccount: { params: RestoreAccountParams; data: RestoreAccountData | null };
  start_local_cpmove_restore: { params: StartLocalCpmoveRestoreParams; data: StartLocalCpmoveRestoreData };
  restore_queue_add_task: { params: RestoreQueueAddTaskParams; data: RestoreQueueAddTaskData };
  restore_queue_activate: { params: NoParams; data: null };
  restore_queue_is_active: { params: NoParams; data: RestoreQueueIsActiveData };
  restore_queue_state: { params: NoParams; data: RestoreQueueStateData };
  restore_queue_list_active: { params: NoParams; data: RestoreQueueJobListData };
  restore_queue_list_pending: { params: NoParams; data: RestoreQueueJobListData };
  restore_queue_list_completed: { params: NoParams; data: RestoreQueueListCompletedData };
  restore_queue_clear_pending_task: { params: UserParams; data: null };
  restore_queue_clear_completed_task: { params: RestoreQueueClearCompletedTaskParams; data: null };
  restore_queue_clear_all_pending_tasks: { params: NoParams; data: null };
  restore_queue_clear_all_completed_tasks: { params: NoParams; data: null };
  restore_queue_clear_all_failed_tasks: { params: NoParams; data: null };
  restore_queue_clear_all_tasks: { params: NoParams; data: null };
  verify_new_username_for_restore: { params: UserParams; data: null };
  list_cparchive_files: { params: NoParams; data: ListCparchiveFilesData };
  backup_date_list: { params: NoParams; data: BackupDateListData };
  backup_user_list: { params: BackupUserListParams; data: BackupUserListData };
}

export type WhmFunctionName = keyof WhmFunctionMap;
export type WhmParamsOf<F extends WhmFunctionName> = WhmFunctionMap[F]['params'];
export type WhmDataOf<F extends WhmFunctionName> = WhmFunctionMap[F]['data'];

/** One call, as given to `batch()`. */
export type WhmCall<F extends WhmFunctionName = WhmFunctionName> = F extends WhmFunctionName
  ? { function: F; params: WhmParamsOf<F> }
  : never;
