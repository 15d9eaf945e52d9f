// Creating, checking and steering sessions. Writes go straight to the WHM client (never batched with
// reads, never retried); the registry remembers every session created or adopted.
import type { GatewayContext } from '../../context.js';
import { badUserInput, isUnknownSessionError } from '../../errors.js';
import type { CreateRemoteRootTransferSessionInput, MutationResolvers, ResolversTypes } from '../../generated/graphql.js';
import { guessSessionKind } from '../../transfer/index.js';
import {
  checkHost,
  checkIntegerRange,
  checkSecret,
  checkSessionId,
  checkText,
  checkUsername,
  LIMITS,
} from '../../validation.js';
import type { CreateRemoteRootTransferSessionParams, WhmClient, WhmResult } from '../../whm/index.js';
import { attempt, rememberCreatedSession } from './support.js';

const TRANSPORTS = { SSH: 'ssh', WHOSTMGR: 'whostmgr', WHOSTMGR_INSECURE: 'whostmgr_insecure' } as const;

/** The input, checked, in WHM's parameter names. Secrets pass through untouched and unlogged. */
function rootSessionParams(input: CreateRemoteRootTransferSessionInput): CreateRemoteRootTransferSessionParams {
  const field = (name: string) => ['input', name];
  const user = checkUsername(input.user ?? 'root', field('user'));
  const { password, sshKeyName, sshKeyPassphrase } = input.credentials;
  if ((password === null || password === undefined) === (sshKeyName === null || sshKeyName === undefined)) {
    throw badUserInput('Give either credentials.password or credentials.sshKeyName.', ['input', 'credentials']);
  }
  if (sshKeyPassphrase !== null && sshKeyPassphrase !== undefined && !sshKeyName) {
    throw badUserInput('sshKeyPassphrase goes with sshKeyName.', ['input', 'credentials', 'sshKeyPassphrase']);
  }
  const escalation = input.escalation ?? null;
  if (escalation && user === 'root') throw badUserInput('Escalation is only for users other than root.', field('escalation'));
  if (escalation?.method === 'SU' && !escalation.rootPassword) {
    throw badUserInput('Escalating with SU needs rootPassword.', ['input', 'escalation', 'rootPassword']);
  }
  const threads = (name: 'transferThreads' | 'restoreThreads') =>
    checkIntegerRange(input[name] ?? 1, 1, LIMITS.threads, field(name));
  return {
    host: checkHost(input.host, field('host')),
    user,
    port: input.port === null || input.port === undefined ? undefined : checkIntegerRange(input.port, 1, 65535, field('port')),
    password: password ? checkSecret(password, ['input', 'credentials', 'password']) : undefined,
    sshkey_name: sshKeyName ? checkText(sshKeyName, ['input', 'credentials', 'sshKeyName']) : undefined,
    sshkey_passphrase: sshKeyPassphrase ? checkSecret(sshKeyPassphrase, ['input', 'credentials', 'sshKeyPassphrase']) : undefined,
    root_escalation_method: escalation ? (escalation.method === 'SU' ? 'su' : 'sudo') : undefined,
    root_password: escalation?.rootPassword ? checkSecret(escalation.rootPassword, ['input', 'escalation', 'rootPassword']) : undefined,
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

/** Runs one session command (start, pause, abort, analyse) and answers with the session as it now is. */
async function steerSession(
  args: { id: string; server?: string | null },
  context: GatewayContext,
  command: (client: WhmClient, transferSessionId: string) => Promise<WhmResult<unknown>>,
): Promise<ResolversTypes['TransferSessionPayload']> {
  const { entry, client } = context.servers.resolve(args.server);
  const key = { server: entry.name, id: checkSessionId(args.id, ['id']) };
  const outcome = await attempt(() => command(client, key.id), ['id']);
  // WHM may have changed the session even when it refused (pause of a stopped session marks it FAILED).
  context.loaders.forgetSession(key);
  if (!outcome.ok) {
    return { session: outcome.userError.code === 'NOT_FOUND' ? null : key, userErrors: [outcome.userError], warnings: outcome.warnings };
  }
  return { session: key, userErrors: [], warnings: outcome.value.output.warnings };
}

export const sessionMutations: MutationResolvers = {
  createRemoteRootTransferSession: async (_root, { input }, context) => {
    const { entry, client } = context.servers.resolve(input.server, ['input', 'server']);
    const params = rootSessionParams(input);
    const outcome = await attempt(() => client.createRemoteRootTransferSession(params), null);
    if (!outcome.ok) return { session: null, userErrors: [outcome.userError], warnings: outcome.warnings, output: null };
    const session = await rememberCreatedSession(context, {
      id: outcome.value.data.transfer_session_id,
      server: entry.name,
      kind: 'ROOT',
      remoteHost: params.host,
      lastState: 'PENDING',
    });
    return {
      session,
      userErrors: [],
      warnings: outcome.value.output.warnings,
      output: outcome.value.data.create_rawout ?? null,
    };
  },

  createRemoteUserTransferSession: async (_root, { input }, context) => {
    const { entry, client } = context.servers.resolve(input.server, ['input', 'server']);
    const host = checkHost(input.host, ['input', 'host']);
    const password = checkSecret(input.password, ['input', 'password']);
    const outcome = await attempt(
      () => client.createRemoteUserTransferSession({ host, password, unrestricted_restore: 1 }),
      null,
    );
    if (!outcome.ok) return { session: null, userErrors: [outcome.userError], warnings: outcome.warnings, output: null };
    const session = await rememberCreatedSession(context, {
      id: outcome.value.data.transfer_session_id,
      server: entry.name,
      kind: 'USER',
      remoteHost: host,
      lastState: 'PENDING',
    });
    return { session, userErrors: [], warnings: outcome.value.output.warnings, output: null };
  },

  analyzeTransferSession: (_root, args, context) =>
    steerSession(args, context, (client, id) => client.analyzeTransferSessionRemote({ transfer_session_id: id })),

  startTransferSession: (_root, args, context) =>
    steerSession(args, context, (client, id) => client.startTransferSession({ transfer_session_id: id })),

  pauseTransferSession: (_root, args, context) =>
    steerSession(args, context, (client, id) => client.pauseTransferSession({ transfer_session_id: id })),

  abortTransferSession: (_root, args, context) =>
    steerSession(args, context, (client, id) => client.abortTransferSession({ transfer_session_id: id })),

  resumeTransferSession: async (_root, args, context) => {
    const { entry } = context.servers.resolve(args.server);
    const key = { server: entry.name, id: checkSessionId(args.id, ['id']) };
    // WHM resumes with start_transfer_session, which would also start a PENDING session: refuse that.
    let state: string;
    try {
      state = (await context.loaders.sessionState.load(key)).state_name;
    } catch (error) {
      if (!isUnknownSessionError(error)) throw error;
      return { session: null, userErrors: [{ field: ['id'], message: `Session ${key.id} does not exist.`, code: 'NOT_FOUND' }], warnings: [] };
    }
    if (state !== 'PAUSED') {
      return {
        session: key,
        userErrors: [{ field: ['id'], message: `Only a PAUSED session can be resumed; this one is ${state}.`, code: 'INVALID_STATE' }],
        warnings: [],
      };
    }
    return steerSession(args, context, (client, id) => client.startTransferSession({ transfer_session_id: id }));
  },

  registerTransferSession: async (_root, { id, server }, context) => {
    const { entry } = context.servers.resolve(server);
    const key = { server: entry.name, id: checkSessionId(id, ['id']) };
    let state: string;
    try {
      state = (await context.loaders.sessionState.load(key)).state_name;
    } catch (error) {
      if (!isUnknownSessionError(error)) throw error;
      return { session: null, userErrors: [{ field: ['id'], message: `WHM does not know session ${key.id}.`, code: 'NOT_FOUND' }], warnings: [] };
    }
    await context.registry.recordSession({
      ...key,
      kind: guessSessionKind(key.id),
      createdBy: context.identity.id,
      adopted: true,
      lastState: state,
    });
    context.loaders.sessionRecord.clear(key);
    return { session: key, userErrors: [], warnings: [] };
  },
};
