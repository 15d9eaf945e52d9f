// Transfer-monitoring domain: pure functions from WHM's state names and master.log text to typed data.
export {
  TRANSFER_ITEM_STATES,
  TRANSFER_ITEM_STATE_CODES,
  TRANSFER_SESSION_STATES,
  TRANSFER_SESSION_STATE_CODES,
  isTerminalItemState,
  isTerminalSessionState,
  isTransferItemState,
  isTransferSessionState,
  toItemState,
  toSessionState,
  type OpenEnumValue,
  type TransferItemState,
  type TransferItemStateValue,
  type TransferSessionState,
  type TransferSessionStateValue,
} from './states.js';
export {
  MAX_SKIPPED_DETAILS,
  TEXT_EVENT_ACTION,
  TRANSFER_QUEUES,
  parseTransferLogEvents,
  toTransferQueue,
  type SkippedLineReason,
  type SkippedLogLine,
  type TransferEvent,
  type TransferLogEvents,
  type TransferQueue,
} from './events.js';
export { summarizeTransferSession, type TransferQueueHeader, type TransferSessionFacts } from './session.js';
export {
  collectTransferItemOutcomes,
  transferItemKey,
  type TransferItemCounts,
  type TransferItemOutcome,
  type TransferItemQueueOutcome,
  type TransferItemQueueStatus,
} from './items.js';
export { computeTransferProgress, type TransferProgress, type TransferQueueProgress } from './progress.js';
export { MAX_ITEM_WARNINGS, itemLogWarnings, itemLogsWithWarnings } from './item-warnings.js';
export { parseTransferLog, type ParsedTransferLog } from './log-parser.js';
export { capLogSize, tailLines, tailLog, utf8ByteLength, type LogTail, type LogTailLimits } from './tail.js';
export type { JsonObject, JsonValue } from './values.js';
export { guessSessionKind, type SessionKindGuess } from './session-kind.js';
export { InvalidEventCursorError, compareEventCursors, eventCursorForLine, eventCursorLine, eventsAfter } from './cursor.js';
export { IncrementalTransferLogParser, type IncrementalTransferLogOptions, type TransferLogUpdate } from './incremental.js';
export {
  DEFAULT_MAX_CACHED_BYTES,
  DEFAULT_MAX_CACHED_SESSIONS,
  TransferLogCache,
  type TransferLogCacheOptions,
  type TransferLogCacheStats,
} from './log-cache.js';
export type { PrefixCheck } from './prefix-check.js';
export { SESSION_ID_PATTERN } from './session-id.js';
