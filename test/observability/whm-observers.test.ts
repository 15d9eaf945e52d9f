import { describe, expect, it } from 'vitest';
import { combineWhmObservers } from '../../src/observability/index.js';
import type { WhmRequestReport } from '../../src/whm/transport.js';

describe('combineWhmObservers', () => {
  it('tells every observer, even after one throws, and skips absent ones', () => {
    const seen: string[] = [];
    const combined = combineWhmObservers(
      { onRequest: (report) => void seen.push(`first ${report.command}`) },
      null,
      {
        onRequest: () => {
          throw new Error('broken observer');
        },
      },
      undefined,
      { onRequest: (report) => void seen.push(`last ${report.command}`) },
    );
    const report: WhmRequestReport = { server: 'east', command: 'batch', calls: 2, outcome: 'ok', durationMs: 3, attempt: 1 };
    expect(() => combined.onRequest(report)).not.toThrow();
    expect(seen).toEqual(['first batch', 'last batch']);
  });
});
