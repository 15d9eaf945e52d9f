// Transfer-session registry: WHM API 1 cannot list transfer sessions, so the gateway remembers every
// session it creates or adopts. Embedded PGlite by default; the same SQL will serve PostgreSQL.
import { RegistryInputError } from './errors.js';
import { runMigrations } from './migrations.js';
import { createPgliteSnapshot, openPgliteExecutor } from './pglite-executor.js';
import type { SqlExecutor } from './sql-executor.js';
import { SqlSessionRegistry } from './sql-registry.js';
import type { SessionRegistry } from './types.js';

export type {
  EnqueuedItemRecord,
  ListSessionsOptions,
  NewEnqueuedItem,
  NewSession,
  SessionFilter,
  SessionKey,
  SessionKind,
  SessionPage,
  SessionRecord,
  SessionRegistry,
} from './types.js';
export { SESSION_KINDS } from './types.js';
export type { RegistryDirectoryProblem } from './errors.js';
export { LOCK_FILE_NAME } from './data-directory.js';
export {
  InvalidCursorError,
  MigrationError,
  RegistryClosedError,
  RegistryDirectoryError,
  RegistryError,
  RegistryInputError,
  SessionKindConflictError,
  SessionNotFoundError,
} from './errors.js';
export type { SqlExecutor, SqlQueryable, SqlResult, SqlValue } from './sql-executor.js';
export { MIGRATIONS, runMigrations, type Migration } from './migrations.js';
export { createPgliteSnapshot, openPgliteExecutor, type PgliteOpenOptions } from './pglite-executor.js';
export { decodeCursor, encodeCursor, type SessionSortKey } from './cursor.js';
export { MAX_PAGE_SIZE, SESSION_ID_PATTERN } from './validation.js';

/** Where the registry lives. Only the embedded store exists today; a `postgres` kind will join it. */
export type RegistryOptions = {
  kind: 'embedded';
  /** PGlite data directory (created if missing), or null for an in-memory registry that dies with the process. */
  dataDir: string | null;
  /** With dataDir null: start from createRegistrySnapshot()'s image instead of an initdb (tests, benchmarks). */
  snapshot?: Blob;
};

export async function openRegistry(options: RegistryOptions): Promise<SessionRegistry> {
  if (options.kind !== 'embedded') {
    throw new RegistryInputError('kind', `Unknown registry kind ${JSON.stringify(options.kind)}; expected "embedded".`);
  }
  return openRegistryOnExecutor(await openPgliteExecutor(options.dataDir, { snapshot: options.snapshot }));
}

/** An empty, migrated in-memory registry as a tarball: registries opened from it skip initdb and migrating. */
export function createRegistrySnapshot(): Promise<Blob> {
  return createPgliteSnapshot((executor) => runMigrations(executor));
}

/** Migrates the schema through executor, then serves the registry over it; closing the registry closes it. */
export async function openRegistryOnExecutor(executor: SqlExecutor): Promise<SessionRegistry> {
  try {
    await runMigrations(executor);
  } catch (error) {
    await executor.close();
    throw error;
  }
  return new SqlSessionRegistry(executor);
}
