// A PostgreSQL server for registry tests: TEST_DATABASE_URL (default: the local test database).
// Unreachable, the PostgreSQL tests are left out with one line on the console; with
// REQUIRE_SERVICES=1 (CI with services) that is a failure instead.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgresExecutor, type SqlExecutor } from '../../src/registry/index.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

let probe: Promise<boolean> | undefined;

/** Whether the server answers; asked once per process. */
export function postgresAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      const where = new URL(TEST_DATABASE_URL).host;
      const reason = error instanceof Error ? error.message : String(error);
      if (process.env.REQUIRE_SERVICES === '1') {
        throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL at ${where} is unreachable: ${reason}`);
      }
      console.log(
        `PostgreSQL registry tests left out: ${where} is unreachable (${reason}); set TEST_DATABASE_URL, or REQUIRE_SERVICES=1 to fail.`,
      );
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return probe;
}

/** Runs one statement on a connection of its own (schema set-up and tear-down). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A schema of its own, dropped when the returned function runs. */
export async function createTestSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `registry_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  return { schema, drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/** An executor on an empty schema of its own; closing it drops the schema. */
export async function openPostgresTestExecutor(): Promise<SqlExecutor> {
  const { schema, drop } = await createTestSchema();
  const executor = await openPostgresExecutor({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 4 });
  return {
    query: (sql, params) => executor.query(sql, params),
    transaction: (work) => executor.transaction(work),
    async close() {
      try {
        await executor.close();
      } finally {
        await drop();
      }
    },
  };
}
