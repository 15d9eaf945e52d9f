// Idempotency keys of mutations: the first request with a key records what it asked (a hash) and,
// once answered, the answer; a repeat gets that answer back instead of running again. 24 hours.
import type { SqlExecutor } from './sql-executor.js';

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'answered'; requestHash: string; response: unknown }
  | { kind: 'pending'; requestHash: string; since: Date };

export interface IdempotencyKeys {
  /** Claims (caller, key) for a new request, or says what an earlier request with it left. */
  claim(caller: string, key: string, requestHash: string): Promise<IdempotencyClaim>;
  answer(caller: string, key: string, response: unknown): Promise<void>;
  /** Gives a claim up (the request never reached execution), so a retry may run. */
  release(caller: string, key: string): Promise<void>;
}

interface KeyRow {
  request_hash: string;
  response: unknown;
  created_at: Date | string;
  completed_at: Date | string | null;
}

export class SqlIdempotencyKeys implements IdempotencyKeys {
  constructor(private readonly executor: SqlExecutor) {}

  async claim(caller: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const now = new Date();
    return this.executor.transaction(async (tx) => {
      // Expired keys are forgotten lazily, by whoever asks for them next.
      await tx.query('DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND created_at < $3', [
        caller,
        key,
        new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS),
      ]);
      const inserted = await tx.query<{ key: string }>(
        `INSERT INTO idempotency_keys (caller, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
        [caller, key, requestHash, now],
      );
      if (inserted.rows.length > 0) return { kind: 'claimed' };
      const { rows } = await tx.query<KeyRow>(
        'SELECT request_hash, response, created_at, completed_at FROM idempotency_keys WHERE caller = $1 AND key = $2',
        [caller, key],
      );
      const row = rows[0];
      if (!row) return { kind: 'claimed' };
      if (row.completed_at === null) return { kind: 'pending', requestHash: row.request_hash, since: new Date(row.created_at) };
      const response = typeof row.response === 'string' ? (JSON.parse(row.response) as unknown) : row.response;
      return { kind: 'answered', requestHash: row.request_hash, response };
    });
  }

  async answer(caller: string, key: string, response: unknown): Promise<void> {
    await this.executor.query(
      'UPDATE idempotency_keys SET response = $3::jsonb, completed_at = $4 WHERE caller = $1 AND key = $2',
      [caller, key, JSON.stringify(response), new Date()],
    );
  }

  async release(caller: string, key: string): Promise<void> {
    await this.executor.query('DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND completed_at IS NULL', [
      caller,
      key,
    ]);
  }
}
