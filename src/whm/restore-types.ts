// Raw WHM API 1 shapes of the Restore functions (REFERENCE §2.16–§2.20b). Re-exported by types.ts,
// which is the module to import from.
import type { LegacyRestoreType } from './transfer-queue-types.js';
import type { WhmBooleanParam, WhmFlag, WhmNumber } from './wire-types.js';

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
