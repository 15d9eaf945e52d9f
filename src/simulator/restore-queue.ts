// The restore queue of backup_restore_manager (REFERENCE §2.19): pending tasks run one at a time,
// each as a transfer session with an AccountLocal item, once the queue has been activated.
import { epochSeconds, makeSessionId, randomAlphanumeric } from './clock.js';
import type { JsonObject } from './envelope.js';
import { itemLogName } from './logs.js';
import { UNRESTRICTED_SESSION_OPTIONS, type SessionInit } from './session-model.js';
import type { TransferSession } from './sessions.js';

export interface RestoreTaskOptions {
  destid: string;
  give_ip: 0 | 1;
  mail_config: 0 | 1;
  mysql: 0 | 1;
  subdomains: 0 | 1;
}

export interface RestoreTask {
  queueId: string;
  user: string;
  restorePoint: string;
  options: RestoreTaskOptions;
}

export interface CompletedRestoreTask {
  task: RestoreTask;
  sessionId: string;
  started: number;
  finished: number;
  result: 0 | 1 | 2;
  statusmsg: string;
  warnings: string[] | null;
  log: string;
}

export const RESTORE_QUEUE_INITIATOR = 'restore_queue';

/** What the queue needs from the simulated world (SimulatorState, which owns the queue). */
export interface RestoreQueueWorld {
  createSession(init: SessionInit): TransferSession;
  /** Size of a local backup of `user`, in bytes. */
  estimatedBackupBytes(user: string): number;
}

export class RestoreQueue {
  readonly pending: RestoreTask[] = [];
  readonly completed: CompletedRestoreTask[] = [];
  active: { task: RestoreTask; session: TransferSession; started: number } | undefined;
  /** Set by restore_queue_activate, cleared when the queue has drained. */
  activated = false;
  private resumeAt = 0;

  constructor(private readonly world: RestoreQueueWorld) {}

  add(user: string, restorePoint: string, options: RestoreTaskOptions): RestoreTask {
    const task: RestoreTask = { queueId: randomAlphanumeric(15), user, restorePoint, options };
    this.pending.push(task);
    return task;
  }

  activate(at: number): void {
    this.advance(at);
    if (this.activated) return;
    this.activated = true;
    this.resumeAt = at;
    this.advance(at);
  }

  get isActive(): boolean {
    return this.activated;
  }

  advance(to: number): void {
    for (;;) {
      const active = this.active;
      if (active !== undefined) {
        active.session.advance(to);
        const endedAt = active.session.endedAt;
        if (endedAt === undefined) return;
        this.completed.push(this.summarise(active.task, active.session, active.started, endedAt));
        this.active = undefined;
        this.resumeAt = endedAt;
        continue;
      }
      if (!this.activated) return;
      const next = this.pending.shift();
      if (next === undefined) {
        this.activated = false;
        return;
      }
      this.startTask(next, Math.min(this.resumeAt, to));
    }
  }

  private startTask(task: RestoreTask, at: number): void {
    const session = this.world.createSession({
      id: makeSessionId(task.user, 'backup', at, 'four'),
      kind: 'LocalRestore',
      initiator: RESTORE_QUEUE_INITIATOR,
      createdAt: at,
      creator: 'root',
      remoteHost: null,
      options: { ...UNRESTRICTED_SESSION_OPTIONS },
      transferThreads: 1,
      restoreThreads: 1,
    });
    session.enqueue('AccountLocal', task.user, task.user, {
      user: task.user,
      localuser: task.user,
      force: '1',
      ip: String(task.options.give_ip),
      size: String(this.world.estimatedBackupBytes(task.user)),
    });
    session.start(at);
    this.active = { task, session, started: at };
  }

  private summarise(task: RestoreTask, session: TransferSession, started: number, finished: number): CompletedRestoreTask {
    const item = session.items[0];
    const logfile = itemLogName('RESTORE', 'AccountLocal', task.user);
    const logText = (session.logs.read(logfile) ?? '')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const parsed: unknown = JSON.parse(line);
        const contents = typeof parsed === 'object' && parsed !== null ? (parsed as { contents?: unknown }).contents : '';
        return typeof contents === 'string' ? contents : '';
      })
      .join('');
    const warnings = item?.plan?.warnings ?? [];
    const failed = item === undefined || item.state !== 'COMPLETED';
    return {
      task,
      sessionId: session.id,
      started,
      finished,
      result: failed ? 0 : warnings.length > 0 ? 2 : 1,
      statusmsg: failed ? (item?.failure ?? 'The restore did not finish.') : 'Restore complete.',
      warnings: !failed && warnings.length > 0 ? [...warnings] : null,
      log: logText,
    };
  }

  static jobJson(task: RestoreTask, withDestination: boolean): JsonObject {
    const options: JsonObject = {
      give_ip: task.options.give_ip,
      mail_config: task.options.mail_config,
      mysql: task.options.mysql,
      subdomains: task.options.subdomains,
    };
    if (withDestination) options['destid'] = task.options.destid;
    return { user: task.user, restore_point: task.restorePoint, options };
  }

  static completedJson(done: CompletedRestoreTask): JsonObject {
    return {
      restore_job: RestoreQueue.jobJson(done.task, true),
      status_info: {
        started: String(epochSeconds(done.started)),
        finished: String(epochSeconds(done.finished)),
        result: done.result,
        status: done.result === 0 ? 0 : 1,
        statusmsg: done.statusmsg,
        log: done.log,
        restore_logfile: itemLogName('RESTORE', 'AccountLocal', done.task.user),
        transfer_session_id: done.sessionId,
        warnings: done.warnings,
        altered_items: 0,
        dangerous_items: 0,
        skipped_items: 0,
      },
    };
  }
}
