// Restore functions: restoreaccount, cpmove restores, the restore queue and the backup helpers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { control, dataOf, fetchLog, sessionState, whm } from './helpers.js';

let clock = 0;
let simulator: RunningSimulator;
const advance = (seconds: number): void => {
  clock += seconds * 1000;
};

// A fresh world and a hand-driven clock per test, so restores finish exactly when told to.
beforeEach(async () => {
  clock = Date.UTC(2026, 10, 28, 9, 30, 0);
  simulator = await startSimulator({ now: () => clock });
});
afterEach(async () => {
  await simulator.close();
});

describe('restore_modules_summary', () => {
  it('lists the restore modules with Restricted Restore flags', async () => {
    const modules = dataOf(await whm(simulator, 'restore_modules_summary'))['modules'] as Record<string, unknown>[];
    expect(modules).toHaveLength(63);
    expect(modules.at(-1)?.['module']).toBe('userdata');
    const byName = new Map(modules.map((module) => [module['module'], module]));
    expect(byName.get('Account')).toMatchObject({ restricted_available: 1, restricted_summary: [expect.any(String)] });
    expect(byName.get('Package')).toMatchObject({ restricted_available: 0, notes: [expect.any(String)] });
    expect(byName.get('Cron')).not.toHaveProperty('notes');
    for (const module of modules) expect(module['summary']).toEqual([expect.any(String)]);
  });
});

describe('restoreaccount', () => {
  it('starts a background session with a LegacyAccountBackup item', async () => {
    const envelope = await whm(simulator, 'restoreaccount', { user: 'northwind', type: 'daily', mail: 1, mysql: 1 });
    expect(envelope.metadata.reason).toBe('Account Restoring in background');
    const data = dataOf(envelope);
    const id = String(data['transfer_session_id']);
    expect(id).toMatch(/^northwindresto\d{14}[0-9A-Za-z]{8}$/);
    expect(Number(data['pid'])).toBeGreaterThan(0);
    expect(envelope.metadata.output?.raw).toBe(
      `The system will restore the backup in the background with a transfer session ID of “${id}”.`,
    );
    expect(await sessionState(simulator, id)).toBe('RUNNING');
    advance(3600);
    expect(await sessionState(simulator, id)).toBe('COMPLETED');
    const session = simulator.state.sessions.get(id);
    expect(session?.items.map((item) => [item.module, item.key, item.state])).toEqual([
      ['LegacyAccountBackup', 'northwind', 'COMPLETED'],
    ]);
    const log = await fetchLog(simulator, id, 'master.log');
    expect(control(log[1] ?? log[0] ?? { pid: 0, type: '', indent: 0, partial: 0, contents: {} })).toMatchObject({
      action: 'initiator',
      msg: 'restoreaccount',
    });
    const remotehost = log.find((line) => control(line)['action'] === 'remotehost');
    expect(remotehost === undefined ? 'missing' : control(remotehost)).not.toHaveProperty('msg');
  });

  it('fails the item when there is no backup, and needs user and type', async () => {
    const id = String(
      dataOf(await whm(simulator, 'restoreaccount', { user: 'nobackup', type: 'weekly' }))['transfer_session_id'],
    );
    advance(600);
    expect(await sessionState(simulator, id)).toBe('COMPLETED');
    expect(simulator.state.sessions.get(id)?.items[0]?.failure).toMatch(/weekly backup/);
    expect((await whm(simulator, 'restoreaccount', { type: 'daily' })).metadata.reason).toMatch(
      /^API failure: \(XID \w{6}\) Provide the “user” parameter\.$/,
    );
    expect((await whm(simulator, 'restoreaccount', { user: 'northwind' })).metadata.reason).toMatch(
      /^API failure: \(XID \w{6}\) Provide the “type” parameter\.$/,
    );
  });
});

describe('start_local_cpmove_restore', () => {
  it('restores an archive into a new account', async () => {
    const envelope = await whm(simulator, 'start_local_cpmove_restore', { cpmovepath: '/home/cpmove-oldclient.tar.gz' });
    const id = String(dataOf(envelope)['transfer_session_id']);
    expect(id).toMatch(/^oldclient\d{14}[0-9A-Za-z]{4}$/);
    expect(simulator.state.localUserExists('oldclient')).toBe(false);
    advance(3600);
    expect(await sessionState(simulator, id)).toBe('COMPLETED');
    expect(simulator.state.sessions.get(id)?.items[0]?.module).toBe('AccountLocal');
    expect(simulator.state.localUserExists('oldclient')).toBe(true);
  });

  it('fails on an existing account unless overwrite=1, and on a missing archive', async () => {
    const blocked = String(
      dataOf(await whm(simulator, 'start_local_cpmove_restore', { cpmovepath: '/home/cpmove-northwind.tar.gz' }))[
        'transfer_session_id'
      ],
    );
    const forced = String(
      dataOf(await whm(simulator, 'start_local_cpmove_restore', { cpmovepath: '/home/cpmove-northwind.tar.gz', overwrite: 1 }))[
        'transfer_session_id'
      ],
    );
    const missing = String(
      dataOf(await whm(simulator, 'start_local_cpmove_restore', { cpmovepath: '/home/cpmove-ghost.tar.gz' }))[
        'transfer_session_id'
      ],
    );
    advance(3600);
    const state = (id: string): string | undefined => simulator.state.session(id)?.items[0]?.state;
    expect(state(blocked)).toBe('FAILED');
    expect(simulator.state.sessions.get(blocked)?.items[0]?.failure).toBe(
      'The account “northwind” already exists on “target.example.com”.',
    );
    expect(state(forced)).toBe('COMPLETED');
    expect(state(missing)).toBe('FAILED');
    expect((await whm(simulator, 'start_local_cpmove_restore', { cpmovepath: '' })).metadata.reason).toMatch(
      /^API failure: \(XID \w{6}\) The value of “cpmovepath” may not be empty\.$/,
    );
  });
});

describe('restore queue', () => {
  const restorePoint = '2026-11-24T00:00:00.000Z';

  it('adds, lists, activates, completes and clears tasks, with string metadata', async () => {
    const added = await whm(simulator, 'restore_queue_add_task', { restore_point: restorePoint, user: 'clearview', mysql: 1 });
    expect(added.metadata).toEqual({ command: 'restore_queue_add_task', reason: 'OK', result: '1', version: 1 });
    expect(String(dataOf(added)['queue_id'])).toMatch(/^[0-9A-Za-z]{15}$/);
    await whm(simulator, 'restore_queue_add_task', { restore_point: '2026-11-24', user: 'riverbend' });
    const duplicate = await whm(simulator, 'restore_queue_add_task', { restore_point: restorePoint, user: 'clearview' });
    expect(duplicate.metadata.result).toBe('0');
    const noBackup = await whm(simulator, 'restore_queue_add_task', { restore_point: restorePoint, user: 'summitco' });
    expect(noBackup.metadata.result).toBe('0');

    const pending = dataOf(await whm(simulator, 'restore_queue_list_pending'))['restore_job'];
    expect(pending).toEqual([
      {
        user: 'clearview',
        restore_point: restorePoint,
        options: { destid: 'local', give_ip: 0, mail_config: 0, mysql: 1, subdomains: 0 },
      },
      {
        user: 'riverbend',
        restore_point: restorePoint,
        options: { destid: 'local', give_ip: 0, mail_config: 0, mysql: 0, subdomains: 0 },
      },
    ]);
    expect(dataOf(await whm(simulator, 'restore_queue_is_active'))).toEqual({ is_active: 0 });
    expect(dataOf(await whm(simulator, 'restore_queue_list_active'))).toEqual({ restore_job: [] });

    const activated = await whm(simulator, 'restore_queue_activate');
    expect(activated).toEqual({
      metadata: { command: 'restore_queue_activate', reason: 'Restore queue processing initiated', result: '1', version: 1 },
    });
    expect(dataOf(await whm(simulator, 'restore_queue_is_active'))).toEqual({ is_active: 1 });
    const active = dataOf(await whm(simulator, 'restore_queue_list_active'))['restore_job'] as { user: string }[];
    expect(active.map((job) => job.user)).toEqual(['clearview']);
    const state = dataOf(await whm(simulator, 'restore_queue_state'));
    expect(state).toMatchObject({
      is_active: 1,
      completed: [],
      pending: [{ user: 'riverbend' }],
      active: [{ user: 'clearview' }],
    });

    advance(7200);
    expect(dataOf(await whm(simulator, 'restore_queue_is_active'))).toEqual({ is_active: 0 });
    const completed = dataOf(await whm(simulator, 'restore_queue_list_completed'))['restore_job'] as {
      restore_job: { user: string };
      status_info: Record<string, unknown>;
    }[];
    expect(completed.map((job) => job.restore_job.user)).toEqual(['clearview', 'riverbend']);
    const [first, second] = completed;
    expect(first?.status_info).toMatchObject({
      result: 1,
      restore_logfile: 'item-RESTORE_AccountLocal_clearview',
      warnings: null,
      transfer_session_id: expect.stringMatching(/^clearviewbackup\d{14}[0-9A-Za-z]{4}$/),
      started: expect.stringMatching(/^\d{10}$/),
      finished: expect.stringMatching(/^\d{10}$/),
    });
    expect(Number(first?.status_info['finished'])).toBeLessThanOrEqual(Number(second?.status_info['started']));
    const sessionId = String(first?.status_info['transfer_session_id']);
    expect(await sessionState(simulator, sessionId)).toBe('COMPLETED');

    const wrongTime = await whm(simulator, 'restore_queue_clear_completed_task', { user: 'clearview', start_time: 1 });
    expect(wrongTime.metadata.result).toBe('0');
    const cleared = await whm(simulator, 'restore_queue_clear_completed_task', {
      user: 'clearview',
      start_time: String(first?.status_info['started']),
    });
    expect(cleared).toEqual({
      metadata: { command: 'restore_queue_clear_completed_task', reason: 'OK', result: '1', version: 1 },
    });
    expect((dataOf(await whm(simulator, 'restore_queue_list_completed'))['restore_job'] as unknown[]).length).toBe(1);
    for (const clear of [
      'restore_queue_clear_all_pending_tasks',
      'restore_queue_clear_all_failed_tasks',
      'restore_queue_clear_all_completed_tasks',
      'restore_queue_clear_all_tasks',
    ]) {
      expect(await whm(simulator, clear)).toEqual({ metadata: { command: clear, reason: 'OK', result: '1', version: 1 } });
    }
    expect(dataOf(await whm(simulator, 'restore_queue_list_completed'))).toEqual({ restore_job: [] });
  });

  it('clears pending tasks by user', async () => {
    await whm(simulator, 'restore_queue_add_task', { restore_point: restorePoint, user: 'bayside' });
    expect((await whm(simulator, 'restore_queue_clear_pending_task', { user: 'bayside' })).metadata.result).toBe('1');
    expect((await whm(simulator, 'restore_queue_clear_pending_task', { user: 'bayside' })).metadata.result).toBe('0');
    expect((await whm(simulator, 'restore_queue_clear_pending_task')).metadata.reason).toMatch(/^API failure: /);
  });
});

describe('names, backups and archives', () => {
  it('verify_new_username_for_restore refuses taken, reserved and invalid names', async () => {
    expect(await whm(simulator, 'verify_new_username_for_restore', { user: 'freshname' })).toEqual({
      metadata: { command: 'verify_new_username_for_restore', reason: 'OK', result: 1, version: 1 },
    });
    for (const [user, pattern] of [
      ['harbor', /conflicts with an existing account/],
      ['all', /reserved/],
      ['-bad', /not a valid username/],
    ] as const) {
      const envelope = await whm(simulator, 'verify_new_username_for_restore', { user });
      expect(envelope.metadata.result).toBe(0);
      expect(envelope.metadata.reason).toMatch(/^API failure: \(XID \w{6}\) /);
      expect(envelope.metadata.reason).toMatch(pattern);
    }
  });

  it('lists backup dates, users per date and cpmove archives', async () => {
    const dates = dataOf(await whm(simulator, 'backup_date_list'))['backup_set'] as string[];
    expect(dates).toEqual(['2026-11-21T00:00:00.000Z', '2026-11-24T00:00:00.000Z', '2026-11-27T00:00:00.000Z']);
    const users = dataOf(await whm(simulator, 'backup_user_list', { restore_point: dates[0] ?? '' }))['user'] as {
      username: string;
      status: string;
    }[];
    const status = Object.fromEntries(users.map((entry) => [entry.username, entry.status]));
    expect(status).toMatchObject({ northwind: 'active', clearview: 'active', riverbend: 'no_backup', harbor: 'no_backup' });
    const archives = dataOf(await whm(simulator, 'list_cparchive_files'))['quickrestore_files'];
    expect(archives).toEqual(expect.arrayContaining([{ file: 'cpmove-oldclient.tar.gz', path: '/home', user: 'oldclient' }]));
  });
});
