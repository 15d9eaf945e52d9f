// Transfer-session registry: WHM API 1 cannot list transfer sessions, so the gateway remembers every
// session it creates or adopts. Embedded PGlite by default; the same SQL and migrations serve a
// PostgreSQL server that several gateway replicas share.
import { RegistryInputError } from './errors.js';
import { runMigrations } from './migrations.js';
import { createPgliteSnapshot, openPgliteExecutor } from './pglite-executor.js';
import { openPostgresExecutor, type PostgresOptions } from './postgres-executor.js';
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
  RegistryConnectionError,
  RegistryDirectoryError,
  RegistryError,
  RegistryInputError,
  SessionKindConflictError,
  SessionNotFoundError,
} from './errors.js';
export type { SqlExecutor, SqlQueryable, SqlResult, SqlValue } from './sql-executor.js';
export { MIGRATIONS, runMigrations, type Migration } from './migrations.js';
export { createPgliteSnapshot, openPgliteExecutor, type PgliteOpenOptions } from './pglite-executor.js';
export { openPostgresExecutor, type PostgresOptions } from './postgres-executor.js';
export { decodeCursor, encodeCursor, type SessionSortKey } from './cursor.js';
export { MAX_PAGE_SIZE, SESSION_ID_PATTERN } from './validation.js';
export { IDEMPOTENCY_KEY_TTL_MS, type IdempotencyClaim, type IdempotencyKeys } from './idempotency-keys.js';
export type { JournalEntry, WriteIntent, WriteJournal, WriteOutcome } from './write-journal.js';
export type {
  DeliveryOutcome,
  NewWebhookDelivery,
  SessionObservation,
  SessionStateChange,
  WebhookDeliveryFilter,
  WebhookDeliveryPage,
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
  WebhookOutbox,
} from './webhook-outbox-types.js';

/** Where the registry lives: an embedded PGlite (default), or a PostgreSQL server shared by replicas. */
export type RegistryOptions = EmbeddedRegistryOptions | PostgresRegistryOptions;

export interface EmbeddedRegistryOptions {
  kind: 'embedded';
  /** PGlite data directory (created if missing), or null for an in-memory registry that dies with the process. */
  dataDir: string | null;
  /** A new database (in memory, or a fresh dataDir) starts from createRegistrySnapshot()'s image, not an initdb (tests). */
  snapshot?: Blob;
}

export interface PostgresRegistryOptions extends PostgresOptions {
  kind: 'postgres';
}

/** Opens the store and brings its schema up to date (replicas starting together migrate one at a time). */
export async function openRegistry(options: RegistryOptions): Promise<SessionRegistry> {
  switch (options.kind) {
    case 'embedded':
      return openRegistryOnExecutor(await openPgliteExecutor(options.dataDir, { snapshot: options.snapshot }));
    case 'postgres':
      return openRegistryOnExecutor(await openPostgresExecutor(options));
    default: {
      const kind: unknown = (options as { kind: unknown }).kind;
      throw new RegistryInputError('kind', `Unknown registry kind ${JSON.stringify(kind)}; expected "embedded" or "postgres".`);
    }
  }
}

/** Picks the store from the settings: PostgreSQL when a database URL is given, else PGlite in dataDir. */
export function registryOptionsFor(settings: { databaseUrl?: string | null; dataDir: string }): RegistryOptions {
  return settings.databaseUrl
    ? { kind: 'postgres', databaseUrl: settings.databaseUrl }
    : { kind: 'embedded', dataDir: settings.dataDir };
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

/** An empty, migrated in-memory registry as a tarball: registries opened from it skip initdb and migrating. */
export function createRegistrySnapshot(): Promise<Blob> {
  return createPgliteSnapshot((executor) => runMigrations(executor));
}
