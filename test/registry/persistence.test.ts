// A data directory survives close and reopen; migrations run once, atomically, and refuse newer schemas.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  MigrationError,
  RegistryClosedError,
  openPgliteExecutor,
  openRegistry,
  runMigrations,
  type SessionRecord,
  type SqlExecutor,
} from '../../src/registry/index.js';
import { whmSessionId } from './fixtures.js';

let temporaryRoot: string;
let dataDir: string;

interface MigrationRow {
  version: number;
  name: string;
  applied_at: Date;
}

async function readMigrationRows(executor: SqlExecutor): Promise<MigrationRow[]> {
  const { rows } = await executor.query<MigrationRow>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
  return rows;
}

beforeAll(async () => {
  temporaryRoot = await mkdtemp(join(tmpdir(), 'registry-persistence-'));
  dataDir = join(temporaryRoot, 'nested', 'registry'); // does not exist yet: openRegistry creates it
});
afterAll(async () => {
  await rm(temporaryRoot, { recursive: true, force: true });
});

// Steps share one data directory and run in order (vitest runs a file's tests sequentially).
describe('a registry in a data directory', () => {
  let written: SessionRecord[] = [];
  let firstMigrationRows: MigrationRow[] = [];

  it('is created, written and closed', async () => {
    const registry = await openRegistry({ kind: 'embedded', dataDir });
    const id = whmSessionId('persist', 1);
    await registry.recordSession({
      id,
      server: 'prod1',
      kind: 'ROOT',
      remoteHost: 'old.example.com',
      createdAt: new Date('2024-02-03T04:05:06.789Z'),
      createdBy: 'ops-dashboard',
    });
    await registry.recordItems('prod1', id, [
      { module: 'AccountRemoteRoot', name: 'alice', localName: 'alice', size: 123_456_789 },
      { module: 'PackageRemoteRoot', name: 'gold', localName: null, size: null },
    ]);
    await registry.recordState('prod1', id, 'PAUSED', new Date('2024-02-03T05:00:00.000Z'));
    await registry.recordSession({ id: 'restoresession', server: 'prod2', kind: 'RESTORE', adopted: true });
    written = (await registry.list({ first: 10 })).sessions;
    expect(written).toHaveLength(2);

    await registry.close();
    await registry.close(); // closing twice is harmless
    await expect(registry.get('prod1', id)).rejects.toBeInstanceOf(RegistryClosedError);
    await expect(registry.count()).rejects.toBeInstanceOf(RegistryClosedError);
  });

  it('reads back everything after reopening with a new instance', async () => {
    const reopened = await openRegistry({ kind: 'embedded', dataDir });
    try {
      expect(await reopened.count()).toBe(2);
      expect(await reopened.get('prod1', whmSessionId('persist', 1))).toEqual(written[1]);
      const page = await reopened.list({ first: 10 });
      expect(page.sessions).toEqual(written);
      expect(page.sessions[1]?.items.map((item) => item.size)).toEqual([123_456_789, null]);
    } finally {
      await reopened.close();
    }
  });

  it('recorded the migrations once, and reopening does not run them again', async () => {
    const executor = await openPgliteExecutor(dataDir);
    try {
      firstMigrationRows = await readMigrationRows(executor);
      expect(firstMigrationRows.map((row) => [row.version, row.name])).toEqual(
        MIGRATIONS.map((migration) => [migration.version, migration.name]),
      );
      expect(await runMigrations(executor)).toEqual([]);
      expect(await readMigrationRows(executor)).toEqual(firstMigrationRows);
    } finally {
      await executor.close();
    }
    const reopened = await openRegistry({ kind: 'embedded', dataDir });
    await reopened.close();

    const check = await openPgliteExecutor(dataDir);
    try {
      expect(await readMigrationRows(check)).toEqual(firstMigrationRows);
    } finally {
      await check.close();
    }
  });

  it('applies migrations atomically: a failing one leaves no trace', async () => {
    const executor = await openPgliteExecutor(dataDir);
    try {
      const broken = [
        ...MIGRATIONS,
        { version: MIGRATIONS.length + 1, name: 'add things', statements: ['CREATE TABLE half_done (a integer)'] },
        { version: MIGRATIONS.length + 2, name: 'broken', statements: ['SELECT * FROM no_such_table'] },
      ];
      const error: unknown = await runMigrations(executor, broken).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(new RegExp(`migration ${MIGRATIONS.length + 2} \\(broken\\) failed`));

      const { rows } = await executor.query<{ name: string | null }>("SELECT to_regclass('half_done')::text AS name");
      expect(rows[0]?.name).toBeNull();
      expect(await readMigrationRows(executor)).toEqual(firstMigrationRows);
    } finally {
      await executor.close();
    }
  });

  it('refuses a database migrated by a newer gateway', async () => {
    const executor = await openPgliteExecutor(dataDir);
    try {
      await executor.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
      await expect(runMigrations(executor)).rejects.toThrow(/schema version\(s\) 999 .* does not know/);
      await executor.query('DELETE FROM schema_migrations WHERE version = 999');
    } finally {
      await executor.close();
    }
  });
});
