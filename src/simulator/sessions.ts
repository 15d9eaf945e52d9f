// Transfer sessions: the state machine of REFERENCE §1.1 and a lazily evaluated discrete-event
// model of the transfer processor (one master process, TRANSFER and RESTORE worker processes),
// writing master.log / item logs the way the real processor does.
import { epochSeconds } from './clock.js';
import { xid } from './envelope.js';
import type { JsonObject } from './envelope.js';
import { MASTER_ERROR_LOG, MASTER_LOG, SessionLogs, controlContents, itemLogName, logLine } from './logs.js';
import type { ItemContext } from './logs.js';
import { isAccountModule, itemDisplayName, modulePriority } from './modules.js';
import type { ItemQueueState, QueueName, RemoteSource, SessionStateName } from './types.js';

export type SessionKind = 'RemoteRoot' | 'RemoteUser' | 'LocalRestore';

export interface SessionOptions {
  unrestricted: 0 | 1;
  skipres: 0 | 1;
  uncompressed: 0 | 1;
  ssl: 0 | 1;
  backups: 0 | 1;
  lowPriority: 0 | 1;
  customPkgacct: 0 | 1;
  commTransport: string;
  port: number;
}

/** Options of sessions that need no remote login (restores, user sessions): unrestricted, over SSL. */
export const UNRESTRICTED_SESSION_OPTIONS: Readonly<SessionOptions> = {
  unrestricted: 1,
  skipres: 0,
  uncompressed: 0,
  ssl: 1,
  backups: 0,
  lowPriority: 0,
  customPkgacct: 0,
  commTransport: 'ssh',
  port: 22,
};

/** What happens to an item, decided when its transfer starts. */
export interface ItemPlan {
  transferMs: number;
  restoreMs: number;
  transferFailure?: string;
  restoreFailure?: string;
  warnings: string[];
}

export interface TransferItem {
  seq: number;
  module: string;
  /** Value of the module's primary key (the `item` of log lines). */
  key: string;
  localItem: string;
  params: Record<string, string>;
  /** The `size` parameter (bytes, default 1) that log lines and queue sizes report. */
  size: number;
  priority: number;
  state: ItemQueueState;
  failure?: string;
  plan?: ItemPlan;
}

/** What a session needs from the rest of the simulated world. */
export interface SessionWorld {
  allocatePid(): number;
  /** pid of the API process, used for log lines written without a running processor. */
  readonly apiPid: number;
  planItem(session: TransferSession, item: TransferItem): ItemPlan;
  onItemRestored(session: TransferSession, item: TransferItem): void;
}

interface Worker {
  queue: QueueName;
  childNumber: number;
  pid: number;
  item?: TransferItem;
  busyUntil: number;
  /** The item was cut short by an abort. */
  interrupted: boolean;
  exit?: 'complete' | 'paused' | 'aborted';
}

interface ProcessorRun {
  masterPid: number;
  workers: Worker[];
  /** Simulated time up to which the run has been evaluated. */
  cursor: number;
  pausing: boolean;
  aborting: boolean;
}

const QUEUES: readonly QueueName[] = ['TRANSFER', 'RESTORE'];
const MAX_THREADS = 9;
/** How long in-flight items keep running after an abort signal (simulated ms). */
const ABORT_GRACE_MS = 1500;
export const ABORT_FAILURE = 'The transfer session was aborted before this item finished.';
/** The transfer session format version the master process logs. */
const SESSION_FORMAT_VERSION = 2.3;

const QUEUE_STATE_CODES: Record<ItemQueueState, number> = {
  TRANSFER_PENDING: 0,
  TRANSFER_INPROGRESS: 10,
  RESTORE_PENDING: 30,
  RESTORE_INPROGRESS: 40,
  COMPLETED: 100,
  FAILED: 200,
};

const ABORTABLE: ReadonlySet<SessionStateName> = new Set(['PENDING', 'RUNNING', 'PAUSING', 'PAUSED']);

/** can_change_state of the real server. */
export function canChangeState(from: SessionStateName, to: SessionStateName): boolean {
  if (from === to || to === 'FAILED') return true;
  switch (to) {
    case 'ABORTED':
      return from === 'ABORTING';
    case 'COMPLETED':
      return from === 'RUNNING';
    case 'PAUSED':
      return from === 'PAUSING';
    case 'ABORTING':
      return ABORTABLE.has(from);
    case 'PAUSING':
      return from === 'RUNNING';
    case 'RUNNING':
      return from === 'PAUSED' || from === 'PENDING';
    default:
      return false;
  }
}

export interface SessionInit {
  id: string;
  kind: SessionKind;
  initiator: string;
  createdAt: number;
  /** Creator's WHM user. */
  creator: string;
  /** Source host exactly as the caller gave it (null for local restores). */
  remoteHost: string | null;
  source?: RemoteSource;
  /** The login used on the source (root, an escalating user, or the cPanel account). */
  remoteUser?: string;
  options: SessionOptions;
  transferThreads: number;
  restoreThreads: number;
}

export type StartOutcome = { ok: true; pid: number } | { ok: false; detail: string };

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
  private run: ProcessorRun | undefined;
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
    return this.run !== undefined;
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
    if (this.state === 'RUNNING' && this.run !== undefined) {
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
    this.state = 'RUNNING';
    this.spawnProcessor(at, resume);
    return { ok: true, pid: this.pid ?? 0 };
  }

  /** start_pause: true = the API reports success. */
  pause(at: number): boolean {
    this.advance(at);
    if (!canChangeState(this.state, 'PAUSING')) return false;
    if (this.run === undefined) {
      this.markFailedOffline(at);
      return true;
    }
    if (this.run.pausing) return false;
    this.run.pausing = true;
    this.state = 'PAUSING';
    this.masterControl(at, 'pausing');
    return true;
  }

  /** start_abort: true = the API reports success. */
  abort(at: number): boolean {
    this.advance(at);
    if (!canChangeState(this.state, 'ABORTING')) return false;
    if (this.run !== undefined) {
      this.run.aborting = true;
      this.state = 'ABORTING';
      this.masterControl(at, 'aborting');
      for (const worker of this.run.workers) {
        if (worker.item !== undefined && worker.busyUntil > at + ABORT_GRACE_MS) {
          worker.busyUntil = at + ABORT_GRACE_MS;
          worker.interrupted = true;
        }
      }
      return true;
    }
    if (this.state !== 'PAUSED') {
      this.markFailedOffline(at);
      return true;
    }
    // Paused: nothing to signal, the abort completes at once.
    this.state = 'ABORTING';
    this.offlineMessage('abort');
    this.state = 'ABORTED';
    this.endedAt = at;
    return true;
  }

  /** Test hook: the processor dies without updating the state (pause/abort then mark it FAILED). */
  killProcessor(): void {
    this.run = undefined;
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

  // ---- the processor -------------------------------------------------------------------

  private spawnProcessor(at: number, resume: boolean): void {
    const masterPid = this.world.allocatePid();
    this.pid = masterPid;
    this.endedAt = undefined;
    this.run = { masterPid, workers: [], cursor: at, pausing: false, aborting: false };
    this.logs.create(MASTER_ERROR_LOG);
    const counts = { TRANSFER: this.pendingFor('TRANSFER').length, RESTORE: this.pendingFor('RESTORE').length };
    const activeQueues = QUEUES.filter((queue) => counts[queue] > 0);
    if (resume) {
      this.masterControl(at, 'resume');
    } else {
      this.masterControl(at, 'start');
      this.masterControl(at, 'initiator', { msg: this.initiator });
      this.masterControl(at, 'version', { msg: SESSION_FORMAT_VERSION });
      for (const queue of activeQueues) {
        const size = this.pendingFor(queue).reduce((total, item) => total + item.size, 0);
        this.masterControl(at, 'queue_count', { queue, msg: counts[queue] });
        this.masterControl(at, 'queue_size', { queue, msg: size });
      }
    }
    this.masterControl(at, 'remotehost', this.remoteHost === null ? {} : { msg: this.remoteHost });
    for (const queue of activeQueues) {
      const configured = queue === 'TRANSFER' ? this.transferThreads : this.restoreThreads;
      const threads = Math.min(Math.max(1, Math.min(configured, MAX_THREADS)), counts[queue]);
      for (let childNumber = 1; childNumber <= threads; childNumber += 1) {
        this.run.workers.push({
          queue,
          childNumber,
          pid: this.world.allocatePid(),
          busyUntil: at,
          interrupted: false,
        });
      }
    }
  }

  /** Items that still need `queue` (not yet taken by it). */
  private pendingFor(queue: QueueName): TransferItem[] {
    const limit = queue === 'TRANSFER' ? QUEUE_STATE_CODES.TRANSFER_INPROGRESS : QUEUE_STATE_CODES.RESTORE_INPROGRESS;
    return this.items.filter((item) => QUEUE_STATE_CODES[item.state] < limit);
  }

  private nextItemFor(queue: QueueName): TransferItem | undefined {
    const wanted: ItemQueueState = queue === 'TRANSFER' ? 'TRANSFER_PENDING' : 'RESTORE_PENDING';
    const candidates = this.items.filter((item) => item.state === wanted);
    candidates.sort(
      (a, b) => modulePriority(a.module) - modulePriority(b.module) || a.priority - b.priority || a.seq - b.seq,
    );
    return candidates[0];
  }

  /** Evaluates the processor up to simulated time `to`. */
  advance(to: number): void {
    const run = this.run;
    if (run === undefined) return;
    for (;;) {
      let acted = true;
      while (acted) {
        acted = false;
        for (const worker of run.workers) {
          if (worker.exit === undefined && worker.item === undefined && this.workerActs(run, worker, run.cursor)) {
            acted = true;
          }
        }
      }
      if (run.workers.every((worker) => worker.exit !== undefined)) {
        this.finishProcessor(run, run.cursor);
        return;
      }
      const busy = run.workers.filter((worker) => worker.item !== undefined);
      if (busy.length === 0) break;
      const next = Math.min(...busy.map((worker) => worker.busyUntil));
      if (next > to) break;
      run.cursor = next;
      for (const worker of busy) {
        if (worker.busyUntil === next) this.finishItem(worker, next);
      }
    }
    run.cursor = Math.max(run.cursor, to);
  }

  /** One turn of a worker's loop; false when it has to wait (blocked queue). */
  private workerActs(run: ProcessorRun, worker: Worker, at: number): boolean {
    const hasNext = this.pendingFor(worker.queue).length > 0;
    if (run.aborting && hasNext) {
      worker.exit = 'aborted';
      return true;
    }
    if (run.pausing && hasNext) {
      worker.exit = 'paused';
      return true;
    }
    const item = this.nextItemFor(worker.queue);
    if (item !== undefined) {
      this.beginItem(worker, item, at);
      return true;
    }
    if (worker.queue === 'RESTORE' && hasNext && this.transfersCanStillFeed(run)) return false;
    this.control(worker.pid, {
      action: 'complete',
      childNumber: worker.childNumber,
      time: epochSeconds(at),
      queue: worker.queue,
    });
    worker.exit = 'complete';
    return true;
  }

  private transfersCanStillFeed(run: ProcessorRun): boolean {
    if (this.items.some((item) => item.state === 'TRANSFER_INPROGRESS')) return true;
    const transferWorkerAlive = run.workers.some((worker) => worker.queue === 'TRANSFER' && worker.exit === undefined);
    return transferWorkerAlive && this.items.some((item) => item.state === 'TRANSFER_PENDING');
  }

  private itemContext(item: TransferItem): ItemContext {
    return { item: item.key, localItem: item.localItem, itemType: item.module, itemName: itemDisplayName(item.module) };
  }

  private beginItem(worker: Worker, item: TransferItem, at: number): void {
    const queue = worker.queue;
    const logfile = itemLogName(queue, item.module, item.key);
    const context = this.itemContext(item);
    const time = epochSeconds(at);
    const base = { childNumber: worker.childNumber, time, queue, item: context, logfile };
    this.control(worker.pid, { ...base, action: 'start' });
    this.control(worker.pid, { ...base, action: 'process-item', msg: logfile });
    this.control(worker.pid, { ...base, action: 'start-item', msg: { size: item.size } });
    this.logs.create(logfile);
    if (queue === 'TRANSFER') {
      item.state = 'TRANSFER_INPROGRESS';
      item.plan = this.world.planItem(this, item);
      const plan = item.plan;
      this.itemOut(logfile, worker.pid, this.transferIntro(item));
      worker.busyUntil = at + plan.transferMs;
    } else {
      item.state = 'RESTORE_INPROGRESS';
      const plan = item.plan ?? this.world.planItem(this, item);
      item.plan = plan;
      this.itemOut(logfile, worker.pid, this.restoreIntro(item));
      worker.busyUntil = at + plan.restoreMs;
    }
    worker.item = item;
    worker.interrupted = false;
  }

  private transferIntro(item: TransferItem): string[] {
    if (this.kind === 'LocalRestore') {
      return [`Preparing “${item.key}” for restoration …\n`, 'Extracting the archive …\n'];
    }
    const host = this.remoteHost ?? 'the source server';
    if (isAccountModule(item.module)) {
      return [
        `Packaging the account “${item.key}” on “${host}” …\n`,
        `Copying the account archive from “${host}” to this server …\n`,
      ];
    }
    return [`Fetching the ${itemDisplayName(item.module)} “${item.key}” from “${host}” …\n`];
  }

  private restoreIntro(item: TransferItem): string[] {
    if (isAccountModule(item.module) || item.module === 'LegacyAccountBackup') {
      return [
        `Restoring the account “${item.localItem}” …\n`,
        'Restoring the home directory …\n',
        'Restoring databases and database users …\n',
        'Restoring mail, DNS zones and SSL certificates …\n',
      ];
    }
    return [`Restoring the ${itemDisplayName(item.module)} “${item.localItem}” …\n`];
  }

  private itemOut(logfile: string, pid: number, texts: string[], type: 'out' | 'warn' = 'out'): void {
    for (const text of texts) this.logs.append(logfile, logLine(pid, type, text, type === 'warn' ? 1 : 0));
  }

  private finishItem(worker: Worker, at: number): void {
    const item = worker.item;
    if (item === undefined) return;
    const queue = worker.queue;
    const plan = item.plan ?? { transferMs: 0, restoreMs: 0, warnings: [] };
    const logfile = itemLogName(queue, item.module, item.key);
    const context = this.itemContext(item);
    const time = epochSeconds(at);
    const failure = worker.interrupted
      ? ABORT_FAILURE
      : queue === 'TRANSFER'
        ? plan.transferFailure
        : plan.restoreFailure;
    const warnings = queue === 'RESTORE' && failure === undefined ? plan.warnings : [];
    const summary: JsonObject = {
      warnings: warnings.length,
      dangerous_items: 0,
      skipped_items: 0,
      altered_items: 0,
    };
    const contents: JsonObject = {
      warnings: warnings.length > 0 ? [...warnings] : null,
      skipped_items: null,
      dangerous_items: null,
      altered_items: null,
    };
    const base = { childNumber: worker.childNumber, time, queue, item: context, logfile };

    if (warnings.length > 0) this.itemOut(logfile, worker.pid, warnings.map((text) => `${text}\n`), 'warn');

    if (failure !== undefined) {
      const msg: JsonObject = { ...summary, failure, size: item.size, contents };
      this.control(worker.pid, { ...base, action: 'failed-item', msg });
      this.logs.append(MASTER_ERROR_LOG, logLine(worker.pid, 'control', controlContents({ ...base, action: 'failed-item', msg })));
      this.logs.append(logfile, logLine(worker.pid, 'failure', `${failure}\n`));
      item.state = 'FAILED';
      item.failure = failure;
      if (queue === 'TRANSFER') this.failInRestoreQueue(worker, item, failure, time);
    } else {
      const msg: JsonObject = { ...summary, message: null, size: item.size, contents };
      this.control(worker.pid, { ...base, action: warnings.length > 0 ? 'warning-item' : 'success-item', msg });
      if (queue === 'TRANSFER') {
        this.logs.append(logfile, logLine(worker.pid, 'success', 'Transfer complete.\n'));
        item.state = 'RESTORE_PENDING';
      } else {
        this.logs.append(logfile, logLine(worker.pid, 'success', 'Restore complete.\n'));
        item.state = 'COMPLETED';
        this.world.onItemRestored(this, item);
      }
    }
    worker.item = undefined;
    worker.interrupted = false;
    worker.busyUntil = at;
  }

  /** A transfer failure also fails the item in the RESTORE queue, written by the same worker. */
  private failInRestoreQueue(worker: Worker, item: TransferItem, failure: string, time: number): void {
    const logfile = itemLogName('RESTORE', item.module, item.key);
    const base = { childNumber: worker.childNumber, time, queue: 'RESTORE' as const, item: this.itemContext(item), logfile };
    this.control(worker.pid, { ...base, action: 'start-item', msg: { size: item.size } });
    this.control(worker.pid, { ...base, action: 'failed-item', msg: { failure, size: item.size } });
    this.logs.create(logfile);
    this.logs.append(logfile, logLine(worker.pid, 'failure', `${failure}\n`));
  }

  private finishProcessor(run: ProcessorRun, at: number): void {
    const anyAborted = run.workers.some((worker) => worker.exit === 'aborted');
    const anyPaused = run.workers.some((worker) => worker.exit === 'paused');
    if (anyAborted && run.aborting) {
      this.masterControl(at, 'abort');
      this.state = 'ABORTED';
      this.endedAt = at;
    } else if (anyPaused && run.pausing && !run.aborting) {
      this.masterControl(at, 'pause');
      this.state = 'PAUSED';
    } else {
      this.masterControl(at, 'complete');
      this.state = 'COMPLETED';
      this.endedAt = at;
    }
    this.run = undefined;
  }

  private masterControl(at: number, action: string, extra: { queue?: QueueName; msg?: JsonObject[string] } = {}): void {
    const pid = this.run?.masterPid ?? this.world.apiPid;
    this.control(pid, { action, childNumber: 0, time: epochSeconds(at), ...extra });
  }

  private control(pid: number, fields: Parameters<typeof controlContents>[0]): void {
    this.logs.control(MASTER_LOG, pid, fields);
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
