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
    const result = await client.call('restore_modules_summary', {});
    const account = result.data.modules.find((module) => module.module === 'Account');
    expect(Number(account?.restricted_available)).toBe(1);
  });

  it('backup dates, users and cparchive files; an unknown restore point fails', async () => {
    const dates = await client.call('backup_date_list', {});
    const [restorePoint] = dates.data.backup_set;
    if (!restorePoint) throw new Error('demo data has backups');
    const users = await client.call('backup_user_list', { restore_point: restorePoint });
    expect(users.data.user.length).toBeGreaterThan(0);
    await expectApiError(client.call('backup_user_list', { restore_point: '' }), /./);
    const archives = await client.call('list_cparchive_files', {});
    expect(archives.data.quickrestore_files.length).toBeGreaterThan(0);
  });

  it('restoreAccount starts a background session; a missing type fails', async () => {
    const dates = await client.call('backup_date_list', {});
    const users = await client.call('backup_user_list', { restore_point: dates.data.backup_set[0] ?? '' });
    const user = users.data.user.find((entry) => entry.status === 'active')?.username ?? '';
    const result = await client.call('restoreaccount', { type: 'daily', user, mail: 1 });
    expect(result.data?.transfer_session_id).toBeTruthy();
    await expectApiError(client.call('restoreaccount', { user } as never), /type/);
  });

  it('startLocalCpmoveRestore starts a session; an empty path fails', async () => {
    const archives = await client.call('list_cparchive_files', {});
    const archive = archives.data.quickrestore_files[0];
    if (!archive) throw new Error('demo data has archives');
    const result = await client.call('start_local_cpmove_restore', { cpmovepath: `${archive.path}/${archive.file}` });
    expect(result.data.transfer_session_id).toBeTruthy();
    await expectApiError(client.call('start_local_cpmove_restore', { cpmovepath: '' }), /cpmovepath/);
  });

  it('verifyNewUsernameForRestore accepts a free name and refuses a taken one', async () => {
    const free = await client.call('verify_new_username_for_restore', { user: 'freshname1' });
    expect(free.data).toBeNull();
    await expectApiError(client.call('verify_new_username_for_restore', { user: 'root' }), /./);
  });

  it('the restore queue: add, list, activate, complete, clear', async () => {
    const dates = await client.call('backup_date_list', {});
    const restorePoint = dates.data.backup_set[0] ?? '';
    const users = await client.call('backup_user_list', { restore_point: restorePoint });
    const [first, second] = users.data.user.filter((entry) => entry.status === 'active');
    if (!first || !second) throw new Error('demo data has two users with backups');

    const added = await client.call('restore_queue_add_task', { restore_point: restorePoint, user: first.username, mysql: 1 });
    expect(added.data.queue_id).toBeTruthy();
    await client.call('restore_queue_add_task', { restore_point: restorePoint, user: second.username });
    await expectApiError(client.call('restore_queue_add_task', { restore_point: restorePoint, user: '' }), /./);

    const pending = await client.call('restore_queue_list_pending', {});
    expect(pending.data.restore_job.map((job) => job.user)).toEqual(expect.arrayContaining([first.username, second.username]));
    await client.call('restore_queue_clear_pending_task', { user: second.username });
    await expectApiError(client.call('restore_queue_clear_pending_task', { user: '' }), /./);
    const state = await client.call('restore_queue_state', {});
    expect(state.data.pending?.map((job) => job.user)).toEqual([first.username]);
    expect(Number((await client.call('restore_queue_is_active', {})).data.is_active)).toBe(0);
    expect((await client.call('restore_queue_list_active', {})).data.restore_job).toEqual([]);

    const activated = await client.call('restore_queue_activate', {});
    expect(activated.data).toBeNull();
    const completed = await eventually(async () => {
      const list = await client.call('restore_queue_list_completed', {});
      return list.data.restore_job.length > 0 ? list.data.restore_job : undefined;
    });
    const done = completed[0];
    expect(done?.restore_job.user).toBe(first.username);
    expect(done?.status_info?.transfer_session_id).toBeTruthy();

    await expectApiError(client.call('restore_queue_clear_completed_task', { user: '', start_time: 0 }), /./);
    await client.call('restore_queue_clear_completed_task', {
      user: first.username,
      start_time: Number(done?.status_info?.started ?? 0),
    });
    expect((await client.call('restore_queue_list_completed', {})).data.restore_job).toEqual([]);
    for (const clear of [
      () => client.call('restore_queue_clear_all_pending_tasks', {}),
      () => client.call('restore_queue_clear_all_completed_tasks', {}),
      () => client.call('restore_queue_clear_all_failed_tasks', {}),
      () => client.call('restore_queue_clear_all_tasks', {}),
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
    ['available_transfer_modules', () => client.call('available_transfer_modules', {})],
    ['restore_modules_summary', () => client.call('restore_modules_summary', {})],
    ['list_cparchive_files', () => client.call('list_cparchive_files', {})],
    ['backup_date_list', () => client.call('backup_date_list', {})],
    ['restore_queue_activate', () => client.call('restore_queue_activate', {})],
    ['restore_queue_is_active', () => client.call('restore_queue_is_active', {})],
    ['restore_queue_state', () => client.call('restore_queue_state', {})],
    ['restore_queue_list_active', () => client.call('restore_queue_list_active', {})],
    ['restore_queue_list_pending', () => client.call('restore_queue_list_pending', {})],
    ['restore_queue_list_completed', () => client.call('restore_queue_list_completed', {})],
    ['restore_queue_clear_all_pending_tasks', () => client.call('restore_queue_clear_all_pending_tasks', {})],
    ['restore_queue_clear_all_completed_tasks', () => client.call('restore_queue_clear_all_completed_tasks', {})],
    ['restore_queue_clear_all_failed_tasks', () => client.call('restore_queue_clear_all_failed_tasks', {})],
    ['restore_queue_clear_all_tasks', () => client.call('restore_queue_clear_all_tasks', {})],
  ];

  it.each(calls)('%s: a WHM failure is a WhmApiError with the reason', async (name, call) => {
    simulator.setFault(name, { kind: 'api-failure', reason: REASON, times: 1 });
    const error = await expectApiError(call(), /backup_restore_manager/);
    expect(error.command).toBe(name);
    expect(error.reason).toBe(REASON);
  });
});
