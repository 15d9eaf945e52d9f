// The journal of writes to WHM: an intent row before each call, its outcome after. Parameters are
// stored as given, and the caller passes them without credentials (the table has no such column).
import type { SqlExecutor } from './sql-executor.js';

export type WriteOutcome = 'SUCCEEDED' | 'REFUSED' | 'FAILED' | 'UNKNOWN';

export interface WriteIntent {
  server: string;
  whmFunction: string;
  params: Record<string, unknown>;
  requestedBy: string;
  requestId: string;
}

export interface JournalEntry extends WriteIntent {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** null while no outcome was recorded. */
  outcome: WriteOutcome | null;
  detail: string | null;
}

export interface WriteJournal {
  begin(intents: readonly WriteIntent[]): Promise<string[]>;
  finish(ids: readonly string[], outcome: WriteOutcome, detail: string | null): Promise<void>;
  /** Newest first, only the given servers; `unresolved` keeps entries without an outcome or with UNKNOWN. */
  list(options: { first: number; unresolved: boolean; servers: readonly string[] }): Promise<JournalEntry[]>;
}

interface JournalRow {
  id: string | number;
  server: string;
  whm_function: string;
  params: Record<string, unknown> | string;
  requested_by: string;
  request_id: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  outcome: WriteOutcome | null;
  detail: string | null;
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

function entryOf(row: JournalRow): JournalEntry {
  return {
    id: String(row.id),
    server: row.server,
    whmFunction: row.whm_function,
    params: typeof row.params === 'string' ? (JSON.parse(row.params) as Record<string, unknown>) : row.params,
    requestedBy: row.requested_by,
    requestId: row.request_id,
    startedAt: toDate(row.started_at),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
    outcome: row.outcome,
    detail: row.detail,
  };
}

export class SqlWriteJournal implements WriteJournal {
  constructor(private readonly executor: SqlExecutor) {}

  async begin(intents: readonly WriteIntent[]): Promise<string[]> {
    if (intents.length === 0) return [];
    const { rows } = await this.executor.query<{ id: string | number }>(
      `INSERT INTO whm_write_journal (server, whm_function, params, requested_by, request_id, started_at)
       SELECT intent.server, intent.fn, intent.params::jsonb, intent.requested_by, intent.request_id, $6
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
              WITH ORDINALITY AS intent(server, fn, params, requested_by, request_id, position)
        ORDER BY intent.position
       RETURNING id`,
      [
        intents.map((intent) => intent.server),
        intents.map((intent) => intent.whmFunction),
        intents.map((intent) => JSON.stringify(intent.params)),
        intents.map((intent) => intent.requestedBy),
        intents.map((intent) => intent.requestId),
        new Date(),
      ],
    );
    // RETURNING follows the insert order, which follows the ORDER BY above.
    return rows.map((row) => String(row.id));
  }

  async finish(ids: readonly string[], outcome: WriteOutcome, detail: string | null): Promise<void> {
    if (ids.length === 0) return;
    await this.executor.query(
      'UPDATE whm_write_journal SET outcome = $2, detail = $3, finished_at = $4 WHERE id = ANY($1::bigint[]) AND outcome IS NULL',
      [ids.map(Number), outcome, detail === null ? null : detail.slice(0, 2_000), new Date()],
    );
  }

  async list(options: { first: number; unresolved: boolean; servers: readonly string[] }): Promise<JournalEntry[]> {
    const { rows } = await this.executor.query<JournalRow>(
      `SELECT id, server, whm_function, params, requested_by, request_id, started_at, finished_at, outcome, detail
         FROM whm_write_journal
        WHERE server = ANY($1::text[]) AND ($2::boolean IS FALSE OR outcome IS NULL OR outcome = 'UNKNOWN')
        ORDER BY started_at DESC, id DESC
        LIMIT $3`,
      [options.servers, options.unresolved, options.first],
    );
    return rows.map(entryOf);
  }
}
