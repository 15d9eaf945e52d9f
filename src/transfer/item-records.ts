// The per-item fold behind items.ts: what each item line does to an item's record. Records are
// internal; items.ts turns them into the public outcomes.
import type { TransferEvent, TransferQueue } from './events.js';
import type { TransferItemCounts } from './items.js';
import { toTransferQueue } from './log-line.js';
import { isJsonObject, toCount, toText, type JsonObject } from './values.js';

export type LoggedPhase = 'none' | 'started' | 'succeeded' | 'failed';

export interface QueueRecord extends TransferItemCounts {
  phase: LoggedPhase;
  childNumber: number | null;
  size: number | null;
  failure: string | null;
  message: string | null;
  logfile: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ItemRecord {
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

export function newItemRecord(itemType: string, item: string): ItemRecord {
  return {
    itemType,
    item,
    itemName: null,
    localItem: null,
    firstAt: null,
    queues: { TRANSFER: emptyQueueRecord(), RESTORE: emptyQueueRecord() },
  };
}

/** Queue records hold only primitives and Dates that are replaced, never mutated: a shallow copy is enough. */
export function cloneItemRecord(record: ItemRecord): ItemRecord {
  return { ...record, queues: { TRANSFER: { ...record.queues.TRANSFER }, RESTORE: { ...record.queues.RESTORE } } };
}

export function applyItemEvent(record: ItemRecord, event: TransferEvent, logfileQueue: string | undefined): void {
  record.itemName ??= event.itemName;
  record.localItem ??= event.localItem;
  if (event.at !== null && (record.firstAt === null || event.at.getTime() < record.firstAt.getTime())) {
    record.firstAt = event.at;
  }
  const queue = event.queue ?? toTransferQueue(logfileQueue);
  if (queue === null || !ITEM_ACTIONS.has(event.action)) return;
  applyQueueEvent(record.queues[queue], event);
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
