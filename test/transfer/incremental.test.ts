// The incremental parser against the one-shot parser: for every text, the same result; and for an
// appended log, work in proportion to what was appended.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncrementalTransferLogParser, parseTransferLog, type PrefixCheck } from '../../src/transfer/index.js';
import { cutFractions, cutsOf, lineBoundaryCuts, logText, sampleOrGeneratedLog } from './log-arbitrary.js';
import { SampleLog, alice, rootSessionLog } from './sample-log.js';

function expectSameAsFullParse(parser: IncrementalTransferLogParser, text: string): void {
  expect(parser.parse(text)).toEqual(parseTransferLog(text));
}

/** A log of at least `lineCount` lines: items moving through TRANSFER, with text lines between. */
function longLog(lineCount: number): string {
  const log = new SampleLog();
  const queues = { TRANSFER: { count: lineCount, size: lineCount }, RESTORE: { count: lineCount, size: lineCount } };
  log.header({ initiator: 'copyacct', version: 2.3, remoteHost: 'source.example.net', queues });
  for (let index = 0; log.lines.length < lineCount; index += 1) {
    const ref = { ...alice, item: `user${index}` };
    log.beginItem(4101, 1, 'TRANSFER', ref).text(4101, 'out', `Copying ${ref.item}\n`).succeedItem(4101, 1, 'TRANSFER', ref);
  }
  return log.toString();
}

describe('equivalence with parseTransferLog', () => {
  it.each<PrefixCheck>(['sampled', 'full'])('gives the same result after every read of a growing log (%s)', (prefixCheck) => {
    fc.assert(
      fc.property(sampleOrGeneratedLog, cutFractions, (text, fractions) => {
        const parser = new IncrementalTransferLogParser({ prefixCheck });
        for (const cut of cutsOf(text, fractions)) expectSameAsFullParse(parser, text.slice(0, cut));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same result when every line is read mid-write, then whole', () => {
    fc.assert(
      fc.property(logText, (text) => {
        const parser = new IncrementalTransferLogParser();
        for (const cut of lineBoundaryCuts(text)) expectSameAsFullParse(parser, text.slice(0, cut));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result through any rewrites with the full prefix check', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('replace' as const), text: logText }),
      fc.record({
        kind: fc.constant('mutate' as const),
        fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      }),
      fc.record({ kind: fc.constant('cut' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
    );
    fc.assert(
      fc.property(sampleOrGeneratedLog, fc.array(step, { maxLength: 10 }), (full, steps) => {
        const parser = new IncrementalTransferLogParser({ prefixCheck: 'full' });
        let source = full;
        let shown = '';
        for (const change of steps) {
          if (change.kind === 'append')
            shown = source.slice(0, Math.max(shown.length, Math.floor(change.fraction * source.length)));
          if (change.kind === 'replace') [source, shown] = [change.text, change.text.slice(0, change.text.length >> 1)];
          if (change.kind === 'cut') shown = shown.slice(0, Math.floor(change.fraction * shown.length));
          if (change.kind === 'mutate' && shown.length > 0) {
            const at = Math.floor(change.fraction * shown.length);
            source = shown = `${shown.slice(0, at)}${shown[at] === 'x' ? 'y' : 'x'}${shown.slice(at + 1)}`;
          }
          expectSameAsFullParse(parser, shown);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same result through the rewrites the sampled check is built to see', () => {
    // A shorter log, a change near the end of what was read, and a new start (a different session's log).
    const step = fc.record({
      kind: fc.constantFrom('shorter', 'end-window', 'prepend'),
      fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    });
    fc.assert(
      fc.property(sampleOrGeneratedLog, fc.array(step, { maxLength: 6 }), (text, steps) => {
        const parser = new IncrementalTransferLogParser();
        let shown = text.slice(0, text.length >> 1);
        expectSameAsFullParse(parser, shown);
        for (const change of steps) {
          const read = parser.committedLength;
          if (change.kind === 'shorter' && read > 0) shown = shown.slice(0, Math.floor(change.fraction * read));
          if (change.kind === 'end-window' && read > 0) {
            const at = Math.max(0, read - 1 - Math.floor(change.fraction * Math.min(read, 256)));
            shown = `${shown.slice(0, at)}${shown[at] === 'x' ? 'y' : 'x'}${shown.slice(at + 1)}${text.slice(shown.length)}`;
          }
          if (change.kind === 'prepend') shown = `{"pid":7,"contents":"rotated"}\n${shown}`;
          expectSameAsFullParse(parser, shown);
        }
        expectSameAsFullParse(parser, `${shown}\n`);
      }),
      { numRuns: 150 },
    );
  });
});

describe('what a read does', () => {
  const text = rootSessionLog().log.toString();
  const lines = text.split('\n').length - 1;

  it('reads only the appended lines when the start is unchanged', () => {
    const parser = new IncrementalTransferLogParser();
    const half = text.indexOf('\n', text.length >> 1) + 1;
    parser.parse(text.slice(0, half));
    const firstLines = text.slice(0, half).split('\n').length - 1;
    expect(parser.lastUpdate).toEqual({ mode: 'fresh', linesRead: firstLines, linesCommitted: firstLines });
    parser.parse(text);
    const appended = text.slice(half).split('\n').length - 1;
    expect(parser.lastUpdate).toEqual({ mode: 'append', linesRead: appended, linesCommitted: appended });
    parser.parse(text);
    expect(parser.lastUpdate).toEqual({ mode: 'append', linesRead: 0, linesCommitted: 0 });
  });

  it('reads everything again when the log got shorter or its start changed', () => {
    const parser = new IncrementalTransferLogParser();
    parser.parse(text);
    const shorter = text.slice(0, text.indexOf('\n') + 1);
    expect(parser.parse(shorter)).toEqual(parseTransferLog(shorter));
    expect(parser.lastUpdate).toEqual({ mode: 'reparse', linesRead: 1, linesCommitted: 1 });

    // Another session's log under the same key: same length, other pids from the first line on.
    const other = text.replaceAll('"pid":4100', '"pid":4200');
    parser.parse(text);
    expect(parser.parse(other)).toEqual(parseTransferLog(other));
    expect(parser.lastUpdate).toMatchObject({ mode: 'reparse', linesRead: lines });
  });

  it('keeps an unfinished last line out of the state until its newline arrives', () => {
    const parser = new IncrementalTransferLogParser();
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    const cutInLine = text.slice(0, lastStart + 10);
    const result = parser.parse(cutInLine);
    expect(result.truncatedLastLine).toBe(true);
    expect(result.skippedLines.at(-1)).toMatchObject({ line: lines, reason: 'truncated' });
    expect(parser.lastUpdate).toEqual({ mode: 'fresh', linesRead: lines, linesCommitted: lines - 1 });
    expect(parser.committedLength).toBe(lastStart);

    // The whole JSON but no newline yet: an event already, still not kept.
    const noNewline = text.slice(0, -1);
    expect(parser.parse(noNewline)).toEqual(parseTransferLog(noNewline));
    expect(parser.parse(noNewline).events.at(-1)?.action).toBe('complete');
    expect(parser.lastUpdate).toEqual({ mode: 'append', linesRead: 1, linesCommitted: 0 });

    expect(parser.parse(text)).toEqual(parseTransferLog(text));
    expect(parser.lastUpdate).toEqual({ mode: 'append', linesRead: 1, linesCommitted: 1 });
    expect(parser.committedLength).toBe(text.length);
  });

  it('leaves no trace of an unfinished last line that read as an event and then grew into something else', () => {
    const itemLine = (action: string): string =>
      JSON.stringify({
        pid: 1,
        type: 'control',
        contents: { action, queue: 'TRANSFER', item: 'alice', item_type: 'AccountRemoteRoot' },
      });
    const done = `${itemLine('success-item')}\n`;
    const restart = itemLine('start-item');
    const parser = new IncrementalTransferLogParser();
    expect(parser.parse(done + restart).items[0]?.transfer.status).toBe('IN_PROGRESS');
    const grown = `${done + restart} and then some\n`;
    expect(parser.parse(grown)).toEqual(parseTransferLog(grown));
    expect(parser.parse(grown).items[0]?.transfer.status).toBe('SUCCEEDED');
  });

  it('joins a text fragment whose continuation arrives in a later read', () => {
    const head = '{"pid":5,"type":"warn","partial":1,"contents":"first "}\n{"pid":6,"type":"out","contents":"other\\n"}\n';
    const parser = new IncrementalTransferLogParser();
    expect(parser.parse(head).events.map((event) => event.message)).toEqual(['first ', 'other']);
    const more = `${head}{"pid":5,"type":"warn","partial":0,"contents":"second\\r\\n"}\n`;
    expect(parser.parse(more)).toEqual(parseTransferLog(more));
    expect(parser.parse(more).events.map((event) => [event.message, event.line])).toEqual([
      ['first second', 1],
      ['other', 2],
    ]);
  });

  it('hands out frozen events, and results that later reads do not change', () => {
    const parser = new IncrementalTransferLogParser();
    const first = parser.parse('{"pid":5,"type":"out","partial":1,"contents":"a"}\n');
    const snapshot = structuredClone(first);
    parser.parse('{"pid":5,"type":"out","partial":1,"contents":"a"}\n{"pid":5,"type":"out","contents":"b"}\n');
    expect(first).toEqual(snapshot);
    expect(Object.isFrozen(first.events[0])).toBe(true);
  });

  it('gives back the same result, not a rebuilt one, while the log has not changed', () => {
    const text = rootSessionLog().log.toString();
    const parser = new IncrementalTransferLogParser();
    const first = parser.parse(text);
    expect(parser.parse(text)).toBe(first);
    const unfinished = `${text}{"pid":5,"type":"out","contents":"x`;
    const withTail = parser.parse(unfinished);
    expect(withTail).not.toBe(first);
    expect(withTail).toEqual(parseTransferLog(unfinished));
    expect(parser.parse(unfinished)).toBe(withTail);
    expectSameAsFullParse(parser, text);
    expectSameAsFullParse(parser, `${unfinished}y"}\n`);
  });

  it('does not notice a same-length change in the middle with the sampled check, but does with the full one', () => {
    // The documented limit of 'sampled': WHM only appends, so this is not expected from a real server.
    const long = longLog(2000);
    const middle = long.indexOf('Copying user300');
    const changed = `${long.slice(0, middle)}Copyinh${long.slice(middle + 7)}`;
    const sampled = new IncrementalTransferLogParser();
    sampled.parse(long);
    expect(sampled.parse(changed)).not.toEqual(parseTransferLog(changed));
    expect(sampled.lastUpdate.mode).toBe('append');
    const full = new IncrementalTransferLogParser({ prefixCheck: 'full' });
    full.parse(long);
    expect(full.parse(changed)).toEqual(parseTransferLog(changed));
    expect(full.lastUpdate.mode).toBe('reparse');
  });
});

describe('work in proportion to what was appended', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads one line, and parses one JSON document, for one line appended to a 10,000-line log', () => {
    const log = longLog(10_000);
    const appended = `${log}{"pid":4101,"type":"out","partial":0,"contents":"one more line\\n"}\n`;
    const parser = new IncrementalTransferLogParser();
    expect(parser.parse(log).lineCount).toBeGreaterThanOrEqual(10_000);

    const jsonParse = vi.spyOn(JSON, 'parse');
    const result = parser.parse(appended);
    expect(parser.lastUpdate).toEqual({ mode: 'append', linesRead: 1, linesCommitted: 1 });
    expect(jsonParse).toHaveBeenCalledTimes(1);
    jsonParse.mockRestore();
    expect(result).toEqual(parseTransferLog(appended));
  });
});
