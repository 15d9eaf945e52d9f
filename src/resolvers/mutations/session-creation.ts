// Creating and adopting sessions. Writes go alone through the request's WHM access (never batched
// with reads, never retried); the registry remembers every session created or adopted.
import { isUnknownSessionError } from '../../errors.js';
import type { CreateRemoteRootTransferSessionInput, MutationResolvers } from '../../generated/graphql.js';
import { guessSessionKind } from '../../transfer/index.js';
import { checkHost, checkIntegerRange, checkSecret, checkSessionId, LIMITS } from '../../validation.js';
import type { CreateRemoteRootTransferSessionParams, WhmFunctionName } from '../../whm/index.js';
import { credentialMutations, remoteLoginParams, remoteRefusal } from './remote-credentials.js';
import { attempt, missingAnswer, rememberCreatedSession } from './support.js';

const USER_SESSION_FIELDS = { REMOTE_AUTH_REFUSED: ['input', 'password'], REMOTE_HOST_UNREACHABLE: ['input', 'host'] };
const TRANSPORTS = { SSH: 'ssh', WHOSTMGR: 'whostmgr', WHOSTMGR_INSECURE: 'whostmgr_insecure' } as const;

/** The input, checked, in WHM's parameter names. Secrets pass through untouched and unlogged. */
function rootSessionParams(input: CreateRemoteRootTransferSessionInput): CreateRemoteRootTransferSessionParams {
  const field = (name: string) => ['input', name];
  const threads = (name: 'transferThreads' | 'restoreThreads') =>
    checkIntegerRange(input[name] ?? 1, 1, LIMITS.threads, field(name));
  return {
    ...remoteLoginParams(input),
    comm_transport: TRANSPORTS[input.transport ?? 'SSH'],
    transfer_threads: threads('transferThreads'),
    restore_threads: threads('restoreThreads'),
    compressed: input.compressed ?? false,
    unencrypted: input.unencrypted ?? false,
    low_priority: input.lowPriority ?? false,
    use_backups: input.useBackups ?? false,
    copy_reseller_privs: input.copyResellerPrivileges ?? false,
    enable_custom_pkgacct: input.enableCustomPkgacct ?? false,
    unrestricted_restore: input.unrestrictedRestore ?? false,
  };
}

export const sessionMutations: MutationResolvers = {
  ...credentialMutations,

  createRemoteRootTransferSession: async (_root, { input }, context) => {
    const server = context.servers.resolve(input.server, ['input', 'server']).entry.name;
    const params = rootSessionParams(input);
    const outcome = await attempt(() => context.whm.write(server, 'create_remote_root_transfer_session', params), null);
    if (!outcome.ok) {
      return { session: null, userErrors: [remoteRefusal(outcome.userError)], warnings: outcome.warnings, output: null };
    }
    const { data, output } = outcome.value;
    if (!data?.transfer_session_id) return createdWithoutId('create_remote_root_transfer_session', params.host, output.warnings);
    const session = await rememberCreatedSession(context, {
      id: data.transfer_session_id,
      server,
      kind: 'ROOT',
      remoteHost: params.host,
      lastState: 'PENDING',
    });
    return { session, userErrors: [], warnings: output.warnings, output: data.create_rawout ?? null };
  },

  createRemoteUserTransferSession: async (_root, { input }, context) => {
    const server = context.servers.resolve(input.server, ['input', 'server']).entry.name;
    const host = checkHost(input.host, ['input', 'host']);
    const password = checkSecret(input.password, ['input', 'password']);
    const outcome = await attempt(
      () => context.whm.write(server, 'create_remote_user_transfer_session', { host, password, unrestricted_restore: 1 }),
      null,
    );
    if (!outcome.ok) {
      const userError = remoteRefusal(outcome.userError, USER_SESSION_FIELDS);
      return { session: null, userErrors: [userError], warnings: outcome.warnings, output: null };
    }
    const { data, output } = outcome.value;
    if (!data?.transfer_session_id) return createdWithoutId('create_remote_user_transfer_session', host, output.warnings);
    const session = await rememberCreatedSession(context, {
      id: data.transfer_session_id,
      server,
      kind: 'USER',
      remoteHost: host,
      lastState: 'PENDING',
    });
    return { session, userErrors: [], warnings: output.warnings, output: null };
  },

  registerTransferSession: async (_root, { id, server }, context) => {
    const key = { server: context.servers.resolve(server).entry.name, id: checkSessionId(id, ['id']) };
    let state: string;
    try {
      state = String((await context.sessions.state(key)).state_name ?? '');
    } catch (error) {
      if (!isUnknownSessionError(error)) throw error;
      return {
        session: null,
        userErrors: [{ field: ['id'], message: `WHM does not know session ${key.id}.`, code: 'NOT_FOUND' }],
        warnings: [],
      };
    }
    await context.registry.recordSession({
      ...key,
      kind: guessSessionKind(key.id),
      createdBy: context.identity.id,
      adopted: true,
      lastState: state,
    });
    context.records.clear(key);
    return { session: key, userErrors: [], warnings: [] };
  },
};

/** Success without a session ID: nothing to remember, but the operator must know WHM may hold one. */
function createdWithoutId(whmFunction: WhmFunctionName, host: string, warnings: string[]) {
  const consequence = `it may have created a session for ${host} at ${new Date().toISOString()}; find it in WHM and adopt it with registerTransferSession.`;
  return { session: null, userErrors: [missingAnswer(whmFunction, consequence)], warnings, output: null };
}
