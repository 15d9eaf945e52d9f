// WHM API 1 Transfers functions that plan, create and check a session (REFERENCE §2.1–§2.8); the
// ones that queue, run and watch it are in transfer-queue.ts.
import { buildAnalysis, serverType } from '../analysis.js';
import { makeSessionId } from '../clock.js';
import { failure, requireLength, success } from '../envelope.js';
import type { FunctionResult, JsonObject } from '../envelope.js';
import { MODULE_PRIORITIES, moduleSchema, schemaToJson } from '../modules.js';
import { UNRESTRICTED_SESSION_OPTIONS, type SessionOptions } from '../session-model.js';
import { lookupSession } from './context.js';
import type { CallContext, FunctionHandler } from './context.js';
import { checkCredentials } from './credentials.js';
import { transferQueueFunctions } from './transfer-queue.js';

const COMM_TRANSPORTS = ['ssh', 'whostmgr', 'whostmgr_insecure'];
const NOT_REMOTE_ROOT =
  'The supplied session ID has an invalid session type. You must provide a session ID with a session type of “RemoteRoot”.';

function localServerMessage(host: string): string {
  return `“${host}” resolves to the local server. Provide a remote hostname or IP address instead.`;
}

/** Thread counts default to 1 and are truncated to integers. */
function threadCount(value: string | undefined): number {
  const parsed = Math.trunc(Number(value));
  return Number.isFinite(parsed) && parsed >= 1 ? parsed : 1;
}

function availableTransferModules(): FunctionResult {
  const modules: JsonObject = {};
  for (const name of Object.keys(MODULE_PRIORITIES).sort()) modules[name] = String(MODULE_PRIORITIES[name]);
  return success({ modules });
}

function transferModuleSchema({ args }: CallContext): FunctionResult {
  const module = requireLength(args.get('module'), 'module');
  const schema = moduleSchema(module);
  if (schema === undefined) return failure(`The transfer session module “${module}” does not exist.`);
  return success({ schema: schemaToJson(schema) });
}

function createRemoteRootTransferSession(context: CallContext): FunctionResult {
  const { args, state, now } = context;
  const comm = args.get('comm_transport') ?? '';
  if (comm !== '' && !COMM_TRANSPORTS.includes(comm)) return failure(`Invalid “comm_transport” (${comm}).`);
  const host = (args.get('host') ?? '').trim();
  if (host === '') return failure('You must specify a source host.');
  if (state.isLocalHostName(host)) return failure(localServerMessage(host));
  const source = state.resolveRemote(host);
  if (source === undefined) return failure(`The system was unable to resolve the host, “${host}”, to an IP address.`);

  const credentials = checkCredentials(source, host, args);
  if (!credentials.ok) return failure(credentials.message);

  const options: SessionOptions = {
    unrestricted: args.flag('unrestricted_restore'),
    skipres: args.flag('copy_reseller_privs'),
    uncompressed: args.flag('compressed') === 1 ? 0 : 1,
    ssl: args.flag('unencrypted') === 1 ? 0 : 1,
    backups: args.flag('use_backups'),
    lowPriority: args.flag('low_priority'),
    customPkgacct: args.flag('enable_custom_pkgacct'),
    commTransport: comm === '' ? 'ssh' : comm,
    port: Number.parseInt(args.get('port') ?? '22', 10) || 22,
  };
  const session = state.createSession({
    id: makeSessionId(host, 'copyacct'.slice(0, 5), now, 'to36'),
    kind: 'RemoteRoot',
    initiator: 'copyacct',
    createdAt: now,
    creator: context.user,
    remoteHost: host,
    source,
    remoteUser: credentials.user,
    options,
    transferThreads: threadCount(args.get('transfer_threads')),
    restoreThreads: threadCount(args.get('restore_threads')),
  });
  session.analysis = buildAnalysis(state, session);

  const method = credentials.usedKey ? 'SSH key authentication' : 'password authentication';
  const streaming =
    options.ssl === 1
      ? `Testing “${host}” for transfer streaming support with ${method} …<strong>Streaming Supported</strong>\n`
      : 'The system is unable to stream account transfers because encryption is disabled.\n';
  const createRawout =
    'Basic credential check … …\nDone\n' +
    (credentials.escalation === null ? '' : `Escalating privileges with “${credentials.escalation}” …\nDone\n`) +
    `Fetching information from remote host: “${host}” … …\nDone\n` +
    'Fetching WHM Version …\nDone\n' +
    streaming +
    `Remote Server Type: “${serverType(source.version)}”\n`;
  const analyzeRawout =
    `Fetching information from remote host: “${host}” … …\nDone\n` +
    `Analyzing ${source.accounts.length} accounts, packages and databases on “${source.hostname}” …\nDone\n`;
  const result = success({ transfer_session_id: session.id, create_rawout: createRawout, analyze_rawout: analyzeRawout });
  if (source.creationWarnings !== undefined && source.creationWarnings.length > 0) {
    result.output = { warnings: [...source.creationWarnings] };
  }
  return result;
}

function createRemoteUserTransferSession(context: CallContext): FunctionResult {
  const { args, state, now } = context;
  const host = (args.get('host') ?? '').trim();
  if (host === '') return failure('You must specify a “host” argument.');
  const password = args.get('password') ?? '';
  if (password === '') return failure('You must specify a “password” argument.');
  if (args.flag('unrestricted_restore') !== 1) {
    return failure('User-authenticated transfers require Restricted Restore to be skipped: set “unrestricted_restore” to 1.');
  }
  if (state.isLocalHostName(host)) return failure(localServerMessage(host));
  const source = state.resolveRemote(host);
  if (source === undefined) return failure(`The system was unable to resolve the hostname, “${host}”, to an IP address.`);

  // The remote login is the account named like the calling WHM user (root uses the remote root password).
  const remoteUser = context.user;
  const expected = context.isRoot
    ? source.rootPassword
    : source.accounts.find((account) => account.user === remoteUser)?.password;
  if (expected === undefined || expected !== password) {
    return failure(`The source server “${host}” did not accept the password for the user “${remoteUser}”.`);
  }
  const session = state.createSession({
    id: makeSessionId(host, 'norootcopy'.slice(0, 5), now, 'to36'),
    kind: 'RemoteUser',
    initiator: 'norootcopy',
    createdAt: now,
    creator: context.user,
    remoteHost: host,
    source,
    remoteUser,
    options: { ...UNRESTRICTED_SESSION_OPTIONS, commTransport: 'whostmgr' },
    transferThreads: 1,
    restoreThreads: 1,
  });
  return success({ transfer_session_id: session.id });
}

function remoteBasicCredentialCheck(context: CallContext): FunctionResult {
  const { args, state } = context;
  const host = requireLength(args.get('host'), 'host');
  const user = requireLength(args.get('user'), 'user');
  const failed = (message: string): FunctionResult =>
    failure(message, { output: `Basic credential check …\n${message}\n`, response: '', escalation_method_used: null });
  if (state.isLocalHostName(host)) return failed(localServerMessage(host));
  const source = state.resolveRemote(host);
  if (source === undefined) return failed(`The system was unable to resolve the host, “${host}”, to an IP address.`);
  const credentials = checkCredentials(source, host, args);
  if (!credentials.ok) return failed(credentials.message);
  return success(
    {
      output: 'Basic credential check …\nDone\n',
      response: `basic credential check ok for ${user}\n`,
      escalation_method_used: credentials.escalation,
    },
    'Success',
  );
}

function analyzeTransferSessionRemote(context: CallContext): FunctionResult {
  const id = requireLength(context.args.get('transfer_session_id'), 'transfer_session_id');
  const lookup = lookupSession(context, id);
  if (!lookup.ok) return failure(lookup.reason);
  if (lookup.session.kind !== 'RemoteRoot') return failure(NOT_REMOTE_ROOT);
  lookup.session.analysis = buildAnalysis(context.state, lookup.session);
  return success();
}

function retrieveTransferSessionRemoteAnalysis(context: CallContext): FunctionResult {
  const id = context.args.get('transfer_session_id');
  if (id === undefined || id === '' || id === '0') {
    return failure('A valid transfer_session_id is required to analyze a remote transfer source.');
  }
  const lookup = lookupSession(context, id);
  if (!lookup.ok) return failure(lookup.reason);
  if (lookup.session.kind !== 'RemoteRoot') return failure(NOT_REMOTE_ROOT);
  const analysis = lookup.session.analysis ?? buildAnalysis(context.state, lookup.session);
  lookup.session.analysis = analysis;
  return success(structuredClone(analysis));
}

/** Strict rules for new accounts. */
export function validForNewAccount(user: string): boolean {
  return /^[a-z][a-z0-9]{0,15}$/.test(user) && !user.startsWith('test');
}

/** Looser rules transferred accounts may use. */
export function validForTransfer(user: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,31}$/i.test(user);
}

function validateSystemUser({ args, state }: CallContext): FunctionResult {
  const user = args.get('user') ?? '';
  if (user === '') return failure('No user name supplied: “user” is a required argument.');
  return success({
    exists: state.nameTaken(user) ? 1 : 0,
    reserved: state.isReserved(user) ? 1 : 0,
    valid_for_new: validForNewAccount(user) ? 1 : 0,
    valid_for_transfer: validForTransfer(user) ? 1 : 0,
  });
}

export const transferFunctions: Record<string, FunctionHandler> = {
  available_transfer_modules: availableTransferModules,
  transfer_module_schema: transferModuleSchema,
  create_remote_root_transfer_session: createRemoteRootTransferSession,
  create_remote_user_transfer_session: createRemoteUserTransferSession,
  remote_basic_credential_check: remoteBasicCredentialCheck,
  analyze_transfer_session_remote: analyzeTransferSessionRemote,
  retrieve_transfer_session_remote_analysis: retrieveTransferSessionRemoteAnalysis,
  validate_system_user: validateSystemUser,
  ...transferQueueFunctions,
};
