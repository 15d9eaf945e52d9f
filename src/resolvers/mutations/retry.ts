// retryTransferItems: a new session on the original's source host with the original's FAILED (or named)
// items. Credentials come again with the call (nothing stores them); each item carries what the registry
// and master.log hold — module, name, local name, size — and WHM's defaults for everything else.
// Every check runs before the first write, so a retry that cannot go ahead creates nothing.
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../../context.js';
import { badUserInput, isUnknownSessionError } from '../../errors.js';
import type {
  EnqueueItemResult,
  MutationResolvers,
  ResolversTypes,
  RetryCredentialsInput,
  RetryItemInput,
  TransferItemInput,
  UserError,
  UserErrorCode,
} from '../../generated/graphql.js';
import type { NewEnqueuedItem, SessionKind } from '../../registry/index.js';
import { guessSessionKind, transferItemKey } from '../../transfer/index.js';
import {
  checkHost,
  checkIntegerRange,
  checkListLength,
  checkSecret,
  checkSessionId,
  checkText,
  checkUsername,
  LIMITS,
} from '../../validation.js';
import type { SessionKey } from '../../whm-access/index.js';
import { WhmApiError, type BatchOutcome, type EnqueueTransferItemParams, type WhmCall } from '../../whm/index.js';
import type { TransferItemModel } from '../models.js';
import { itemRecord, prepareItem } from './enqueue-items.js';
import { attempt, enqueueTransportFailure, missingAnswer, userErrorFrom } from './support.js';

type Payload = Awaited<ResolversTypes['RetryTransferItemsPayload']>;
type ItemResult = Omit<EnqueueItemResult, 'item'> & { item: TransferItemModel | null };
/** A step's value, or the userErrors that stop the retry before anything is written. */
type Checked<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

/** An item of the original session, as far as the gateway knows it. */
interface KnownItem {
  module: string;
  name: string;
  localName: string | null;
  size: number | null;
  failed: boolean;
}

const TRANSPORTS = { SSH: 'ssh', WHOSTMGR: 'whostmgr', WHOSTMGR_INSECURE: 'whostmgr_insecure' } as const;

const refused = (retriedFrom: SessionKey | null, userErrors: UserError[], warnings: string[] = []): Payload => ({
  session: null,
  retriedFrom,
  results: [],
  userErrors,
  warnings,
});

/** The items master.log reports, in its order, then those the gateway queued that it does not mention yet. */
async function knownItems(key: SessionKey, context: GatewayContext): Promise<KnownItem[]> {
  const [parsed, record] = await Promise.all([context.sessions.masterLog(key), context.records.load(key)]);
  const recorded = new Map((record?.items ?? []).map((item) => [transferItemKey(item.module, item.name), item]));
  const items: KnownItem[] = parsed.items.map((outcome) => {
    const queued = recorded.get(outcome.key);
    recorded.delete(outcome.key);
    // What the gateway sent WHM wins over what WHM logged back.
    return {
      module: outcome.itemType,
      name: outcome.item,
      localName: queued?.localName ?? outcome.localItem,
      size: queued?.size ?? outcome.size,
      failed: outcome.state === 'FAILED',
    };
  });
  for (const item of recorded.values()) items.push({ ...item, failed: false });
  return items;
}

/** The FAILED items, or the named ones; userErrors instead when there is nothing (right) to retry. */
function chooseItems(known: KnownItem[], named: readonly RetryItemInput[] | null | undefined): Checked<KnownItem[]> {
  if (named === null || named === undefined) {
    const failed = known.filter((item) => item.failed);
    if (failed.length > 0) return { ok: true, value: failed };
    const message = 'This session has no FAILED items; name the items to retry in `items`.';
    return { ok: false, errors: [{ field: null, code: 'INVALID_STATE', message }] };
  }
  checkListLength(named, 1, LIMITS.itemsPerEnqueue, ['items']);
  const chosen = new Set<KnownItem>();
  const errors: UserError[] = [];
  named.forEach((wanted, index) => {
    const name = checkText(wanted.name, ['items', index, 'name']);
    const matches = known.filter((item) => item.name === name && (!wanted.module || item.module === wanted.module));
    if (matches.length === 0) {
      errors.push({ field: ['items', String(index)], code: 'NOT_FOUND', message: `The session has no item ${name}.` });
    }
    matches.forEach((item) => chosen.add(item));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: known.filter((item) => chosen.has(item)) };
}

/** The enqueue input that repeats an item, or null when the module cannot go into a session of this kind. */
function repeatInput(item: KnownItem, kind: SessionKind): TransferItemInput | null {
  const size = item.size !== null && Number.isSafeInteger(item.size) && item.size >= 1 ? item.size : undefined;
  const options = { localUser: item.localName ?? undefined, size };
  if (kind === 'USER') return item.module === 'AccountRemoteUser' ? { accountRemoteUser: { user: item.name, options } } : null;
  switch (item.module) {
    case 'AccountRemoteRoot':
      return { accountRemoteRoot: { user: item.name, options } };
    case 'PackageRemoteRoot':
      return { packageRemoteRoot: { package: item.name, size } };
    case 'FeatureListRemoteRoot':
      return { featureListRemoteRoot: { featureList: item.name, size } };
    default:
      return item.module.endsWith('RemoteRoot') ? { configRemoteRoot: { module: item.module, name: item.name, size } } : null;
  }
}

/** Every chosen item as WHM parameters (the session id is set once the session exists), or why one cannot be. */
function prepareRepeats(items: KnownItem[], kind: SessionKind): Checked<EnqueueTransferItemParams[]> {
  const errors: UserError[] = [];
  const prepared: EnqueueTransferItemParams[] = [];
  for (const [index, item] of items.entries()) {
    const cannot = (why: string): UserError => ({
      field: null,
      code: 'INVALID_STATE',
      message: `${item.module} item ${item.name} cannot be retried: ${why}`,
    });
    const input = repeatInput(item, kind);
    if (input === null) {
      errors.push(cannot(`a ${kind.toLowerCase()} session cannot hold it.`));
      continue;
    }
    try {
      prepared.push(prepareItem(input, index, 'unset').params);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      errors.push(cannot(error.message));
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: prepared };
}

/** The create call for the session's kind, with the credentials given again; BAD_USER_INPUT for a wrong shape. */
function createCall(kind: SessionKind, given: RetryCredentialsInput) {
  const at = (name: string) => ['credentials', name];
  if (kind === 'USER') {
    const extra = (['user', 'sshKeyName', 'sshKeyPassphrase', 'escalation', 'port', 'transport'] as const).find(
      (name) => given[name],
    );
    if (extra) throw badUserInput('A user session takes only the account password.', at(extra));
    if (!given.password) throw badUserInput('A user session needs the account password.', at('password'));
    const password = checkSecret(given.password, at('password'));
    return (context: GatewayContext, server: string, host: string) =>
      context.whm.write(server, 'create_remote_user_transfer_session', { host, password, unrestricted_restore: 1 });
  }
  const user = checkUsername(given.user ?? 'root', at('user'));
  if (!given.password === !given.sshKeyName) throw badUserInput('Give either password or sshKeyName.', ['credentials']);
  if (given.sshKeyPassphrase && !given.sshKeyName) {
    throw badUserInput('sshKeyPassphrase goes with sshKeyName.', at('sshKeyPassphrase'));
  }
  const escalation = given.escalation ?? null;
  if (escalation && user === 'root') throw badUserInput('Escalation is only for users other than root.', at('escalation'));
  if (escalation?.method === 'SU' && !escalation.rootPassword) {
    throw badUserInput('Escalating with SU needs rootPassword.', ['credentials', 'escalation', 'rootPassword']);
  }
  const params = {
    user,
    port: given.port === null || given.port === undefined ? undefined : checkIntegerRange(given.port, 1, 65535, at('port')),
    password: given.password ? checkSecret(given.password, at('password')) : undefined,
    sshkey_name: given.sshKeyName ? checkText(given.sshKeyName, at('sshKeyName')) : undefined,
    sshkey_passphrase: given.sshKeyPassphrase ? checkSecret(given.sshKeyPassphrase, at('sshKeyPassphrase')) : undefined,
    root_escalation_method: escalation ? (escalation.method === 'SU' ? ('su' as const) : ('sudo' as const)) : undefined,
    root_password: escalation?.rootPassword
      ? checkSecret(escalation.rootPassword, ['credentials', 'escalation', 'rootPassword'])
      : undefined,
    comm_transport: TRANSPORTS[given.transport ?? 'SSH'],
  };
  return (context: GatewayContext, server: string, host: string) =>
    context.whm.write(server, 'create_remote_root_transfer_session', { host, ...params });
}

/** One item's result from its WHM outcome; what WHM accepted goes to `queued` for the registry. */
function itemResult(outcome: BatchOutcome, index: number, stored: NewEnqueuedItem, queued: NewEnqueuedItem[]): ItemResult {
  const field = ['results', String(index)];
  if (outcome.ok) {
    queued.push(stored);
    return {
      index,
      queued: true,
      alreadyQueued: false,
      blocked: false,
      issues: [],
      item: { source: 'registry', ...stored },
      error: null,
    };
  }
  const { error } = outcome;
  return {
    index,
    queued: false,
    alreadyQueued: false,
    blocked: false,
    issues: [],
    item: null,
    // A transport failure: WHM may hold it; enqueueTransferItems on the new session repeats it safely.
    error: error instanceof WhmApiError ? userErrorFrom(error, field) : enqueueTransportFailure(error, field, stored.name),
  };
}

export const retryMutations: MutationResolvers = {
  retryTransferItems: async (_root, { sessionId, server, credentials, items }, context) => {
    const original = { server: context.servers.resolve(server).entry.name, id: checkSessionId(sessionId, ['sessionId']) };
    const record = await context.records.load(original);
    const kind = record?.kind ?? guessSessionKind(original.id);
    const aboutSession = (code: UserErrorCode, message: string) => refused(original, [{ field: ['sessionId'], code, message }]);
    if (kind === 'RESTORE') {
      return aboutSession('INVALID_STATE', 'A restore session has no source to retry from: restore again instead.');
    }
    const create = createCall(kind, credentials);
    let known: KnownItem[];
    let loggedHost: string | null;
    try {
      known = await knownItems(original, context);
      loggedHost = (await context.sessions.masterLog(original)).session.remoteHost;
    } catch (error) {
      if (!isUnknownSessionError(error)) throw error;
      return { ...aboutSession('NOT_FOUND', `Session ${original.id} does not exist.`), retriedFrom: null };
    }
    const chosen = chooseItems(known, items);
    if (!chosen.ok) return refused(original, chosen.errors);
    const prepared = prepareRepeats(chosen.value, kind);
    if (!prepared.ok) return refused(original, prepared.errors);
    const storedHost = record?.remoteHost ?? loggedHost;
    if (!storedHost) return aboutSession('INVALID_STATE', 'The source host of this session is not known.');
    const host = checkHost(storedHost, ['sessionId']);

    const outcome = await attempt(() => create(context, original.server, host), ['credentials']);
    if (!outcome.ok) return refused(original, [outcome.userError], outcome.warnings);
    const { data, output } = outcome.value;
    const id = data?.transfer_session_id;
    if (!id) {
      const consequence = `it may have created a session for ${host}; find it in WHM and adopt it with registerTransferSession.`;
      return refused(original, [missingAnswer('create_remote_root_transfer_session', consequence)], output.warnings);
    }
    const retry = { server: original.server, id };
    await context.registry.recordSession({
      ...retry,
      kind,
      remoteHost: host,
      createdBy: context.identity.id,
      lastState: 'PENDING',
      retriedFrom: original.id,
    });

    const calls: WhmCall<'enqueue_transfer_item'>[] = prepared.value.map((params) => ({
      function: 'enqueue_transfer_item',
      params: { ...params, transfer_session_id: id },
    }));
    const outcomes = await context.whm.writeBatch(retry.server, calls);
    const queued: NewEnqueuedItem[] = [];
    const noAnswer: BatchOutcome = { ok: false, error: new WhmApiError({ server: retry.server, command: 'batch' }, 'no answer') };
    const results = prepared.value.map((params, index) =>
      itemResult(outcomes[index] ?? noAnswer, index, itemRecord(params), queued),
    );
    if (queued.length > 0) await context.registry.recordItems(retry.server, id, queued);
    context.sessions.forget(retry);
    context.records.clear(retry);
    context.records.clear(original);
    const userErrors = results.flatMap((result) => (result.error ? [result.error] : []));
    return { session: retry, retriedFrom: original, results, userErrors, warnings: output.warnings };
  },
};
