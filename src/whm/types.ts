// Raw WHM API 1 shapes: wire parameter names in, wire data out.
// Values keep WHM's own looseness (numbers and 0/1 flags may arrive as strings, many fields may be
// null) because real servers differ from the spec (shared REFERENCE.md §3.3, §4); the GraphQL layer
// maps them to proper types. These are also codegen's mapper types, so they are the single source.
// The shapes live in one file per function family; this module re-exports them all and maps each
// function to its parameters and data.
import type {
  AvailableTransferModulesData,
  CreateRemoteRootTransferSessionData,
  CreateRemoteRootTransferSessionParams,
  CreateRemoteUserTransferSessionData,
  CreateRemoteUserTransferSessionParams,
  RemoteBasicCredentialCheckData,
  RemoteBasicCredentialCheckParams,
  RetrieveTransferSessionRemoteAnalysisData,
  TransferModuleSchemaData,
  TransferModuleSchemaParams,
  TransferSessionIdParams,
  ValidateSystemUserData,
  ValidateSystemUserParams,
} from './transfer-types.js';
import type {
  DeleteAccountArchivesParams,
  EnqueueTransferItemParams,
  FetchTransferSessionLogData,
  FetchTransferSessionLogParams,
  GetTransferSessionStateData,
  StartTransferSessionData,
} from './transfer-queue-types.js';
import type {
  BackupDateListData,
  BackupUserListData,
  BackupUserListParams,
  ListCparchiveFilesData,
  RestoreAccountData,
  RestoreAccountParams,
  RestoreModulesSummaryData,
  RestoreQueueAddTaskData,
  RestoreQueueAddTaskParams,
  RestoreQueueClearCompletedTaskParams,
  RestoreQueueIsActiveData,
  RestoreQueueJobListData,
  RestoreQueueListCompletedData,
  RestoreQueueStateData,
  StartLocalCpmoveRestoreData,
  StartLocalCpmoveRestoreParams,
  UserParams,
} from './restore-types.js';

export type * from './wire-types.js';
export type * from './transfer-types.js';
export type * from './transfer-queue-types.js';
export type * from './restore-types.js';

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
