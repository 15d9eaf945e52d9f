// The registry's schema, as ordered plain-SQL migrations in portable PostgreSQL, shared by the
// embedded PGlite database and a real PostgreSQL server. Append new versions; never edit an applied one.
import { MigrationError } from './errors.js';
import type { SqlExecutor, SqlQueryable } from './sql-executor.js';

export interface Migration {
  /** Strictly increasing, starting at 1. */
  version: number;
  name: string;
  /** One statement each: drivers' parameterised query paths do not accept several at once. */
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create transfer session registry',
    statements: [
      // timestamptz(3): JavaScript Dates carry milliseconds, so stored values round-trip exactly
      // and cursors built from them compare equal to what is stored.
      `CREATE TABLE transfer_sessions (
        server       text NOT NULL CHECK (server <> ''),
        id           text NOT NULL CHECK (id ~ '^[0-9A-Za-z_]+$'),
        kind         text NOT NULL CHECK (kind IN ('ROOT', 'USER', 'RESTORE')),
        remote_host  text,
        created_at   timestamptz(3) NOT NULL,
        created_by   text,
        adopted      boolean NOT NULL DEFAULT false,
        last_state   text,
        last_seen_at timestamptz(3),
        PRIMARY KEY (server, id)
      )`,
      // Serves list(): newest first, keyset pagination on (created_at, id, server).
      `CREATE INDEX transfer_sessions_newest_first
        ON transfer_sessions (created_at DESC, id DESC, server DESC)`,
      `CREATE TABLE transfer_session_items (
        server      text NOT NULL,
        session_id  text NOT NULL,
        module      text NOT NULL CHECK (module <> ''),
        name        text NOT NULL CHECK (name <> ''),
        local_name  text,
        size_bytes  bigint CHECK (size_bytes >= 0),
        enqueued_at timestamptz(3) NOT NULL,
        -- Orders items as enqueued, also within one batch that shares enqueued_at.
        enqueue_order bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (server, session_id, module, name),
        FOREIGN KEY (server, session_id) REFERENCES transfer_sessions (server, id) ON DELETE CASCADE
      )`,
    ],
  },
  {
    version: 2,
    name: 'journal of WHM writes and idempotency keys',
    statements: [
      // No column for a credential: the gateway stores a call's parameters without them.
      `CREATE TABLE whm_write_journal (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        server       text NOT NULL,
        whm_function text NOT NULL,
        params       jsonb NOT NULL,
        requested_by text NOT NULL,
        request_id   text NOT NULL,
        started_at   timestamptz(3) NOT NULL,
        finished_at  timestamptz(3),
        outcome      text CHECK (outcome IN ('SUCCEEDED', 'REFUSED', 'FAILED', 'UNKNOWN')),
        detail       text
      )`,
      `CREATE INDEX whm_write_journal_newest_first ON whm_write_journal (started_at DESC, id DESC)`,
      `CREATE TABLE idempotency_keys (
        caller       text NOT NULL,
        key          text NOT NULL,
        request_hash text NOT NULL,
        response     jsonb,
        created_at   timestamptz(3) NOT NULL,
        completed_at timestamptz(3),
        PRIMARY KEY (caller, key)
      )`,
    ],
  },
  {
    version: 3,
    name: 'link retried sessions',
    statements: [
      // The session (on the same server) whose items this one retries: retryTransferItems.
      `ALTER TABLE transfer_sessions
        ADD COLUMN retried_from text CHECK (retried_from ~ '^[0-9A-Za-z_]+$')`,
      `CREATE INDEX transfer_sessions_retries
        ON transfer_sessions (server, retried_from) WHERE retried_from IS NOT NULL`,
    ],
  },
  {
    version: 4,
    name: 'webhook outbox and the session states webhooks have reported',
    statements: [
      // One row per event and target; the payload is stored once, so every retry sends the same bytes.
      // The identity orders a session's events: each target receives them in that order.
      `CREATE TABLE webhook_outbox (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id         text NOT NULL,
        target           text NOT NULL,
        event_type       text NOT NULL,
        server           text NOT NULL,
        session_id       text NOT NULL,
        payload          text NOT NULL,
        created_at       timestamptz(3) NOT NULL,
        status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RETRYING', 'DELIVERED', 'FAILED')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz(3),
        last_error       text,
        last_http_status integer,
        delivered_at     timestamptz(3),
        claimed_by       text,
        claimed_until    timestamptz(3),
        UNIQUE (event_id, target)
      )`,
      // Serves the claim: the oldest open row of each (target, session).
      `CREATE INDEX webhook_outbox_open ON webhook_outbox (target, server, session_id, id)
        WHERE status IN ('PENDING', 'RETRYING')`,
      // The last state reported per session, so a state change is reported once whichever replica sees it.
      `CREATE TABLE webhook_session_marks (
        server       text NOT NULL,
        session_id   text NOT NULL,
        state        text,
        final        boolean NOT NULL DEFAULT false,
        log_position integer NOT NULL DEFAULT 0,
        changes      integer NOT NULL DEFAULT 0,
        PRIMARY KEY (server, session_id)
      )`,
    ],
  },
  {
    version: 5,
    name: 'count of each session’s items',
    statements: [
      // Reading a session then costs its own row, not a count of its thousands of items on every
      // monitoring request (the items cache compares counts). A trigger keeps the count, so it stays
      // right whichever code inserts, an older replica's too during a rolling upgrade. Items are never
      // deleted on their own (only with their session).
      `ALTER TABLE transfer_sessions ADD COLUMN item_count integer NOT NULL DEFAULT 0 CHECK (item_count >= 0)`,
      `UPDATE transfer_sessions s
          SET item_count = (SELECT count(*) FROM transfer_session_items i WHERE i.server = s.server AND i.session_id = s.id)`,
      // Statement level with a transition table: one UPDATE per session and batch, of only the rows
      // really inserted (ON CONFLICT DO NOTHING leaves repeats out); the row lock orders concurrent batches.
      `CREATE FUNCTION count_inserted_session_items() RETURNS trigger LANGUAGE plpgsql
       SET search_path FROM CURRENT AS $$
       BEGIN
         UPDATE transfer_sessions s
            SET item_count = s.item_count + added.n
           FROM (SELECT server, session_id, count(*) AS n FROM inserted GROUP BY server, session_id) AS added
          WHERE s.server = added.server AND s.id = added.session_id;
         RETURN NULL;
       END
       $$`,
      `CREATE TRIGGER transfer_session_items_counted
         AFTER INSERT ON transfer_session_items
         REFERENCING NEW TABLE AS inserted
         FOR EACH STATEMENT EXECUTE FUNCTION count_inserted_session_items()`,
    ],
  },
];

/** Arbitrary constant naming the lock that keeps two gateway replicas from migrating at once. */
const MIGRATION_LOCK_KEY = 7_146_351_209;

/**
 * Brings the schema up to date in ONE transaction: either every pending migration is applied and
 * recorded in schema_migrations, or none is. Returns the versions applied by this call ([] when
 * the schema was already current). Fails when the database has versions this code does not know.
 */
export async function runMigrations(executor: SqlExecutor, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  assertWellOrdered(migrations);
  return executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const appliedVersions = await readAppliedVersions(tx);
    const knownVersions = new Set(migrations.map((migration) => migration.version));
    const unknown = [...appliedVersions].filter((version) => !knownVersions.has(version));
    if (unknown.length > 0) {
      throw new MigrationError(
        `The registry database has schema version(s) ${unknown.join(', ')} that this gateway does not know; ` +
          'it was migrated by a newer gateway. Upgrade this gateway or use another data directory.',
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (appliedVersions.has(migration.version)) continue;
      try {
        for (const statement of migration.statements) {
          await tx.query(statement);
        }
      } catch (error) {
        throw new MigrationError(`Registry migration ${migration.version} (${migration.name}) failed: ${errorMessage(error)}`, {
          cause: error,
        });
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

async function readAppliedVersions(tx: SqlQueryable): Promise<Set<number>> {
  const { rows } = await tx.query<{ version: number | string }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((row) => Number(row.version)));
}

function assertWellOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.version ?? 0);
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new MigrationError(
        `Registry migrations must have strictly increasing integer versions; ${migration.version} follows ${previous}.`,
      );
    }
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
