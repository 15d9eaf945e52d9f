// Incremental master.log parsing. WHM returns the whole file on every poll; a parse state remembers
// how far it has read (whole lines only) and, when the start of the new text is unchanged, reads only
// what was appended. The result is always what parseTransferLog(text) gives for the same text.
//
// The last line, when it has no newline yet, is read on every call but never kept: the writer may not
// have finished it. Everything kept is per event or per item; the log text itself is not kept.
import { MAX_SKIPPED_DETAILS, describeSkippedLine, type SkippedLogLine, type TransferEvent } from './events.js';
import { TransferItemAccumulator } from './items.js';
import { readLogLine, textEvent, type LogLineReading } from './log-line.js';
import type { ParsedTransferLog } from './log-parser.js';
import { createPrefixFingerprint, type PrefixCheck, type PrefixFingerprint } from './prefix-check.js';
import { computeTransferProgress } from './progress.js';
import { TransferSessionAccumulator } from './session.js';

export interface IncrementalTransferLogOptions {
  /** How an unchanged start is recognised (prefix-check.ts). Default 'sampled'. */
  prefixCheck?: PrefixCheck;
}

export interface TransferLogUpdate {
  /**
   * fresh: nothing had been kept, the text was read from its start; append: the kept lines were still
   * the start of the text and only what follows them was read; reparse: they were not (a shorter or
   * rewritten log), so everything was dropped and the text read from its start.
   */
  mode: 'fresh' | 'append' | 'reparse';
  /** Physical lines read by this call, the unfinished last line included. */
  linesRead: number;
  /** Of those, the whole lines now kept. */
  linesCommitted: number;
}

/**
 * A rough figure of the memory a kept state costs, per character of log consumed: measured at about
 * 1.7 bytes per character with a 10,000-line sample log (events, msg objects, item records); 2 leaves room.
 */
const RETAINED_BYTES_PER_CHAR = 2;
const RETAINED_BYTES_BASE = 2048;
/** The last result, kept for an unchanged log: a slot per event, each item's outcome objects (measured about 650 bytes). */
const RESULT_BYTES_PER_EVENT = 8;
const RESULT_BYTES_PER_ITEM = 1024;

/** A text fragment (`partial: 1`) that a later line of the same process may still extend. */
interface OpenText {
  index: number;
  raw: string;
  type: string;
}

/** Everything known about the whole lines read so far. */
interface CommittedLog {
  /** Index in the text just after the last whole line read (after a leading BOM when only that was read). */
  end: number;
  lineCount: number;
  events: TransferEvent[];
  skippedLineCount: number;
  skippedLines: SkippedLogLine[];
  openTexts: Map<string, OpenText>;
  items: TransferItemAccumulator;
  session: TransferSessionAccumulator;
  fingerprint: PrefixFingerprint;
}

export class IncrementalTransferLogParser {
  private log: CommittedLog;
  private update: TransferLogUpdate = { mode: 'fresh', linesRead: 0, linesCommitted: 0 };
  private readonly prefixCheck: PrefixCheck;
  /**
   * The last result and the unfinished line it included: a poll that finds nothing new gets it back
   * rather than a rebuild of every item's outcome (a log's items can run to thousands).
   */
  private last: { tail: string | null; result: ParsedTransferLog } | null = null;

  constructor(options: IncrementalTransferLogOptions = {}) {
    this.prefixCheck = options.prefixCheck ?? 'sampled';
    this.log = this.emptyLog();
  }

  /** What the last parse call did (for metrics and tests). */
  get lastUpdate(): TransferLogUpdate {
    return { ...this.update };
  }

  /** Characters of log consumed and kept as parsed data. */
  get committedLength(): number {
    return this.log.end;
  }

  /** An estimate of the memory this state holds, in bytes. */
  get retainedBytes(): number {
    const last = this.last;
    const result =
      last === null
        ? 0
        : last.result.events.length * RESULT_BYTES_PER_EVENT +
          last.result.items.length * RESULT_BYTES_PER_ITEM +
          (last.tail?.length ?? 0) * 2;
    return RETAINED_BYTES_BASE + this.log.end * RETAINED_BYTES_PER_CHAR + this.log.fingerprint.retainedChars * 2 + result;
  }

  /**
   * The same result as parseTransferLog(text), reading only what follows the lines already kept when
   * they are unchanged. Never throws. Event objects are shared between results and frozen: treat the
   * result as read-only.
   */
  parse(input: string): ParsedTransferLog {
    const text = typeof input === 'string' ? input : '';
    let mode: TransferLogUpdate['mode'] = 'fresh';
    if (this.log.end > 0) {
      mode = this.log.fingerprint.matches(text) ? 'append' : 'reparse';
      if (mode === 'reparse') {
        this.log = this.emptyLog();
        this.last = null;
      }
    }
    const log = this.log;
    let position = log.end === 0 && text.startsWith('\uFEFF') ? 1 : log.end;

    let linesCommitted = 0;
    for (let newline = text.indexOf('\n', position); newline >= 0; newline = text.indexOf('\n', position)) {
      log.lineCount += 1;
      this.commitLine(lineContent(text, position, newline), log.lineCount);
      position = newline + 1;
      linesCommitted += 1;
    }
    if (linesCommitted > 0) {
      log.fingerprint.extend(text, position);
      log.end = position;
    }

    const hasTail = position < text.length;
    this.update = { mode, linesRead: linesCommitted + (hasTail ? 1 : 0), linesCommitted };
    const tail = hasTail ? lineContent(text, position, text.length) : null;
    if (mode === 'append' && linesCommitted === 0 && this.last !== null && this.last.tail === tail) return this.last.result;
    const result = this.snapshot(tail);
    this.last = { tail, result };
    return result;
  }

  private emptyLog(): CommittedLog {
    return {
      end: 0,
      lineCount: 0,
      events: [],
      skippedLineCount: 0,
      skippedLines: [],
      openTexts: new Map(),
      items: new TransferItemAccumulator(),
      session: new TransferSessionAccumulator(),
      fingerprint: createPrefixFingerprint(this.prefixCheck),
    };
  }

  private commitLine(content: string, line: number): void {
    const log = this.log;
    const reading = readLogLine(content, line, false);
    if (reading.kind === 'skip') {
      log.skippedLineCount += 1;
      if (log.skippedLines.length < MAX_SKIPPED_DETAILS) {
        log.skippedLines.push(describeSkippedLine(line, reading.reason, content));
      }
      return;
    }
    if (reading.kind === 'control') {
      // A control line from this process ends any fragment it left open.
      log.openTexts.delete(reading.pidKey);
      log.events.push(Object.freeze(reading.event));
      log.items.add(reading.event);
      log.session.add(reading.event);
      return;
    }
    const open = log.openTexts.get(reading.pidKey);
    if (open !== undefined && open.type === reading.type) {
      open.raw += reading.fragment;
      log.events[open.index] = withMessage(log.events[open.index], open.raw);
    } else {
      const event = textEvent(reading.type, reading.fragment, reading.pid, reading.at, line);
      const index = log.events.push(withMessage(event, reading.fragment)) - 1;
      log.session.add(event);
      if (reading.partial) log.openTexts.set(reading.pidKey, { index, raw: reading.fragment, type: reading.type });
    }
    if (!reading.partial) log.openTexts.delete(reading.pidKey);
  }

  /** The result for the kept lines plus the unfinished last line (`tail`), which is applied to copies only. */
  private snapshot(tail: string | null): ParsedTransferLog {
    const log = this.log;
    const events = log.events.slice();
    let lineCount = log.lineCount;
    let skippedLineCount = log.skippedLineCount;
    const skippedLines = log.skippedLines.slice();
    let truncatedLastLine = false;
    let uncommitted: TransferEvent | null = null;

    if (tail !== null) {
      lineCount += 1;
      const reading: LogLineReading = readLogLine(tail, lineCount, true);
      if (reading.kind === 'skip') {
        skippedLineCount += 1;
        if (skippedLines.length < MAX_SKIPPED_DETAILS) skippedLines.push(describeSkippedLine(lineCount, reading.reason, tail));
        truncatedLastLine = reading.reason === 'truncated';
      } else if (reading.kind === 'control') {
        uncommitted = Object.freeze(reading.event);
        events.push(uncommitted);
      } else {
        const open = log.openTexts.get(reading.pidKey);
        if (open !== undefined && open.type === reading.type) {
          events[open.index] = withMessage(events[open.index], open.raw + reading.fragment);
        } else {
          const event = textEvent(reading.type, reading.fragment, reading.pid, reading.at, lineCount);
          uncommitted = withMessage(event, reading.fragment);
          events.push(uncommitted);
        }
      }
    }

    const session = log.session.facts(uncommitted);
    const items = log.items.outcomes(uncommitted);
    const progress = computeTransferProgress(session, items);
    return { events, session, items, progress, lineCount, skippedLineCount, skippedLines, truncatedLastLine };
  }
}

/** text[from, to) without a '\r' before the newline. */
function lineContent(text: string, from: number, to: number): string {
  const end = to > from && text.charCodeAt(to - 1) === 13 ? to - 1 : to;
  return text.slice(from, end);
}

/** A frozen copy of a text event carrying its joined text, without the line's terminator. */
function withMessage(event: TransferEvent | undefined, raw: string): TransferEvent {
  if (event === undefined) throw new Error('open text fragment lost its event');
  return Object.freeze({ ...event, message: stripLineEnd(raw) });
}

/** Same as replace(/\r?\n$/, '') without scanning the text. */
function stripLineEnd(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
