// SqlExecutor over PGlite (PostgreSQL compiled to WASM, in process): the embedded default.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { claimDataDirectory, unopenableDirectoryError } from './data-directory.js';
import { RegistryClosedError } from './errors.js';
import type { SqlExecutor, SqlQueryable, SqlResult, SqlValue } from './sql-executor.js';

export interface PgliteOpenOptions {
  /**
   * A data-directory tarball (see createPgliteSnapshot) to start a NEW database from instead of
   * running initdb, which turns seconds into about one (tests). Used in memory and for a fresh
   * directory; a directory that already holds a database opens as it is.
   */
  snapshot?: Blob;
}

/**
 * Opens (creating when needed) a PGlite database in dataDir, or in memory when dataDir is null.
 * A fresh directory runs initdb (seconds); reopening an existing one takes about half a second.
 * The directory is locked while open, private to its owner (0700, files without group or world
 * access), and never initialised over a damaged database: all of that fails with a
 * RegistryDirectoryError naming the directory.
 */
export async function openPgliteExecutor(dataDir: string | null, options: PgliteOpenOptions = {}): Promise<SqlExecutor> {
  const engine = await engineOptions();
  if (dataDir === null) {
    return new PgliteExecutor(await PGlite.create({ ...engine, loadDataDir: options.snapshot }), async () => {});
  }
  const claim = await claimDataDirectory(dataDir);
  let database: PGlite;
  try {
    const seed = claim.fresh ? options.snapshot : undefined;
    database = await PGlite.create(claim.directory, { ...engine, loadDataDir: seed });
  } catch (error) {
    await claim.release();
    throw unopenableDirectoryError(claim.directory, claim.fresh, error);
  }
  return new PgliteExecutor(database, () => claim.release());
}

/** A fresh in-memory database, prepared by `prepare`, dumped as an uncompressed data-directory tarball. */
export async function createPgliteSnapshot(prepare: (executor: SqlExecutor) => Promise<unknown>): Promise<Blob> {
  const database = await PGlite.create(await engineOptions());
  const executor = new PgliteExecutor(database, async () => {});
  try {
    await prepare(executor);
    return await database.dumpDataDir('none');
  } finally {
    await executor.close();
  }
}

type EngineOptions = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>;
let engine: Promise<EngineOptions> | undefined;

/**
 * PGlite compiles its WASM and reads its file bundle on every create(); a process that opens several
 * databases (tests, benchmarks) does that once. Best effort: if the package's files are not where
 * they are expected, PGlite loads them itself.
 */
function engineOptions(): Promise<EngineOptions> {
  engine ??= (async (): Promise<EngineOptions> => {
    try {
      const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
      const [pglite, initdb, bundle] = await Promise.all(
        ['pglite.wasm', 'initdb.wasm', 'pglite.data'].map((file) => readFile(join(dist, file))),
      );
      if (pglite === undefined || initdb === undefined || bundle === undefined) return {};
      return {
        pgliteWasmModule: await WebAssembly.compile(pglite),
        initdbWasmModule: await WebAssembly.compile(initdb),
        fsBundle: new Blob([bundle]),
      };
    } catch {
      return {};
    }
  })();
  return engine;
}

class PgliteExecutor implements SqlExecutor {
  readonly #database: PGlite;
  /** After the database is closed: release what was claimed for it (the data directory's lock). */
  readonly #afterClose: () => Promise<void>;
  /** Operations started and not yet settled, so close() never cuts one off. */
  readonly #inFlight = new Set<Promise<unknown>>();
  #closing: Promise<void> | null = null;

  constructor(database: PGlite, afterClose: () => Promise<void>) {
    this.#database = database;
    this.#afterClose = afterClose;
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
      try {
        await this.#database.close();
      } finally {
        await this.#afterClose();
      }
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
