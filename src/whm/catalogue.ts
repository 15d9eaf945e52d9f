// What the client must know about each WHM function before calling it: whether a retry is safe,
// how long WHM may legitimately take, which parameters are secrets (never logged, never in URLs),
// parameters sent by default, and where the GraphQL API exposes it (or why it does not).
// Adding a WHM function: its types in types.ts (WhmFunctionMap), one entry here, a simulator
// handler and a client test; test/whm/catalogue-coverage.test.ts checks all four.
import type { CreateRemoteRootTransferSessionParams, WhmFunctionName, WhmParamsOf } from './types.js';

/** A field of the GraphQL schema, as `Type.field` (e.g. `Query.validateSystemUser`). */
export type GraphQLFieldCoordinate = `${string}.${string}`;

/** Where the function surfaces in GraphQL: the fields whose resolvers call it, or why none does. */
export type WhmFunctionExposure =
  | { readonly graphql: readonly GraphQLFieldCoordinate[]; readonly clientOnly?: never }
  | { readonly clientOnly: string; readonly graphql?: never };

interface WhmFunctionTraits {
  /** Reads nothing but state: safe to retry after a transient failure. */
  readonly readOnly: boolean;
  /**
   * Default per-call timeout, counted from when the request is sent. Session creation connects out
   * and analyses the source: minutes.
   */
  readonly timeoutMs: number;
  /** Parameter names whose values are credentials. */
  readonly secretParams: readonly string[];
}

export type WhmFunctionInfo<F extends WhmFunctionName = WhmFunctionName> = WhmFunctionExposure &
  WhmFunctionTraits & {
    /** Sent unless the caller gives the parameter (undefined counts as not given). */
    readonly defaultParams?: Readonly<Partial<WhmParamsOf<F>>>;
  };

const ORDINARY_TIMEOUT_MS = 30_000;
const SESSION_CREATION_TIMEOUT_MS = 300_000;
// Restores and archive removal run synchronously inside WHM.
const SLOW_WRITE_TIMEOUT_MS = 120_000;
const CREDENTIAL_CHECK_TIMEOUT_MS = 120_000;
const CREDENTIAL_PARAMS = ['password', 'root_password', 'sshkey_passphrase'] as const;

/**
 * The spec marks these required; real servers treat them as optional with exactly these defaults
 * (REFERENCE §2.3 [DIFF]). Sending them keeps a stricter, spec-following server happy too.
 */
export const ROOT_SESSION_DEFAULTS = {
  comm_transport: 'ssh',
  compressed: 0,
  copy_reseller_privs: 0,
  enable_custom_pkgacct: 0,
  low_priority: 0,
  restore_threads: 1,
  transfer_threads: 1,
  unencrypted: 0,
  unrestricted_restore: 0,
  use_backups: 0,
} as const satisfies Partial<CreateRemoteRootTransferSessionParams>;

interface Options {
  timeoutMs?: number;
  secretParams?: readonly string[];
}
const read = (exposure: WhmFunctionExposure, options: Options = {}): WhmFunctionExposure & WhmFunctionTraits => ({
  ...exposure,
  readOnly: true,
  timeoutMs: options.timeoutMs ?? ORDINARY_TIMEOUT_MS,
  secretParams: options.secretParams ?? [],
});
const write = (exposure: WhmFunctionExposure, options: Options = {}): WhmFunctionExposure & WhmFunctionTraits => ({
  ...read(exposure, options),
  readOnly: false,
});

// Why no GraphQL field calls a function (the catalogue coverage test prints these).
const QUEUE_LISTS_COVER =
  'RestoreQueue reads restore_queue_is_active and the list functions (in one WHM batch), which also give each job its destination';

export const WHM_FUNCTIONS: { readonly [F in WhmFunctionName]: WhmFunctionInfo<F> } = {
  available_transfer_modules: read({ graphql: ['Query.transferModules'] }),
  transfer_module_schema: read({ graphql: ['Query.transferModuleSchema', 'TransferModule.schema'] }),
  create_remote_root_transfer_session: {
    ...write(
      { graphql: ['Mutation.createRemoteRootTransferSession'] },
      { timeoutMs: SESSION_CREATION_TIMEOUT_MS, secretParams: CREDENTIAL_PARAMS },
    ),
    defaultParams: ROOT_SESSION_DEFAULTS,
  },
  create_remote_user_transfer_session: write(
    { graphql: ['Mutation.createRemoteUserTransferSession'] },
    { timeoutMs: SESSION_CREATION_TIMEOUT_MS, secretParams: CREDENTIAL_PARAMS },
  ),
  // Opens an SSH connection but changes nothing: a retry is harmless. It still carries credentials.
  remote_basic_credential_check: read(
    { graphql: ['Mutation.checkRemoteCredentials'] },
    { timeoutMs: CREDENTIAL_CHECK_TIMEOUT_MS, secretParams: CREDENTIAL_PARAMS },
  ),
  analyze_transfer_session_remote: write(
    { graphql: ['Mutation.analyzeTransferSession'] },
    { timeoutMs: SESSION_CREATION_TIMEOUT_MS },
  ),
  retrieve_transfer_session_remote_analysis: read({ graphql: ['TransferSession.analysis', 'Mutation.enqueueTransferItems'] }),
  validate_system_user: read({
    graphql: [
      'Query.validateSystemUser',
      'Query.systemUsers',
      'RemoteAccount.localUser',
      'RemoteAccount.conflicts',
      'RemoteAccount.suggestedLocalUser',
      'Mutation.enqueueTransferItems',
      'SystemUser.exists',
      'SystemUser.reserved',
      'SystemUser.validForNew',
      'SystemUser.validForTransfer',
    ],
  }),
  enqueue_transfer_item: write({ graphql: ['Mutation.enqueueTransferItems'] }),
  start_transfer_session: write({ graphql: ['Mutation.startTransferSession', 'Mutation.resumeTransferSession'] }),
  pause_transfer_session: write({ graphql: ['Mutation.pauseTransferSession'] }),
  abort_transfer_session: write({ graphql: ['Mutation.abortTransferSession'] }),
  get_transfer_session_state: read({
    graphql: [
      'Query.transferSession',
      'TransferSession.state',
      'TransferSession.stateName',
      'TransferSession.isFinished',
      'Mutation.resumeTransferSession',
      'Mutation.registerTransferSession',
    ],
  }),
  fetch_transfer_session_log: read({
    graphql: [
      'TransferSession.log',
      'TransferSession.errorLog',
      'TransferSession.items',
      'TransferSession.events',
      'TransferSession.progress',
    ],
  }),
  delete_account_archives: write({ graphql: ['Mutation.deleteAccountArchives'] }, { timeoutMs: SLOW_WRITE_TIMEOUT_MS }),

  restore_modules_summary: read({ graphql: ['Query.restoreModules'] }),
  restoreaccount: write({ graphql: ['Mutation.restoreAccount'] }, { timeoutMs: SLOW_WRITE_TIMEOUT_MS }),
  start_local_cpmove_restore: write({ graphql: ['Mutation.restoreFromCpmove'] }, { timeoutMs: SLOW_WRITE_TIMEOUT_MS }),
  restore_queue_add_task: write({ graphql: ['Mutation.addRestoreQueueTask'] }),
  restore_queue_activate: write({ graphql: ['Mutation.activateRestoreQueue'] }),
  restore_queue_is_active: read({ graphql: ['RestoreQueue.isActive'] }),
  restore_queue_state: read({ clientOnly: QUEUE_LISTS_COVER }),
  restore_queue_list_active: read({ graphql: ['RestoreQueue.active'] }),
  restore_queue_list_pending: read({ graphql: ['RestoreQueue.pending'] }),
  restore_queue_list_completed: read({ graphql: ['RestoreQueue.completed'] }),
  restore_queue_clear_pending_task: write({ graphql: ['Mutation.clearPendingRestoreTask'] }),
  restore_queue_clear_completed_task: write({ graphql: ['Mutation.clearCompletedRestoreTask'] }),
  restore_queue_clear_all_pending_tasks: write({ graphql: ['Mutation.clearRestoreQueue'] }),
  restore_queue_clear_all_completed_tasks: write({ graphql: ['Mutation.clearRestoreQueue'] }),
  restore_queue_clear_all_failed_tasks: write({ graphql: ['Mutation.clearRestoreQueue'] }),
  restore_queue_clear_all_tasks: write({ graphql: ['Mutation.clearRestoreQueue'] }),
  verify_new_username_for_restore: read({ graphql: ['Mutation.enqueueTransferItems'] }),
  list_cparchive_files: read({ graphql: ['Query.cpmoveArchives'] }),
  backup_date_list: read({ graphql: ['Query.backupDates'] }),
  backup_user_list: read({ graphql: ['BackupRestorePoint.users'] }),
};

export const WHM_FUNCTION_NAMES = Object.keys(WHM_FUNCTIONS) as WhmFunctionName[];

/** A copy of the parameters fit for a log line: secret values replaced. */
export function redactParams(name: WhmFunctionName, params: object): Record<string, unknown> {
  const secrets = WHM_FUNCTIONS[name].secretParams;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    copy[key] = secrets.includes(key) && value !== undefined ? '[REDACTED]' : value;
  }
  return copy;
}
