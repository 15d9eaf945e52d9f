// list() and count(): newest first, optional filters, keyset pagination on (created_at, id, server)
// with opaque cursors; the page and its total come from one transaction, so they agree.
import { decodeCursor, encodeCursor } from './cursor.js';
import type { SqlExecutor, SqlQueryable, SqlValue } from './sql-executor.js';
import { SESSION_SELECT, toInteger, toSessionRecord, type SessionRow, type SqlInteger } from './session-rows.js';
import type { ListSessionsOptions, SessionFilter, SessionPage } from './types.js';
import { requireKind, requirePageSize, requireServerName, requireText } from './validation.js';

/** Matches the index transfer_sessions_newest_first; the cursor holds the same three columns. */
const NEWEST_FIRST = 'ORDER BY s.created_at DESC, s.id DESC, s.server DESC';

export async function listSessions(executor: SqlExecutor, options: ListSessionsOptions): Promise<SessionPage> {
  const pageSize = requirePageSize(options.first);
  const after = options.after === undefined || options.after === null ? null : decodeCursor(options.after);
  const filterParams: SqlValue[] = [];
  const filterConditions = buildFilterConditions(options.filter ?? {}, filterParams);

  return executor.transaction(async (tx) => {
    const { rows: countRows } = await tx.query<{ total: SqlInteger }>(
      `SELECT count(*) AS total FROM transfer_sessions s ${whereClause(filterConditions)}`,
      filterParams,
    );
    const pageParams = [...filterParams];
    const pageConditions = [...filterConditions];
    if (after !== null) {
      pageParams.push(after.createdAt, after.id, after.server);
      const n = pageParams.length;
      // Strictly after the previous page's last row in (created_at, id, server) DESC order.
      pageConditions.push(`(s.created_at, s.id, s.server) < ($${n - 2}::timestamptz, $${n - 1}::text, $${n}::text)`);
    }
    pageParams.push(pageSize + 1); // one extra row tells whether another page exists
    const { rows } = await tx.query<SessionRow>(
      `${SESSION_SELECT} ${whereClause(pageConditions)} ${NEWEST_FIRST} LIMIT $${pageParams.length}`,
      pageParams,
    );
    const sessions = rows.slice(0, pageSize).map(toSessionRecord);
    const last = sessions.at(-1);
    return {
      sessions,
      totalCount: toInteger(countRows[0]?.total ?? 0),
      hasNextPage: rows.length > pageSize,
      endCursor: last === undefined ? null : encodeCursor(last),
    };
  });
}

export async function countSessions(executor: SqlQueryable): Promise<number> {
  const { rows } = await executor.query<{ total: SqlInteger }>('SELECT count(*) AS total FROM transfer_sessions');
  return toInteger(rows[0]?.total ?? 0);
}

function buildFilterConditions(filter: SessionFilter, params: SqlValue[]): string[] {
  const conditions: string[] = [];
  const bind = (value: SqlValue): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.server !== undefined) {
    conditions.push(`s.server = ${bind(requireServerName(filter.server, 'filter.server'))}`);
  }
  if (filter.servers !== undefined) {
    const servers = filter.servers.map((server, index) => requireServerName(server, `filter.servers[${index}]`));
    conditions.push(`s.server = ANY(${bind(servers)}::text[])`);
  }
  if (filter.states !== undefined && filter.states.length > 0) {
    const states = filter.states.map((state, index) => requireText(state, `filter.states[${index}]`));
    conditions.push(`s.last_state = ANY(${bind(states)}::text[])`);
  }
  if (filter.kinds !== undefined && filter.kinds.length > 0) {
    const kinds = filter.kinds.map((kind, index) => requireKind(kind, `filter.kinds[${index}]`));
    conditions.push(`s.kind = ANY(${bind(kinds)}::text[])`);
  }
  return conditions;
}

function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
