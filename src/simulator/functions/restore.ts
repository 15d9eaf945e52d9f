// Account restoration, restore queue and backup helper functions (REFERENCE §2.16–§2.20b).
import { makeSessionId } from '../clock.js';
import { ApiFailure, failure, missingParameter, requireLength, success, xid } from '../envelope.js';
import type { FunctionResult, JsonObject } from '../envelope.js';
import { RestoreQueue } from '../restore-queue.js';
import { restoreModulesSummary } from '../restore-modules.js';
import { UNRESTRICTED_SESSION_OPTIONS } from '../session-model.js';
import type { TransferSession } from '../sessions.js';
import type { CallContext, FunctionHandler } from './context.js';
import { validForTransfer } from './transfers.js';

function newLocalSession(context: CallContext, id: string, initiator: string, unrestricted: 0 | 1): TransferSession {
  return context.state.createSession({
    id,
    kind: 'LocalRestore',
    initiator,
    createdAt: context.now,
    creator: context.user,
    remoteHost: null,
    options: { ...UNRESTRICTED_SESSION_OPTIONS, unrestricted },
    transferThreads: 1,
    restoreThreads: 1,
  });
}

function restoreModules(): FunctionResult {
  return success({ modules: restoreModulesSummary() });
}

const BACKUP_TYPES = ['daily', 'weekly', 'monthly'];

/** v120 behaviour: a LegacyAccountBackup item in a new session, started in the background. */
function restoreAccount(context: CallContext): FunctionResult {
  const { args } = context;
  const user = args.get('user');
  if (user === undefined) throw missingParameter('user');
  const type = args.get('type');
  if (type === undefined) throw missingParameter('type');
  if (!BACKUP_TYPES.includes(type)) {
    throw new ApiFailure(xid(`The “type” parameter must be “daily”, “weekly”, or “monthly”, not “${type}”.`));
  }
  const session = newLocalSession(context, makeSessionId(user, 'resto', context.now, 'to36'), 'restoreaccount', 1);
  session.enqueue('LegacyAccountBackup', user, user, {
    user,
    restoretype: type,
    restoreall: String(args.flag('all')),
    restoreip: String(args.flag('ip')),
    restoremail: String(args.flag('mail')),
    restoremysql: String(args.flag('mysql')),
    restoresubs: String(args.flag('subs')),
    size: String(context.state.estimatedBackupBytes(user)),
  });
  const started = session.start(context.now);
  const pid = started.ok ? started.pid : 0;
  const result = success({ transfer_session_id: session.id, pid }, 'Account Restoring in background');
  result.output = {
    raw: `The system will restore the backup in the background with a transfer session ID of “${session.id}”.`,
  };
  return result;
}

function startLocalCpmoveRestore(context: CallContext): FunctionResult {
  const { args, state } = context;
  const path = requireLength(args.get('cpmovepath'), 'cpmovepath');
  const archive = state.findArchive(path);
  const fileName = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const fromName = /^cpmove-([A-Za-z0-9._-]+?)(?:\.tar\.gz|\.tgz|\.tar)?$/.exec(fileName)?.[1];
  const archiveUser = archive?.user ?? fromName ?? 'restored';
  const requestedName = args.get('username') ?? '';
  const username = requestedName === '' ? archiveUser : requestedName;
  const unrestricted = args.flag('restricted') === 1 ? 0 : 1;
  const id = makeSessionId(username, '', context.now, 'four');
  const session = newLocalSession(context, id, 'start_local_cpmove_restore', unrestricted);
  session.enqueue('AccountLocal', archiveUser, username, {
    user: archiveUser,
    localuser: username,
    cpmovefile: path,
    force: String(args.flag('overwrite')),
    ip: String(args.flag('dedicated_ip')),
    replaceip: args.get('update_a_records') ?? 'all',
    mail_location: args.get('mail_location') ?? '.existing',
    size: String(state.estimatedBackupBytes(archiveUser)),
  });
  if (args.flag('delete_archive') === 1 && archive !== undefined) {
    state.archives.splice(state.archives.indexOf(archive), 1);
  }
  session.start(context.now);
  return success({ transfer_session_id: session.id });
}

/** The restore queue helper reports metadata as text, so result and reason arrive as strings. */
function queueResult(result: FunctionResult): FunctionResult {
  return { ...result, stringMetadata: true };
}

function restorePointMatches(given: string, stored: string): boolean {
  return given === stored || given.slice(0, 10) === stored.slice(0, 10);
}

function restoreQueueAddTask(context: CallContext): FunctionResult {
  const { args, state } = context;
  const restorePoint = requireLength(args.get('restore_point'), 'restore_point');
  const user = requireLength(args.get('user'), 'user');
  state.restoreQueue.advance(context.now);
  const backup = state.local.backups.find((candidate) => restorePointMatches(restorePoint, candidate.date));
  if (backup === undefined || !backup.users.includes(user)) {
    return queueResult(failure(`The system could not find a backup of “${user}” for the restore point “${restorePoint}”.`));
  }
  const queue = state.restoreQueue;
  if (queue.pending.some((task) => task.user === user) || queue.active?.task.user === user) {
    return queueResult(failure(`The restore queue already contains a task for “${user}”.`));
  }
  const task = queue.add(user, backup.date, {
    destid: args.get('destid') ?? 'local',
    give_ip: args.flag('give_ip'),
    mail_config: args.flag('mail_config'),
    mysql: args.flag('mysql'),
    subdomains: args.flag('subdomains'),
  });
  return queueResult(success({ queue_id: task.queueId }));
}

function restoreQueueActivate(context: CallContext): FunctionResult {
  context.state.restoreQueue.activate(context.now);
  return queueResult(success(undefined, 'Restore queue processing initiated'));
}

function advancedQueue(context: CallContext): RestoreQueue {
  context.state.restoreQueue.advance(context.now);
  return context.state.restoreQueue;
}

function restoreQueueIsActive(context: CallContext): FunctionResult {
  return queueResult(success({ is_active: advancedQueue(context).isActive ? 1 : 0 }));
}

function restoreQueueState(context: CallContext): FunctionResult {
  const queue = advancedQueue(context);
  return queueResult(
    success({
      active: queue.active === undefined ? [] : [RestoreQueue.jobJson(queue.active.task, false)],
      pending: queue.pending.map((task) => RestoreQueue.jobJson(task, false)),
      completed: queue.completed.map((done) => RestoreQueue.jobJson(done.task, false)),
      is_active: queue.isActive ? 1 : 0,
    }),
  );
}

function restoreQueueListActive(context: CallContext): FunctionResult {
  const queue = advancedQueue(context);
  const jobs: JsonObject[] = queue.active === undefined ? [] : [RestoreQueue.jobJson(queue.active.task, true)];
  return queueResult(success({ restore_job: jobs }));
}

function restoreQueueListPending(context: CallContext): FunctionResult {
  return queueResult(success({ restore_job: advancedQueue(context).pending.map((task) => RestoreQueue.jobJson(task, true)) }));
}

function restoreQueueListCompleted(context: CallContext): FunctionResult {
  return queueResult(success({ restore_job: advancedQueue(context).completed.map((done) => RestoreQueue.completedJson(done)) }));
}

function restoreQueueClearPendingTask(context: CallContext): FunctionResult {
  const user = requireLength(context.args.get('user'), 'user');
  const queue = advancedQueue(context);
  const index = queue.pending.findIndex((task) => task.user === user);
  if (index === -1) return queueResult(failure(`The restore queue has no pending task for “${user}”.`));
  queue.pending.splice(index, 1);
  return queueResult(success());
}

function restoreQueueClearCompletedTask(context: CallContext): FunctionResult {
  const user = requireLength(context.args.get('user'), 'user');
  const startTime = requireLength(context.args.get('start_time'), 'start_time');
  const queue = advancedQueue(context);
  const index = queue.completed.findIndex(
    (done) => done.task.user === user && String(Math.floor(done.started / 1000)) === startTime,
  );
  if (index === -1) {
    return queueResult(failure(`The restore queue has no completed task for “${user}” that started at “${startTime}”.`));
  }
  queue.completed.splice(index, 1);
  return queueResult(success());
}

function clearAll(which: 'pending' | 'completed' | 'failed' | 'all'): FunctionHandler {
  return (context) => {
    const queue = advancedQueue(context);
    if (which === 'pending' || which === 'all') queue.pending.splice(0);
    if (which === 'completed' || which === 'all') queue.completed.splice(0);
    if (which === 'failed') {
      const kept = queue.completed.filter((done) => done.result !== 0);
      queue.completed.splice(0, queue.completed.length, ...kept);
    }
    return queueResult(success());
  };
}

function verifyNewUsernameForRestore({ args, state }: CallContext): FunctionResult {
  const user = requireLength(args.get('user'), 'user');
  if (!validForTransfer(user)) throw new ApiFailure(xid(`“${user}” is not a valid username.`));
  if (state.isReserved(user)) throw new ApiFailure(xid(`The username “${user}” is reserved on this system.`));
  if (state.nameTaken(user)) {
    throw new ApiFailure(xid(`The username “${user}” conflicts with an existing account on “${state.local.hostname}”.`));
  }
  return success();
}

function listCparchiveFiles({ state }: CallContext): FunctionResult {
  return success({
    quickrestore_files: state.archives.map((archive) => ({ file: archive.file, path: archive.path, user: archive.user })),
  });
}

function backupDateList({ state }: CallContext): FunctionResult {
  return success({ backup_set: state.local.backups.map((backup) => backup.date) });
}

function backupUserList({ args, state }: CallContext): FunctionResult {
  const restorePoint = requireLength(args.get('restore_point'), 'restore_point');
  const backup = state.local.backups.find((candidate) => restorePointMatches(restorePoint, candidate.date));
  const backedUp = new Set(backup?.users ?? []);
  const names = [...new Set([...state.localUsers, ...backedUp])].sort();
  return success({
    user: names.map((username) => ({
      username,
      status: !backedUp.has(username) ? 'no_backup' : state.localUserExists(username) ? 'active' : 'inactive',
    })),
  });
}

export const restoreFunctions: Record<string, FunctionHandler> = {
  restore_modules_summary: restoreModules,
  restoreaccount: restoreAccount,
  start_local_cpmove_restore: startLocalCpmoveRestore,
  restore_queue_add_task: restoreQueueAddTask,
  restore_queue_activate: restoreQueueActivate,
  restore_queue_is_active: restoreQueueIsActive,
  restore_queue_state: restoreQueueState,
  restore_queue_list_active: restoreQueueListActive,
  restore_queue_list_pending: restoreQueueListPending,
  restore_queue_list_completed: restoreQueueListCompleted,
  restore_queue_clear_pending_task: restoreQueueClearPendingTask,
  restore_queue_clear_completed_task: restoreQueueClearCompletedTask,
  restore_queue_clear_all_pending_tasks: clearAll('pending'),
  restore_queue_clear_all_completed_tasks: clearAll('completed'),
  restore_queue_clear_all_failed_tasks: clearAll('failed'),
  restore_queue_clear_all_tasks: clearAll('all'),
  verify_new_username_for_restore: verifyNewUsernameForRestore,
  list_cparchive_files: listCparchiveFiles,
  backup_date_list: backupDateList,
  backup_user_list: backupUserList,
};
