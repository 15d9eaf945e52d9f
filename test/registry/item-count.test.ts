// The count of a session's items the database keeps (a trigger, migration 5): what lets a monitoring
// read skip the items it already holds. It must match the items whoever inserts them, however often.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  openPostgresExecutor,
  openRegistryOnExecutor,
  runMigrations,
  type NewEnqueuedItem,
  type SessionRegistry,
  type SqlExecutor,
} from '../../src/registry/index.js';
import { TEST_DATABASE_URL, createTestSchema, postgresAvailable } from '../helpers/postgres.js';
import { registryEngines } from '../helpers/registry.js';
import { whmSessionId } from './fixtures.js';

const engines = await registryEngines();

const items = (prefix: string, from: number, count: number): NewEnqueuedItem[] =>
  Array.from({ length: count }, (_unused, index) => ({
    module: 'PackageRemoteRoot',
    name: `${prefix}${from + index}`,
    localName: null,
    size: null,
  }));

async function storedCount(executor: SqlExecutor, server: string, id: string): Promise<{ kept: number; actual: number }> {
  const { rows } = await executor.query<{ kept: number | string; actual: number | string }>(
    `SELECT s.item_count AS kept,
            (SELECT count(*) FROM transfer_session_items i WHERE i.server = s.server AND i.session_id = s.id) AS actual
       FROM transfer_sessions s WHERE s.server = $1 AND s.id = $2`,
    [server, id],
  );
  return { kept: Number(rows[0]?.kept), actual: Number(rows[0]?.actual) };
}

describe.each(engines)('the item count on $name', (engine) => {
  let executor: SqlExecutor;
  let registry: SessionRegistry;
  /** A second replica on the same database, with a cache of its own. */
  let other: SessionRegistry;

  beforeAll(async () => {
    executor = await engine.openExecutor();
    registry = await openRegistryOnExecutor(executor);
    other = await openRegistryOnExecutor({
      query: (sql, params) => executor.query(sql, params),
      transaction: (work) => executor.transaction(work),
      close: async () => undefined,
    });
  });
  afterAll(async () => {
    await other.close();
    await registry.close();
  });

  it('grows by the items really inserted: repeats, in one batch or a later one, are not counted', async () => {
    const id = whmSessionId('count', 1);
    await registry.recordSession({ id, server: 'count1', kind: 'ROOT' });
    await registry.recordItems('count1', id, [...items('p', 0, 5), ...items('p', 3, 4)]);
    expect(await storedCount(executor, 'count1', id)).toEqual({ kept: 7, actual: 7 });
    await registry.recordItems('count1', id, items('p', 5, 4));
    expect(await storedCount(executor, 'count1', id)).toEqual({ kept: 9, actual: 9 });
  });

  it('counts batches two replicas insert at the same moment, overlapping, and both read every item', async () => {
    const id = whmSessionId('count', 2);
    await registry.recordSession({ id, server: 'count2', kind: 'ROOT' });
    // Both replicas hold the session's (empty) list before the batches land.
    await Promise.all([registry.get('count2', id), other.get('count2', id)]);
    await Promise.all([
      registry.recordItems('count2', id, items('q', 0, 300)),
      other.recordItems('count2', id, items('q', 200, 300)),
      registry.recordItems('count2', id, items('q', 450, 100)),
    ]);
    expect(await storedCount(executor, 'count2', id)).toEqual({ kept: 550, actual: 550 });
    for (const replica of [registry, other]) expect((await replica.get('count2', id))?.items).toHaveLength(550);
  });

  it('counts items an INSERT of other code adds (an older replica during an upgrade), so readers see them', async () => {
    const id = whmSessionId('count', 3);
    await registry.recordSession({ id, server: 'count3', kind: 'ROOT' });
    await registry.recordItems('count3', id, items('r', 0, 3));
    expect((await registry.get('count3', id))?.items).toHaveLength(3);
    await executor.query(
      `INSERT INTO transfer_session_items (server, session_id, module, name, enqueued_at)
       VALUES ($1, $2, 'PackageRemoteRoot', 'plain1', now()), ($1, $2, 'PackageRemoteRoot', 'plain2', now())`,
      ['count3', id],
    );
    expect(await storedCount(executor, 'count3', id)).toEqual({ kept: 5, actual: 5 });
    expect((await registry.get('count3', id))?.items.map((item) => item.name)).toEqual(['r0', 'r1', 'r2', 'plain1', 'plain2']);
  });
});

describe.runIf(await postgresAvailable())('migration 5 on PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('counts the items of sessions recorded before it', async () => {
    const { schema, drop } = await createTestSchema();
    cleanups.push(drop);
    const executor = await openPostgresExecutor({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 2 });
    cleanups.push(() => executor.close());
    const before = MIGRATIONS.filter((migration) => migration.version < 5);
    await runMigrations(executor, before);
    for (const [id, count] of [
      ['old1', 4],
      ['old2', 0],
    ] as const) {
      await executor.query(`INSERT INTO transfer_sessions (server, id, kind, created_at) VALUES ('old', $1, 'ROOT', now())`, [
        id,
      ]);
      for (let index = 0; index < count; index += 1) {
        await executor.query(
          `INSERT INTO transfer_session_items (server, session_id, module, name, enqueued_at)
           VALUES ('old', $1, 'PackageRemoteRoot', $2, now())`,
          [id, `pkg${index}`],
        );
      }
    }
    expect(await runMigrations(executor)).toEqual(MIGRATIONS.filter((migration) => migration.version >= 5).map((m) => m.version));
    expect(await storedCount(executor, 'old', 'old1')).toEqual({ kept: 4, actual: 4 });
    expect(await storedCount(executor, 'old', 'old2')).toEqual({ kept: 0, actual: 0 });
  });
});
