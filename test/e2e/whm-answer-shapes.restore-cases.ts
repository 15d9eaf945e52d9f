// The restore half of the whm-answer-shapes table: restores, the restore queue and archives. The
// queue cases bring the queue to a known state first (over GraphQL, every quirk off); their checks
// compare with the simulator's queue, which only moves when WHM is asked, so it is as WHM answered.
import { expect } from 'vitest';
import type { TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';
import { field, mustQuery, USER_ERRORS, type Fixture, type ShapeCases } from './whm-answer-shapes.support.js';

const JOB_FIELDS = 'user restorePoint destination giveIp mailConfig mysql subdomains';
/** The options of the task the queue cases add, all different from WHM's defaults. */
const TASK_OPTIONS = { destination: 'remotedest01', giveIp: true, mailConfig: false, mysql: true, subdomains: false };
const QUEUE_SETTLES_MS = 20_000;

const queueOf = (fixture: Fixture) => fixture.gateway.simulator.state.restoreQueue;
/** The task the queue cases add, as GraphQL lists it. */
const queuedJob = (fixture: Fixture) => ({ user: fixture.restoreQueueUser, restorePoint: fixture.restorePoint, ...TASK_OPTIONS });

async function mutateQueue(gateway: TestGateway, mutation: string, variables: Record<string, unknown> = {}): Promise<void> {
  const data = await mustQuery<Record<string, { userErrors: unknown[] }>>(gateway, mutation, variables);
  expect(Object.values(data)[0]?.userErrors).toEqual([]);
}

/** No task running: the earlier cases' tasks have all run. */
async function settledQueue({ gateway }: Fixture): Promise<void> {
  await eventually(async () => {
    const data = await mustQuery<{ restoreQueue: { isActive: boolean } }>(gateway, '{ restoreQueue { isActive } }');
    return data.restoreQueue.isActive ? undefined : true;
  }, QUEUE_SETTLES_MS);
}

/** The queue settled, holding one pending task: the fixture's user with TASK_OPTIONS. */
async function onePendingTask(fixture: Fixture): Promise<{ user: string }> {
  await settledQueue(fixture);
  await mutateQueue(fixture.gateway, 'mutation { clearRestoreQueue(tasks: PENDING) { userErrors { message } } }');
  await mutateQueue(
    fixture.gateway,
    'mutation($input: AddRestoreQueueTaskInput!) { addRestoreQueueTask(input: $input) { userErrors { message } } }',
    { input: queuedJob(fixture) },
  );
  return { user: fixture.restoreQueueUser };
}

/** That task, being run. */
async function runningTask(fixture: Fixture): Promise<Record<string, unknown>> {
  await onePendingTask(fixture);
  await mutateQueue(fixture.gateway, 'mutation { activateRestoreQueue { userErrors { message } } }');
  return {};
}

/** A finished task (run first if there is none), as clearCompletedRestoreTask names it. */
async function completedTask(fixture: Fixture): Promise<{ user: string; startedAt: string }> {
  const read = async () => {
    await settledQueue(fixture);
    const data = await mustQuery<{ restoreQueue: { completed: { job: { user: string }; startedAt: string }[] } }>(
      fixture.gateway,
      '{ restoreQueue { completed { job { user } startedAt } } }',
    );
    return data.restoreQueue.completed[0];
  };
  let done = await read();
  if (!done) {
    await runningTask(fixture);
    done = await read();
  }
  expect(done).toBeDefined();
  return { user: done?.job.user ?? '', startedAt: done?.startedAt ?? '' };
}

/** Finished tasks and one pending: what each way of clearing the queue leaves shows what it cleared. */
async function finishedAndPending(fixture: Fixture): Promise<Record<string, unknown>> {
  await completedTask(fixture);
  await onePendingTask(fixture);
  return {};
}

export const RESTORE_CASES: ShapeCases = {
  restore_modules_summary: {
    operation: '{ restoreModules { name summary restrictedAvailable restrictedSummary notes } }',
    missingData: 'fieldError',
    check: (data) => expect(field<unknown[]>(data, 'restoreModules').length).toBeGreaterThan(0),
  },
  restoreaccount: {
    operation: `mutation { restoreAccount(input: { user: "northwind", type: DAILY, mail: true }) { session { id kind } ${USER_ERRORS} warnings } }`,
    // Servers that follow the spec restore synchronously and send no data (REFERENCE §2.16).
    missingData: 'succeeds',
    check: (data) => expect(field<{ session: unknown }>(data, 'restoreAccount').session).toMatchObject({ kind: 'RESTORE' }),
  },
  start_local_cpmove_restore: {
    operation: `mutation($path: String!) { restoreFromCpmove(input: { path: $path, overwrite: true }) { session { id kind } ${USER_ERRORS} warnings } }`,
    variables: (fixture) => ({ path: fixture.cpmovePath }),
    missingData: 'userError',
    check: (data) => expect(field<{ session: unknown }>(data, 'restoreFromCpmove').session).toMatchObject({ kind: 'RESTORE' }),
  },
  restore_queue_add_task: {
    operation: `mutation($user: String!, $point: String!) { addRestoreQueueTask(input: { user: $user, restorePoint: $point }) { queueId ${USER_ERRORS} } }`,
    // WHM refuses a second pending task for an account: each case queues another.
    setup: async (fixture) => ({ user: fixture.unqueuedRestoreUsers.shift(), point: fixture.restorePoint }),
    missingData: 'userError',
    check: (data) => expect(field<{ queueId: unknown }>(data, 'addRestoreQueueTask').queueId).toEqual(expect.any(String)),
  },
  restore_queue_activate: {
    operation: `mutation { activateRestoreQueue { queueId ${USER_ERRORS} } }`,
    missingData: 'succeeds',
  },
  restore_queue_is_active: {
    operation: '{ restoreQueue { isActive } }',
    setup: runningTask,
    missingData: 'fieldError',
    // A restore takes 25+ simulated seconds: nearly always still running when WHM is asked.
    check: (data, { fixture }) =>
      expect(field<{ isActive: unknown }>(data, 'restoreQueue').isActive).toBe(queueOf(fixture).isActive),
  },
  restore_queue_list_active: {
    operation: `{ restoreQueue { active { ${JOB_FIELDS} } } }`,
    setup: runningTask,
    missingData: 'fieldError',
    check: (data, { fixture }) => {
      const running = queueOf(fixture).active ? [queuedJob(fixture)] : [];
      expect(field<{ active: unknown }>(data, 'restoreQueue').active).toEqual(running);
    },
  },
  restore_queue_list_pending: {
    operation: `{ restoreQueue { pending { ${JOB_FIELDS} } } }`,
    setup: onePendingTask,
    missingData: 'fieldError',
    check: (data, { fixture }) => expect(field<{ pending: unknown }>(data, 'restoreQueue').pending).toEqual([queuedJob(fixture)]),
  },
  restore_queue_list_completed: {
    operation:
      '{ restoreQueue { completed { result resultCode startedAt finishedAt statusMessage warnings job { user giveIp } } } }',
    missingData: 'fieldError',
    check: (data) => expect(field<{ completed: unknown }>(data, 'restoreQueue').completed).toEqual(expect.any(Array)),
  },
  // The clearing functions send no data: without it, nothing is missing. The payloads leave out
  // `queue` (read after the write), whose reads would fail under noData for reasons of their own.
  restore_queue_clear_pending_task: {
    operation: `mutation($user: String!) { clearPendingRestoreTask(user: $user) { queueId ${USER_ERRORS} } }`,
    setup: onePendingTask,
    missingData: 'succeeds',
    check: (_data, { fixture }) => expect(queueOf(fixture).pending).toEqual([]),
  },
  restore_queue_clear_completed_task: {
    operation: `mutation($user: String!, $startedAt: DateTime!) {
      clearCompletedRestoreTask(user: $user, startedAt: $startedAt) { ${USER_ERRORS} }
    }`,
    setup: completedTask,
    missingData: 'succeeds',
    check: (_data, { fixture, variables }) => {
      const startedSecond = Math.floor(Date.parse(String(variables.startedAt)) / 1000);
      const cleared = (done: { task: { user: string }; started: number }) =>
        done.task.user === variables.user && Math.floor(done.started / 1000) === startedSecond;
      expect(queueOf(fixture).completed.filter(cleared)).toEqual([]);
    },
  },
  restore_queue_clear_all_pending_tasks: {
    operation: `mutation { clearRestoreQueue(tasks: PENDING) { ${USER_ERRORS} } }`,
    setup: finishedAndPending,
    missingData: 'succeeds',
    check: (_data, { fixture }) => {
      expect(queueOf(fixture).pending).toEqual([]);
      expect(queueOf(fixture).completed.length).toBeGreaterThan(0);
    },
  },
  restore_queue_clear_all_completed_tasks: {
    operation: `mutation { clearRestoreQueue(tasks: COMPLETED) { ${USER_ERRORS} } }`,
    setup: finishedAndPending,
    missingData: 'succeeds',
    check: (_data, { fixture }) => {
      expect(queueOf(fixture).completed).toEqual([]);
      expect(queueOf(fixture).pending).toHaveLength(1);
    },
  },
  restore_queue_clear_all_failed_tasks: {
    operation: `mutation { clearRestoreQueue(tasks: FAILED) { ${USER_ERRORS} } }`,
    setup: finishedAndPending,
    missingData: 'succeeds',
    // The queue's restores all succeed: clearing the failed ones leaves them, and the pending task.
    check: (_data, { fixture }) => {
      expect(queueOf(fixture).completed.length).toBeGreaterThan(0);
      expect(queueOf(fixture).completed.filter((done) => done.result === 0)).toEqual([]);
      expect(queueOf(fixture).pending).toHaveLength(1);
    },
  },
  restore_queue_clear_all_tasks: {
    operation: `mutation { clearRestoreQueue(tasks: ALL) { ${USER_ERRORS} } }`,
    setup: finishedAndPending,
    missingData: 'succeeds',
    check: (_data, { fixture }) => {
      expect(queueOf(fixture).completed).toEqual([]);
      expect(queueOf(fixture).pending).toEqual([]);
    },
  },
  list_cparchive_files: {
    operation: '{ cpmoveArchives { file path fullPath user } }',
    missingData: 'fieldError',
    check: (data) => expect(field<unknown[]>(data, 'cpmoveArchives').length).toBeGreaterThan(0),
  },
  backup_date_list: {
    operation: '{ backupDates { date } }',
    missingData: 'fieldError',
    check: (data) => expect(field<unknown[]>(data, 'backupDates').length).toBeGreaterThan(0),
  },
  backup_user_list: {
    // Restore points come from backup_date_list: there is no other way to reach their users.
    operation: '{ backupDates { date users { username status statusName } } }',
    missingData: 'fieldError',
    readsFirst: 'backup_date_list',
    check: (data) => {
      const users = field<{ users: { status: string }[] }[]>(data, 'backupDates').flatMap((point) => point.users);
      expect(users.length).toBeGreaterThan(0);
      expect(users.filter((user) => user.status === 'UNKNOWN')).toEqual([]);
    },
  },
};
