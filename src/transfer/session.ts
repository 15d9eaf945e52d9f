// Session-wide facts from master.log's header lines (start, initiator, version, queue_count, queue_size,
// remotehost) and its final `complete` (REFERENCE §2.14).
import type { TransferEvent, TransferQueue } from './events.js';
import { toCount, toText } from './values.js';

export interface TransferQueueHeader {
  queue: TransferQueue;
  /** queue_count: items queued. */
  itemCount: number | null;
  /** queue_size: sum of the queued items' sizes, in bytes. */
  totalBytes: number | null;
}

export interface TransferSessionFacts {
  /** copyacct (root session), norootcopy (user session), … */
  initiator: string | null;
  /** Transfer system version as text ("2.3"); old logs write it as a string, new ones as a number. */
  version: string | null;
  remoteHost: string | null;
  queues: Record<TransferQueue, TransferQueueHeader>;
  startedAt: Date | null;
  /** The master process (child_number 0) logged its final `complete`. */
  completed: boolean;
  completedAt: Date | null;
  /** Time of the newest timed event: lets a caller see a log that stopped moving. */
  lastEventAt: Date | null;
  /** pid of the master process (of the latest run when the session was paused and resumed). */
  masterPid: number | null;
  /** Every pid seen, in order of first appearance. */
  pids: number[];
}

const HEADER_ACTIONS = new Set(['initiator', 'version', 'remotehost', 'queue_count', 'queue_size']);

export function summarizeTransferSession(events: readonly TransferEvent[]): TransferSessionFacts {
  const accumulator = new TransferSessionAccumulator();
  for (const event of events) accumulator.add(event);
  return accumulator.facts();
}

/**
 * Session facts folded one event at a time (for the incremental parser). `facts` returns a fresh copy
 * each call, optionally with one more event applied that is not kept (a log's unfinished last line).
 */
export class TransferSessionAccumulator {
  private readonly state: TransferSessionFacts = {
    initiator: null,
    version: null,
    remoteHost: null,
    queues: {
      TRANSFER: { queue: 'TRANSFER', itemCount: null, totalBytes: null },
      RESTORE: { queue: 'RESTORE', itemCount: null, totalBytes: null },
    },
    startedAt: null,
    completed: false,
    completedAt: null,
    lastEventAt: null,
    masterPid: null,
    pids: [],
  };
  private readonly seenPids = new Set<number>();
  private firstEventAt: Date | null = null;

  add(event: TransferEvent): void {
    const facts = this.state;
    if (event.pid !== null && !this.seenPids.has(event.pid)) {
      this.seenPids.add(event.pid);
      facts.pids.push(event.pid);
    }
    if (event.at !== null) {
      this.firstEventAt ??= event.at;
      if (facts.lastEventAt === null || event.at.getTime() > facts.lastEventAt.getTime()) facts.lastEventAt = event.at;
    }
    applyFactsEvent(facts, event);
  }

  facts(uncommitted: TransferEvent | null = null): TransferSessionFacts {
    const facts = copyFacts(this.state);
    if (uncommitted !== null) {
      if (uncommitted.pid !== null && !this.seenPids.has(uncommitted.pid)) facts.pids.push(uncommitted.pid);
      if (uncommitted.at !== null && (facts.lastEventAt === null || uncommitted.at.getTime() > facts.lastEventAt.getTime())) {
        facts.lastEventAt = uncommitted.at;
      }
      applyFactsEvent(facts, uncommitted);
    }
    // Logs without a master `start` line still have a first timestamp.
    facts.startedAt ??= this.firstEventAt ?? uncommitted?.at ?? null;
    return facts;
  }
}

function copyFacts(facts: TransferSessionFacts): TransferSessionFacts {
  return {
    ...facts,
    queues: { TRANSFER: { ...facts.queues.TRANSFER }, RESTORE: { ...facts.queues.RESTORE } },
    pids: facts.pids.slice(),
  };
}

/** What one event does to the facts, apart from the pid list and the first/last times. */
function applyFactsEvent(facts: TransferSessionFacts, event: TransferEvent): void {
  if (event.action === 'start' && isMasterEvent(event)) {
    facts.startedAt ??= event.at;
    if (event.pid !== null) facts.masterPid = event.pid;
    // A new master run (resume after pause) means the session is not finished any more.
    facts.completed = false;
    facts.completedAt = null;
    return;
  }
  if (event.action === 'complete' && isMasterEvent(event)) {
    facts.completed = true;
    facts.completedAt = event.at;
    return;
  }
  if (!HEADER_ACTIONS.has(event.action)) return;
  if (facts.masterPid === null && event.pid !== null) facts.masterPid = event.pid;
  applyHeader(facts, event);
}

/** Master lines have child_number 0; very old lines may omit it, but then they name no queue or item either. */
function isMasterEvent(event: TransferEvent): boolean {
  if (event.childNumber !== null) return event.childNumber === 0;
  return event.queue === null && event.item === null;
}

function applyHeader(facts: TransferSessionFacts, event: TransferEvent): void {
  switch (event.action) {
    case 'initiator':
      facts.initiator = toText(event.msg) ?? facts.initiator;
      return;
    case 'version':
      facts.version = toText(event.msg) ?? facts.version;
      return;
    case 'remotehost':
      facts.remoteHost = toText(event.msg) ?? facts.remoteHost;
      return;
    case 'queue_count':
    case 'queue_size': {
      const queue = event.queue;
      const value = toCount(event.msg);
      if (queue === null || value === null) return;
      const header = facts.queues[queue];
      const field = event.action === 'queue_count' ? 'itemCount' : 'totalBytes';
      // A resumed session writes its header again; what it then counts is unverified (the remaining
      // items, or items enqueued while paused), so the largest value seen covers both readings.
      const previous = header[field];
      header[field] = previous === null ? value : Math.max(previous, value);
      return;
    }
  }
}
