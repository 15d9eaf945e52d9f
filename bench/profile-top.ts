// Top functions by self time in a V8 CPU profile (.cpuprofile), as a table.
import { printTable } from './table.js';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** node_modules/<package>/… or src/… instead of a full file URL. */
function shortLocation(url: string, line: number): string {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  const short = inModules >= 0 ? path.slice(inModules + 'node_modules/'.length) : path.replace(/^.*?\/(src|bench|test)\//, '$1/');
  return `${short}:${line + 1}`;
}

export function printTopSelfTime(profile: CpuProfile, count: number): void {
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next one.
  for (let index = 0; index < samples.length; index += 1) {
    const node = samples[index];
    if (node === undefined) continue;
    selfMicros.set(node, (selfMicros.get(node) ?? 0) + (deltas[index + 1] ?? 0));
  }
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${shortLocation(url, lineNumber)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  const total = profile.endTime - profile.startTime;
  const rows = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  printTable(
    ['function  location', 'self ms', 'self %'],
    rows.map(([key, micros]) => [key, (micros / 1000).toFixed(0), ((micros / total) * 100).toFixed(1)]),
  );
}
