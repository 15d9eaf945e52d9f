// Event cursors: an opaque string per event, derived from the physical line of master.log the event
// starts on. The log only grows, so a line number names the same event on every re-read, and a client
// can ask for "what came after the last event I saw" without the gateway keeping anything per client.
//
// Shape (version 1): 'e1.' + one base-36 digit giving the length of what follows + the line number in
// base 36. The length digit makes plain string order equal to log order ('e1.19' < 'e1.2a0').
import type { TransferEvent } from './events.js';

const CURSOR_PREFIX = 'e1.';
const CURSOR_SHAPE = /^e1\.([1-9a-z])(0|[1-9a-z][0-9a-z]*)$/;

/** A cursor that is not one this module made: wrong prefix or version, bad characters, out of range. */
export class InvalidEventCursorError extends Error {
  override readonly name = 'InvalidEventCursorError';

  constructor(readonly cursor: string) {
    super(`Invalid event cursor "${cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor}".`);
  }
}

/** The cursor of the event starting on this 1-based line (0 means "before the first line"). */
export function eventCursorForLine(line: number): string {
  if (!Number.isSafeInteger(line) || line < 0) throw new RangeError(`Not a log line number: ${line}`);
  const digits = line.toString(36);
  return `${CURSOR_PREFIX}${digits.length.toString(36)}${digits}`;
}

/** The line a cursor points at; throws InvalidEventCursorError for anything not made by eventCursorForLine. */
export function eventCursorLine(cursor: string): number {
  const match = typeof cursor === 'string' ? CURSOR_SHAPE.exec(cursor) : null;
  if (match === null) throw new InvalidEventCursorError(String(cursor));
  const [, length = '', digits = ''] = match;
  const line = Number.parseInt(digits, 36);
  if (Number.parseInt(length, 36) !== digits.length || !Number.isSafeInteger(line)) {
    throw new InvalidEventCursorError(cursor);
  }
  return line;
}

/** Negative, zero or positive as `a` comes before, at or after `b` in the log. Both must be valid. */
export function compareEventCursors(a: string, b: string): number {
  return eventCursorLine(a) - eventCursorLine(b);
}

/**
 * The events strictly after `cursor`, in log order. `events` must be in log order (as parsed, or any
 * filtered subset of that). A cursor past the end gives []; one between events (a skipped line, or an
 * event a filter removed) still works, since only the position counts.
 */
export function eventsAfter<TEvent extends Pick<TransferEvent, 'line'>>(events: readonly TEvent[], cursor: string): TEvent[] {
  const line = eventCursorLine(cursor);
  // Binary search for the first event starting after `line`: a poll is O(log n + returned).
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle]?.line ?? Number.POSITIVE_INFINITY) > line) high = middle;
    else low = middle + 1;
  }
  return events.slice(low);
}
