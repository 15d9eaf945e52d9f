// One run of the transfer processor (one master process, TRANSFER and RESTORE worker processes) as a
// lazily evaluated discrete-event model, writing master.log / item logs the way the real processor does.
import { epochSeconds } from './clock.js';
import type { JsonObject } from './envelope.js';
import { MASTER_ERROR_LOG, MASTER_LOG, type ItemContext, controlContents, itemLogName, logLine } from './logs.js';
import { itemDisplayName, modulePriority } from './modules.js';
import {
  ABORT_FAILURE,
  RESTORE_DONE_TEXT,
  SESSION_FORMAT_VERSION,
  TRANSFER_DONE_TEXT,
  finishedItemMessage,
  restoreIntro,
  transferIntro,
} from './processor-texts.js';
import type { ProcessorExit, ProcessorSession, SessionWorld, TransferItem } from './session-model.js';
import type { ItemQueueState, QueueName } from './types.js';

export type { ProcessorExit, ProcessorSession } from './session-model.js';

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

const QUEUES: readonly QueueName[] = ['TRANSFER', 'RESTORE'];
const MAX_THREADS = 9;
/** How long in-flight items keep running after an abort signal (simulated ms). */
const ABORT_GRACE_MS = 1500;

const QUEUE_STATE_CODES: Record<ItemQueueState, number> = {
  TRANSFER_PENDING: 0,
  TRANSFER_INPROGRESS: 10,
  RESTORE_PENDING: 30,
  RESTORE_INPROGRESS: 40,
  COMPLETED: 100,
  FAILED: 200,
};

export class TransferProcessor {
  readonly masterPid: number;
  private readonly workers: Worker[] = [];
  /** Simulated time up to which the run has been evaluated. */
  private cursor: number;
  private pausing = false;
  private aborting = false;

  /** Starts a run at `at`: the master writes its header (or `resume`) and spawns the workers. */
  constructor(
    private readonly session: ProcessorSession,
    private readonly world: SessionWorld,
    at: number,
    resume: boolean,
  ) {
    this.masterPid = world.allocatePid();
    this.cursor = at;
    session.logs.create(MASTER_ERROR_LOG);
    const counts = { TRANSFER: this.pendingFor('TRANSFER').length, RESTORE: this.pendingFor('RESTORE').length };
    const activeQueues = QUEUES.filter((queue) => counts[queue] > 0);
    if (resume) {
      this.masterControl(at, 'resume');
    } else {
      this.masterControl(at, 'start');
      this.masterControl(at, 'initiator', { msg: session.initiator });
      this.masterControl(at, 'version', { msg: SESSION_FORMAT_VERSION });
      for (const queue of activeQueues) {
        const size = this.pendingFor(queue).reduce((total, item) => total + item.size, 0);
        this.masterControl(at, 'queue_count', { queue, msg: counts[queue] });
        this.masterControl(at, 'queue_size', { queue, msg: size });
      }
    }
    this.masterControl(at, 'remotehost', session.remoteHost === null ? {} : { msg: session.remoteHost });
    for (const queue of activeQueues) {
      const configured = queue === 'TRANSFER' ? session.transferThreads : session.restoreThreads;
      const threads = Math.min(Math.max(1, Math.min(configured, MAX_THREADS)), counts[queue]);
      for (let childNumber = 1; childNumber <= threads; childNumber += 1) {
        this.workers.push({ queue, childNumber, pid: world.allocatePid(), busyUntil: at, interrupted: false });
      }
    }
  }

  /** The pause signal: workers stop taking items. False when a pause is already under way. */
  requestPause(at: number): boolean {
    if (this.pausing) return false;
    this.pausing = true;
    this.masterControl(at, 'pausing');
    return true;
  }

  /** The abort signal: workers stop taking items and in-flight items are cut after a grace period. */
  requestAbort(at: number): void {
    // The master logs `aborting` once, however often the abort is requested.
    if (this.aborting) return;
    this.aborting = true;
    this.masterControl(at, 'aborting');
    for (const worker of this.workers) {
      if (worker.item !== undefined && worker.busyUntil > at + ABORT_GRACE_MS) {
        worker.busyUntil = at + ABORT_GRACE_MS;
        worker.interrupted = true;
      }
    }
  }

  /** Evaluates the run up to simulated time `to`; says how and when it ended once every worker has exited. */
  advance(to: number): { exit: ProcessorExit; at: number } | undefined {
    for (;;) {
      let acted = true;
      while (acted) {
        acted = false;
        for (const worker of this.workers) {
          if (worker.exit === undefined && worker.item === undefined && this.workerActs(worker, this.cursor)) acted = true;
        }
      }
      if (this.workers.every((worker) => worker.exit !== undefined)) return { exit: this.finish(this.cursor), at: this.cursor };
      const busy = this.workers.filter((worker) => worker.item !== undefined);
      if (busy.length === 0) break;
      const next = Math.min(...busy.map((worker) => worker.busyUntil));
      if (next > to) break;
      this.cursor = next;
      for (const worker of busy) {
        if (worker.busyUntil === next) this.finishItem(worker, next);
      }
    }
    this.cursor = Math.max(this.cursor, to);
    return undefined;
  }

  /**
   * The master's last line. A requested abort or pause always ends the run that way, even when
   * the queues ran dry meanwhile: §1.1 allows COMPLETED only from RUNNING.
   */
  private finish(at: number): ProcessorExit {
    if (this.aborting) {
      this.masterControl(at, 'abort');
      return 'aborted';
    }
    if (this.pausing) {
      this.masterControl(at, 'pause');
      return 'paused';
    }
    this.masterControl(at, 'complete');
    return 'completed';
  }

  /** Items that still need `queue` (not yet taken by it). */
  private pendingFor(queue: QueueName): TransferItem[] {
    const limit = queue === 'TRANSFER' ? QUEUE_STATE_CODES.TRANSFER_INPROGRESS : QUEUE_STATE_CODES.RESTORE_INPROGRESS;
    return this.session.items.filter((item) => QUEUE_STATE_CODES[item.state] < limit);
  }

  private nextItemFor(queue: QueueName): TransferItem | undefined {
    const wanted: ItemQueueState = queue === 'TRANSFER' ? 'TRANSFER_PENDING' : 'RESTORE_PENDING';
    const candidates = this.session.items.filter((item) => item.state === wanted);
    candidates.sort((a, b) => modulePriority(a.module) - modulePriority(b.module) || a.priority - b.priority || a.seq - b.seq);
    return candidates[0];
  }

  /** One turn of a worker's loop; false when it has to wait (blocked queue). */
  private workerActs(worker: Worker, at: number): boolean {
    const hasNext = this.pendingFor(worker.queue).length > 0;
    if (this.aborting && hasNext) {
      worker.exit = 'aborted';
      return true;
    }
    if (this.pausing && hasNext) {
      worker.exit = 'paused';
      return true;
    }
    const item = this.nextItemFor(worker.queue);
    if (item !== undefined) {
      this.beginItem(worker, item, at);
      return true;
    }
    if (worker.queue === 'RESTORE' && hasNext && this.transfersCanStillFeed()) return false;
    this.control(worker.pid, {
      action: 'complete',
      childNumber: worker.childNumber,
      time: epochSeconds(at),
      queue: worker.queue,
    });
    worker.exit = 'complete';
    return true;
  }

  private transfersCanStillFeed(): boolean {
    const items = this.session.items;
    if (items.some((item) => item.state === 'TRANSFER_INPROGRESS')) return true;
    const transferWorkerAlive = this.workers.some((worker) => worker.queue === 'TRANSFER' && worker.exit === undefined);
    return transferWorkerAlive && items.some((item) => item.state === 'TRANSFER_PENDING');
  }

  private itemContext(item: TransferItem): ItemContext {
    return { item: item.key, localItem: item.localItem, itemType: item.module, itemName: itemDisplayName(item.module) };
  }

  private beginItem(worker: Worker, item: TransferItem, at: number): void {
    const queue = worker.queue;
    const logfile = itemLogName(queue, item.module, item.key);
    const base = { childNumber: worker.childNumber, time: epochSeconds(at), queue, item: this.itemContext(item), logfile };
    this.control(worker.pid, { ...base, action: 'start' });
    this.control(worker.pid, { ...base, action: 'process-item', msg: logfile });
    this.control(worker.pid, { ...base, action: 'start-item', msg: { size: item.size } });
    this.session.logs.create(logfile);
    if (queue === 'TRANSFER') {
      item.state = 'TRANSFER_INPROGRESS';
      item.plan = this.world.planItem(this.session, item);
      this.itemOut(logfile, worker.pid, transferIntro(this.session.kind, this.session.remoteHost, item));
      worker.busyUntil = at + item.plan.transferMs;
    } else {
      item.state = 'RESTORE_INPROGRESS';
      const plan = item.plan ?? this.world.planItem(this.session, item);
      item.plan = plan;
      this.itemOut(logfile, worker.pid, restoreIntro(item));
      worker.busyUntil = at + plan.restoreMs;
    }
    worker.item = item;
    worker.interrupted = false;
  }

  private itemOut(logfile: string, pid: number, texts: string[], type: 'out' | 'warn' = 'out'): void {
    for (const text of texts) this.session.logs.append(logfile, logLine(pid, type, text, type === 'warn' ? 1 : 0));
  }

  private finishItem(worker: Worker, at: number): void {
    const item = worker.item;
    if (item === undefined) return;
    const queue = worker.queue;
    const logs = this.session.logs;
    const plan = item.plan ?? { transferMs: 0, restoreMs: 0, warnings: [] };
    const logfile = itemLogName(queue, item.module, item.key);
    const time = epochSeconds(at);
    const failure = worker.interrupted ? ABORT_FAILURE : queue === 'TRANSFER' ? plan.transferFailure : plan.restoreFailure;
    const warnings = queue === 'RESTORE' && failure === undefined ? plan.warnings : [];
    const msg: JsonObject = finishedItemMessage(item, warnings, failure);
    const base = { childNumber: worker.childNumber, time, queue, item: this.itemContext(item), logfile };

    if (warnings.length > 0)
      this.itemOut(
        logfile,
        worker.pid,
        warnings.map((text) => `${text}\n`),
        'warn',
      );

    if (failure !== undefined) {
      this.control(worker.pid, { ...base, action: 'failed-item', msg });
      logs.append(MASTER_ERROR_LOG, logLine(worker.pid, 'control', controlContents({ ...base, action: 'failed-item', msg })));
      logs.append(logfile, logLine(worker.pid, 'failure', `${failure}\n`));
      item.state = 'FAILED';
      item.failure = failure;
      if (queue === 'TRANSFER') this.failInRestoreQueue(worker, item, failure, time);
    } else {
      this.control(worker.pid, { ...base, action: warnings.length > 0 ? 'warning-item' : 'success-item', msg });
      if (queue === 'TRANSFER') {
        logs.append(logfile, logLine(worker.pid, 'success', TRANSFER_DONE_TEXT));
        item.state = 'RESTORE_PENDING';
      } else {
        logs.append(logfile, logLine(worker.pid, 'success', RESTORE_DONE_TEXT));
        item.state = 'COMPLETED';
        this.world.onItemRestored(this.session, item);
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
    this.session.logs.create(logfile);
    this.session.logs.append(logfile, logLine(worker.pid, 'failure', `${failure}\n`));
  }

  private masterControl(at: number, action: string, extra: { queue?: QueueName; msg?: JsonObject[string] } = {}): void {
    this.control(this.masterPid, { action, childNumber: 0, time: epochSeconds(at), ...extra });
  }

  private control(pid: number, fields: Parameters<typeof controlContents>[0]): void {
    this.session.logs.control(MASTER_LOG, pid, fields);
  }
}
