// Items come from master.log once WHM picked them up; before that, from what the gateway enqueued.
import type { TransferItemResolvers } from '../generated/graphql.js';
import type { TransferItemModel } from './models.js';

const fromLog = <T>(item: TransferItemModel, read: (outcome: Extract<TransferItemModel, { source: 'log' }>['outcome']) => T, fallback: T): T =>
  item.source === 'log' ? read(item.outcome) : fallback;

export const TransferItem: TransferItemResolvers = {
  module: (item) => (item.source === 'log' ? item.outcome.itemType : item.module),
  kind: (item) => fromLog(item, (outcome) => outcome.itemName, null),
  name: (item) => (item.source === 'log' ? item.outcome.item : item.name),
  localName: (item) => (item.source === 'log' ? item.outcome.localItem : item.localName),
  size: (item) => (item.source === 'log' ? item.outcome.size : item.size),
  // Not in the log yet: still waiting in the TRANSFER queue.
  state: (item) => fromLog(item, (outcome) => outcome.state, 'TRANSFER_PENDING'),
  warnings: (item) => fromLog(item, (outcome) => outcome.warnings, 0),
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
