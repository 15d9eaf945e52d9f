// fast-check generators of master.log text: real line shapes (control lines for items and headers, text
// lines in partial fragments from interleaved processes) mixed with what a live file also shows —
// blank lines, CRLF, a BOM, broken JSON, JSON that is not an object, lines without contents.
import fc from 'fast-check';
import { rootSessionLog } from './sample-log.js';

const pid = fc.constantFrom<number | string | null>(100, 101, 102, '101', null);
const time = fc.option(fc.integer({ min: 1_700_000_000, max: 1_700_000_050 }), { nil: undefined });
const item = fc.constantFrom<string | null>('alice', 'gold', 'alice', null);
const queue = fc.constantFrom<string | null>('TRANSFER', 'RESTORE', 'restore', null);
const itemResult = fc.record(
  {
    size: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant('700')),
    warnings: fc.integer({ min: 0, max: 3 }),
    message: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
    failure: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: [] },
);
const msg = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 9000 }),
  fc.constantFrom('copyacct', '2.3', 'item-TRANSFER_AccountRemoteRoot_alice', 'item-RESTORE_PackageRemoteRoot_gold'),
  itemResult,
);

const controlLine = fc
  .record({
    pid,
    time,
    action: fc.constantFrom(
      'start',
      'process-item',
      'start-item',
      'success-item',
      'warning-item',
      'failed-item',
      'complete',
      'queue_count',
      'queue_size',
      'initiator',
      'version',
      'remotehost',
    ),
    child: fc.constantFrom<number | string | null>(0, 1, 2, '1', null),
    queue,
    item,
    itemType: fc.constantFrom<string | null>('AccountRemoteRoot', 'AccountRemoteRoot', null),
    msg,
  })
  .map(({ pid: linePid, time: lineTime, action, child, queue: lineQueue, item: lineItem, itemType, msg: lineMsg }) =>
    JSON.stringify({
      pid: linePid,
      type: 'control',
      contents: {
        time: lineTime,
        action,
        child_number: child,
        queue: lineQueue,
        item: lineItem,
        item_type: itemType,
        msg: lineMsg,
      },
    }),
  );

const textLine = fc
  .record({
    pid,
    type: fc.constantFrom<string | undefined>('out', 'warn', undefined),
    partial: fc.constantFrom<number | string>(0, 1, 1, '1'),
    contents: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom('done\n', 'crlf\r\n', '\n', 'two\nlines\n'),
      fc.integer({ min: 0, max: 99 }),
    ),
    timestamp: fc.constantFrom<string | undefined>(undefined, '2020-03-23 10:43:28 -0500'),
  })
  .map((line) => JSON.stringify(line));

const oddLine = fc.constantFrom(
  '',
  '   ',
  'not json',
  '[1,2]',
  '42',
  'null',
  '{"pid":1}',
  '{"pid":1,"contents":null}',
  '{"pid":1,"contents":{"action":"start"',
  '\uFEFF{"pid":1,"contents":"bom in the middle"}',
);

// A whole JSON document followed by more on the same line: read mid-write, the line is briefly an event.
const grownLine = fc.oneof(controlLine, textLine).map((line) => `${line} more`);

export const logLine = fc.oneof(
  { weight: 5, arbitrary: controlLine },
  { weight: 4, arbitrary: textLine },
  { weight: 1, arbitrary: oddLine },
  { weight: 1, arbitrary: grownLine },
);

/** A whole log: lines with '\n' or '\r\n', maybe a BOM, maybe no final newline. */
export const logText = fc
  .record({
    bom: fc.boolean(),
    lines: fc.array(fc.tuple(logLine, fc.constantFrom('\n', '\n', '\n', '\r\n')), { maxLength: 30 }),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, lines, finalNewline }) => {
    const body = lines.map(([line, end]) => line + end).join('');
    const text = finalNewline || body.length === 0 ? body : body.replace(/\r?\n$/, '');
    return (bom ? '\uFEFF' : '') + text;
  });

/** The story log of sample-log.ts, or a generated one. */
export const sampleOrGeneratedLog = fc.oneof(fc.constant(rootSessionLog().log.toString()), logText);

/**
 * Where to cut a text into successive reads: sorted offsets in [0, length], the full text last. A
 * snapped cut moves to just after the last '}' of its line — the end of a line's JSON, where a read
 * taken mid-write sees a whole document without its newline (or without what follows it on the line).
 */
export function cutsOf(text: string, cuts: readonly Cut[]): number[] {
  const offsets = cuts.map(({ fraction, snap }) => {
    const offset = Math.min(Math.floor(fraction * (text.length + 1)), text.length);
    if (!snap) return offset;
    const lineEnd = text.indexOf('\n', offset);
    const lastBrace = text.lastIndexOf('}', lineEnd < 0 ? text.length : lineEnd);
    return lastBrace >= offset ? lastBrace + 1 : offset;
  });
  return [...offsets.sort((a, b) => a - b), text.length];
}

export interface Cut {
  fraction: number;
  snap: boolean;
}

export const cutFractions = fc.array(
  fc.record({ fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), snap: fc.boolean() }),
  { maxLength: 12 },
);

/** Every line read three ways: up to the end of its JSON, up to its newline, then with the newline. */
export function lineBoundaryCuts(text: string): number[] {
  const cuts: number[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const lastBrace = text.lastIndexOf('}', end);
    if (lastBrace >= start) cuts.push(lastBrace + 1);
    cuts.push(end, Math.min(end + 1, text.length));
    start = end + 1;
  }
  return cuts;
}
