// Benchmark: parsing master.log in full on every poll vs incrementally (only what was appended).
//
// For logs of 100 and 10,000 lines, times one poll that finds one new line: parseTransferLog of the
// whole text, and IncrementalTransferLogParser (both prefix checks) on a state that has read the rest.
// Medians are printed, never asserted: this runs on shared, noisy machines.
//
//   npx tsx bench/log-parse.ts
import { IncrementalTransferLogParser, parseTransferLog, type PrefixCheck } from '../src/transfer/index.js';
import { SampleLog, alice } from '../test/transfer/sample-log.js';

const SIZES = [100, 10_000] as const;
const WARMUP = 20;
const REPETITIONS = 60;

/** A root session with at least `lineCount` lines: items through TRANSFER, text lines between. */
function buildLog(lineCount: number): { log: SampleLog; text: string } {
  const log = new SampleLog();
  const queues = { TRANSFER: { count: lineCount, size: lineCount }, RESTORE: { count: lineCount, size: lineCount } };
  log.header({ initiator: 'copyacct', version: 2.3, remoteHost: 'source.example.net', queues });
  for (let index = 0; log.lines.length < lineCount; index += 1) {
    const ref = { ...alice, item: `user${index}` };
    log.beginItem(4101, 1, 'TRANSFER', ref).text(4101, 'out', `Copying the home directory of ${ref.item}\n`);
    log.succeedItem(4101, 1, 'TRANSFER', ref, { warnings: index % 3 });
  }
  return { log, text: log.toString() };
}

/** The log after `count` more polls, each finding one more text line. */
function grown(text: string, count: number): string[] {
  const texts: string[] = [];
  let current = text;
  for (let index = 0; index < count; index += 1) {
    current += `${JSON.stringify({ pid: 4101, type: 'out', indent: 1, partial: 0, contents: `poll ${index}\n` })}\n`;
    texts.push(current);
  }
  return texts;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

function timeFull(texts: readonly string[]): number {
  const times: number[] = [];
  texts.forEach((text, index) => {
    const start = performance.now();
    parseTransferLog(text);
    if (index >= WARMUP) times.push(performance.now() - start);
  });
  return median(times);
}

function timeIncremental(base: string, texts: readonly string[], prefixCheck: PrefixCheck): number {
  const parser = new IncrementalTransferLogParser({ prefixCheck });
  parser.parse(base);
  const times: number[] = [];
  texts.forEach((text, index) => {
    const start = performance.now();
    parser.parse(text);
    if (index >= WARMUP) times.push(performance.now() - start);
  });
  if (parser.lastUpdate.mode !== 'append' || parser.lastUpdate.linesRead !== 1) throw new Error('bench: not an append');
  return median(times);
}

const format = (ms: number): string => `${ms.toFixed(3)} ms`.padStart(11);
const ratio = (a: number, b: number): string => `×${(a / b).toFixed(1)}`.padStart(8);

const rows = SIZES.map((size) => {
  const { text } = buildLog(size);
  const texts = grown(text, WARMUP + REPETITIONS);
  return {
    size,
    chars: text.length,
    full: timeFull(texts),
    sampled: timeIncremental(text, texts, 'sampled'),
    hashed: timeIncremental(text, texts, 'full'),
  };
});

const columns = (cells: readonly string[]): string =>
  cells.map((cell, index) => cell.padStart([7, 9, 11, 13, 11, 13][index] ?? 10)).join(' ');

console.log(`One poll that finds one new line (median of ${REPETITIONS}, after ${WARMUP} warm-up polls)\n`);
console.log(columns(['lines', 'chars', 'full parse', 'incr/sampled', 'incr/hash', 'full÷sampled']));
for (const row of rows) {
  const cells = [String(row.size), String(row.chars), format(row.full), format(row.sampled), format(row.hashed)];
  console.log(columns([...cells, ratio(row.full, row.sampled)]));
}
const [small, large] = rows;
if (small !== undefined && large !== undefined) {
  console.log(`\nGrowth from ${small.size} to ${large.size} lines (×${large.size / small.size} the lines):`);
  console.log(`  full parse          ${ratio(large.full, small.full)}`);
  console.log(
    `  incremental/sampled ${ratio(large.sampled, small.sampled)}  (left: copying events and item outcomes into the result)`,
  );
  console.log(`  incremental/hash    ${ratio(large.hashed, small.hashed)}  (hashes the whole prefix on every poll)`);
}
