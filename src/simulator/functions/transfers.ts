// WHM API 1 Transfers functions (REFERENCE §2.1–§2.15).
import { buildAnalysis, serverType } from '../analysis.js';
import { makeSessionId } from '../clock.js';
import { ApiFailure, failure, requireLength, success, xid } from '../envelope.js';
import type { FunctionResult, JsonObject } from '../envelope.js';
import { SESSION_DIR } from '../logs.js';
import {
  MODULE_PRIORITIES,
  allowedInUserSession,
  allowsNonRootEnqueue,
  isAccountModule,
  isKnownModule,
  moduleSchema,
  schemaToJson,
} from '../modules.js';
import { UNRESTRICTED_SESSION_OPTIONS, type SessionOptions } from '../session-model.js';
import { lookupSession } from './context.js';
import type { CallContext, FunctionHandler } from './context.js';
import { checkCredentials } from './credentials.js';

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

function truthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0';
}

function enqueueTransferItem(context: CallContext): FunctionResult {
  const { args } = context;
  const id = args.get('transfer_session_id');
  if (id === undefined) throw new ApiFailure(xid('Provide the “transfer_session_id” parameter.'));
  const module = args.get('module');
  if (module === undefined) throw new ApiFailure(xid('Provide the “module” parameter.'));
  if (!isKnownModule(module)) return failure(`The transfer session module “${module}” does not exist.`);
  if (!context.isRoot && !allowsNonRootEnqueue(module)) {
    return failure(`The transfer session module “${module}” can not be enqueued as a non-root user.`);
  }
  const lookup = lookupSession(context, id);
  if (!lookup.ok) return failure(lookup.reason);
  const session = lookup.session;
  if (session.kind === 'RemoteUser' && !allowedInUserSession(module)) {
    throw new ApiFailure(
      'User-authenticated transfer sessions cannot enqueue items of this type. Try again from a root-authenticated transfer session.\n',
    );
  }
  if (session.kind !== 'RemoteUser' && module === 'AccountRemoteUser') {
    throw new ApiFailure(
      'Root-authenticated transfer sessions cannot enqueue items of this type. Try again from a user-authenticated transfer session.\n',
    );
  }

  const params: Record<string, string> = {};
  for (const [key, value] of args.entries()) {
    if (key !== 'transfer_session_id' && key !== 'module') params[key] = value;
  }

  if (truthy(params['live_transfer']) && session.source?.supportsLiveTransfers === false) {
    throw new ApiFailure(xid(`The source server “${session.remoteHost ?? ''}” does not support Live Transfers.`));
  }
  if (isAccountModule(module)) {
    const needsSameName = truthy(params['force']) ? 'force' : truthy(params['skipaccount']) ? 'skipaccount' : undefined;
    if (needsSameName !== undefined && params['user'] !== undefined && params['localuser'] !== undefined && params['user'] !== params['localuser']) {
      throw new ApiFailure(xid(`The “${needsSameName}” parameter requires “user” and “localuser” to be the same.`));
    }
    if (truthy(params['force']) && session.options.unrestricted === 1) {
      throw new ApiFailure(xid('The “force” parameter is not available in sessions created with “unrestricted_restore”.'));
    }
  }

  const schema = moduleSchema(module);
  if (schema === undefined) return failure(`The transfer session module “${module}” does not exist.`);
  for (const key of schema.required) {
    if (!Object.hasOwn(params, key)) return failure(xid(`The “${key}” parameter is required for the “${module}” module.`));
  }
  for (const key of Object.keys(params)) {
    if (!Object.hasOwn(schema.keys, key)) return failure(xid(`The “${key}” parameter is not valid for the “${module}” module.`));
  }
  const primaryKey = schema.primary[0] ?? 'name';
  const key = params[primaryKey] ?? '';
  if (session.findItem(module, key) !== undefined) {
    return failure(
      xid(`An item with a “${primaryKey}” key value of “${key}” and a type of “${module}” already exists in the queue.`),
    );
  }
  const localItem = isAccountModule(module) ? (params['localuser'] ?? key) : key;
  session.enqueue(module, key, localItem, params);
  return success();
}

function startTransferSession(context: CallContext): FunctionResult {
  const id = context.args.get('transfer_session_id') ?? '';
  const lookup = lookupSession(context, id);
  const outcome = lookup.ok ? lookup.session.start(context.now) : { ok: false as const, detail: lookup.reason };
  if (!outcome.ok) {
    return failure(`The system failed to start the transfer session “${id}” because of an error: ${outcome.detail}`);
  }
  return success({ pid: outcome.pid });
}

function changeSessionState(action: 'pause' | 'abort'): FunctionHandler {
  return (context) => {
    const lookup = lookupSession(context, context.args.get('transfer_session_id'));
    if (!lookup.ok) return failure(lookup.reason);
    const done = action === 'pause' ? lookup.session.pause(context.now) : lookup.session.abort(context.now);
    return done ? success() : failure(`The system failed to “${action}” the transfer session.`);
  };
}

function getTransferSessionState(context: CallContext): FunctionResult {
  const lookup = lookupSession(context, context.args.get('transfer_session_id'));
  if (!lookup.ok) return failure(lookup.reason);
  return success({ state_name: lookup.session.state });
}

function fetchTransferSessionLog(context: CallContext): FunctionResult {
  const id = requireLength(context.args.get('transfer_session_id'), 'transfer_session_id');
  const logfile = requireLength(context.args.get('logfile'), 'logfile');
  const lookup = lookupSession(context, id);
  if (!lookup.ok) return failure(lookup.reason);
  if (logfile.includes('/')) {
    throw new ApiFailure(xid(`tail_logs only accepts relative file paths; “${logfile}” is not a relative path.`));
  }
  if (logfile === '.' || logfile === '..' || logfile.includes('\0')) {
    throw new ApiFailure(xid(`“${logfile}” is not a valid name for a file.`));
  }
  const text = lookup.session.logs.read(logfile);
  if (text === undefined) {
    const directory = `${SESSION_DIR}/${id}`;
    throw new ApiFailure(
      xid(`The system failed to locate either the file “${directory}/.${logfile}” or the file “${directory}/${logfile}”.`),
    );
  }
  return success({ log: text });
}

function deleteAccountArchives({ args, state }: CallContext): FunctionResult {
  const user = requireLength(args.get('user'), 'user');
  const mountpoint = args.get('mountpoint');
  if (mountpoint === '') throw new ApiFailure(xid('The value of “mountpoint” may not be empty.'));
  const base = (mountpoint ?? '/home').replace(/\/+$/, '');
  const matching = state.archives.filter((archive) => archive.user === user && archive.path.replace(/\/+$/, '') === base);
  const result = success();
  const messages = [`Looking for archives of “${user}” in “${base}” …`];
  if (matching.length === 0) {
    result.output = { messages, warnings: [`No archives for the user “${user}” exist in “${base}”.\n`] };
    return result;
  }
  for (const archive of matching) {
    messages.push(`Found archive: ${base}/${archive.file}`, `Removed archive: ${base}/${archive.file}`);
    state.archives.splice(state.archives.indexOf(archive), 1);
  }
  result.output = { messages };
  return result;
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
  enqueue_transfer_item: enqueueTransferItem,
  start_transfer_session: startTransferSession,
  pause_transfer_session: changeSessionState('pause'),
  abort_transfer_session: changeSessionState('abort'),
  get_transfer_session_state: getTransferSessionState,
  fetch_transfer_session_log: fetchTransferSessionLog,
  delete_account_archives: deleteAccountArchives,
};
