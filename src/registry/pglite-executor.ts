// SqlExecutor over PGlite (PostgreSQL compiled to WASM, in process): the embedded default.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { RegistryClosedError } from './errors.js';
import type { SqlExecutor, SqlQueryable, SqlResult, SqlValue } from './sql-executor.js';

/**
 * Opens (creating when needed) a PGlite database in dataDir, or in memory when dataDir is null.
 * A fresh directory runs initdb (seconds); reopening an existing one takes about half a second.
 * Only one process may open a given directory at a time.
 */
export async function openPgliteExecutor(dataDir: string | null): Promise<SqlExecutor> {
  if (dataDir === null) {
    return new PgliteExecutor(await PGlite.create());
  }
  await mkdir(dataDir, { recursive: true });
  return new PgliteExecutor(await PGlite.create(dataDir));
}

class PgliteExecutor implements SqlExecutor {
  readonly #database: PGlite;
  /** Operations started and not yet settled, so close() never cuts one off. */
  readonly #inFlight = new Set<Promise<unknown>>();
  #closing: Promise<void> | null = null;

  constructor(database: PGlite) {
    this.#database = database;
  }

  // PGlite is a single connection: query() and transaction() already queue behind one mutex,
  // so a top-level query never runs inside somebody else's open transaction.
  query<Row extends object>(sql: string, params: readonly SqlValue[] = []): Promise<SqlResult<Row>> {
    return this.#track(async () => {
      const result = await this.#database.query<Row>(sql, [...params]);
      return { rows: result.rows };
    });
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.#track(() =>
      this.#database.transaction((tx) =>
        work({
          async query<Row extends object>(sql: string, params: readonly SqlValue[] = []): Promise<SqlResult<Row>> {
            const result = await tx.query<Row>(sql, [...params]);
            return { rows: result.rows };
          },
        }),
      ),
    );
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.allSettled([...this.#inFlight]);
      await this.#database.close();
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
