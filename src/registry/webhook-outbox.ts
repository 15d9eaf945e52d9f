// The webhook outbox: events written here, in the same transaction that decides them, are delivered
// at least once, by one replica at a time. A replica claims a row for a while (claimed_by,
// claimed_until); a claim that expires (its replica died) is taken again. Only the oldest open row
// of each (target, session) can be claimed, so a target receives a session's events in order.
import type { SqlExecutor, SqlQueryable } from './sql-executor.js';
import type {
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

interface DeliveryRow {
  id: string | number;
  event_id: string;
  target: string;
  event_type: string;
  server: string;
  session_id: string;
  payload: string;
  created_at: Date | string;
  status: WebhookDeliveryStatus;
  attempts: number | string;
  next_attempt_at: Date | string | null;
  last_error: string | null;
  last_http_status: number | string | null;
  delivered_at: Date | string | null;
}

interface MarkRow {
  state: string | null;
  final: boolean;
  log_position: number | string;
  changes: number | string;
}

const COLUMN_NAMES = [
  'id',
  'event_id',
  'target',
  'event_type',
  'server',
  'session_id',
  'payload',
  'created_at',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'last_http_status',
  'delivered_at',
];
const COLUMNS = COLUMN_NAMES.join(', ');
/** Final session states as the registry may hold them (names, or WHM's numeric codes). */
const FINAL_STATE_TEXTS = ['COMPLETED', 'ABORTED', 'FAILED', '100', '150', '200'];
const MAX_ERROR_LENGTH = 500;

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const toOptionalDate = (value: Date | string | null): Date | null => (value === null ? null : toDate(value));

function recordOf(row: DeliveryRow): WebhookDeliveryRecord {
  return {
    id: String(row.id),
    eventId: row.event_id,
    target: row.target,
    eventType: row.event_type,
    server: row.server,
    sessionId: row.session_id,
    payload: row.payload,
    createdAt: toDate(row.created_at),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: toOptionalDate(row.next_attempt_at),
    lastError: row.last_error,
    lastHttpStatus: row.last_http_status === null ? null : Number(row.last_http_status),
    deliveredAt: toOptionalDate(row.delivered_at),
  };
}

export class SqlWebhookOutbox implements WebhookOutbox {
  constructor(private readonly executor: SqlExecutor) {}

  record(observation: SessionObservation, build: (change: SessionStateChange | null) => NewWebhookDelivery[]): Promise<number> {
    const { server, sessionId } = observation;
    return this.executor.transaction(async (tx) => {
      const change = await this.moveMark(tx, observation);
      const rows = build(change);
      if (rows.length === 0) return 0;
      const now = new Date();
      const { rows: inserted } = await tx.query<{ id: string | number }>(
        `INSERT INTO webhook_outbox (event_id, target, event_type, server, session_id, payload, created_at, next_attempt_at)
         SELECT r.event_id, r.target, r.event_type, $1, $2, r.payload, $3, $3
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS r(event_id, target, event_type, payload, position)
          ORDER BY r.position
         ON CONFLICT (event_id, target) DO NOTHING
         RETURNING id`,
        [
          server,
          sessionId,
          now,
          rows.map((row) => row.eventId),
          rows.map((row) => row.target),
          rows.map((row) => row.eventType),
          rows.map((row) => row.payload),
        ],
      );
      return inserted.length;
    });
  }

  /** Locks the session's mark (replicas observing it at once take turns) and moves it when the look is news. */
  private async moveMark(tx: SqlQueryable, observation: SessionObservation): Promise<SessionStateChange | null> {
    const { server, sessionId, state, final, logPosition } = observation;
    await tx.query('INSERT INTO webhook_session_marks (server, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      server,
      sessionId,
    ]);
    const { rows } = await tx.query<MarkRow>(
      'SELECT state, final, log_position, changes FROM webhook_session_marks WHERE server = $1 AND session_id = $2 FOR UPDATE',
      [server, sessionId],
    );
    const mark = rows[0];
    // A final state is final; a look that saw less of the log than the last one reported is older than it.
    if (!mark || mark.final || logPosition < Number(mark.log_position)) return null;
    if (mark.state === state) {
      if (logPosition > Number(mark.log_position)) {
        await tx.query('UPDATE webhook_session_marks SET log_position = $3 WHERE server = $1 AND session_id = $2', [
          server,
          sessionId,
          logPosition,
        ]);
      }
      return null;
    }
    const sequence = Number(mark.changes) + 1;
    await tx.query(
      `UPDATE webhook_session_marks SET state = $3, final = $4, log_position = $5, changes = $6
        WHERE server = $1 AND session_id = $2`,
      [server, sessionId, state, final, logPosition, sequence],
    );
    return { previousState: mark.state, sequence };
  }

  async claim(options: {
    owner: string;
    targets: readonly string[];
    now: Date;
    until: Date;
    limit: number;
  }): Promise<WebhookDeliveryRecord[]> {
    if (options.targets.length === 0) return [];
    // SKIP LOCKED: replicas claiming at once take different rows. The conditions on `o` are checked
    // again on the row's newest version once locked, so a row delivered meanwhile is not taken.
    const { rows } = await this.executor.query<DeliveryRow>(
      `WITH heads AS (
         SELECT DISTINCT ON (target, server, session_id) id
           FROM webhook_outbox
          WHERE status IN ('PENDING', 'RETRYING') AND target = ANY($1::text[])
          ORDER BY target, server, session_id, id
       ), due AS (
         SELECT o.id FROM webhook_outbox o
          WHERE o.id IN (SELECT id FROM heads)
            AND o.status IN ('PENDING', 'RETRYING') AND o.next_attempt_at <= $2
            AND (o.claimed_until IS NULL OR o.claimed_until <= $2)
          ORDER BY o.id
          LIMIT $3
          FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_outbox o SET claimed_by = $4, claimed_until = $5
         FROM due WHERE o.id = due.id
       RETURNING ${COLUMN_NAMES.map((name) => `o.${name}`).join(', ')}`,
      [options.targets, options.now, options.limit, options.owner, options.until],
    );
    return rows.map(recordOf).sort((a, b) => Number(a.id) - Number(b.id));
  }

  async complete(id: string, owner: string, outcome: DeliveryOutcome, now: Date): Promise<void> {
    if (outcome.delivered) {
      // Recorded whoever holds the claim now: the receiver has it, so nobody should send it again.
      await this.executor.query(
        `UPDATE webhook_outbox SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = $2, last_http_status = $3,
                last_error = NULL, next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL
          WHERE id = $1 AND status IN ('PENDING', 'RETRYING')`,
        [Number(id), now, outcome.httpStatus],
      );
      return;
    }
    await this.executor.query(
      `UPDATE webhook_outbox SET status = $3, attempts = attempts + 1, last_error = $4, last_http_status = $5,
              next_attempt_at = $6, claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND claimed_by = $2 AND status IN ('PENDING', 'RETRYING')`,
      [
        Number(id),
        owner,
        outcome.nextAttemptAt === null ? 'FAILED' : 'RETRYING',
        outcome.error.slice(0, MAX_ERROR_LENGTH),
        outcome.httpStatus,
        outcome.nextAttemptAt,
      ],
    );
  }

  async list(filter: WebhookDeliveryFilter, first: number, before: string | null): Promise<WebhookDeliveryPage> {
    const { rows } = await this.executor.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM webhook_outbox
        WHERE server = ANY($1::text[])
          AND ($2::text[] IS NULL OR status = ANY($2::text[]))
          AND ($3::text IS NULL OR target = $3)
          AND ($4::text IS NULL OR server = $4)
          AND ($5::text IS NULL OR session_id = $5)
          AND ($6::text IS NULL OR event_type = $6)
          AND ($7::bigint IS NULL OR id < $7)
        ORDER BY id DESC
        LIMIT $8`,
      [
        filter.servers,
        filter.statuses && filter.statuses.length > 0 ? filter.statuses : null,
        filter.target ?? null,
        filter.server ?? null,
        filter.sessionId ?? null,
        filter.eventType ?? null,
        before === null ? null : Number(before),
        first + 1,
      ],
    );
    return { deliveries: rows.slice(0, first).map(recordOf), hasNextPage: rows.length > first };
  }

  async unfinishedSessions(servers: readonly string[], limit: number): Promise<{ server: string; id: string }[]> {
    const { rows } = await this.executor.query<{ server: string; id: string }>(
      `SELECT server, id FROM transfer_sessions
        WHERE server = ANY($1::text[]) AND (last_state IS NULL OR upper(btrim(last_state)) <> ALL($2::text[]))
        ORDER BY created_at DESC, id DESC
        LIMIT $3`,
      [servers, FINAL_STATE_TEXTS, limit],
    );
    return rows.map((row) => ({ server: row.server, id: row.id }));
  }

  async prune(before: Date): Promise<number> {
    const { rows } = await this.executor.query<{ id: string | number }>(
      `DELETE FROM webhook_outbox WHERE status IN ('DELIVERED', 'FAILED') AND created_at < $1 RETURNING id`,
      [before],
    );
    return rows.length;
  }
}
