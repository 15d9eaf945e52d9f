// The example master.log published in cPanel's Transfers OpenAPI spec, read from ../shared at run time
// (never copied into the project). A fresh clone has no ../shared: the suite then skips.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseTransferLog } from '../../src/transfer/index.js';

const specPath = fileURLToPath(new URL('../../../shared/whm-api/cpanel-transfers-api-openapi.yml', import.meta.url));
const specAvailable = existsSync(specPath);

function dig(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

let cachedExample: string | undefined;

function exampleLog(): string {
  cachedExample ??= readExampleLog();
  return cachedExample;
}

function readExampleLog(): string {
  const spec: unknown = parseYaml(readFileSync(specPath, 'utf8'));
  const example = dig(
    spec,
    'paths',
    '/fetch_transfer_session_log',
    'get',
    'responses',
    '200',
    'content',
    'application/json',
    'schema',
    'properties',
    'data',
    'properties',
    'log',
    'example',
  );
  if (typeof example !== 'string') throw new Error('the spec no longer has an example master.log where expected');
  return example;
}

describe.skipIf(!specAvailable)(
  `the spec's example master.log (${specAvailable ? specPath : 'skipped: ../shared/whm-api is absent'})`,
  () => {
    it('parses every line', () => {
      const parsed = parseTransferLog(exampleLog());
      expect(parsed.skippedLineCount).toBe(0);
      expect(parsed.events.length).toBe(parsed.lineCount);
      expect(parsed.events.length).toBeGreaterThan(10);
    });

    it('reads the header and the final complete', () => {
      const { session } = parseTransferLog(exampleLog());
      expect(session.initiator).toBe('norootcopy');
      expect(session.version).toBe('2.3');
      expect(session.remoteHost).toBe('10.1.32.200');
      expect(session.queues.TRANSFER).toMatchObject({ itemCount: 1, totalBytes: 1 });
      expect(session.queues.RESTORE).toMatchObject({ itemCount: 1, totalBytes: 1 });
      expect(session.completed).toBe(true);
      expect(session.completedAt).not.toBeNull();
      expect(session.masterPid).toBe(12789);
      expect(session.pids).toHaveLength(3);
    });

    it('reports the root item as FAILED with its failure text, despite the COMPLETED session', () => {
      const { items, progress } = parseTransferLog(exampleLog());
      expect(items).toHaveLength(1);
      const root = items[0];
      expect(root).toMatchObject({ key: 'AccountRemoteUser:root', item: 'root', itemName: 'Account', state: 'FAILED', size: 1 });
      expect(root?.failure).toMatch(/already exists/);
      expect(root?.transfer.status).toBe('FAILED');
      expect(root?.restore.status).toBe('FAILED');
      expect(root?.transferLogfile).toBe('item-TRANSFER_AccountRemoteUser_root');
      expect(root?.restoreLogfile).toBe('item-RESTORE_AccountRemoteUser_root');
      expect(progress.percent).toBe(100);
      // WHM logs the item failed in both queues; it counts once, where it failed first.
      expect(progress.queues.map((queue) => queue.failedItems)).toEqual([1, 0]);
      expect(progress.queues.map((queue) => queue.completedItems)).toEqual([1, 1]);
    });
  },
);
