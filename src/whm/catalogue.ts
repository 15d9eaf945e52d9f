// What the client must know about each WHM function before calling it: whether a retry is safe,
// how long WHM may legitimately take, and which parameters are secrets (never logged, never in URLs).
import type { WhmFunctionName } from './types.js';

export interface WhmFunctionInfo {
  /** Reads nothing but state: safe to retry after a transient failure. */
  readOnly: boolean;
  /** Default per-call timeout. Session creation connects out and analyses the source: minutes. */
  timeoutMs: number;
  /** Parameter names whose values are credentials. */
  secretParams: readonly string[];
}

const ORDINARY_TIMEOUT_MS = 30_000;
const SESSION_CREATION_TIMEOUT_MS = 300_000;
const CREDENTIAL_PARAMS = ['password', 'root_password', 'sshkey_passphrase'] as const;

const read = (timeoutMs = ORDINARY_TIMEOUT_MS): WhmFunctionInfo => ({ readOnly: true, timeoutMs, secretParams: [] });
const write = (timeoutMs = ORDINARY_TIMEOUT_MS, secretParams: readonly string[] = []): WhmFunctionInfo => ({
  readOnly: false,
  timeoutMs,
  secretParams,
});

export const WHM_FUNCTIONS: { readonly [F in WhmFunctionName]: WhmFunctionInfo } = {
  available_transfer_modules: read(),
  transfer_module_schema: read(),
  create_remote_root_transfer_session: write(SESSION_CREATION_TIMEOUT_MS, CREDENTIAL_PARAMS),
  create_remote_user_transfer_session: write(SESSION_CREATION_TIMEOUT_MS, CREDENTIAL_PARAMS),
  // Opens an SSH connection but changes nothing: a retry is harmless. It still carries credentials.
  remote_basic_credential_check: { readOnly: true, timeoutMs: 120_000, secretParams: CREDENTIAL_PARAMS },
  analyze_transfer_session_remote: write(SESSION_CREATION_TIMEOUT_MS),
  retrieve_transfer_session_remote_analysis: read(),
  validate_system_user: read(),
  enqueue_transfer_item: write(),
  start_transfer_session: write(),
  pause_transfer_session: write(),
  abort_transfer_session: write(),
  get_transfer_session_state: read(),
  fetch_transfer_session_log: read(),
  delete_account_archives: write(120_000),

  restore_modules_summary: read(),
  restoreaccount: write(120_000),
  start_local_cpmove_restore: write(120_000),
  restore_queue_add_task: write(),
  restore_queue_activate: write(),
  restore_queue_is_active: read(),
  restore_queue_state: read(),
  restore_queue_list_active: read(),
  restore_queue_list_pending: read(),
  restore_queue_list_completed: read(),
  restore_queue_clear_pending_task: write(),
  restore_queue_clear_completed_task: write(),
  restore_queue_clear_all_pending_tasks: write(),
  restore_queue_clear_all_completed_tasks: write(),
  restore_queue_clear_all_failed_tasks: write(),
  restore_queue_clear_all_tasks: write(),
  verify_new_username_for_restore: read(),
  list_cparchive_files: read(),
  backup_date_list: read(),
  backup_user_list: read(),
};

export const WHM_FUNCTION_NAMES = Object.keys(WHM_FUNCTIONS) as WhmFunctionName[];

/** A copy of the parameters fit for a log line: secret values replaced. */
export function redactParams(
  name: WhmFunctionName,
  params: object,
): Record<string, unknown> {
  const secrets = WHM_FUNCTIONS[name].secretParams;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    copy[key] = secrets.includes(key) && value !== undefined ? '[REDACTED]' : value;
  }
  return copy;
}
