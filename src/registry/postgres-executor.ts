// SqlExecutor over a PostgreSQL server (node-postgres pool): what several gateway replicas share.
// Same SQL and migrations as the embedded PGlite; rows differ only where SqlQueryable says so
// (bigint and count come back as strings).
import pg from 'pg';
import { RegistryClosedError, RegistryConnectionError } from './errors.js';
import type { SqlExecutor, SqlQueryable, SqlResult, SqlValue } from './sql-executor.js';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database (the password never appears in errors). */
  databaseUrl: string;
  /** Schema holding the registry's tables (search_path); default: the server's default (public). */
  schema?: string;
  /** Pool size. */
  maxConnections?: number;
  /** How long to wait for a connection before failing. */
  connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool and checks the server answers, so a wrong URL fails at start, not at the first request. */
export async function openPostgresExecutor(options: PostgresOptions): Promise<SqlExecutor> {
  const where = describeUrl(options.databaseUrl);
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new RegistryConnectionError(`The registry schema name ${JSON.stringify(options.schema)} must match ${SCHEMA_NAME}.`);
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // The schema name is checked above, so it is safe inside the startup option.
    options: options.schema === undefined ? undefined : `-c search_path=${options.schema}`,
    application_name: 'whm-graphql-gateway',
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    const message = `Could not connect to the registry database ${where}: ${messageOf(error)}.`;
    throw new RegistryConnectionError(message, { cause: error });
  }
  return new PostgresExecutor(pool);
}

class PostgresExecutor implements SqlExecutor {
  readonly #pool: pg.Pool;
  readonly #inFlight = new Set<Promise<unknown>>();
  #closing: Promise<void> | null = null;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  query<Row extends object>(sql: string, params: readonly SqlValue[] = []): Promise<SqlResult<Row>> {
    return this.#track(() => runQuery<Row>(this.#pool, sql, params));
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.#track(async () => {
      const client = await this.#pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params = []) => runQuery(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError; // the connection is unusable: drop it rather than pool it
        });
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    });
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.allSettled([...this.#inFlight]);
      await this.#pool.end();
    })();
    return this.#closing;
  }

  #track<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#closing !== null) {
      return Promise.reject(new RegistryClosedError());
    }
    const pending = operation();
    this.#inFlight.add(pending);
    const forget = (): void => {
      this.#inFlight.delete(pending);
    };
    pending.then(forget, forget);
    return pending;
  }
}

async function runQuery<Row extends object>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly SqlValue[],
): Promise<SqlResult<Row>> {
  const result = await target.query<Row>(sql, [...params]);
  return { rows: result.rows };
}

/** host:port/database, without user or password. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error && error.message !== '' ? error.message : String(error);
}
