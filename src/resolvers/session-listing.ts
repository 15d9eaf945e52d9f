// transferSessions: WHM cannot list sessions, so the registry does; a `states` filter must still match
// the state WHM reports NOW, not the one the registry saw last (a session seen RUNNING may be COMPLETED).
//
// Approach. A finished session (COMPLETED, ABORTED, FAILED) keeps its state, so for it the registry's
// last seen state is exact; only an unfinished one can have moved, to any state. So the registry is
// asked for the candidates — sessions last seen in a wanted state OR in an unfinished one — newest
// first with its keyset cursors, a chunk at a time. The current state of each unfinished candidate of
// a chunk is read from WHM in the same tick (one WHM batch, cached for the request, so the page's own
// `state` fields cost nothing more) and remembered in the registry; then the chunk is matched.
// Bounded: the scan stops when it has a page plus one (so hasNextPage is exact), when the registry has
// no more, or after MAX_CHUNKS chunks. In the last case the page may be short (even empty) while
// hasNextPage is true and endCursor is the last session SCANNED: the next page goes on from there, so
// no session is skipped or repeated. Cost per call: at most MAX_CHUNKS registry reads and WHM batches.
import type { GatewayContext } from '../context.js';
import { isUnknownSessionError } from '../errors.js';
import { encodeCursor, type SessionFilter, type SessionRecord } from '../registry/index.js';
import { isTerminalSessionState, toSessionState, TRANSFER_SESSION_STATES } from '../transfer/index.js';

const UNFINISHED_STATES: readonly string[] = TRANSFER_SESSION_STATES.filter((state) => !isTerminalSessionState(state));
const MIN_CHUNK = 50;
const MAX_CHUNKS = 3;

export interface SessionListing {
  records: SessionRecord[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** `filter` without states; `states` as GraphQL names them (UNKNOWN matches states this gateway does not know). */
export async function listSessions(
  context: GatewayContext,
  filter: Omit<SessionFilter, 'states'>,
  states: readonly string[] | undefined,
  first: number,
  after: string | null,
): Promise<SessionListing> {
  const { registry } = context;
  if (states === undefined || states.length === 0) {
    const page = await registry.list({ filter, first, after });
    return { records: page.sessions, hasNextPage: page.hasNextPage, endCursor: page.endCursor, totalCount: page.totalCount };
  }
  const wanted = new Set(states);
  const candidates: SessionFilter = { ...filter, states: [...new Set([...states, ...UNFINISHED_STATES])] };
  const chunkSize = Math.max(first + 1, MIN_CHUNK);
  const matches: SessionRecord[] = [];
  let cursor = after;
  let lastScanned: SessionRecord | null = null;
  let more = true;
  for (let chunk = 0; chunk < MAX_CHUNKS && more && matches.length <= first; chunk += 1) {
    const page = await registry.list({ filter: candidates, first: chunkSize, after: cursor });
    const current = await Promise.all(page.sessions.map((record) => withCurrentState(record, context)));
    for (const { record, state } of current) {
      if (matches.length > first) break;
      lastScanned = record;
      if (state !== null && wanted.has(state)) matches.push(record);
    }
    more = page.hasNextPage;
    cursor = page.endCursor;
  }
  // Counted by last seen states, which this scan has just brought up to date for what it read.
  const { totalCount } = await registry.list({ filter: { ...filter, states }, first: 1 });
  if (matches.length > first) {
    const records = matches.slice(0, first);
    const last = records.at(-1);
    return { records, hasNextPage: true, endCursor: last ? encodeCursor(last) : null, totalCount };
  }
  const resumeFrom = more ? lastScanned : (matches.at(-1) ?? null);
  return { records: matches, hasNextPage: more, endCursor: resumeFrom ? encodeCursor(resumeFrom) : null, totalCount };
}

/**
 * The state to match, as a GraphQL state name (null when WHM no longer knows the session: it matches
 * none), and the record with that state, so the page's `state` fields see nothing left to remember.
 */
async function withCurrentState(
  record: SessionRecord,
  context: GatewayContext,
): Promise<{ record: SessionRecord; state: string | null }> {
  const lastSeen = record.lastState === null ? null : toSessionState(record.lastState);
  if (lastSeen !== null && isTerminalSessionState(lastSeen)) return { record, state: lastSeen.state };
  let raw: string;
  try {
    const { state_name: reported } = await context.sessions.state(record);
    raw = typeof reported === 'string' ? reported : '';
  } catch (error) {
    if (isUnknownSessionError(error)) return { record, state: null };
    throw error;
  }
  if (raw === '' || raw === record.lastState) return { record, state: toSessionState(raw).state };
  // Best effort, as when a session's state field is read: the listing must not fail on a registry hiccup.
  const seenAt = new Date();
  await context.registry.recordState(record.server, record.id, raw, seenAt).catch(() => undefined);
  return { record: { ...record, lastState: raw, lastSeenAt: seenAt }, state: toSessionState(raw).state };
}
