// The WHM API 1 client for one server: one typed method per function, and `batch()` that packs
// many calls into one WHM `batch` request. Knows nothing of GraphQL.
import { WHM_FUNCTIONS, redactParams } from './catalogue.js';
import { decodeEnvelope, envelopeToResult, type WhmResult } from './envelope.js';
import { WhmApiError, WhmError, WhmProtocolError, type WhmCallContext } from './errors.js';
import type { BreakerState } from './breaker.js';
import { WhmTransport, stderrLogger, type WhmLogger, type WhmObserver, type WhmServerConfig } from './transport.js';
import type * as T from './types.js';
import type { WhmCall, WhmDataOf, WhmFunctionName, WhmParams, WhmParamsOf } from './types.js';

export type BatchOutcome<D = unknown> = { ok: true; value: WhmResult<D> } | { ok: false; error: WhmError };

export interface CallOptions {
  timeoutMs?: number;
}
export interface BatchOptions extends CallOptions {
  /** WHM's abort_on_error: stop at the first failing call (later calls then fail as "not run"). */
  abortOnError?: boolean;
}

export const DEFAULT_MAX_BATCH_SIZE = 200;

/**
 * The spec marks these required; real servers treat them as optional with exactly these defaults
 * (REFERENCE §2.3 [DIFF]). Sending them keeps a stricter, spec-following server happy too.
 */
const ROOT_SESSION_DEFAULTS = {
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
} as const satisfies Partial<T.CreateRemoteRootTransferSessionParams>;

/** Appends WHM parameters to a form: booleans as 1/0 (WHM rejects true/false), arrays repeated. */
function appendParams(form: URLSearchParams, params: WhmParams): URLSearchParams {
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) form.append(key, String(item));
    else form.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return form;
}

/** One `command` value of a batch: `function?query`, itself URL-encoded again in the form body. */
function batchCommand(call: WhmCall): string {
  const query = appendParams(new URLSearchParams(), call.params as WhmParams)
    .toString()
    // Spaces as %20 rather than "+": unambiguous after the second round of encoding.
    .replace(/\+/g, '%20');
  return query === '' ? call.function : `${call.function}?${query}`;
}

export class WhmClient {
  readonly serverName: string;
  readonly maxBatchSize: number;
  private readonly transport: WhmTransport;

  constructor(
    config: WhmServerConfig,
    private readonly logger: WhmLogger = stderrLogger,
    observer: WhmObserver | null = null,
  ) {
    this.serverName = config.name;
    this.maxBatchSize = config.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) {
      throw new Error(`WHM server "${config.name}": maxBatchSize must be a positive integer`);
    }
    this.transport = new WhmTransport(config, logger, observer);
  }

  /** Calls one function. Throws WhmApiError when WHM reports failure (`metadata.result` 0). */
  async call<F extends WhmFunctionName>(
    fn: F,
    params: WhmParamsOf<F>,
    options: CallOptions = {},
  ): Promise<WhmResult<WhmDataOf<F>>> {
    const info = WHM_FUNCTIONS[fn];
    const context: WhmCallContext = { server: this.serverName, command: fn };
    this.logger.debug({ server: this.serverName, command: fn, params: redactParams(fn, params) }, 'calling WHM');
    const envelope = await this.transport.send({
      command: fn,
      body: appendParams(new URLSearchParams(), params as WhmParams),
      readOnly: info.readOnly,
      timeoutMs: options.timeoutMs ?? this.transport.timeoutFor(info.timeoutMs),
      calls: 1,
    });
    return envelopeToResult<WhmDataOf<F>>(envelope, context);
  }

  /**
   * Runs many calls through WHM `batch`: one HTTP request per `maxBatchSize` calls. Outcomes come
   * back in call order; a failing call fails alone, a failed request fails only its own calls.
   */
  async batch<F extends WhmFunctionName>(
    calls: readonly WhmCall<F>[],
    options: BatchOptions = {},
  ): Promise<BatchOutcome<WhmDataOf<F>>[]> {
    const chunks: WhmCall<F>[][] = [];
    for (let start = 0; start < calls.length; start += this.maxBatchSize) {
      chunks.push(calls.slice(start, start + this.maxBatchSize));
    }
    const results = await Promise.all(chunks.map((chunk) => this.sendBatchChunk(chunk, options)));
    return results.flat();
  }

  private async sendBatchChunk<F extends WhmFunctionName>(
    calls: readonly WhmCall<F>[],
    options: BatchOptions,
  ): Promise<BatchOutcome<WhmDataOf<F>>[]> {
    const batchContext: WhmCallContext = { server: this.serverName, command: 'batch' };
    const body = new URLSearchParams();
    for (const call of calls) body.append('command', batchCommand(call));
    body.append('abort_on_error', options.abortOnError ? '1' : '0');
    const infos = calls.map((call) => WHM_FUNCTIONS[call.function]);
    this.logger.debug(
      { server: this.serverName, command: 'batch', calls: calls.map((call) => call.function) },
      'calling WHM batch',
    );
    let outer;
    try {
      outer = await this.transport.send({
        command: 'batch',
        body,
        // A batch is as safe to retry as its least safe call.
        readOnly: infos.every((info) => info.readOnly),
        timeoutMs: options.timeoutMs ?? this.transport.timeoutFor(Math.max(...infos.map((info) => info.timeoutMs))),
        calls: calls.length,
      });
    } catch (error) {
      if (!(error instanceof WhmError)) throw error;
      return calls.map(() => ({ ok: false, error }));
    }
    const elements = (outer.data as { result?: unknown } | null)?.result;
    if (!Array.isArray(elements)) {
      const error = outer.succeeded
        ? new WhmProtocolError(batchContext, 200, 'a batch answer without data.result', 'Is this server a WHM?')
        : new WhmApiError(batchContext, outer.reason);
      return calls.map(() => ({ ok: false, error }));
    }
    return calls.map((call, index): BatchOutcome<WhmDataOf<F>> => {
      const context: WhmCallContext = { server: this.serverName, command: call.function };
      const envelope = decodeEnvelope(elements[index], call.function);
      if (envelope === null) {
        const reason =
          index >= elements.length
            ? 'Not run: the batch stopped at an earlier failing call (abort_on_error).'
            : 'The batch answer for this call has no WHM metadata.';
        return { ok: false, error: new WhmApiError(context, reason) };
      }
      try {
        return { ok: true, value: envelopeToResult<WhmDataOf<F>>(envelope, context) };
      } catch (error) {
        return { ok: false, error: error as WhmApiError };
      }
    });
  }

  /** The server's circuit breaker: 'open' while requests fail fast (always 'closed' when disabled). */
  get breakerState(): BreakerState {
    return this.transport.breakerState;
  }

  close(): void {
    this.transport.close();
  }

  // --- Transfers -------------------------------------------------------------------------------

  availableTransferModules(): Promise<WhmResult<T.AvailableTransferModulesData>> {
    return this.call('available_transfer_modules', {});
  }
  transferModuleSchema(params: T.TransferModuleSchemaParams): Promise<WhmResult<T.TransferModuleSchemaData>> {
    return this.call('transfer_module_schema', params);
  }
  createRemoteRootTransferSession(
    params: T.CreateRemoteRootTransferSessionParams,
    options?: CallOptions,
  ): Promise<WhmResult<T.CreateRemoteRootTransferSessionData>> {
    const given = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    return this.call('create_remote_root_transfer_session', { ...ROOT_SESSION_DEFAULTS, ...given, host: params.host, user: params.user }, options);
  }
  createRemoteUserTransferSession(
    params: T.CreateRemoteUserTransferSessionParams,
    options?: CallOptions,
  ): Promise<WhmResult<T.CreateRemoteUserTransferSessionData>> {
    return this.call('create_remote_user_transfer_session', params, options);
  }
  /** A failed check throws WhmApiError whose `data` still holds WHM's output (REFERENCE §2.5). */
  remoteBasicCredentialCheck(
    params: T.RemoteBasicCredentialCheckParams,
  ): Promise<WhmResult<T.RemoteBasicCredentialCheckData>> {
    return this.call('remote_basic_credential_check', params);
  }
  analyzeTransferSessionRemote(params: T.TransferSessionIdParams): Promise<WhmResult<null>> {
    return this.call('analyze_transfer_session_remote', params);
  }
  retrieveTransferSessionRemoteAnalysis(
    params: T.TransferSessionIdParams,
  ): Promise<WhmResult<T.RetrieveTransferSessionRemoteAnalysisData>> {
    return this.call('retrieve_transfer_session_remote_analysis', params);
  }
  validateSystemUser(params: T.ValidateSystemUserParams): Promise<WhmResult<T.ValidateSystemUserData>> {
    return this.call('validate_system_user', params);
  }
  enqueueTransferItem(params: T.EnqueueTransferItemParams): Promise<WhmResult<null>> {
    return this.call('enqueue_transfer_item', params);
  }
  startTransferSession(params: T.TransferSessionIdParams): Promise<WhmResult<T.StartTransferSessionData>> {
    return this.call('start_transfer_session', params);
  }
  pauseTransferSession(params: T.TransferSessionIdParams): Promise<WhmResult<null>> {
    return this.call('pause_transfer_session', params);
  }
  abortTransferSession(params: T.TransferSessionIdParams): Promise<WhmResult<null>> {
    return this.call('abort_transfer_session', params);
  }
  getTransferSessionState(params: T.TransferSessionIdParams): Promise<WhmResult<T.GetTransferSessionStateData>> {
    return this.call('get_transfer_session_state', params);
  }
  fetchTransferSessionLog(
    params: T.FetchTransferSessionLogParams,
  ): Promise<WhmResult<T.FetchTransferSessionLogData>> {
    return this.call('fetch_transfer_session_log', params);
  }
  /** WHM reports what it removed in `output.messages` and stderr in `output.warnings`. */
  deleteAccountArchives(params: T.DeleteAccountArchivesParams): Promise<WhmResult<null>> {
    return this.call('delete_account_archives', params);
  }

  // --- Restore ---------------------------------------------------------------------------------

  restoreModulesSummary(): Promise<WhmResult<T.RestoreModulesSummaryData>> {
    return this.call('restore_modules_summary', {});
  }
  /** Real servers answer with data.transfer_session_id; the spec's form has only output.raw. */
  restoreAccount(params: T.RestoreAccountParams): Promise<WhmResult<T.RestoreAccountData | null>> {
    return this.call('restoreaccount', params);
  }
  startLocalCpmoveRestore(
    params: T.StartLocalCpmoveRestoreParams,
  ): Promise<WhmResult<T.StartLocalCpmoveRestoreData>> {
    return this.call('start_local_cpmove_restore', params);
  }
  restoreQueueAddTask(params: T.RestoreQueueAddTaskParams): Promise<WhmResult<T.RestoreQueueAddTaskData>> {
    return this.call('restore_queue_add_task', params);
  }
  restoreQueueActivate(): Promise<WhmResult<null>> {
    return this.call('restore_queue_activate', {});
  }
  restoreQueueIsActive(): Promise<WhmResult<T.RestoreQueueIsActiveData>> {
    return this.call('restore_queue_is_active', {});
  }
  restoreQueueState(): Promise<WhmResult<T.RestoreQueueStateData>> {
    return this.call('restore_queue_state', {});
  }
  restoreQueueListActive(): Promise<WhmResult<T.RestoreQueueJobListData>> {
    return this.call('restore_queue_list_active', {});
  }
  restoreQueueListPending(): Promise<WhmResult<T.RestoreQueueJobListData>> {
    return this.call('restore_queue_list_pending', {});
  }
  restoreQueueListCompleted(): Promise<WhmResult<T.RestoreQueueListCompletedData>> {
    return this.call('restore_queue_list_completed', {});
  }
  restoreQueueClearPendingTask(params: T.UserParams): Promise<WhmResult<null>> {
    return this.call('restore_queue_clear_pending_task', params);
  }
  restoreQueueClearCompletedTask(params: T.RestoreQueueClearCompletedTaskParams): Promise<WhmResult<null>> {
    return this.call('restore_queue_clear_completed_task', params);
  }
  restoreQueueClearAllPendingTasks(): Promise<WhmResult<null>> {
    return this.call('restore_queue_clear_all_pending_tasks', {});
  }
  restoreQueueClearAllCompletedTasks(): Promise<WhmResult<null>> {
    return this.call('restore_queue_clear_all_completed_tasks', {});
  }
  restoreQueueClearAllFailedTasks(): Promise<WhmResult<null>> {
    return this.call('restore_queue_clear_all_failed_tasks', {});
  }
  restoreQueueClearAllTasks(): Promise<WhmResult<null>> {
    return this.call('restore_queue_clear_all_tasks', {});
  }
  /** Fails (WhmApiError with the conflict as reason) when the name cannot be used for a restore. */
  verifyNewUsernameForRestore(params: T.UserParams): Promise<WhmResult<null>> {
    return this.call('verify_new_username_for_restore', params);
  }
  listCparchiveFiles(): Promise<WhmResult<T.ListCparchiveFilesData>> {
    return this.call('list_cparchive_files', {});
  }
  backupDateList(): Promise<WhmResult<T.BackupDateListData>> {
    return this.call('backup_date_list', {});
  }
  backupUserList(params: T.BackupUserListParams): Promise<WhmResult<T.BackupUserListData>> {
    return this.call('backup_user_list', params);
  }
}
