// Registries seeded from a snapshot (the fast path the other suites use) start empty, migrated and
// independent of each other.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, openPgliteExecutor, runMigrations } from '../../src/registry/index.js';
import { openTestExecutor, openTestRegistry } from '../helpers/registry.js';

describe('a registry snapshot', () => {
  it('seeds in-memory databases that are already migrated', async () => {
    const executor = await openTestExecutor();
    try {
      const { rows } = await executor.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(await runMigrations(executor)).toEqual([]);
    } finally {
      await executor.close();
    }
  });

  it('seeds registries that start empty and do not share data', async () => {
    const first = await openTestRegistry();
    const second = await openTestRegistry();
    try {
      await first.recordSession({ id: 'onlyinfirst', server: 'snap', kind: 'ROOT' });
      expect(await first.count()).toBe(1);
      expect(await second.count()).toBe(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('is refused for a data directory, which must hold its own files', async () => {
    const snapshot = new Blob([]);
    await expect(openPgliteExecutor('/nonexistent/registry', { snapshot })).rejects.toThrow(/only seed an in-memory/);
  });
});
