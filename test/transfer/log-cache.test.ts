// TransferLogCache: one parse state per key, least recently used dropped first, by count and by bytes.
import { describe, expect, it } from 'vitest';
import { IncrementalTransferLogParser, TransferLogCache, parseTransferLog } from '../../src/transfer/index.js';
import { SampleLog, rootSessionLog } from './sample-log.js';

const text = rootSessionLog().log.toString();
const half = text.slice(0, text.indexOf('\n', text.length >> 1) + 1);

/** A small, distinct log per session. */
function sessionLog(pid: number): string {
  return new SampleLog(pid).control(pid, { action: 'start', child_number: 0 }).toString();
}

describe('TransferLogCache', () => {
  it('gives parseTransferLog results and reads only what was appended per key', () => {
    const cache = new TransferLogCache();
    expect(cache.parse('east\u0000s1', half)).toEqual(parseTransferLog(half));
    expect(cache.parse('west\u0000s1', text)).toEqual(parseTransferLog(text));
    expect(cache.parse('east\u0000s1', text)).toEqual(parseTransferLog(text));
    const appended = text.split('\n').length - half.split('\n').length;
    expect(cache.lastUpdate('east\u0000s1')).toEqual({ mode: 'append', linesRead: appended, linesCommitted: appended });
    expect(cache.stats()).toMatchObject({ sessions: 2, fresh: 2, appends: 1, reparses: 0, evictions: 0 });
  });

  it('counts a changed log as a reparse', () => {
    const cache = new TransferLogCache();
    cache.parse('k', text);
    expect(cache.parse('k', half.slice(0, 10))).toEqual(parseTransferLog(half.slice(0, 10)));
    expect(cache.stats()).toMatchObject({ fresh: 1, reparses: 1 });
  });

  it('drops the least recently used session when over maxSessions', () => {
    const cache = new TransferLogCache({ maxSessions: 2 });
    cache.parse('a', sessionLog(1));
    cache.parse('b', sessionLog(2));
    cache.parse('a', sessionLog(1)); // a is now the most recent
    cache.parse('c', sessionLog(3));
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.stats()).toMatchObject({ sessions: 2, evictions: 1 });
    // An evicted session is simply read again from the start.
    expect(cache.parse('b', sessionLog(2))).toEqual(parseTransferLog(sessionLog(2)));
    expect(cache.lastUpdate('b')?.mode).toBe('fresh');
    expect(cache.has('a')).toBe(false);
  });

  it('keeps the estimated bytes within maxRetainedBytes, dropping the oldest first', () => {
    const perSession = estimateFor(text);
    const cache = new TransferLogCache({ maxRetainedBytes: perSession * 2.5 });
    for (const key of ['a', 'b', 'c', 'd']) cache.parse(key, text);
    expect(cache.size).toBe(2);
    expect([cache.has('c'), cache.has('d')]).toEqual([true, true]);
    expect(cache.retainedBytes).toBe(perSession * 2);
    expect(cache.stats().retainedBytes).toBe(cache.retainedBytes);
  });

  it('tracks bytes as a session grows and shrinks', () => {
    const cache = new TransferLogCache();
    cache.parse('a', half);
    expect(cache.retainedBytes).toBe(estimateFor(half));
    cache.parse('a', text);
    expect(cache.retainedBytes).toBe(estimateFor(text));
    cache.parse('a', '');
    expect(cache.retainedBytes).toBe(estimateFor(''));
    cache.parse('b', text);
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.retainedBytes).toBe(estimateFor(text));
    cache.clear();
    expect([cache.size, cache.retainedBytes]).toEqual([0, 0]);
  });

  it('still answers, without keeping it, a log larger than the byte limit on its own', () => {
    const cache = new TransferLogCache({ maxRetainedBytes: estimateFor(text) - 1 });
    cache.parse('small', sessionLog(1));
    expect(cache.parse('big', text)).toEqual(parseTransferLog(text));
    expect([cache.has('big'), cache.has('small'), cache.retainedBytes]).toEqual([false, false, 0]);
    expect(cache.stats().evictions).toBe(2);
  });

  it('rejects limits below 1', () => {
    expect(() => new TransferLogCache({ maxSessions: 0 })).toThrow(RangeError);
    expect(() => new TransferLogCache({ maxRetainedBytes: Number.NaN })).toThrow(RangeError);
  });

  it('counts the lines it read over all calls', () => {
    const cache = new TransferLogCache();
    const lines = text.split('\n').length - 1;
    cache.parse('a', text);
    cache.parse('a', text);
    cache.parse('a', `${text}{"pid":1,"contents":"x"}`);
    expect(cache.stats().linesRead).toBe(lines + 0 + 1);
  });
});

describe('TransferLogCache: final logs', () => {
  // Stamps are read times: a read surely ran before another when its time is smaller.
  const ordered = () => new TransferLogCache<number>({ readOrder: (first, second) => first < second });

  it('keeps a log read after a final state as final, and answers later parses with it', () => {
    const cache = ordered();
    cache.noteState('k', true, 1);
    const final = cache.parse('k', text, 2);
    expect(final).toEqual(parseTransferLog(text));
    expect(cache.finalLog('k')).toBe(final);
    // A late answer read before the final one (a shorter log) cannot replace it.
    expect(cache.parse('k', half, 0)).toBe(final);
    expect(cache.stats()).toMatchObject({ finalSessions: 1, finalHits: 1, fresh: 1, reparses: 0 });
  });

  it('makes a log final when the final state turns out to have been read before it', () => {
    const cache = ordered();
    const parsed = cache.parse('k', text, 5);
    cache.noteState('k', true, 4); // same batch, earlier command: its answer is handled second
    expect(cache.finalLog('k')).toBe(parsed);
  });

  it('does not make a log read before (or alongside) the final state final', () => {
    const cache = ordered();
    cache.parse('k', half, 3);
    cache.noteState('k', true, 3);
    cache.noteState('k', true, 7);
    expect(cache.finalLog('k')).toBeUndefined();
    // The next read of the log, after the first final state, is final.
    cache.parse('k', text, 8);
    expect(cache.finalLog('k')).toEqual(parseTransferLog(text));
  });

  it('never makes a log final without stamps or without an order', () => {
    const unstamped = ordered();
    unstamped.noteState('k', true, 1);
    unstamped.parse('k', text);
    expect(unstamped.finalLog('k')).toBeUndefined();
    const unordered = new TransferLogCache<number>();
    unordered.noteState('k', true, 1);
    unordered.parse('k', text, 2);
    expect(unordered.finalLog('k')).toBeUndefined();
  });

  it('drops the final mark on a write, and on a state that is not final unless it was read before the final one', () => {
    const cache = ordered();
    cache.noteState('k', true, 5);
    cache.parse('k', text, 6);
    cache.noteState('k', false, 4); // an older answer
    expect(cache.finalLog('k')).toBeDefined();
    cache.noteState('k', false, 7);
    expect(cache.finalLog('k')).toBeUndefined();

    cache.noteState('k', true, 8);
    cache.parse('k', text, 9);
    expect(cache.finalLog('k')).toBeDefined();
    cache.dropFinal('k');
    expect(cache.finalLog('k')).toBeUndefined();
    // The final state seen before the write no longer counts: only one read after it does.
    cache.parse('k', text, 10);
    expect(cache.finalLog('k')).toBeUndefined();
    expect(cache.lastUpdate('k')?.mode).toBe('append');
    cache.noteState('k', true, 11);
    cache.parse('k', text, 12);
    expect(cache.finalLog('k')).toBeDefined();
    expect(cache.stats().finalSessions).toBe(1);
  });

  it('counts final logs and final states alone against both limits, least recently used out first', () => {
    const perSession = estimateFor(text);
    const cache = new TransferLogCache<number>({
      readOrder: (first, second) => first < second,
      maxRetainedBytes: perSession * 2.5,
      maxSessions: 3,
    });
    for (const [index, key] of ['a', 'b'].entries()) {
      cache.noteState(key, true, index * 10);
      cache.parse(key, text, index * 10 + 1);
    }
    expect(cache.stats()).toMatchObject({ sessions: 2, finalSessions: 2, retainedBytes: perSession * 2 });
    cache.finalLog('a'); // a is now the most recent
    cache.parse('c', text, 30); // over the byte limit: b goes
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.finalLog('b')).toBeUndefined();
    // A final state with no log yet is an entry too: two of them push a (oldest) out by count.
    cache.noteState('d', true, 40);
    cache.noteState('e', true, 41);
    expect([cache.has('a'), cache.has('c'), cache.has('d'), cache.has('e')]).toEqual([false, true, true, true]);
    expect(cache.stats()).toMatchObject({ sessions: 3, finalSessions: 0, evictions: 2 });
    expect(cache.retainedBytes).toBeLessThanOrEqual(perSession * 2.5);
    // d's final state was seen before its first log read: that read is final at once.
    cache.parse('d', sessionLog(4), 42);
    expect(cache.finalLog('d')).toEqual(parseTransferLog(sessionLog(4)));
  });
});

function estimateFor(log: string): number {
  const parser = new IncrementalTransferLogParser();
  parser.parse(log);
  return parser.retainedBytes;
}
