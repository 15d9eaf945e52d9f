// Free local names for accounts whose username is taken here. Candidates are checked with
// `validate_system_user`; callers start the checks in the same tick as their other reads, so they
// ride the same WHM batch.
import type { GatewayContext } from '../context.js';
import type { RetrieveTransferSessionRemoteAnalysisData } from '../whm/types.js';
import { toBoolean } from './convert.js';
import { loadSystemUser } from './system-users.js';

const CANDIDATES = 3;
// cPanel's limit for new account names; suggestions keep to the strict rules for new accounts.
const MAX_NEW_NAME_LENGTH = 16;

/** `harbor` → harbor2, harbor3 …, trimmed to fit, skipping names to avoid (other source accounts, this list's names). */
export function candidateNames(user: string, avoid: ReadonlySet<string>, count = CANDIDATES): string[] {
  let base = user.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!/^[a-z]/.test(base) || base.startsWith('test')) base = `u${base}`;
  const names: string[] = [];
  for (let n = 2; names.length < count && n < 100; n += 1) {
    const name = `${base.slice(0, MAX_NEW_NAME_LENGTH - String(n).length)}${n}`;
    if (!avoid.has(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Starts the checks of the candidates at once; resolves to the first free one, or null. */
export function firstFreeName(context: GatewayContext, server: string, candidates: readonly string[]): Promise<string | null> {
  const verdicts = candidates.map((name) =>
    loadSystemUser(context, server, name).then(
      ({ flags }) => !toBoolean(flags.exists) && !toBoolean(flags.reserved) && toBoolean(flags.valid_for_new),
      // A candidate WHM could not judge is not suggested.
      () => false,
    ),
  );
  return Promise.all(verdicts).then((free) => candidates[free.indexOf(true)] ?? null);
}

const sourceNames = new WeakMap<RetrieveTransferSessionRemoteAnalysisData, ReadonlySet<string>>();

/** The source's usernames: a suggestion must not take the name of another account being transferred. */
export function sourceUsernames(analysis: RetrieveTransferSessionRemoteAnalysisData | null | undefined): ReadonlySet<string> {
  if (!analysis) return new Set();
  let names = sourceNames.get(analysis);
  if (!names) {
    names = new Set((analysis.items?.accounts ?? []).map((account) => account.user.toLowerCase()));
    sourceNames.set(analysis, names);
  }
  return names;
}
