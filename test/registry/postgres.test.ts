// The PostgreSQL store: replicas that start together migrate once, a wrong server fails at start with
// a message free of the password, and openRegistry picks PostgreSQL when given a database URL.
// (The registry behaviour itself runs on both engines in sessions.test.ts and list.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  RegistryConnectionError,
  openPostgresExecutor,
  openRegistry,
  registryOptionsFor,
  runMigrations,
  type SqlExecutor,
} from '../../src/registry/index.js';
import { TEST_DATABASE_URL, createTestSchema, postgresAvailable } from '../helpers/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('a registry on PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function schemaOfItsOwn(): Promise<string> {
    const { schema, drop } = await createTestSchema();
    cleanups.push(drop);
    return schema;
  }

  async function executorOn(schema: string): Promise<SqlExecutor> {
    const executor = await openPostgresExecutor({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 2 });
    cleanups.push(() => executor.close());
    return executor;
  }

  it('is migrated exactly once when several replicas start at the same moment', async () => {
    const schema = await schemaOfItsOwn();
    const replicas = await Promise.all([1, 2, 3, 4].map(() => executorOn(schema)));
    const applied = await Promise.all(replicas.map((replica) => runMigrations(replica)));

    const allVersions = MIGRATIONS.map((migration) => migration.version);
    expect(applied.filter((versions) => versions.length > 0)).toEqual([allVersions]);
    expect(applied.filter((versions) => versions.length === 0)).toHaveLength(replicas.length - 1);
    const reader = replicas[0] as SqlExecutor;
    const { rows } = await reader.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(allVersions);
  });

  it('is what openRegistry opens when given a database URL, in the schema it is given', async () => {
    const schema = await schemaOfItsOwn();
    const registry = await openRegistry({ kind: 'postgres', databaseUrl: TEST_DATABASE_URL, schema });
    try {
      await registry.recordSession({ id: 'onpostgres', server: 'pg', kind: 'USER' });
      // Past 2^32: pg returns bigint as a string, which must still come back as a number.
      const item = { module: 'AccountRemoteUser', name: 'bob', localName: null, size: 5_000_000_000 };
      await registry.recordItems('pg', 'onpostgres', [item]);
      expect((await registry.get('pg', 'onpostgres'))?.items.map((item) => item.size)).toEqual([5_000_000_000]);
      expect(await registry.count()).toBe(1);
    } finally {
      await registry.close();
    }
    const reader = await executorOn(schema);
    const { rows } = await reader.query<{ id: string }>('SELECT id FROM transfer_sessions');
    expect(rows).toEqual([{ id: 'onpostgres' }]);
  });

  it('fails at start, naming the server but not the password, when the server does not answer', async () => {
    const error: unknown = await openRegistry({
      kind: 'postgres',
      databaseUrl: 'postgres://gateway:Sekr1t-pw@127.0.0.1:1/registry',
      connectTimeoutMs: 2000,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RegistryConnectionError);
    expect((error as Error).message).toMatch(/^Could not connect to the registry database 127\.0\.0\.1:1\/registry: /);
    expect((error as Error).message).not.toContain('Sekr1t-pw');
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openPostgresExecutor({ databaseUrl: TEST_DATABASE_URL, schema: 'x; DROP TABLE y' })).rejects.toBeInstanceOf(
      RegistryConnectionError,
    );
  });
});

describe('choosing the store', () => {
  it('takes PostgreSQL when a database URL is set, else PGlite in the data directory', () => {
    expect(registryOptionsFor({ databaseUrl: 'postgres://db/registry', dataDir: '/data' })).toEqual({
      kind: 'postgres',
      databaseUrl: 'postgres://db/registry',
    });
    expect(registryOptionsFor({ databaseUrl: '', dataDir: '/data' })).toEqual({ kind: 'embedded', dataDir: '/data' });
    expect(registryOptionsFor({ dataDir: '/data' })).toEqual({ kind: 'embedded', dataDir: '/data' });
  });
});
