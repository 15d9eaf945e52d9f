// master.log (and item logs) are JSON Lines written by a running process (REFERENCE §2.14). WHM returns
// the whole file on every poll, possibly mid-write, and the line shape changed across versions, so this
// reader never throws: lines it cannot use are skipped, counted and described.
import { readLogLine, textEvent } from './log-line.js';
import { detachString } from './prefix-check.js';
import type { JsonValue } from './values.js';

export { TEXT_EVENT_ACTION, toTransferQueue } from './log-line.js';

export type TransferQueue = 'TRANSFER' | 'RESTORE';
export const TRANSFER_QUEUES: readonly TransferQueue[] = ['TRANSFER', 'RESTORE'];

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
  /** Opaque, stable across re-reads, ordered like the log: see cursor.ts (eventsAfter). */
  cursor: string;
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
    if (skippedLines.length < MAX_SKIPPED_DETAILS) skippedLines.push(describeSkippedLine(line, reason, content));
  };

  physicalLines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const content = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const isLastAndUnterminated = index === physicalLines.length - 1 && !endsWithNewline;
    const reading = readLogLine(content, lineNumber, isLastAndUnterminated);
    if (reading.kind === 'skip') {
      if (reading.reason === 'truncated') truncatedLastLine = true;
      skip(lineNumber, reading.reason, content);
      return;
    }
    if (reading.kind === 'control') {
      // A control line from this process ends any fragment it left open.
      openFragments.delete(reading.pidKey);
      events.push(reading.event);
      return;
    }

    const { type, fragment, pidKey } = reading;
    const open = openFragments.get(pidKey);
    let event: TransferEvent;
    if (open !== undefined && open.event.type === type) {
      event = open.event;
      event.message = (event.message ?? '') + fragment;
    } else {
      event = textEvent(type, fragment, reading.pid, reading.at, lineNumber);
      events.push(event);
      textEvents.push(event);
    }
    if (reading.partial) openFragments.set(pidKey, { event });
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

export function describeSkippedLine(line: number, reason: SkippedLineReason, content: string): SkippedLogLine {
  // Detached: a slice would keep the whole log text alive for as long as the detail is kept (log-cache.ts).
  return { line, reason, excerpt: detachString(content.slice(0, EXCERPT_LENGTH)) };
}

function splitPhysicalLines(text: string): string[] {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (withoutBom.length === 0) return [];
  const lines = withoutBom.split('\n');
  // "a\nb\n" is two lines, not three.
  if (withoutBom.endsWith('\n')) lines.pop();
  return lines;
}
