// Transfer sessions: the API side of a session (start, pause, abort and the states they lead to,
// REFERENCE §1.1) around the transfer processor that runs its items (processor.ts).
import { xid } from './envelope.js';
import type { JsonObject } from './envelope.js';
import { MASTER_ERROR_LOG, MASTER_LOG, SessionLogs, controlContents, logLine } from './logs.js';
import { TransferProcessor, type ProcessorExit } from './processor.js';
import type { SessionInit, SessionKind, SessionOptions, SessionWorld, TransferItem } from './session-model.js';
import { canChangeState, checkedTransition } from './session-states.js';
import type { RemoteSource, SessionStateName } from './types.js';

export type StartOutcome = { ok: true; pid: number } | { ok: false; detail: string };

const EXIT_STATES: Record<ProcessorExit, SessionStateName> = { aborted: 'ABORTED', paused: 'PAUSED', completed: 'COMPLETED' };

export class TransferSession {
  readonly id: string;
  readonly kind: SessionKind;
  readonly initiator: string;
  readonly createdAt: number;
  readonly creator: string;
  readonly remoteHost: string | null;
  readonly source: RemoteSource | undefined;
  readonly remoteUser: string | undefined;
  readonly options: SessionOptions;
  readonly transferThreads: number;
  readonly restoreThreads: number;
  state: SessionStateName = 'PENDING';
  readonly items: TransferItem[] = [];
  readonly logs = new SessionLogs();
  analysis: JsonObject | undefined;
  pid: number | undefined;
  /** Simulated time the session reached COMPLETED / ABORTED / FAILED. */
  endedAt: number | undefined;
  private processor: TransferProcessor | undefined;
  private nextSeq = 1;

  constructor(
    init: SessionInit,
    private readonly world: SessionWorld,
  ) {
    this.id = init.id;
    this.kind = init.kind;
    this.initiator = init.initiator;
    this.createdAt = init.createdAt;
    this.creator = init.creator;
    this.remoteHost = init.remoteHost;
    this.source = init.source;
    this.remoteUser = init.remoteUser;
    this.options = init.options;
    this.transferThreads = init.transferThreads;
    this.restoreThreads = init.restoreThreads;
  }

  /** Whether a transfer processor is alive for this session. */
  get processRunning(): boolean {
    return this.processor !== undefined;
  }

  enqueue(module: string, key: string, localItem: string, params: Record<string, string>): TransferItem {
    const sizeParam = Number.parseInt(params['size'] ?? '', 10);
    const priorityParam = Number.parseInt(params['priority'] ?? '', 10);
    const item: TransferItem = {
      seq: this.nextSeq++,
      module,
      key,
      localItem,
      params,
      size: Number.isFinite(sizeParam) && sizeParam >= 1 ? sizeParam : 1,
      priority: Number.isFinite(priorityParam) ? priorityParam : 255,
      state: 'TRANSFER_PENDING',
    };
    this.items.push(item);
    return item;
  }

  findItem(module: string, key: string): TransferItem | undefined {
    return this.items.find((item) => item.module === module && item.key === key);
  }

  // ---- state control -------------------------------------------------------------------

  start(at: number): StartOutcome {
    this.advance(at);
    if (this.state === 'RUNNING' && this.processor !== undefined) {
      return { ok: false, detail: xid(`The session “${this.id}” is already running (process ${this.pid ?? 0}).`) };
    }
    if (this.state === 'ABORTING' || this.state === 'ABORTED') {
      return { ok: false, detail: xid(`The processor failed to start because the session “${this.id}” has been aborted.`) };
    }
    if (this.state === 'PAUSING') {
      return { ok: false, detail: xid(`The processor failed to start because the session “${this.id}” is pausing.`) };
    }
    const resume = this.state === 'PAUSED';
    if (!resume && this.state !== 'PENDING' && this.state !== 'RUNNING') {
      return {
        ok: false,
        detail: xid(`The session “${this.id}” cannot start because it is in the “${this.state}” state.`),
      };
    }
    this.state = checkedTransition(this.state, 'RUNNING');
    this.endedAt = undefined;
    this.processor = new TransferProcessor(this, this.world, at, resume);
    this.pid = this.processor.masterPid;
    return { ok: true, pid: this.pid };
  }

  /** start_pause: true = the API reports success. */
  pause(at: number): boolean {
    this.advance(at);
    if (!canChangeState(this.state, 'PAUSING')) return false;
    if (this.processor === undefined) {
      this.markFailedOffline(at);
      return true;
    }
    if (!this.processor.requestPause(at)) return false;
    this.state = 'PAUSING';
    return true;
  }

  /** start_abort: true = the API reports success. */
  abort(at: number): boolean {
    this.advance(at);
    if (!canChangeState(this.state, 'ABORTING')) return false;
    if (this.processor !== undefined) {
      this.processor.requestAbort(at);
      this.state = 'ABORTING';
      return true;
    }
    if (this.state !== 'PAUSED') {
      this.markFailedOffline(at);
      return true;
    }
    // Paused: nothing to signal, the abort completes at once.
    this.state = 'ABORTING';
    this.offlineMessage('abort');
    this.state = checkedTransition(this.state, 'ABORTED');
    this.endedAt = at;
    return true;
  }

  /** Test hook: the processor dies without updating the state (pause/abort then mark it FAILED). */
  killProcessor(): void {
    this.processor = undefined;
  }

  /** Evaluates the processor up to simulated time `to`, and takes the state its run ended in. */
  advance(to: number): void {
    const ended = this.processor?.advance(to);
    if (ended === undefined) return;
    this.processor = undefined;
    this.state = checkedTransition(this.state, EXIT_STATES[ended.exit]);
    if (ended.exit !== 'paused') this.endedAt = ended.at;
  }

  private markFailedOffline(at: number): void {
    this.offlineMessage('fail');
    this.state = 'FAILED';
    this.endedAt = at;
  }

  /** Lines the API process writes when no processor runs (no `time`, as in the real server). */
  private offlineMessage(action: string): void {
    const line = logLine(this.world.apiPid, 'control', controlContents({ action, childNumber: 0 }));
    this.logs.append(MASTER_LOG, line);
    this.logs.append(MASTER_ERROR_LOG, line);
  }

  /** Summary for tests and the __sim endpoints. */
  describe(): JsonObject {
    return {
      id: this.id,
      kind: this.kind,
      state: this.state,
      initiator: this.initiator,
      remoteHost: this.remoteHost,
      pid: this.pid ?? null,
      items: this.items.map((item) => ({
        module: item.module,
        item: item.key,
        localItem: item.localItem,
        size: item.size,
        state: item.state,
        failure: item.failure ?? null,
      })),
      logs: this.logs.names(),
    };
  }
}
