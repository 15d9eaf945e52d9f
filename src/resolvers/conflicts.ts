// The remote analysis's conflicts as typed entries. WHM stores them as a JSON document whose shape it
// does not document (REFERENCE §2.7): maps of name → owner or → 1, lists of names, and database maps
// keyed by engine all occur, so every part is read tolerantly and anything unrecognised is skipped.
import type { AccountConflict, AccountConflictKind } from '../generated/graphql.js';
import type { DatabaseInventory, RetrieveTransferSessionRemoteAnalysisData } from '../whm/types.js';

type Analysis = RetrieveTransferSessionRemoteAnalysisData;
type Entry = { name: string; localOwner: string | null; engine: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The owner a value names: a string, or `{ owner }`; 1 and other markers name none. */
function ownerOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '' && value !== '1') return value;
  if (isRecord(value) && typeof value['owner'] === 'string') return value['owner'];
  return null;
}

/** `[name, …]` or `{ name: owner | 1 | { owner } }`. */
function namesIn(part: unknown, engine: string | null = null): Entry[] {
  if (Array.isArray(part))
    return part.filter((name): name is string => typeof name === 'string').map((name) => ({ name, localOwner: null, engine }));
  if (!isRecord(part)) return [];
  return Object.entries(part).map(([name, value]) => ({ name, localOwner: ownerOf(value), engine }));
}

/** Databases: `{ MYSQL: { name: owner } }` by engine, or one flat map or list. */
function databasesIn(part: unknown): Entry[] {
  if (!isRecord(part)) return namesIn(part);
  const byEngine =
    Object.keys(part).length > 0 &&
    Object.entries(part).every(([key, value]) => /^[A-Z]+SQL$/.test(key) && (isRecord(value) || value === null));
  return byEngine ? Object.entries(part).flatMap(([engine, names]) => namesIn(names, engine)) : namesIn(part);
}

function firstPart(conflicts: Record<string, unknown>, keys: readonly string[]): unknown {
  const key = keys.find((candidate) => conflicts[candidate] !== undefined && conflicts[candidate] !== null);
  return key === undefined ? undefined : conflicts[key];
}

/** Which source account owns a database or database user, by engine and name. */
function remoteOwner(inventory: DatabaseInventory['dbs'] | undefined, engine: string | null, name: string): string | null {
  const engines = engine === null ? Object.values(inventory ?? {}) : [inventory?.[engine as 'MYSQL' | 'PGSQL']];
  for (const names of engines) {
    const owner = names?.[name]?.owner;
    if (typeof owner === 'string') return owner;
  }
  return null;
}

const cache = new WeakMap<Analysis, AccountConflict[]>();

/** Every conflict the analysis recorded, with the source account each belongs to when the analysis says. */
export function analysisConflicts(analysis: Analysis): AccountConflict[] {
  const known = cache.get(analysis);
  if (known) return known;
  const conflicts = analysis.remote?.conflicts;
  const result: AccountConflict[] = [];
  if (isRecord(conflicts)) {
    const accounts = analysis.items?.accounts ?? [];
    const sourceUsers = new Set(accounts.map((account) => account.user));
    const domainOwners = new Map(accounts.map((account) => [account.domain.toLowerCase(), account.user]));
    const remoteDbs = analysis.remote?.dbs;
    const add = (kind: AccountConflictKind, entries: Entry[], remoteUser: (entry: Entry) => string | null) => {
      for (const entry of entries) result.push({ kind, ...entry, remoteUser: remoteUser(entry) });
    };
    add('USER', namesIn(firstPart(conflicts, ['users', 'accounts'])), (entry) =>
      sourceUsers.has(entry.name) ? entry.name : null,
    );
    add('DOMAIN', namesIn(firstPart(conflicts, ['domains'])), (entry) => domainOwners.get(entry.name.toLowerCase()) ?? null);
    add('DATABASE', databasesIn(firstPart(conflicts, ['dbs', 'databases'])), (entry) =>
      remoteOwner(remoteDbs?.dbs, entry.engine, entry.name),
    );
    add('DATABASE_USER', databasesIn(firstPart(conflicts, ['dbusers', 'db_users', 'dbUsers'])), (entry) =>
      remoteOwner(remoteDbs?.users, entry.engine, entry.name),
    );
    // A user conflict's holder here is the account of that name.
    for (const conflict of result) if (conflict.kind === 'USER') conflict.localOwner ??= conflict.name;
  }
  cache.set(analysis, result);
  return result;
}

/** The analysis's conflicts of one source account. */
export function accountConflicts(analysis: Analysis, user: string): AccountConflict[] {
  return analysisConflicts(analysis).filter((conflict) => conflict.remoteUser === user);
}
