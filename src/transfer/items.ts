// Per-item outcomes from the item lines of master.log (start → process-item → start-item →
// success-item | failed-item, once per queue). WHM has no API for item states and reports a session
// with failed items as COMPLETED, so the log is the only place an item failure shows (REFERENCE §1.2, §2.14).
import { toTransferQueue, type TransferEvent, type TransferQueue } from './events.js';
import type { TransferItemState } from './states.js';
import { isJsonObject, toCount, toText, type JsonObject } from './values.js';

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

type LoggedPhase = 'none' | 'started' | 'succeeded' | 'failed';

interface QueueRecord extends TransferItemCounts {
  phase: LoggedPhase;
  childNumber: number | null;
  size: number | null;
  failure: string | null;
  message: string | null;
  logfile: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface ItemRecord {
  itemType: string;
  item: string;
  itemName: string | null;
  localItem: string | null;
  firstAt: Date | null;
  queues: Record<TransferQueue, QueueRecord>;
}

// Real servers end an item restored with warnings with warning-item: a success that has warnings.
const SUCCESS_ACTIONS = new Set(['success-item', 'warning-item']);
const ITEM_ACTIONS = new Set(['start', 'process-item', 'start-item', 'failed-item', ...SUCCESS_ACTIONS]);
// Item logs are named item-<QUEUE>_<Module>_<item>; module names contain no underscore.
const ITEM_LOGFILE = /^item-(TRANSFER|RESTORE)_([A-Za-z0-9]+)_/;

export function collectTransferItemOutcomes(events: readonly TransferEvent[]): TransferItemOutcome[] {
  const records = new Map<string, ItemRecord>();

  for (const event of events) {
    if (event.item === null) continue;
    const fromLogfile = event.logfile === null ? null : ITEM_LOGFILE.exec(event.logfile);
    const itemType = event.itemType ?? fromLogfile?.[2] ?? event.itemName ?? 'unknown';
    const key = transferItemKey(itemType, event.item);
    let record = records.get(key);
    if (record === undefined) {
      record = {
        itemType,
        item: event.item,
        itemName: null,
        localItem: null,
        firstAt: null,
        queues: { TRANSFER: emptyQueueRecord(), RESTORE: emptyQueueRecord() },
      };
      records.set(key, record);
    }
    record.itemName ??= event.itemName;
    record.localItem ??= event.localItem;
    if (event.at !== null && (record.firstAt === null || event.at.getTime() < record.firstAt.getTime())) {
      record.firstAt = event.at;
    }

    const queue = event.queue ?? toTransferQueue(fromLogfile?.[1]);
    if (queue === null || !ITEM_ACTIONS.has(event.action)) continue;
    applyQueueEvent(record.queues[queue], event);
  }

  return [...records.entries()].map(([key, record]) => toOutcome(key, record));
}

function emptyQueueRecord(): QueueRecord {
  return {
    phase: 'none',
    childNumber: null,
    size: null,
    failure: null,
    message: null,
    logfile: null,
    startedAt: null,
    finishedAt: null,
    warnings: 0,
    skippedItems: 0,
    dangerousItems: 0,
    alteredItems: 0,
  };
}

function applyQueueEvent(record: QueueRecord, event: TransferEvent): void {
  const isFinish = SUCCESS_ACTIONS.has(event.action) || event.action === 'failed-item';
  const isRestart = event.action === 'start' || event.action === 'start-item';
  // A queue that finished and then starts the item again (a resumed session) is on a new attempt.
  if (isRestart && (record.phase === 'succeeded' || record.phase === 'failed')) {
    Object.assign(record, emptyQueueRecord());
  }
  if (record.phase === 'none') record.phase = 'started';
  record.childNumber = event.childNumber ?? record.childNumber;
  record.logfile = event.logfile ?? record.logfile;
  record.startedAt ??= event.at;
  const size = isJsonObject(event.msg) ? toCount(event.msg.size) : null;
  if (size !== null) record.size = size;
  if (!isFinish) return;

  record.phase = SUCCESS_ACTIONS.has(event.action) ? 'succeeded' : 'failed';
  record.finishedAt = event.at;
  const result = isJsonObject(event.msg) ? event.msg : null;
  Object.assign(record, readCounts(result));
  record.message = result === null ? null : toText(result.message);
  // A failed-item always reads as failed, even when the server gave no text for it.
  record.failure = event.action === 'failed-item' ? (event.message ?? record.message) : null;
}

/** msg.warnings etc. are counts; older or richer lines may only list them under msg.contents. */
function readCounts(result: JsonObject | null): TransferItemCounts {
  const listed = result !== null && isJsonObject(result.contents) ? result.contents : null;
  const count = (key: string): number => {
    const direct = result === null ? null : toCount(result[key]);
    if (direct !== null) return direct;
    const list = listed?.[key];
    return Array.isArray(list) ? list.length : 0;
  };
  return {
    warnings: count('warnings'),
    skippedItems: count('skipped_items'),
    dangerousItems: count('dangerous_items'),
    alteredItems: count('altered_items'),
  };
}

function toOutcome(key: string, record: ItemRecord): TransferItemOutcome {
  const transferRecord = record.queues.TRANSFER;
  const restoreRecord = record.queues.RESTORE;
  const transferFailed = transferRecord.phase === 'failed';
  const transfer = toQueueOutcome('TRANSFER', transferRecord, statusOf(transferRecord));
  const restoreStatus =
    transferFailed && restoreRecord.phase !== 'failed' ? 'SKIPPED' : statusOf(restoreRecord);
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
