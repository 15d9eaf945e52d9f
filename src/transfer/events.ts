// master.log (and item logs) are JSON Lines written by a running process (REFERENCE §2.14). WHM returns
// the whole file on every poll, possibly mid-write, and the line shape changed across versions, so this
// reader never throws: lines it cannot use are skipped, counted and described.
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

export type TransferQueue = 'TRANSFER' | 'RESTORE';
export const TRANSFER_QUEUES: readonly TransferQueue[] = ['TRANSFER', 'RESTORE'];

/** The `action` given to plain text lines (out / warn / success / failure), which carry no action of their own. */
export const TEXT_EVENT_ACTION = 'text';

/** One logical log line: a control line, or a text line with its `partial` fragments joined. */
export interface TransferEvent {
  /** From `contents.time` (epoch seconds) or a pkgacct-style `timestamp`; null in older logs. */
  at: Date | null;
  /** start, initiator, version, queue_count, queue_size, remotehost, process-item, start-item, success-item, failed-item, complete, … or 'text'. */
  action: string;
  queue: TransferQueue | null;
  /** 0 = the master process, n = worker n. */
  childNumber: number | null;
  item: string | null;
  /** Human name of the item kind: "Account", "Package", "Feature List". */
  itemName: string | null;
  /** The transfer module, e.g. AccountRemoteRoot. */
  itemType: string | null;
  localItem: string | null;
  /** Item log name, readable with fetch_transfer_session_log. */
  logfile: string | null;
  /** Text lines: the text. Control lines: `msg` when it is text or a number, else its failure or message. */
  message: string | null;
  pid: number | null;
  /** control, out, warn, success, failure (kept open). */
  type: string;
  /** The control line's `msg` as logged (object, number, string), for keys this module does not model. */
  msg: JsonValue | null;
  /** 1-based number of the physical line this event starts on. */
  line: number;
}

export type SkippedLineReason = 'blank' | 'invalid-json' | 'not-an-object' | 'no-contents' | 'truncated';

export interface SkippedLogLine {
  line: number;
  reason: SkippedLineReason;
  /** The start of the line, enough to recognise it. */
  excerpt: string;
}

export interface TransferLogEvents {
  events: TransferEvent[];
  /** Physical lines read (a final newline does not start another line). */
  lineCount: number;
  /** Every line that produced no event. */
  skippedLineCount: number;
  /** Details of the first MAX_SKIPPED_DETAILS skipped lines (a garbage file must not balloon the result). */
  skippedLines: SkippedLogLine[];
  /** The last line had no newline and was not valid JSON: the file was being written. */
  truncatedLastLine: boolean;
}

export const MAX_SKIPPED_DETAILS = 100;
const EXCERPT_LENGTH = 120;

/** An open `partial: 1` text fragment waiting for its continuation from the same process. */
interface OpenFragment {
  event: TransferEvent;
}

export function parseTransferLogEvents(text: string): TransferLogEvents {
  // Callers map wire data that may be missing; a non-string reads as an empty log rather than a crash.
  if (typeof text !== 'string') text = '';
  const physicalLines = splitPhysicalLines(text);
  const endsWithNewline = text.endsWith('\n');
  const events: TransferEvent[] = [];
  const textEvents: TransferEvent[] = [];
  const skippedLines: SkippedLogLine[] = [];
  let skippedLineCount = 0;
  let truncatedLastLine = false;
  // Keyed by pid: workers write to master.log concurrently, so a fragment's continuation need not be the next line.
  const openFragments = new Map<string, OpenFragment>();

  const skip = (line: number, reason: SkippedLineReason, content: string): void => {
    skippedLineCount += 1;
    if (skippedLines.length < MAX_SKIPPED_DETAILS) {
      skippedLines.push({ line, reason, excerpt: content.slice(0, EXCERPT_LENGTH) });
    }
  };

  physicalLines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const content = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (content.trim().length === 0) {
      skip(lineNumber, 'blank', content);
      return;
    }
    const record = parseJsonLine(content);
    if (record === undefined) {
      const isLastAndUnterminated = index === physicalLines.length - 1 && !endsWithNewline;
      if (isLastAndUnterminated) truncatedLastLine = true;
      skip(lineNumber, isLastAndUnterminated ? 'truncated' : 'invalid-json', content);
      return;
    }
    if (!isJsonObject(record)) {
      skip(lineNumber, 'not-an-object', content);
      return;
    }

    const contents = record.contents;
    const pid = toCount(record.pid);
    const pidKey = pid === null ? '' : String(pid);
    const lineTime = epochSecondsToDate(record.time) ?? logTimestampToDate(record.timestamp);

    if (isJsonObject(contents)) {
      // A control line from this process ends any fragment it left open.
      openFragments.delete(pidKey);
      events.push(controlEvent(contents, record, pid, lineTime, lineNumber));
      return;
    }
    const fragment = typeof contents === 'string' || typeof contents === 'number' ? String(contents) : null;
    if (fragment === null) {
      skip(lineNumber, 'no-contents', content);
      return;
    }

    const type = toText(record.type) ?? 'out';
    const open = openFragments.get(pidKey);
    let event: TransferEvent;
    if (open !== undefined && open.event.type === type) {
      event = open.event;
      event.message = (event.message ?? '') + fragment;
    } else {
      event = textEvent(type, fragment, pid, lineTime, lineNumber);
      events.push(event);
      textEvents.push(event);
    }
    if (isTruthyFlag(record.partial)) openFragments.set(pidKey, { event });
    else openFragments.delete(pidKey);
  });

  // Text lines usually end in "\n"; the event holds the line's text, not its terminator.
  for (const event of textEvents) {
    if (event.message !== null) event.message = event.message.replace(/\r?\n$/, '');
  }

  return {
    events,
    lineCount: physicalLines.length,
    skippedLineCount,
    skippedLines,
    truncatedLastLine,
  };
}

export function toTransferQueue(value: unknown): TransferQueue | null {
  const text = toText(value)?.trim().toUpperCase();
  return text === 'TRANSFER' || text === 'RESTORE' ? text : null;
}

function splitPhysicalLines(text: string): string[] {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (withoutBom.length === 0) return [];
  const lines = withoutBom.split('\n');
  // "a\nb\n" is two lines, not three.
  if (withoutBom.endsWith('\n')) lines.pop();
  return lines;
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
  };
}

function controlMessage(msg: JsonValue): string | null {
  if (isJsonObject(msg)) return toText(msg.failure) ?? toText(msg.message);
  return toText(msg);
}

function textEvent(type: string, text: string, pid: number | null, at: Date | null, line: number): TransferEvent {
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
  };
}
