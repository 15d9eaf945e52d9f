// The WHM restore client methods against the simulator over real HTTP: one success and one WHM
// failure each; and the functions that only fail when WHM itself cannot run them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import type { WhmClient } from '../../src/whm/index.js';
import { clientFor, eventually, startTestSimulator } from '../helpers/whm.js';
import { expectApiError } from './expect-api-error.js';

let simulator: RunningSimulator;
let client: WhmClient;

beforeAll(async () => {
  simulator = await startTestSimulator();
  client = clientFor(simulator);
});
afterAll(async () => {
  client.close();
  await simulator.close();
});

describe('restore', () => {
  it('restoreModulesSummary lists modules with flags', async () => {
    const result = await client.restoreModulesSummary();
    const account = result.data.modules.find((module) => module.module === 'Account');
    expect(Number(account?.restricted_available)).toBe(1);
  });

  it('backup dates, users and cparchive files; an unknown restore point fails', async () => {
    const dates = await client.backupDateList();
    const [restorePoint] = dates.data.backup_set;
    if (!restorePoint) throw new Error('demo data has backups');
    const users = await client.backupUserList({ restore_point: restorePoint });
    expect(users.data.user.length).toBeGreaterThan(0);
    await expectApiError(client.backupUserList({ restore_point: '' }), /./);
    const archives = await client.listCparchiveFiles();
    expect(archives.data.quickrestore_files.length).toBeGreaterThan(0);
  });

  it('restoreAccount starts a background session; a missing type fails', async () => {
    const dates = await client.backupDateList();
    const users = await client.backupUserList({ restore_point: dates.data.backup_set[0] ?? '' });
    const user = users.data.user.find((entry) => entry.status === 'active')?.username ?? '';
    const result = await client.restoreAccount({ type: 'daily', user, mail: 1 });
    expect(result.data?.transfer_session_id).toBeTruthy();
    await expectApiError(client.call('restoreaccount', { user } as never), /type/);
  });

  it('startLocalCpmoveRestore starts a session; an empty path fails', async () => {
    const archives = await client.listCparchiveFiles();
    const archive = archives.data.quickrestore_files[0];
    if (!archive) throw new Error('demo data has archives');
    const result = await client.startLocalCpmoveRestore({ cpmovepath: `${archive.path}/${archive.file}` });
    expect(result.data.transfer_session_id).toBeTruthy();
    await expectApiError(client.startLocalCpmoveRestore({ cpmovepath: '' }), /cpmovepath/);
  });

  it('verifyNewUsernameForRestore accepts a free name and refuses a taken one', async () => {
    const free = await client.verifyNewUsernameForRestore({ user: 'freshname1' });
    expect(free.data).toBeNull();
    await expectApiError(client.verifyNewUsernameForRestore({ user: 'root' }), /./);
  });

  it('the restore queue: add, list, activate, complete, clear', async () => {
    const dates = await client.backupDateList();
    const restorePoint = dates.data.backup_set[0] ?? '';
    const users = await client.backupUserList({ restore_point: restorePoint });
    const [first, second] = users.data.user.filter((entry) => entry.status === 'active');
    if (!first || !second) throw new Error('demo data has two users with backups');

    const added = await client.restoreQueueAddTask({ restore_point: restorePoint, user: first.username, mysql: 1 });
    expect(added.data.queue_id).toBeTruthy();
    await client.restoreQueueAddTask({ restore_point: restorePoint, user: second.username });
    await expectApiError(client.restoreQueueAddTask({ restore_point: restorePoint, user: '' }), /./);

    const pending = await client.restoreQueueListPending();
    expect(pending.data.restore_job.map((job) => job.user)).toEqual(
      expect.arrayContaining([first.username, second.username]),
    );
    await client.restoreQueueClearPendingTask({ user: second.username });
    await expectApiError(client.restoreQueueClearPendingTask({ user: '' }), /./);
    const state = await client.restoreQueueState();
    expect(state.data.pending?.map((job) => job.user)).toEqual([first.username]);
    expect(Number((await client.restoreQueueIsActive()).data.is_active)).toBe(0);
    expect((await client.restoreQueueListActive()).data.restore_job).toEqual([]);

    const activated = await client.restoreQueueActivate();
    expect(activated.data).toBeNull();
    const completed = await eventually(async () => {
      const list = await client.restoreQueueListCompleted();
      return list.data.restore_job.length > 0 ? list.data.restore_job : undefined;
    });
    const done = completed[0];
    expect(done?.restore_job.user).toBe(first.username);
    expect(done?.status_info?.transfer_session_id).toBeTruthy();

    await expectApiError(client.restoreQueueClearCompletedTask({ user: '', start_time: 0 }), /./);
    await client.restoreQueueClearCompletedTask({
      user: first.username,
      start_time: Number(done?.status_info?.started ?? 0),
    });
    expect((await client.restoreQueueListCompleted()).data.restore_job).toEqual([]);
    for (const clear of [
      () => client.restoreQueueClearAllPendingTasks(),
      () => client.restoreQueueClearAllCompletedTasks(),
      () => client.restoreQueueClearAllFailedTasks(),
      () => client.restoreQueueClearAllTasks(),
    ]) {
      expect((await clear()).data).toBeNull();
    }
  });
});

describe('functions that only fail when WHM itself cannot run them', () => {
  // restore_queue_* shell out to backup_restore_manager; the listings read files. WHM reports such
  // failures with result 0 — injected here, since the demo world never breaks on its own.
  const REASON = 'Failed to execute /usr/local/cpanel/bin/backup_restore_manager: No such file or directory';
  const calls: [string, () => Promise<unknown>][] = [
    ['available_transfer_modules', () => client.availableTransferModules()],
    ['restore_modules_summary', () => client.restoreModulesSummary()],
    ['list_cparchive_files', () => client.listCparchiveFiles()],
    ['backup_date_list', () => client.backupDateList()],
    ['restore_queue_activate', () => client.restoreQueueActivate()],
    ['restore_queue_is_active', () => client.restoreQueueIsActive()],
    ['restore_queue_state', () => client.restoreQueueState()],
    ['restore_queue_list_active', () => client.restoreQueueListActive()],
    ['restore_queue_list_pending', () => client.restoreQueueListPending()],
    ['restore_queue_list_completed', () => client.restoreQueueListCompleted()],
    ['restore_queue_clear_all_pending_tasks', () => client.restoreQueueClearAllPendingTasks()],
    ['restore_queue_clear_all_completed_tasks', () => client.restoreQueueClearAllCompletedTasks()],
    ['restore_queue_clear_all_failed_tasks', () => client.restoreQueueClearAllFailedTasks()],
    ['restore_queue_clear_all_tasks', () => client.restoreQueueClearAllTasks()],
  ];

  it.each(calls)('%s: a WHM failure is a WhmApiError with the reason', async (name, call) => {
    simulator.setFault(name, { kind: 'api-failure', reason: REASON, times: 1 });
    const error = await expectApiError(call(), /backup_restore_manager/);
    expect(error.command).toBe(name);
    expect(error.reason).toBe(REASON);
  });
});
