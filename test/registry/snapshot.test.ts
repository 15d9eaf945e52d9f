// Databases seeded from a snapshot (the fast path the other suites use) start empty, migrated and
// independent of each other, in memory and in a fresh directory alike.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../src/registry/index.js';
import { openTestExecutor, openTestRegistryIn } from '../helpers/registry.js';

describe('a registry snapshot', () => {
  it('seeds in-memory databases that are already migrated and share nothing', async () => {
    const [first, second] = await Promise.all([openTestExecutor(), openTestExecutor()]);
    try {
      const { rows } = await first.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(await runMigrations(first)).toEqual([]);

      await first.query(
        "INSERT INTO transfer_sessions (server, id, kind, created_at) VALUES ('snap', 'onlyinfirst', 'ROOT', now())",
      );
      const count = async (executor: typeof first) =>
        Number((await executor.query<{ n: number }>('SELECT count(*) AS n FROM transfer_sessions')).rows[0]?.n);
      expect(await count(first)).toBe(1);
      expect(await count(second)).toBe(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('seeds a fresh directory, and leaves a directory that holds a database as it is', async () => {
    const root = await mkdtemp(join(tmpdir(), 'registry-snapshot-'));
    try {
      const dataDir = join(root, 'registry');
      const seeded = await openTestRegistryIn(dataDir);
      await seeded.recordSession({ id: 'kept', server: 'snap', kind: 'ROOT' });
      await seeded.close();

      const reopened = await openTestRegistryIn(dataDir);
      try {
        expect((await reopened.get('snap', 'kept'))?.kind).toBe('ROOT');
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
