// One physical master.log line to what it holds: a skip reason, a control event, or a text fragment.
// Shared by the one-shot parser and the incremental one, so both read every line shape the same way;
// joining `partial` fragments is left to each, since that is where they differ.
import { eventCursorForLine } from './cursor.js';
import type { SkippedLineReason, TransferEvent, TransferQueue } from './events.js';
import {
  epochSecondsToDate,
  isJsonObject,
  isTruthyFlag,
  logTimestampToDate,
  toCount,
  toText,
  type JsonObject,
  type JsonValue,
} from './values.js';

/** The `action` given to plain text lines (out / warn / success / failure), which carry no action of their own. */
export const TEXT_EVENT_ACTION = 'text';

export type LogLineReading =
  | { kind: 'skip'; reason: SkippedLineReason }
  | { kind: 'control'; event: TransferEvent; pidKey: string }
  | {
      kind: 'text';
      /** out, warn, … */
      type: string;
      fragment: string;
      /** `partial: 1`: the same process continues this text on a later line. */
      partial: boolean;
      pid: number | null;
      /** Fragments are joined per process; '' for lines without a pid. */
      pidKey: string;
      at: Date | null;
    };

/**
 * `content` is the line without its '\n' (and without a '\r' before it). `unterminated`: the line is
 * the last one and has no newline, so invalid JSON there means the writer has not finished it.
 */
export function readLogLine(content: string, line: number, unterminated: boolean): LogLineReading {
  if (content.trim().length === 0) return { kind: 'skip', reason: 'blank' };
  const record = parseJsonLine(content);
  if (record === undefined) return { kind: 'skip', reason: unterminated ? 'truncated' : 'invalid-json' };
  if (!isJsonObject(record)) return { kind: 'skip', reason: 'not-an-object' };

  const contents = record.contents;
  const pid = toCount(record.pid);
  const pidKey = pid === null ? '' : String(pid);
  const lineTime = epochSecondsToDate(record.time) ?? logTimestampToDate(record.timestamp);
  if (isJsonObject(contents)) return { kind: 'control', event: controlEvent(contents, record, pid, lineTime, line), pidKey };

  const fragment = typeof contents === 'string' || typeof contents === 'number' ? String(contents) : null;
  if (fragment === null) return { kind: 'skip', reason: 'no-contents' };
  const type = toText(record.type) ?? 'out';
  return { kind: 'text', type, fragment, partial: isTruthyFlag(record.partial), pid, pidKey, at: lineTime };
}

export function toTransferQueue(value: unknown): TransferQueue | null {
  const text = toText(value)?.trim().toUpperCase();
  return text === 'TRANSFER' || text === 'RESTORE' ? text : null;
}

export function textEvent(type: string, text: string, pid: number | null, at: Date | null, line: number): TransferEvent {
  return {
    at,
    action: TEXT_EVENT_ACTION,
    queue: null,
    childNumber: null,
    item: null,
    itemName: null,
    itemType: null,
    localItem: null,
    logfile: null,
    message: text,
    pid,
    type,
    msg: null,
    line,
    cursor: eventCursorForLine(line),
  };
}

/** undefined for text that is not JSON (JSON itself can be null). */
function parseJsonLine(content: string): JsonValue | undefined {
  try {
    return JSON.parse(content) as JsonValue;
  } catch {
    return undefined;
  }
}

function controlEvent(
  contents: JsonObject,
  record: JsonObject,
  pid: number | null,
  lineTime: Date | null,
  line: number,
): TransferEvent {
  const action = toText(contents.action) ?? 'unknown';
  const msg = contents.msg ?? null;
  return {
    at: epochSecondsToDate(contents.time) ?? lineTime,
    action,
    queue: toTransferQueue(contents.queue),
    childNumber: toCount(contents.child_number),
    item: toText(contents.item),
    itemName: toText(contents.item_name),
    itemType: toText(contents.item_type),
    localItem: toText(contents.local_item),
    // process-item names the item log in msg; older lines may lack the separate logfile key.
    logfile: toText(contents.logfile) ?? (action === 'process-item' ? toText(msg) : null),
    message: controlMessage(msg),
    pid,
    type: toText(record.type) ?? 'control',
    msg,
    line,
    cursor: eventCursorForLine(line),
  };
}

function controlMessage(msg: JsonValue): string | null {
  if (isJsonObject(msg)) return toText(msg.failure) ?? toText(msg.message);
  return toText(msg);
}
