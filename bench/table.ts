// Plain-text tables and the small statistics the bench prints.

/** Nearest-rank percentile of a non-empty list. */
export function nearestRank(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** First column left-aligned, the others right-aligned. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** One row of the targets table. */
export interface TargetResult {
  what: string;
  gateway: string;
  direct: string;
  /** The compared figure, as printed (a ratio, a difference, a count per request). */
  value: string;
  target: string;
  met: boolean;
  note?: string;
}

export function printTargets(results: readonly TargetResult[]): void {
  printTable(
    ['target', 'gateway', 'direct / baseline', 'measured', 'target', 'met'],
    results.map((result) => [
      result.what,
      result.gateway,
      result.direct,
      result.value,
      result.target,
      result.met ? 'met' : 'NOT MET',
    ]),
  );
  const notes = results.filter((result) => result.note !== undefined);
  if (notes.length > 0) console.log('');
  for (const result of notes) console.log(`${result.what}: ${result.note ?? ''}`);
}
