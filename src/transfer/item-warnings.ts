// Warning texts of an item. master.log only counts an item's warnings; the texts are the `warn` lines of
// its item logs (item-TRANSFER_… and item-RESTORE_…, same JSON Lines format, REFERENCE §2.14).
import { parseTransferLogEvents, TEXT_EVENT_ACTION } from './events.js';
import type { TransferItemOutcome, TransferItemQueueOutcome } from './items.js';

/** A pathological item log must not balloon a response: texts beyond this many are left out. */
export const MAX_ITEM_WARNINGS = 1000;

/** The texts of an item log's warn lines, in log order (`partial` fragments joined, blank ones dropped). */
export function itemLogWarnings(logText: string, limit = MAX_ITEM_WARNINGS): string[] {
  const warnings: string[] = [];
  for (const event of parseTransferLogEvents(logText).events) {
    if (warnings.length >= limit) break;
    if (event.action !== TEXT_EVENT_ACTION || event.type !== 'warn') continue;
    const text = event.message?.trim() ?? '';
    if (text !== '') warnings.push(text);
  }
  return warnings;
}

/**
 * The item logs worth reading for warning texts, TRANSFER first: a queue that logged the item and
 * is still working on it (warnings may be on the way), or finished it with warnings WHM counted.
 * A queue WHM finished with no warnings has none to show, so its log is not read.
 */
export function itemLogsWithWarnings(item: TransferItemOutcome): string[] {
  const worthReading = (queue: TransferItemQueueOutcome): boolean =>
    queue.logfile !== null && queue.logged && (!queue.finished || queue.warnings > 0);
  return [item.transfer, item.restore].filter(worthReading).map((queue) => queue.logfile ?? '');
}
