// Items come from master.log once WHM picked them up; before that, from what the gateway enqueued.
import type { GatewayContext } from '../context.js';
import type { TransferItemResolvers } from '../generated/graphql.js';
import { itemLogsWithWarnings, itemLogWarnings, MAX_ITEM_WARNINGS } from '../transfer/index.js';
import { whmRefusalOf } from '../whm-access/index.js';
import type { TransferItemModel } from './models.js';

type LoggedItem = Extract<TransferItemModel, { source: 'log' }>;

const fromLog = <T>(item: TransferItemModel, read: (outcome: LoggedItem['outcome']) => T, fallback: T): T =>
  item.source === 'log' ? read(item.outcome) : fallback;

/** An item log master.log names but WHM no longer has (cleaned up) holds no texts to show. */
async function itemLog(item: LoggedItem, file: string, { sessions }: GatewayContext): Promise<string> {
  try {
    return await sessions.logText(item.session, file);
  } catch (error) {
    if (/failed to locate/.test(whmRefusalOf(error)?.reason ?? '')) return '';
    throw error;
  }
}

/** Warning texts from the item's logs: every item of a response asks in the same tick, so one WHM batch reads them all. */
async function warningTexts(item: LoggedItem, context: GatewayContext): Promise<string[]> {
  const logs = await Promise.all(itemLogsWithWarnings(item.outcome).map((file) => itemLog(item, file, context)));
  return logs.flatMap((text) => itemLogWarnings(text)).slice(0, MAX_ITEM_WARNINGS);
}

export const TransferItem: TransferItemResolvers = {
  module: (item) => (item.source === 'log' ? item.outcome.itemType : item.module),
  kind: (item) => fromLog(item, (outcome) => outcome.itemName, null),
  name: (item) => (item.source === 'log' ? item.outcome.item : item.name),
  localName: (item) => (item.source === 'log' ? item.outcome.localItem : item.localName),
  size: (item) => (item.source === 'log' ? item.outcome.size : item.size),
  // Not in the log yet: still waiting in the TRANSFER queue.
  state: (item) => fromLog(item, (outcome) => outcome.state, 'TRANSFER_PENDING'),
  warnings: (item, _args, context) => (item.source === 'log' ? warningTexts(item, context) : []),
  warningCount: (item) => fromLog(item, (outcome) => outcome.warnings, 0),
  skippedItems: (item) => fromLog(item, (outcome) => outcome.skippedItems, 0),
  dangerousItems: (item) => fromLog(item, (outcome) => outcome.dangerousItems, 0),
  alteredItems: (item) => fromLog(item, (outcome) => outcome.alteredItems, 0),
  failure: (item) => fromLog(item, (outcome) => outcome.failure, null),
  message: (item) => fromLog(item, (outcome) => outcome.message, null),
  startedAt: (item) => fromLog(item, (outcome) => outcome.startedAt, null),
  finishedAt: (item) => fromLog(item, (outcome) => outcome.finishedAt, null),
  transferLogFile: (item) => fromLog(item, (outcome) => outcome.transferLogfile, null),
  restoreLogFile: (item) => fromLog(item, (outcome) => outcome.restoreLogfile, null),
};
