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

function estimateFor(log: string): number {
  const parser = new IncrementalTransferLogParser();
  parser.parse(log);
  return parser.retainedBytes;
}
