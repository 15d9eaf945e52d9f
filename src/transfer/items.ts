// Per-item outcomes from the item lines of master.log (start → process-item → start-item →
// success-item | failed-item, once per queue). WHM has no API for item states and reports a session
// with failed items as COMPLETED, so the log is the only place an item failure shows (REFERENCE §1.2, §2.14).
import type { TransferEvent, TransferQueue } from './events.js';
import {
  applyItemEvent,
  cloneItemRecord,
  newItemRecord,
  type ItemRecord,
  type LoggedPhase,
  type QueueRecord,
} from './item-records.js';
import type { TransferItemState } from './states.js';

/**
 * What the log says about an item in one queue. SKIPPED: the restore queue did not (successfully)
 * restore an item whose transfer failed — it must never read as restored.
 */
export type TransferItemQueueStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

export interface TransferItemCounts {
  warnings: number;
  skippedItems: number;
  dangerousItems: number;
  alteredItems: number;
}

export interface TransferItemQueueOutcome extends TransferItemCounts {
  queue: TransferQueue;
  status: TransferItemQueueStatus;
  /** The log mentions the item in this queue at all. */
  logged: boolean;
  /** success-item or failed-item was logged in this queue (what progress counts as done). */
  finished: boolean;
  /** Worker that handled the item. */
  childNumber: number | null;
  /** Bytes, from start-item / success-item / failed-item. */
  size: number | null;
  failure: string | null;
  message: string | null;
  logfile: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface TransferItemOutcome extends TransferItemCounts {
  /** `${itemType}:${item}` — module names never contain ':', so the key splits unambiguously. */
  key: string;
  /** The module (item_type), e.g. AccountRemoteRoot. */
  itemType: string;
  /** item_name, e.g. "Account". */
  itemName: string | null;
  /** The item's name on the source (account user, package name, …). */
  item: string;
  /** The name it gets locally (a renamed account differs from `item`). */
  localItem: string | null;
  size: number | null;
  /** Overall item state in WHM's item-state terms. */
  state: TransferItemState;
  transfer: TransferItemQueueOutcome;
  restore: TransferItemQueueOutcome;
  /** Why the item failed: the first failing queue's failure text. */
  failure: string | null;
  message: string | null;
  transferLogfile: string | null;
  restoreLogfile: string | null;
  startedAt: Date | null;
  /** When the item reached COMPLETED or FAILED; null while it is still moving. */
  finishedAt: Date | null;
}

export function transferItemKey(itemType: string, item: string): string {
  return `${itemType}:${item}`;
}

// Item logs are named item-<QUEUE>_<Module>_<item>; module names contain no underscore.
const ITEM_LOGFILE = /^item-(TRANSFER|RESTORE)_([A-Za-z0-9]+)_/;

export function collectTransferItemOutcomes(events: readonly TransferEvent[]): TransferItemOutcome[] {
  const accumulator = new TransferItemAccumulator();
  for (const event of events) accumulator.add(event);
  return accumulator.outcomes();
}

/**
 * Item outcomes folded one event at a time, so an incremental parser pays per new line. `outcomes`
 * builds fresh objects each call, and can apply one more event without keeping it (a log's last,
 * unfinished line is read on every poll but only kept once it is complete).
 */
export class TransferItemAccumulator {
  /** In order of first appearance, which is the order of the outcomes. */
  private readonly records = new Map<string, ItemRecord>();

  add(event: TransferEvent): void {
    const target = itemTarget(event);
    if (target === null) return;
    let record = this.records.get(target.key);
    if (record === undefined) {
      record = newItemRecord(target.itemType, event.item ?? '');
      this.records.set(target.key, record);
    }
    applyItemEvent(record, event, target.logfileQueue);
  }

  outcomes(uncommitted: TransferEvent | null = null): TransferItemOutcome[] {
    const target = uncommitted === null ? null : itemTarget(uncommitted);
    let extra: ItemRecord | null = null;
    if (uncommitted !== null && target !== null) {
      const existing = this.records.get(target.key);
      extra = existing === undefined ? newItemRecord(target.itemType, uncommitted.item ?? '') : cloneItemRecord(existing);
      applyItemEvent(extra, uncommitted, target.logfileQueue);
    }
    const outcomes: TransferItemOutcome[] = [];
    for (const [key, record] of this.records) {
      outcomes.push(toOutcome(key, key === target?.key && extra !== null ? extra : record));
    }
    if (target !== null && extra !== null && !this.records.has(target.key)) outcomes.push(toOutcome(target.key, extra));
    return outcomes;
  }
}

interface ItemTarget {
  key: string;
  itemType: string;
  /** The queue named by the item log's file name, for lines that do not name it themselves. */
  logfileQueue: string | undefined;
}

function itemTarget(event: TransferEvent): ItemTarget | null {
  if (event.item === null) return null;
  const fromLogfile = event.logfile === null ? null : ITEM_LOGFILE.exec(event.logfile);
  const itemType = event.itemType ?? fromLogfile?.[2] ?? event.itemName ?? 'unknown';
  return { key: transferItemKey(itemType, event.item), itemType, logfileQueue: fromLogfile?.[1] };
}

function toOutcome(key: string, record: ItemRecord): TransferItemOutcome {
  const transferRecord = record.queues.TRANSFER;
  const restoreRecord = record.queues.RESTORE;
  const transferFailed = transferRecord.phase === 'failed';
  const transfer = toQueueOutcome('TRANSFER', transferRecord, statusOf(transferRecord));
  const restoreStatus = transferFailed && restoreRecord.phase !== 'failed' ? 'SKIPPED' : statusOf(restoreRecord);
  const restore = toQueueOutcome('RESTORE', restoreRecord, restoreStatus);

  const state = itemState(transferRecord.phase, restoreRecord.phase);
  const finishedAt = state === 'COMPLETED' || state === 'FAILED' ? latest(transfer.finishedAt, restore.finishedAt) : null;

  return {
    key,
    itemType: record.itemType,
    itemName: record.itemName,
    item: record.item,
    localItem: record.localItem,
    size: transfer.size ?? restore.size,
    state,
    transfer,
    restore,
    warnings: transfer.warnings + restore.warnings,
    skippedItems: transfer.skippedItems + restore.skippedItems,
    dangerousItems: transfer.dangerousItems + restore.dangerousItems,
    alteredItems: transfer.alteredItems + restore.alteredItems,
    // The transfer failure is the root cause when both queues failed.
    failure: transfer.failure ?? restore.failure,
    message: restore.message ?? transfer.message,
    transferLogfile: transfer.logfile,
    restoreLogfile: restore.logfile,
    startedAt: record.firstAt,
    finishedAt,
  };
}

function statusOf(record: QueueRecord): TransferItemQueueStatus {
  switch (record.phase) {
    case 'none':
      return 'PENDING';
    case 'started':
      return 'IN_PROGRESS';
    case 'succeeded':
      return 'SUCCEEDED';
    case 'failed':
      return 'FAILED';
  }
}

/** WHM's item state from what each queue logged; a failure in either queue wins. */
function itemState(transfer: LoggedPhase, restore: LoggedPhase): TransferItemState {
  if (transfer === 'failed' || restore === 'failed') return 'FAILED';
  if (restore === 'succeeded') return 'COMPLETED';
  if (restore === 'started') return 'RESTORE_INPROGRESS';
  if (transfer === 'succeeded') return 'RESTORE_PENDING';
  if (transfer === 'started') return 'TRANSFER_INPROGRESS';
  return 'TRANSFER_PENDING';
}

function toQueueOutcome(queue: TransferQueue, record: QueueRecord, status: TransferItemQueueStatus): TransferItemQueueOutcome {
  return {
    queue,
    status,
    logged: record.phase !== 'none',
    finished: record.phase === 'succeeded' || record.phase === 'failed',
    childNumber: record.childNumber,
    size: record.size,
    failure: record.failure,
    message: record.message,
    logfile: record.logfile,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    warnings: record.warnings,
    skippedItems: record.skippedItems,
    dangerousItems: record.dangerousItems,
    alteredItems: record.alteredItems,
  };
}

function latest(first: Date | null, second: Date | null): Date | null {
  if (first === null) return second;
  if (second === null) return first;
  return first.getTime() >= second.getTime() ? first : second;
}
