// Every WHM client method against the simulator over real HTTP: one success and one WHM failure each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { WhmApiError, WhmAuthError, type WhmClient } from '../../src/whm/index.js';
import { clientFor, eventually, startTestSimulator } from '../helpers/whm.js';

const SOURCE_HOST = 'source.example.net';
const REMOTE_ROOT_PASSWORD = 'remote-root-password';
const UNKNOWN_SESSION = 'nosuchsessioncopya20260101000000abcd';

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

async function expectApiError(promise: Promise<unknown>, reason: RegExp): Promise<WhmApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a WhmApiError');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WhmApiError);
  expect((error as WhmApiError).reason).toMatch(reason);
  return error as WhmApiError;
}

async function createRootSession(): Promise<string> {
  const created = await client.call('create_remote_root_transfer_session', {
    host: SOURCE_HOST,
    user: 'root',
    password: REMOTE_ROOT_PASSWORD,
    transfer_threads: 2,
    restore_threads: 2,
  });
  return created.data.transfer_session_id;
}

describe('planning', () => {
  it('availableTransferModules lists modules with priorities; bad credentials are an auth error', async () => {
    const result = await client.call('available_transfer_modules', {});
    expect(Number(result.data.modules.AccountRemoteRoot)).toBe(3000);
    expect(Object.keys(result.data.modules).length).toBeGreaterThanOrEqual(6);
    const stranger = clientFor(simulator, { credentials: { kind: 'token', user: 'root', token: 'wrong' } });
    await expect(stranger.call('available_transfer_modules', {})).rejects.toBeInstanceOf(WhmAuthError);
    stranger.close();
  });

  it('transferModuleSchema describes keys; an unknown module fails', async () => {
    const result = await client.call('transfer_module_schema', { module: 'AccountRemoteRoot' });
    expect(result.data.schema.required).toEqual(expect.arrayContaining(['user', 'localuser']));
    expect(result.data.schema.keys.user).toBeDefined();
    await expectApiError(client.call('transfer_module_schema', { module: 'FeaturesListRemoteRoot' }), /does not exist/);
  });
});

describe('sessions', () => {
  let sessionId = '';

  it('createRemoteRootTransferSession returns a WHM-format id; wrong credentials fail', async () => {
    sessionId = await createRootSession();
    expect(sessionId).toMatch(/^[0-9A-Za-z_]{36}$/);
    expect(sessionId).toContain('copya');
    await expectApiError(
      client.call('create_remote_root_transfer_session', { host: SOURCE_HOST, user: 'root', password: 'not-the-password' }),
      /./,
    );
    await expectApiError(
      client.call('create_remote_root_transfer_session', { host: 'unknown.invalid', user: 'root', password: REMOTE_ROOT_PASSWORD }),
      /unable to resolve/,
    );
  });

  it('createRemoteUserTransferSession opens a user session; a missing password fails', async () => {
    const created = await client.call('create_remote_user_transfer_session', {
      host: SOURCE_HOST,
      password: REMOTE_ROOT_PASSWORD,
      unrestricted_restore: 1,
    });
    expect(created.data.transfer_session_id).toContain('noroo');
    await expectApiError(
      client.call('create_remote_user_transfer_session', { host: SOURCE_HOST, password: '', unrestricted_restore: 1 }),
      /password/,
    );
  });

  it('remoteBasicCredentialCheck succeeds; a failed check still carries its output', async () => {
    const ok = await client.call('remote_basic_credential_check', {
      host: SOURCE_HOST,
      user: 'root',
      password: REMOTE_ROOT_PASSWORD,
    });
    expect(ok.reason).toBe('Success');
    const failure = await expectApiError(
      client.call('remote_basic_credential_check', { host: SOURCE_HOST, user: 'root', password: 'wrong-password' }),
      /./,
    );
    expect(failure.data).not.toBeNull();
  });

  it('analyze and retrieve the remote analysis; unknown sessions fail', async () => {
    const analyzed = await client.call('analyze_transfer_session_remote', { transfer_session_id: sessionId });
    expect(analyzed.data).toBeNull();
    const analysis = await client.call('retrieve_transfer_session_remote_analysis', { transfer_session_id: sessionId });
    expect(analysis.data.items.accounts?.length).toBeGreaterThanOrEqual(200);
    const first = analysis.data.items.accounts?.[0];
    expect(first?.user).toBeTruthy();
    expect(first?.domain).toBeTruthy();
    await expectApiError(
      client.call('analyze_transfer_session_remote', { transfer_session_id: UNKNOWN_SESSION }),
      /does not exist|valid/,
    );
    await expectApiError(
      client.call('retrieve_transfer_session_remote_analysis', { transfer_session_id: UNKNOWN_SESSION }),
      /does not exist/,
    );
  });

  it('validateSystemUser reports four flags; a missing user fails', async () => {
    const root = await client.call('validate_system_user', { user: 'root' });
    expect(Number(root.data.exists)).toBe(1);
    expect(Number(root.data.reserved)).toBe(1);
    const fresh = await client.call('validate_system_user', { user: 'brandnew42' });
    expect(Number(fresh.data.exists)).toBe(0);
    expect(Number(fresh.data.valid_for_new)).toBe(1);
    await expectApiError(client.call('validate_system_user', { user: '' }), /user/);
  });

  it('enqueueTransferItem queues accounts and packages; unknown parameters and duplicates fail', async () => {
    const analysis = await client.call('retrieve_transfer_session_remote_analysis', { transfer_session_id: sessionId });
    const [account] = analysis.data.items.accounts ?? [];
    const [pkg] = analysis.data.items.packages ?? [];
    if (!account || !pkg) throw new Error('demo data has accounts and packages');
    const queued = await client.call('enqueue_transfer_item', {
      transfer_session_id: sessionId,
      module: 'AccountRemoteRoot',
      user: account.user,
      localuser: account.user,
      size: Number(account.bytesused ?? 1),
    });
    expect(queued.data).toBeNull();
    await client.call('enqueue_transfer_item', { transfer_session_id: sessionId, module: 'PackageRemoteRoot', package: pkg.name });
    await expectApiError(
      client.call('enqueue_transfer_item', {
        transfer_session_id: sessionId,
        module: 'AccountRemoteRoot',
        user: account.user,
        localuser: account.user,
      }),
      /already exists in the queue/,
    );
    await expectApiError(
      client.call('enqueue_transfer_item', {
        transfer_session_id: sessionId,
        module: 'PackageRemoteRoot',
        package: 'other',
        // Deliberately not a key of the module's schema.
        ...({ colour: 'blue' } as object),
      } as never),
      /not valid for the/,
    );
    await expectApiError(
      client.call('enqueue_transfer_item', { transfer_session_id: sessionId, module: 'AccountRemoteUser', user: 'a', localuser: 'a' }),
      /Root-authenticated transfer sessions cannot enqueue/,
    );
  });

  it('start, state and log; starting twice or an unknown session fails', async () => {
    const started = await client.call('start_transfer_session', { transfer_session_id: sessionId });
    expect(Number(started.data.pid)).toBeGreaterThan(0);
    await expectApiError(client.call('start_transfer_session', { transfer_session_id: sessionId }), /failed to start/);
    const finalState = await eventually(async () => {
      const state = await client.call('get_transfer_session_state', { transfer_session_id: sessionId });
      return state.data.state_name === 'COMPLETED' ? state.data.state_name : undefined;
    });
    expect(finalState).toBe('COMPLETED');
    await expectApiError(client.call('get_transfer_session_state', { transfer_session_id: UNKNOWN_SESSION }), /does not exist/);
    const log = await client.call('fetch_transfer_session_log', { transfer_session_id: sessionId, logfile: 'master.log' });
    const actions = log.data.log
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { contents: { action?: string } }).contents.action);
    expect(actions[0]).toBe('start');
    expect(actions.at(-1)).toBe('complete');
    await expectApiError(
      client.call('fetch_transfer_session_log', { transfer_session_id: sessionId, logfile: 'item-TRANSFER_Nope_nobody' }),
      /failed to locate/,
    );
  });

  it('pause needs a running session, abort stops one; unknown sessions fail', async () => {
    const running = await createRootSession();
    await expectApiError(client.call('pause_transfer_session', { transfer_session_id: UNKNOWN_SESSION }), /does not exist|failed/);
    const aborted = await client.call('abort_transfer_session', { transfer_session_id: running });
    expect(aborted.data).toBeNull();
    await expectApiError(client.call('abort_transfer_session', { transfer_session_id: UNKNOWN_SESSION }), /does not exist|failed/);
  });

  it('deleteAccountArchives reports through output messages; a missing user fails', async () => {
    const result = await client.call('delete_account_archives', { user: 'archived1' });
    expect(result.data).toBeNull();
    expect(Array.isArray(result.output.messages)).toBe(true);
    await expectApiError(client.call('delete_account_archives', { user: '' }), /./);
  });
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
    expect(pending.data.restore_job.map((job) => job.user)).toEqual(
      expect.arrayContaining([first.username, second.username]),
    );
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
