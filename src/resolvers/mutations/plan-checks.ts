// The check every enqueue makes before sending anything: items not on the source, usernames taken
// here and not renamed, new local names taken or invalid, the same item or local name twice, modules
// that do not fit the session. Every WHM read of the check starts in one tick, so they leave as ONE
// WHM batch (the analysis, validate_system_user per local name, verify_new_username_for_restore per
// new name); the free names suggested for conflicts are checked in one more batch, only when needed.
import type { GatewayContext } from '../../context.js';
import type { PlanIssue, PlanIssueCode } from '../../generated/graphql.js';
import type { FieldPath } from '../../validation.js';
import { whmRefusalOf, type SessionKey } from '../../whm-access/index.js';
import type { RetrieveTransferSessionRemoteAnalysisData, ValidateSystemUserData } from '../../whm/types.js';
import { analysisConflicts } from '../conflicts.js';
import { toBoolean } from '../convert.js';
import { candidateNames, firstFreeName, sourceUsernames } from '../local-names.js';
import { loadSystemUser } from '../system-users.js';
import type { PreparedItem } from './enqueue-items.js';

type Analysis = RetrieveTransferSessionRemoteAnalysisData;
type SessionKindGuess = 'ROOT' | 'USER' | 'RESTORE';

const BLOCKING: Readonly<Record<PlanIssueCode, boolean>> = {
  NOT_ON_SOURCE: true,
  CONFLICT_NOT_RENAMED: true,
  LOCAL_NAME_TAKEN: true,
  LOCAL_NAME_INVALID: true,
  DUPLICATE_ITEM: true,
  MODULE_NOT_FOR_SESSION: true,
  DOMAIN_CONFLICT: false,
  DATABASE_CONFLICT: false,
  CHECK_FAILED: false,
};
/** Modules that create a local account, whose local name must be free. */
const ACCOUNT_MODULES = new Set(['AccountRemoteRoot', 'AccountRemoteUser', 'AccountLocal']);
/** Modules analysisIssues checks against the source. */
const SOURCE_CHECKED_MODULES = new Set(['PackageRemoteRoot', 'AccountRemoteRoot']);
// What WHM accepts per session kind (REFERENCE §2.9, step 5).
const USER_SESSION_MODULES = new Set(['AccountRemoteUser', 'AccountLocal', 'LegacyAccountBackup']);

/** One account item's local-name facts, in WHM's parameter names. */
interface AccountTarget {
  index: number;
  at: FieldPath;
  module: string;
  user: string;
  localUser: string;
  renamed: boolean;
  /** force / overwrite_with_delete: the item means to replace the local account. */
  overwrites: boolean;
}

type NameVerdict = { ok: true; flags: ValidateSystemUserData } | { ok: false; message: string };
/** The analysis, or why there is none: `failure` only when the check could not run (not WHM's refusal). */
type AnalysisRead = { analysis: Analysis | null; failure: string | null };
/** verify_new_username_for_restore: null when WHM accepts the name, else its reason. */
type NewNameVerdict = string | null;

const flag = (value: unknown) => value === true || value === 1 || value === '1';
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** Error messages mostly end in a full stop already: one, not two. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function issue(code: PlanIssueCode, message: string, field: FieldPath, suggestedLocalUser: string | null = null): PlanIssue {
  return { code, message, field: field.map(String), blocking: BLOCKING[code], suggestedLocalUser };
}

/** The item's name as WHM keys it in the queue (REFERENCE §2.9): user, package, feature list or config name. */
function queueName(params: PreparedItem['params']): string {
  if ('package' in params) return params.package;
  if ('featurelist' in params) return params.featurelist;
  if ('name' in params) return params.name;
  return params.user;
}

function accountTarget(item: PreparedItem, index: number): AccountTarget | null {
  const { params } = item;
  if (!ACCOUNT_MODULES.has(params.module) || !('localuser' in params) || flag(params.skipaccount)) return null;
  const localUser = params.localuser ?? params.user;
  const overwrites = ('force' in params && flag(params.force)) || flag(params.overwrite_with_delete);
  const at = item.at ?? ['items', index];
  return { index, at, module: params.module, user: params.user, localUser, renamed: localUser !== params.user, overwrites };
}

/** Checks that need nothing from WHM: module fit and duplicates within the list. */
function listIssues(items: readonly PreparedItem[], kind: SessionKindGuess, targets: (AccountTarget | null)[]): PlanIssue[][] {
  const seenItems = new Map<string, number>();
  const seenLocalNames = new Map<string, number>();
  return items.map((item, index) => {
    const issues: PlanIssue[] = [];
    const at = item.at ?? ['items', index];
    const { module } = item.params;
    if (kind === 'ROOT' && module === 'AccountRemoteUser') {
      issues.push(
        issue('MODULE_NOT_FOR_SESSION', 'accountRemoteUser is for user sessions; a root session queues accountRemoteRoot.', at),
      );
    } else if (kind === 'USER' && !USER_SESSION_MODULES.has(module)) {
      issues.push(
        issue('MODULE_NOT_FOR_SESSION', `A user session cannot queue ${module}: use accountRemoteUser (or a root session).`, at),
      );
    }
    const key = `${module}\u0000${queueName(item.params).toLowerCase()}`;
    const earlier = seenItems.get(key);
    if (earlier === undefined) seenItems.set(key, index);
    else issues.push(issue('DUPLICATE_ITEM', `Item ${earlier} already queues ${module} “${queueName(item.params)}”.`, at));
    const target = targets[index];
    if (target && earlier === undefined) {
      const sameName = seenLocalNames.get(target.localUser.toLowerCase());
      if (sameName === undefined) seenLocalNames.set(target.localUser.toLowerCase(), index);
      else
        issues.push(
          issue(
            'DUPLICATE_ITEM',
            `Item ${sameName} already creates the local account “${target.localUser}”.`,
            localUserField(target),
          ),
        );
    }
    return issues;
  });
}

const localUserField = (target: AccountTarget): FieldPath => [
  ...target.at,
  target.renamed ? 'options' : 'user',
  ...(target.renamed ? ['localUser'] : []),
];

/** What the analysis says about an item: not on the source, or sharing a domain or database with this server. */
function analysisIssues(item: PreparedItem, index: number, analysis: Analysis): PlanIssue[] {
  const { params } = item;
  const at = item.at ?? ['items', index];
  if (params.module === 'PackageRemoteRoot' && 'package' in params) {
    const known = (analysis.items?.packages ?? []).some((pkg) => pkg.name === params.package);
    return known
      ? []
      : [
          issue('NOT_ON_SOURCE', `The source server has no package “${params.package}” (per the session's analysis).`, [
            ...at,
            'package',
          ]),
        ];
  }
  if (params.module !== 'AccountRemoteRoot' || !('localuser' in params)) return [];
  if (!sourceUsernames(analysis).has(params.user.toLowerCase())) {
    return [
      issue('NOT_ON_SOURCE', `The source server has no account “${params.user}” (per the session's analysis).`, [...at, 'user']),
    ];
  }
  const issues: PlanIssue[] = [];
  for (const conflict of analysisConflicts(analysis)) {
    if (conflict.remoteUser !== params.user) continue;
    const owner = conflict.localOwner ? ` (held by “${conflict.localOwner}”)` : '';
    if (conflict.kind === 'DOMAIN') {
      issues.push(
        issue('DOMAIN_CONFLICT', `The domain “${conflict.name}” exists here${owner}; WHM may refuse to restore it.`, at),
      );
    } else if ((conflict.kind === 'DATABASE' || conflict.kind === 'DATABASE_USER') && !flag(params.skipacctdb)) {
      const what = conflict.kind === 'DATABASE' ? 'database' : 'database user';
      issues.push(
        issue(
          'DATABASE_CONFLICT',
          `The ${what} “${conflict.name}” exists here${owner}; WHM restores it under another name or overwrites it as the options say.`,
          at,
        ),
      );
    }
  }
  return issues;
}

/** The local-name check of one account item, from WHM's answers. */
function nameIssue(
  target: AccountTarget,
  verdict: NameVerdict | undefined,
  newName: NewNameVerdict | undefined,
): PlanIssue | null {
  const field = localUserField(target);
  if (!verdict || !verdict.ok) {
    return issue(
      'CHECK_FAILED',
      `WHM could not check the local name “${target.localUser}”: ${sentence(verdict?.message ?? 'no answer')}`,
      field,
    );
  }
  const { flags } = verdict;
  const whm = newName ? ` WHM: ${newName}` : '';
  if (toBoolean(flags.exists)) {
    if (target.renamed)
      return issue(
        'LOCAL_NAME_TAKEN',
        `The local name “${target.localUser}” is taken here: choose another localUser.${whm}`,
        field,
      );
    if (target.overwrites) return null;
    const force = target.module === 'AccountRemoteUser' ? '' : ', or set force to overwrite it';
    return issue(
      'CONFLICT_NOT_RENAMED',
      `An account “${target.user}” exists here: give options.localUser a free name${force}.`,
      field,
    );
  }
  if (toBoolean(flags.reserved) || !toBoolean(flags.valid_for_transfer)) {
    const why = toBoolean(flags.reserved) ? 'reserved' : 'not a valid account name';
    return issue('LOCAL_NAME_INVALID', `The local name “${target.localUser}” is ${why} here.${whm}`, field);
  }
  if (newName) {
    const code = /conflict|exist|taken|in use/i.test(newName) ? 'LOCAL_NAME_TAKEN' : 'LOCAL_NAME_INVALID';
    return issue(code, `WHM refuses the new name “${target.localUser}”: ${newName}`, field);
  }
  return null;
}

function nameVerdict(context: GatewayContext, server: string, name: string): Promise<NameVerdict> {
  return loadSystemUser(context, server, name).then(
    ({ flags }) => ({ ok: true, flags }),
    (error: unknown) => ({ ok: false, message: messageOf(error) }),
  );
}

function newNameVerdict(context: GatewayContext, server: string, name: string): Promise<NewNameVerdict> {
  return context.whm.read(server, 'verify_new_username_for_restore', { user: name }).then(
    () => null,
    // Only WHM's refusal is a verdict; a failed request leaves validate_system_user's answer to judge by.
    (error: unknown) => whmRefusalOf(error)?.reason ?? null,
  );
}

/** Every item's issues, in input order. Reads the analysis (root sessions) and the local names in one WHM batch. */
export async function checkPlan(
  items: readonly PreparedItem[],
  key: SessionKey,
  kind: SessionKindGuess,
  context: GatewayContext,
): Promise<PlanIssue[][]> {
  const targets = items.map((item, index) => accountTarget(item, index));
  const issues = listIssues(items, kind, targets);

  // Everything below starts before the first await: one tick, one WHM batch.
  // When WHM refuses the analysis (an unknown session) the source checks are skipped and WHM judges the
  // items; when the read itself failed (no answer, no data), the items it would have checked say so.
  const analysis: Promise<AnalysisRead> =
    kind === 'ROOT'
      ? context.sessions.remoteAnalysis(key).then(
          (read) => ({ analysis: read, failure: null }),
          (error: unknown) => ({ analysis: null, failure: whmRefusalOf(error) ? null : messageOf(error) }),
        )
      : Promise.resolve({ analysis: null, failure: null });
  const names = [...new Set(targets.flatMap((target) => (target ? [target.localUser] : [])))];
  const verdicts = new Map(names.map((name) => [name, nameVerdict(context, key.server, name)]));
  const newNames = [...new Set(targets.flatMap((target) => (target?.renamed ? [target.localUser] : [])))];
  const newVerdicts = new Map(newNames.map((name) => [name, newNameVerdict(context, key.server, name)]));

  const { analysis: loaded, failure } = await analysis;
  const suggestFor: { issue: PlanIssue; user: string }[] = [];
  for (const [index, item] of items.entries()) {
    const list = issues[index] ?? [];
    if (loaded) list.push(...analysisIssues(item, index, loaded));
    else if (failure !== null && SOURCE_CHECKED_MODULES.has(item.params.module)) {
      const unchecked = `WHM could not give the session's analysis, so this item was not checked against the source`;
      list.push(issue('CHECK_FAILED', `${unchecked}: ${sentence(failure)}`, item.at ?? ['items', index]));
    }
    const target = targets[index];
    if (!target || list.some((found) => found.code === 'NOT_ON_SOURCE' || found.code === 'DUPLICATE_ITEM')) continue;
    const found = nameIssue(target, await verdicts.get(target.localUser), await newVerdicts.get(target.localUser));
    if (!found) continue;
    list.push(found);
    if (found.code === 'CONFLICT_NOT_RENAMED' || found.code === 'LOCAL_NAME_TAKEN')
      suggestFor.push({ issue: found, user: target.user });
  }
  await suggestNames(suggestFor, targets, loaded, key.server, context);
  return issues;
}

/** A free local name for each conflict, all candidates checked in one WHM batch. */
async function suggestNames(
  wanted: { issue: PlanIssue; user: string }[],
  targets: readonly (AccountTarget | null)[],
  analysis: Analysis | null,
  server: string,
  context: GatewayContext,
): Promise<void> {
  if (wanted.length === 0) return;
  // Not the name of another source account, nor a name this list already uses.
  const avoid = new Set([
    ...sourceUsernames(analysis),
    ...targets.flatMap((target) => (target ? [target.localUser.toLowerCase()] : [])),
  ]);
  const suggestions = await Promise.all(wanted.map(({ user }) => firstFreeName(context, server, candidateNames(user, avoid))));
  wanted.forEach(({ issue: found }, position) => {
    const suggestion = suggestions[position] ?? null;
    found.suggestedLocalUser = suggestion;
    if (suggestion) found.message += ` “${suggestion}” is free.`;
  });
}
