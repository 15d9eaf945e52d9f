// Event cursors: stable across re-reads, ordered like the log, the same from both parsers, and
// eventsAfter returns exactly the events past a cursor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IncrementalTransferLogParser,
  InvalidEventCursorError,
  compareEventCursors,
  eventCursorForLine,
  eventCursorLine,
  eventsAfter,
  parseTransferLog,
  type TransferEvent,
} from '../../src/transfer/index.js';
import { cutFractions, cutsOf, sampleOrGeneratedLog } from './log-arbitrary.js';
import { rootSessionLog } from './sample-log.js';

const text = rootSessionLog().log.toString();
const parsed = parseTransferLog(text);

describe('cursors on events', () => {
  it('are unique and sort, as plain strings, in log order', () => {
    const cursors = parsed.events.map((event) => event.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
    expect([...cursors].sort()).toEqual(cursors);
    for (let index = 1; index < cursors.length; index += 1) {
      expect(compareEventCursors(cursors[index - 1] ?? '', cursors[index] ?? '')).toBeLessThan(0);
    }
  });

  it('name the line the event starts on', () => {
    for (const event of parsed.events) expect(eventCursorLine(event.cursor)).toBe(event.line);
  });

  it('stay the same when the log grows, and are the same from the incremental parser', () => {
    fc.assert(
      fc.property(sampleOrGeneratedLog, cutFractions, (log, fractions) => {
        const final = parseTransferLog(log).events;
        const parser = new IncrementalTransferLogParser();
        for (const cut of cutsOf(log, fractions)) {
          const prefix = log.slice(0, cut);
          const events = parser.parse(prefix).events;
          expect(events.map((event) => event.cursor)).toEqual(parseTransferLog(prefix).events.map((event) => event.cursor));
          // An event on a whole line is, under the same cursor, the same event in the final log.
          const wholeLines = prefix.split('\n').length - 1;
          for (const event of events.filter((candidate) => candidate.line <= wholeLines)) {
            const later = final.find((candidate) => candidate.cursor === event.cursor);
            const same = (candidate: TransferEvent | undefined): unknown[] =>
              candidate === undefined ? [] : [candidate.line, candidate.action, candidate.type, candidate.pid];
            expect(same(later)).toEqual(same(event));
          }
        }
      }),
    );
  });
});

describe('eventCursorForLine and eventCursorLine', () => {
  it('round-trip every line number and keep string order equal to number order', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.nat({ max: Number.MAX_SAFE_INTEGER }), (a, b) => {
        const [cursorA, cursorB] = [eventCursorForLine(a), eventCursorForLine(b)];
        expect(eventCursorLine(cursorA)).toBe(a);
        expect(cursorA < cursorB).toBe(a < b);
      }),
    );
  });

  it('refuse what is not a line number', () => {
    expect(() => eventCursorForLine(-1)).toThrow(RangeError);
    expect(() => eventCursorForLine(1.5)).toThrow(RangeError);
    expect(() => eventCursorForLine(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it.each([
    ['empty', ''],
    ['no prefix', '15'],
    ['another version', 'e2.15'],
    ['length digit disagrees', 'e1.25'],
    ['leading zero', 'e1.205'],
    ['upper case', 'e1.1A'],
    ['padding', 'e1.15 '],
    ['beyond a safe integer', eventCursorForLine(Number.MAX_SAFE_INTEGER).replace(/.$/, 'z')],
    ['far too long', `e1.z${'z'.repeat(35)}`],
    ['base64 noise', 'ZTEuMTU='],
  ])('throw InvalidEventCursorError for a malformed cursor (%s)', (_, cursor) => {
    expect(() => eventCursorLine(cursor)).toThrow(InvalidEventCursorError);
    expect(() => eventsAfter(parsed.events, cursor)).toThrow(InvalidEventCursorError);
    try {
      eventsAfter(parsed.events, cursor);
    } catch (error) {
      expect(error).toMatchObject({ name: 'InvalidEventCursorError', cursor });
    }
  });
});

describe('eventsAfter', () => {
  const events = parsed.events;

  it('returns the events strictly after the cursor', () => {
    events.forEach((event, index) => {
      expect(eventsAfter(events, event.cursor)).toEqual(events.slice(index + 1));
    });
  });

  it('returns everything from line 0 and nothing past the end', () => {
    expect(eventsAfter(events, eventCursorForLine(0))).toEqual(events);
    expect(eventsAfter(events, eventCursorForLine(events.at(-1)?.line ?? 0))).toEqual([]);
    expect(eventsAfter(events, eventCursorForLine(10_000_000))).toEqual([]);
    expect(eventsAfter([], eventCursorForLine(3))).toEqual([]);
  });

  it('works from a cursor between events (a joined fragment line) and on a filtered list', () => {
    // Lines of the log that start no event: the continuation of the two-fragment warning.
    const starts = new Set(events.map((event) => event.line));
    const between = Array.from({ length: parsed.lineCount }, (_, index) => index + 1).filter((line) => !starts.has(line));
    expect(between.length).toBeGreaterThan(0);
    for (const line of between) {
      expect(eventsAfter(events, eventCursorForLine(line))).toEqual(events.filter((event) => event.line > line));
    }
    const controls = events.filter((event) => event.type === 'control');
    const textEvent = events.find((event) => event.type !== 'control') as TransferEvent;
    expect(eventsAfter(controls, textEvent.cursor)).toEqual(controls.filter((event) => event.line > textEvent.line));
  });

  it('lets a poller read a growing log without gaps or repeats', () => {
    const parser = new IncrementalTransferLogParser();
    const seen: TransferEvent[] = [];
    let cursor = eventCursorForLine(0);
    for (let cut = 0; cut <= text.length; cut += 997) {
      // Only whole lines: an event on an unfinished line may still change.
      const whole = text.slice(0, text.lastIndexOf('\n', cut) + 1);
      const fresh = eventsAfter(parser.parse(whole).events, cursor);
      seen.push(...fresh);
      cursor = fresh.at(-1)?.cursor ?? cursor;
    }
    seen.push(...eventsAfter(parser.parse(text).events, cursor));
    expect(seen.map((event) => event.cursor)).toEqual(events.map((event) => event.cursor));
  });
});
