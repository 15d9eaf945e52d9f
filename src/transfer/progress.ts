// Progress by bytes, counted the way WHM's own transfer view counts it: a queue's total is its
// queue_size header, an item is done in a queue once success-item or failed-item is logged there, and
// the session figure is done bytes over total bytes across both queues.
import { TRANSFER_QUEUES, type TransferQueue } from './events.js';
import type { TransferItemOutcome, TransferItemQueueOutcome } from './items.js';
import type { TransferSessionFacts } from './session.js';

export interface TransferQueueProgress {
  queue: TransferQueue;
  /** queue_count, or the items seen in the log when the header is missing (whichever is larger). */
  totalItems: number;
  /** Items finished in this queue, successfully or not (the same rule as completedBytes). */
  completedItems: number;
  /**
   * Of completedItems, those that failed in this queue. WHM also logs an item that failed in TRANSFER
   * as failed in RESTORE (REFERENCE §2.14); it counts in TRANSFER only, so the queues add up.
   */
  failedItems: number;
  totalBytes: number;
  completedBytes: number;
  /** 0–100, one decimal. */
  percent: number;
}

export interface TransferProgress {
  queues: TransferQueueProgress[];
  totalBytes: number;
  completedBytes: number;
  /** 0–100, one decimal; 100 once the master's final `complete` is logged, 0 for an empty log. */
  percent: number;
  /** The master's final `complete` was logged. */
  complete: boolean;
}

export function computeTransferProgress(session: TransferSessionFacts, items: readonly TransferItemOutcome[]): TransferProgress {
  const complete = session.completed;
  const queues = TRANSFER_QUEUES.map((queue) => queueProgress(queue, session, items, complete));
  const totalBytes = sum(queues.map((queue) => queue.totalBytes));
  const completedBytes = sum(queues.map((queue) => queue.completedBytes));
  return { queues, totalBytes, completedBytes, percent: percentOf(completedBytes, totalBytes, complete), complete };
}

function queueProgress(
  queue: TransferQueue,
  session: TransferSessionFacts,
  items: readonly TransferItemOutcome[],
  complete: boolean,
): TransferQueueProgress {
  const seen = items.filter((item) => queueOf(item, queue).logged);
  const finished = seen.filter((item) => queueOf(item, queue).finished);
  const seenBytes = sum(seen.map((item) => sizeIn(item, queue)));
  const completedBytes = sum(finished.map((item) => sizeIn(item, queue)));
  const header = session.queues[queue];
  // The header is authoritative; taking the larger of it and what the log shows keeps an
  // inconsistent log (or a resumed session's second header) from going past 100 %.
  const totalBytes = Math.max(header.totalBytes ?? 0, seenBytes);
  const totalItems = Math.max(header.itemCount ?? 0, seen.length);
  return {
    queue,
    totalItems,
    completedItems: finished.length,
    failedItems: finished.filter((item) => failedIn(item, queue)).length,
    totalBytes,
    completedBytes,
    percent: percentOf(completedBytes, totalBytes, complete),
  };
}

/** Failed in this queue, and not already counted as a TRANSFER failure. */
function failedIn(item: TransferItemOutcome, queue: TransferQueue): boolean {
  if (queue === 'RESTORE' && item.transfer.status === 'FAILED') return false;
  return queueOf(item, queue).status === 'FAILED';
}

function queueOf(item: TransferItemOutcome, queue: TransferQueue): TransferItemQueueOutcome {
  return queue === 'TRANSFER' ? item.transfer : item.restore;
}

/** The size logged in this queue, else the item's size from the other queue. */
function sizeIn(item: TransferItemOutcome, queue: TransferQueue): number {
  return queueOf(item, queue).size ?? item.size ?? 0;
}

function percentOf(done: number, total: number, complete: boolean): number {
  if (complete) return 100;
  if (total <= 0) return 0;
  const rounded = Math.round(Math.min(1, done / total) * 1000) / 10;
  // Rounding must not announce 100 % while bytes are still outstanding.
  return rounded === 100 && done < total ? 99.9 : rounded;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
