// Builds synthetic master.log text in the JSON Lines shape of REFERENCE §2.14, so tests can describe a
// session as a story (header, items through queues, completes) instead of pasting long JSON.

export type Queue = 'TRANSFER' | 'RESTORE';

export interface ItemRef {
  item: string;
  itemType: string;
  itemName: string;
  localItem?: string;
  size: number;
}

export interface ItemResult {
  warnings?: number;
  skippedItems?: number;
  dangerousItems?: number;
  alteredItems?: number;
  message?: string | null;
  failure?: string;
}

/** Collects log lines with a clock that advances one second per line. */
export class SampleLog {
  readonly lines: string[] = [];
  private clock: number;

  constructor(
    readonly masterPid = 4100,
    startTime = 1_760_000_000,
  ) {
    this.clock = startTime;
  }

  /** The time the next line will carry. */
  get now(): number {
    return this.clock;
  }

  control(pid: number, contents: Record<string, unknown>): this {
    this.lines.push(JSON.stringify({ pid, type: 'control', indent: 0, partial: 0, contents: { time: this.clock, ...contents } }));
    this.clock += 1;
    return this;
  }

  text(pid: number, type: string, contents: string, partial = 0): this {
    this.lines.push(JSON.stringify({ pid, type, indent: 1, partial, contents }));
    return this;
  }

  header(options: {
    initiator: string;
    version: number | string;
    remoteHost: string;
    queues: Record<Queue, { count: number; size: number }>;
  }): this {
    const master = { child_number: 0 };
    this.control(this.masterPid, { action: 'start', ...master });
    this.control(this.masterPid, { action: 'initiator', msg: options.initiator, ...master });
    this.control(this.masterPid, { action: 'version', msg: options.version, ...master });
    for (const queue of ['TRANSFER', 'RESTORE'] as const) {
      this.control(this.masterPid, { action: 'queue_count', queue, msg: options.queues[queue].count, ...master });
      this.control(this.masterPid, { action: 'queue_size', queue, msg: options.queues[queue].size, ...master });
    }
    return this.control(this.masterPid, { action: 'remotehost', msg: options.remoteHost, ...master });
  }

  /** start → process-item → start-item for one item in one queue, by a worker. */
  beginItem(pid: number, child: number, queue: Queue, ref: ItemRef): this {
    const fields = itemFields(child, queue, ref);
    this.control(pid, { action: 'start', ...fields });
    this.control(pid, { action: 'process-item', msg: fields.logfile, ...fields });
    return this.control(pid, { action: 'start-item', msg: { size: ref.size }, ...fields });
  }

  succeedItem(pid: number, child: number, queue: Queue, ref: ItemRef, result: ItemResult = {}): this {
    return this.control(pid, { action: 'success-item', msg: resultMsg(ref, result), ...itemFields(child, queue, ref) });
  }

  failItem(pid: number, child: number, queue: Queue, ref: ItemRef, result: ItemResult & { failure: string }): this {
    return this.control(pid, { action: 'failed-item', msg: resultMsg(ref, result), ...itemFields(child, queue, ref) });
  }

  workerComplete(pid: number, child: number, queue: Queue): this {
    return this.control(pid, { action: 'complete', queue, child_number: child });
  }

  masterComplete(): this {
    return this.control(this.masterPid, { action: 'complete', child_number: 0 });
  }

  toString(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }
}

function itemFields(child: number, queue: Queue, ref: ItemRef): Record<string, unknown> & { logfile: string } {
  return {
    child_number: child,
    queue,
    item: ref.item,
    item_type: ref.itemType,
    item_name: ref.itemName,
    local_item: ref.localItem ?? ref.item,
    logfile: `item-${queue}_${ref.itemType}_${ref.item}`,
  };
}

function resultMsg(ref: ItemRef, result: ItemResult): Record<string, unknown> {
  const msg: Record<string, unknown> = {
    warnings: result.warnings ?? 0,
    skipped_items: result.skippedItems ?? 0,
    dangerous_items: result.dangerousItems ?? 0,
    altered_items: result.alteredItems ?? 0,
    message: result.message ?? null,
    size: ref.size,
    contents: { warnings: null, skipped_items: null, dangerous_items: null, altered_items: null },
  };
  if (result.failure !== undefined) msg.failure = result.failure;
  return msg;
}

// The cast of a typical root session: three accounts and one package from the source server.
export const gold: ItemRef = { item: 'gold', itemType: 'PackageRemoteRoot', itemName: 'Package', size: 1 };
export const alice: ItemRef = { item: 'alice', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 1_000_000 };
export const bob: ItemRef = {
  item: 'bob',
  itemType: 'AccountRemoteRoot',
  itemName: 'Account',
  localItem: 'bob2',
  size: 2_000_000,
};
export const carol: ItemRef = { item: 'carol', itemType: 'AccountRemoteRoot', itemName: 'Account', size: 3_000_000 };

export const TRANSFER_PID = 4101;
export const RESTORE_PID = 4102;
export const CAROL_RESTORE_FAILURE = 'Restoring carol stopped: the MySQL dump could not be imported.';

/**
 * A root session copying gold, alice, bob and carol. bob finishes with warnings, carol fails in the
 * RESTORE queue, and the session still ends COMPLETED. `marks` names line counts at notable moments.
 */
export function rootSessionLog(): { log: SampleLog; marks: { midTransfer: number } } {
  const log = new SampleLog();
  const total = gold.size + alice.size + bob.size + carol.size;
  log.header({
    initiator: 'copyacct',
    version: 2.3,
    remoteHost: 'source.example.net',
    queues: { TRANSFER: { count: 4, size: total }, RESTORE: { count: 4, size: total } },
  });
  const T = TRANSFER_PID;
  const R = RESTORE_PID;
  log.beginItem(T, 1, 'TRANSFER', gold).text(T, 'out', 'Copying package gold\n').succeedItem(T, 1, 'TRANSFER', gold);
  log.beginItem(R, 1, 'RESTORE', gold);
  log.beginItem(T, 1, 'TRANSFER', alice).succeedItem(T, 1, 'TRANSFER', alice);
  log.succeedItem(R, 1, 'RESTORE', gold);
  log.beginItem(R, 1, 'RESTORE', alice);
  log.beginItem(T, 1, 'TRANSFER', bob).succeedItem(T, 1, 'TRANSFER', bob, { warnings: 1 });
  log.beginItem(T, 1, 'TRANSFER', carol);
  // Cut here: gold done, alice restoring, bob waiting for restore, carol transferring.
  const midTransfer = log.lines.length;
  log.succeedItem(R, 1, 'RESTORE', alice, { message: 'Account restored.' });
  log.succeedItem(T, 1, 'TRANSFER', carol).workerComplete(T, 1, 'TRANSFER');
  // A warning written in two fragments, with another process's line in between.
  log.beginItem(R, 1, 'RESTORE', bob).text(R, 'warn', 'Could not keep a custom ', 1);
  log.text(log.masterPid, 'out', 'Waiting for the restore queue\n');
  log.text(R, 'warn', 'DNS zone for bob.example\n');
  log.succeedItem(R, 1, 'RESTORE', bob, { warnings: 2, skippedItems: 1 });
  log.beginItem(R, 1, 'RESTORE', carol).failItem(R, 1, 'RESTORE', carol, { failure: CAROL_RESTORE_FAILURE });
  log.workerComplete(R, 1, 'RESTORE').masterComplete();
  return { log, marks: { midTransfer } };
}
