// WHM API 1 Transfers functions that queue, run and watch a session (REFERENCE §2.9–§2.15).
import { ApiFailure, failure, requireLength, success, xid } from '../envelope.js';
import type { FunctionResult } from '../envelope.js';
import { SESSION_DIR } from '../logs.js';
import { allowedInUserSession, allowsNonRootEnqueue, isAccountModule, isKnownModule, moduleSchema } from '../modules.js';
import { lookupSession } from './context.js';
import type { CallContext, FunctionHandler } from './context.js';

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
    if (
      needsSameName !== undefined &&
      params['user'] !== undefined &&
      params['localuser'] !== undefined &&
      params['user'] !== params['localuser']
    ) {
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

export const transferQueueFunctions: Record<string, FunctionHandler> = {
  enqueue_transfer_item: enqueueTransferItem,
  start_transfer_session: startTransferSession,
  pause_transfer_session: changeSessionState('pause'),
  abort_transfer_session: changeSessionState('abort'),
  get_transfer_session_state: getTransferSessionState,
  fetch_transfer_session_log: fetchTransferSessionLog,
  delete_account_archives: deleteAccountArchives,
};
