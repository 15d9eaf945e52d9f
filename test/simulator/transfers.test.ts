// Transfer functions: planning, session creation and auth matrix, analysis, enqueue validation,
// the state machine and its quirks, and the logs a whole transfer leaves behind.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demo, startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  REMOTE_ROOT_PASSWORD,
  SOURCE,
  control,
  createRootSession,
  dataOf,
  enqueueAccount,
  fetchLog,
  sessionState,
  waitForState,
  whm,
} from './helpers.js';
import type { LogLine } from './helpers.js';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
});
afterAll(async () => {
  await simulator.close();
});

const SUNRISE_AUTH = `whm ${demo.DEMO_USER}:${demo.DEMO_USER_TOKEN}`;

describe('planning', () => {
  it('lists the 19 modules with priorities as strings', async () => {
    const modules = dataOf(await whm(simulator, 'available_transfer_modules'))['modules'] as Record<string, string>;
    expect(Object.keys(modules)).toHaveLength(19);
    expect(modules).toMatchObject({
      AccountLocal: '5000',
      AccountRemoteRoot: '3000',
      AccountRemoteUser: '4000',
      FeatureListRemoteRoot: '1000',
      LegacyAccountBackup: '6000',
      PackageRemoteRoot: '2000',
      MailboxConversion: '9000',
    });
    for (const priority of Object.values(modules)) expect(priority).toMatch(/^[1-9][0-9]*$/);
  });

  it('describes module schemas; unknown names fail', async () => {
    const account = dataOf(await whm(simulator, 'transfer_module_schema', { module: 'AccountRemoteRoot' }))['schema'] as {
      keys: Record<string, { def: string }>;
      required: string[];
      primary: string[];
      prerequisite: string;
    };
    expect(account.required).toEqual(['user', 'localuser']);
    expect(account.primary).toEqual(['user']);
    expect(account.prerequisite).toBe('prerequisite_user');
    expect(account.keys['priority']).toEqual({ def: 'int(1) DEFAULT 255' });
    expect(account.keys['size']).toEqual({ def: 'BIGINT UNSIGNED DEFAULT 1' });
    expect(account.keys['force']).toEqual({ def: 'int(1) DEFAULT 0' });
    const pkg = dataOf(await whm(simulator, 'transfer_module_schema', { module: 'PackageRemoteRoot' }))['schema'];
    expect(pkg).toEqual({
      keys: { package: { def: 'varchar(255) DEFAULT NULL' }, size: { def: 'BIGINT UNSIGNED DEFAULT 1' } },
      required: ['package'],
      primary: ['package'],
    });
    const apache = dataOf(await whm(simulator, 'transfer_module_schema', { module: 'ApacheRemoteRoot' }))['schema'];
    expect(apache).toMatchObject({ required: ['name'], primary: ['name'] });
    const typo = await whm(simulator, 'transfer_module_schema', { module: 'FeaturesListRemoteRoot' });
    expect(typo).toEqual({
      metadata: {
        command: 'transfer_module_schema',
        reason: 'The transfer session module “FeaturesListRemoteRoot” does not exist.',
        result: 0,
        version: 1,
      },
    });
  });
});

describe('create_remote_root_transfer_session', () => {
  it('returns a 36-character id, the raw outputs, and runs the analysis at once', async () => {
    const envelope = await whm(simulator, 'create_remote_root_transfer_session', {
      host: SOURCE,
      user: 'root',
      password: REMOTE_ROOT_PASSWORD,
    });
    const data = dataOf(envelope);
    const id = String(data['transfer_session_id']);
    expect(id).toMatch(/^sourceexamplecopya\d{14}[0-9A-Za-z]{4}$/);
    expect(id).toHaveLength(36);
    expect(String(data['create_rawout'])).toContain('Streaming Supported');
    expect(String(data['analyze_rawout'])).toContain(SOURCE);
    expect(envelope.metadata.output).toBeUndefined();
    expect((await whm(simulator, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: id })).metadata.result).toBe(1);
    expect(await sessionState(simulator, id)).toBe('PENDING');
  });

  it('builds ids from the host as given, padded to 36', async () => {
    const id = await createRootSession(simulator, { host: demo.DEMO_SOURCE_IP });
    expect(id).toMatch(/^1920210copya\d{14}[0-9A-Za-z]{10}$/);
  });

  it.each([
    ['root + password', { user: 'root', password: REMOTE_ROOT_PASSWORD }],
    ['root + encrypted key', { user: 'root', sshkey_name: 'id_transfer', sshkey_passphrase: 'simulator-key-passphrase' }],
    ['root + plain key', { user: 'root', sshkey_name: 'id_plain' }],
    ['sudo user + password', { user: 'admin', password: 'admin-ssh-password', root_escalation_method: 'sudo' }],
    ['sudo user + key', { user: 'admin', sshkey_name: 'id_plain', root_escalation_method: 'sudo' }],
    [
      'su user + root password',
      { user: 'wheeluser', password: 'wheel-ssh-password', root_escalation_method: 'su', root_password: REMOTE_ROOT_PASSWORD },
    ],
  ])('accepts %s', async (_name, credentials) => {
    const envelope = await whm(simulator, 'create_remote_root_transfer_session', { host: SOURCE, ...credentials });
    expect(envelope.metadata.reason).toBe('OK');
    expect(envelope.metadata.result).toBe(1);
  });

  it.each([
    ['a wrong root password', { user: 'root', password: 'nope' }, /rejected the SSH login for “root”/],
    ['a wrong key passphrase', { user: 'root', sshkey_name: 'id_transfer', sshkey_passphrase: 'x' }, /passphrase/],
    ['an unknown key', { user: 'root', sshkey_name: 'id_missing' }, /SSH key “id_missing”/],
    ['a non-root user without escalation', { user: 'admin', password: 'admin-ssh-password' }, /root_escalation_method/],
    ['sudo for a user without sudo', { user: 'wheeluser', password: 'wheel-ssh-password', root_escalation_method: 'sudo' }, /sudo/],
    [
      'su with a wrong root password',
      { user: 'wheeluser', password: 'wheel-ssh-password', root_escalation_method: 'su', root_password: 'x' },
      /root_password/,
    ],
  ])('refuses %s without data', async (_name, credentials, reason) => {
    const envelope = await whm(simulator, 'create_remote_root_transfer_session', { host: SOURCE, ...credentials });
    expect(envelope.metadata.result).toBe(0);
    expect(envelope.metadata.reason).toMatch(reason);
    expect(envelope).not.toHaveProperty('data');
  });

  it('checks the host and the transport with the server texts', async () => {
    const reason = async (params: Record<string, string>): Promise<string> =>
      (await whm(simulator, 'create_remote_root_transfer_session', { user: 'root', password: REMOTE_ROOT_PASSWORD, ...params }))
        .metadata.reason;
    expect(await reason({})).toBe('You must specify a source host.');
    expect(await reason({ host: '' })).toBe('You must specify a source host.');
    expect(await reason({ host: 'nowhere.invalid' })).toBe(
      'The system was unable to resolve the host, “nowhere.invalid”, to an IP address.',
    );
    for (const local of ['127.0.0.1', 'localhost', 'target.example.com']) {
      expect(await reason({ host: local })).toBe(`“${local}” resolves to the local server. Provide a remote hostname or IP address instead.`);
    }
    expect(await reason({ host: SOURCE, comm_transport: 'ftp' })).toBe('Invalid “comm_transport” (ftp).');
    expect(await reason({ host: SOURCE, comm_transport: 'whostmgr_insecure' })).toBe('OK');
  });

  it('stores options, truncates thread counts and reports creation warnings', async () => {
    const id = await createRootSession(simulator, {
      transfer_threads: '2.9',
      restore_threads: 'many',
      unrestricted_restore: 1,
      copy_reseller_privs: 1,
    });
    const session = simulator.state.sessions.get(id);
    expect(session?.transferThreads).toBe(2);
    expect(session?.restoreThreads).toBe(1);
    const analysis = dataOf(await whm(simulator, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: id }));
    expect(analysis['options']).toEqual({ unrestricted: 1, skip_reseller_privs: 1 });

    const legacy = await whm(simulator, 'create_remote_root_transfer_session', {
      host: demo.DEMO_LEGACY_HOST,
      user: 'root',
      password: demo.DEMO_LEGACY_ROOT_PASSWORD,
    });
    expect(legacy.metadata.result).toBe(1);
    expect(legacy.metadata.output?.warnings).toEqual([expect.stringContaining('older than this server')]);
  });
});

describe('other session kinds and checks', () => {
  it('remote_basic_credential_check succeeds with "Success" and returns data even on failure', async () => {
    const ok = await whm(simulator, 'remote_basic_credential_check', { host: SOURCE, user: 'root', password: REMOTE_ROOT_PASSWORD });
    expect(ok.metadata.reason).toBe('Success');
    expect(dataOf(ok)).toMatchObject({ escalation_method_used: null });
    const sudo = await whm(simulator, 'remote_basic_credential_check', {
      host: SOURCE,
      user: 'admin',
      password: 'admin-ssh-password',
      root_escalation_method: 'sudo',
    });
    expect(dataOf(sudo)['escalation_method_used']).toBe('sudo');
    const bad = await whm(simulator, 'remote_basic_credential_check', { host: SOURCE, user: 'root', password: 'nope' });
    expect(bad.metadata.result).toBe(0);
    expect(dataOf(bad)).toHaveProperty('output');
  });

  it('create_remote_user_transfer_session: root uses the remote root password, others their account', async () => {
    const asRoot = await whm(simulator, 'create_remote_user_transfer_session', {
      host: SOURCE,
      password: REMOTE_ROOT_PASSWORD,
      unrestricted_restore: 1,
    });
    expect(String(dataOf(asRoot)['transfer_session_id'])).toMatch(/^sourceexamplenoroo\d{14}[0-9A-Za-z]{4}$/);
    const asUser = await whm(
      simulator,
      'create_remote_user_transfer_session',
      { host: SOURCE, password: 'sunrise-remote-password', unrestricted_restore: 1 },
      { authorization: SUNRISE_AUTH },
    );
    expect(asUser.metadata.result).toBe(1);
    const reason = async (params: Record<string, string | number>): Promise<string> =>
      (await whm(simulator, 'create_remote_user_transfer_session', params)).metadata.reason;
    expect(await reason({ password: 'x', unrestricted_restore: 1 })).toBe('You must specify a “host” argument.');
    expect(await reason({ host: SOURCE, unrestricted_restore: 1 })).toBe('You must specify a “password” argument.');
    expect(await reason({ host: 'nowhere.invalid', password: 'x', unrestricted_restore: 1 })).toBe(
      'The system was unable to resolve the hostname, “nowhere.invalid”, to an IP address.',
    );
    expect(await reason({ host: SOURCE, password: 'wrong', unrestricted_restore: 1 })).toMatch(/did not accept the password/);
    expect(await reason({ host: SOURCE, password: REMOTE_ROOT_PASSWORD, unrestricted_restore: 0 })).toMatch(/unrestricted_restore/);
  });

  it('the analysis lists accounts sorted by domain, packages, local and remote facts', async () => {
    const id = await createRootSession(simulator);
    const data = dataOf(await whm(simulator, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: id }));
    expect(data['transfer_session_id']).toBe(id);
    const items = data['items'] as { accounts: Record<string, unknown>[]; packages: { name: string }[] };
    expect(items.accounts.length).toBeGreaterThanOrEqual(200);
    const domains = items.accounts.map((account) => String(account['domain']));
    expect(domains).toEqual([...domains].sort());
    expect(Object.keys(items.accounts[0] ?? {}).sort()).toEqual(
      ['bytesused', 'domain', 'ensim_user', 'filesused', 'has_dedicated_ip', 'owner', 'user', 'worker_nodes'].sort(),
    );
    expect(items.accounts.some((account) => account['has_dedicated_ip'] === 1)).toBe(true);
    expect(new Set(items.accounts.map((account) => account['owner']))).toContain('hostpro');
    expect(items.packages.map((pkg) => pkg.name)).toEqual([...items.packages.map((pkg) => pkg.name)].sort());
    const local = data['local'] as Record<string, unknown>;
    expect(local).toMatchObject({ host: 'target.example.com', major_version: '11.120', roundcube_dbtype: 'sqlite' });
    expect((local['domains'] as Record<string, string>)['*']).toBe('nobody');
    const remote = data['remote'] as Record<string, unknown>;
    expect(remote).toMatchObject({ host: SOURCE, hostname: SOURCE, version: '11.118.0.9', major_version: '11.118' });
    expect((remote['resellers'] as Record<string, number>)['root']).toBe(1);
    expect((remote['conflicts'] as { users: Record<string, number> }).users).toHaveProperty('harbor', 1);
    const modules = data['modules'] as Record<string, { name: string; analysis: Record<string, string> }>;
    expect(Object.keys(modules).sort()).toEqual(
      ['Apache', 'AutoSSLOptions', 'Backups', 'Exim', 'GreyList', 'Hulk', 'ModSecurity', 'MySQL', 'Themes', 'WHMConf'],
    );
    expect(modules['MySQL']?.name).toBe('Database Server');
    expect(data['config']).toEqual({ shared_mysql_server: 0 });
  });

  it('analysis functions need a root session and a valid id', async () => {
    const user = String(
      dataOf(
        await whm(simulator, 'create_remote_user_transfer_session', { host: SOURCE, password: REMOTE_ROOT_PASSWORD, unrestricted_restore: 1 }),
      )['transfer_session_id'],
    );
    const wrongType =
      'The supplied session ID has an invalid session type. You must provide a session ID with a session type of “RemoteRoot”.';
    expect((await whm(simulator, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: user })).metadata.reason).toBe(wrongType);
    expect((await whm(simulator, 'analyze_transfer_session_remote', { transfer_session_id: user })).metadata.reason).toBe(wrongType);
    expect((await whm(simulator, 'retrieve_transfer_session_remote_analysis')).metadata.reason).toBe(
      'A valid transfer_session_id is required to analyze a remote transfer source.',
    );
    expect((await whm(simulator, 'analyze_transfer_session_remote')).metadata.reason).toMatch(/^API failure: \(XID \w{6}\) Provide/);
    const root = await createRootSession(simulator);
    const analyzed = await whm(simulator, 'analyze_transfer_session_remote', { transfer_session_id: root });
    expect(analyzed).toEqual({ metadata: { command: 'analyze_transfer_session_remote', reason: 'OK', result: 1, version: 1 } });
  });

  it('validate_system_user applies the local, reserved, strict and loose rules', async () => {
    const check = async (user: string): Promise<unknown> => dataOf(await whm(simulator, 'validate_system_user', { user }));
    expect(await check('harbor')).toEqual({ exists: 1, reserved: 0, valid_for_new: 1, valid_for_transfer: 1 });
    expect(await check('mysql')).toEqual({ exists: 1, reserved: 1, valid_for_new: 1, valid_for_transfer: 1 });
    expect(await check('newname')).toEqual({ exists: 0, reserved: 0, valid_for_new: 1, valid_for_transfer: 1 });
    expect(await check('testsite')).toMatchObject({ valid_for_new: 0, valid_for_transfer: 1 });
    expect(await check('Web.Site-1')).toMatchObject({ valid_for_new: 0, valid_for_transfer: 1 });
    expect(await check('abcdefghijklmnopq')).toMatchObject({ valid_for_new: 0, valid_for_transfer: 1 });
    expect(await check('9lives')).toMatchObject({ valid_for_new: 0, valid_for_transfer: 1 });
    expect(await check('-dash')).toMatchObject({ valid_for_new: 0, valid_for_transfer: 0 });
    expect(await check('a'.repeat(33))).toMatchObject({ valid_for_transfer: 0 });
    const missing = await whm(simulator, 'validate_system_user');
    expect(missing).toEqual({
      metadata: {
        command: 'validate_system_user',
        reason: 'No user name supplied: “user” is a required argument.',
        result: 0,
        version: 1,
      },
    });
  });
});

describe('enqueue_transfer_item validation order', () => {
  let rootSession = '';
  let userSession = '';

  beforeAll(async () => {
    rootSession = await createRootSession(simulator);
    userSession = String(
      dataOf(
        await whm(simulator, 'create_remote_user_transfer_session', { host: SOURCE, password: REMOTE_ROOT_PASSWORD, unrestricted_restore: 1 }),
      )['transfer_session_id'],
    );
  });

  const reason = async (params: Record<string, string>, authorization?: string): Promise<string> =>
    (await whm(simulator, 'enqueue_transfer_item', params, authorization === undefined ? {} : { authorization })).metadata.reason;

  it('1: missing session id or module is an API failure', async () => {
    expect(await reason({ module: 'Nope' })).toMatch(/^API failure: \(XID \w{6}\) Provide the “transfer_session_id” parameter\.$/);
    expect(await reason({ transfer_session_id: 'x' })).toMatch(/^API failure: \(XID \w{6}\) Provide the “module” parameter\.$/);
  });

  it('2: an unknown module, before the session is looked up', async () => {
    expect(await reason({ transfer_session_id: 'missing', module: 'Nope' })).toBe('The transfer session module “Nope” does not exist.');
  });

  it('3: root-only modules for non-root callers', async () => {
    expect(await reason({ transfer_session_id: 'missing', module: 'PackageRemoteRoot', package: 'x' }, SUNRISE_AUTH)).toBe(
      'The transfer session module “PackageRemoteRoot” can not be enqueued as a non-root user.',
    );
  });

  it('4: an unknown session', async () => {
    expect(await reason({ transfer_session_id: 'missing', module: 'PackageRemoteRoot', package: 'x' })).toMatch(
      /^\(XID \w{6}\) The session ID “missing” does not exist\.$/,
    );
    expect(await reason({ transfer_session_id: 'bad-id!', module: 'PackageRemoteRoot', package: 'x' })).toMatch(
      /may only contain alphanumeric characters and underscores\.$/,
    );
  });

  it('5: session kind and module must match, with the trailing newline', async () => {
    expect(await reason({ transfer_session_id: userSession, module: 'PackageRemoteRoot', package: 'x' })).toBe(
      'API failure: User-authenticated transfer sessions cannot enqueue items of this type. Try again from a root-authenticated transfer session.\n',
    );
    expect(await reason({ transfer_session_id: rootSession, module: 'AccountRemoteUser', user: 'a', localuser: 'a' })).toBe(
      'API failure: Root-authenticated transfer sessions cannot enqueue items of this type. Try again from a user-authenticated transfer session.\n',
    );
  });

  it('7: required keys before unknown keys', async () => {
    expect(await reason({ transfer_session_id: rootSession, module: 'AccountRemoteRoot', user: 'sunrise', colour: 'blue' })).toMatch(
      /^\(XID \w{6}\) The “localuser” parameter is required for the “AccountRemoteRoot” module\.$/,
    );
    expect(
      await reason({ transfer_session_id: rootSession, module: 'AccountRemoteRoot', user: 'sunrise', localuser: 'sunrise', colour: 'blue' }),
    ).toMatch(/^\(XID \w{6}\) The “colour” parameter is not valid for the “AccountRemoteRoot” module\.$/);
  });

  it('8: duplicates of the primary key; success has no data', async () => {
    const first = await enqueueAccount(simulator, rootSession, 'meadow', { size: 1024, skipemail: 1, priority: 10 });
    expect(first).toEqual({ metadata: { command: 'enqueue_transfer_item', reason: 'OK', result: 1, version: 1 } });
    expect(await reason({ transfer_session_id: rootSession, module: 'AccountRemoteRoot', user: 'meadow', localuser: 'meadow2' })).toMatch(
      /^\(XID \w{6}\) An item with a “user” key value of “meadow” and a type of “AccountRemoteRoot” already exists in the queue\.$/,
    );
    const items = simulator.state.sessions.get(rootSession)?.items ?? [];
    expect(items.map((item) => [item.key, item.state, item.size])).toEqual([['meadow', 'TRANSFER_PENDING', 1024]]);
  });

  it('user sessions take AccountRemoteUser items, also from non-root callers', async () => {
    const own = String(
      dataOf(
        await whm(
          simulator,
          'create_remote_user_transfer_session',
          { host: SOURCE, password: 'sunrise-remote-password', unrestricted_restore: 1 },
          { authorization: SUNRISE_AUTH },
        ),
      )['transfer_session_id'],
    );
    expect(await reason({ transfer_session_id: own, module: 'AccountRemoteUser', user: 'sunrise', localuser: 'sunrise' }, SUNRISE_AUTH)).toBe('OK');
  });
});

describe('state machine', () => {
  it('pause of a never-started session fails; abort marks it FAILED and succeeds', async () => {
    const id = await createRootSession(simulator);
    const pause = await whm(simulator, 'pause_transfer_session', { transfer_session_id: id });
    expect(pause).toEqual({
      metadata: { command: 'pause_transfer_session', reason: 'The system failed to “pause” the transfer session.', result: 0, version: 1 },
    });
    expect(await sessionState(simulator, id)).toBe('PENDING');
    const abort = await whm(simulator, 'abort_transfer_session', { transfer_session_id: id });
    expect(abort).toEqual({ metadata: { command: 'abort_transfer_session', reason: 'OK', result: 1, version: 1 } });
    expect(await sessionState(simulator, id)).toBe('FAILED');
    const log = await fetchLog(simulator, id, 'master.log');
    expect(log.map((line) => control(line)['action'])).toEqual(['fail']);
    const start = await whm(simulator, 'start_transfer_session', { transfer_session_id: id });
    expect(start.metadata.reason).toMatch(new RegExp(`^The system failed to start the transfer session “${id}” because of an error: `));
    expect((await whm(simulator, 'abort_transfer_session', { transfer_session_id: id })).metadata.reason).toBe(
      'The system failed to “abort” the transfer session.',
    );
  });

  it('pause of a RUNNING session whose processor died marks it FAILED and succeeds', async () => {
    const id = await createRootSession(simulator);
    await enqueueAccount(simulator, id, 'mediavault');
    await whm(simulator, 'start_transfer_session', { transfer_session_id: id });
    simulator.state.sessions.get(id)?.killProcessor();
    expect(await sessionState(simulator, id)).toBe('RUNNING');
    expect((await whm(simulator, 'pause_transfer_session', { transfer_session_id: id })).metadata.result).toBe(1);
    expect(await sessionState(simulator, id)).toBe('FAILED');
  });

  it('start fails for running and unknown sessions with the server text', async () => {
    const id = await createRootSession(simulator);
    await enqueueAccount(simulator, id, 'mediavault');
    const started = await whm(simulator, 'start_transfer_session', { transfer_session_id: id });
    expect(Number(dataOf(started)['pid'])).toBeGreaterThan(0);
    expect((await whm(simulator, 'start_transfer_session', { transfer_session_id: id })).metadata.result).toBe(0);
    const unknown = await whm(simulator, 'start_transfer_session', { transfer_session_id: 'nosuch' });
    expect(unknown.metadata.reason).toMatch(
      /^The system failed to start the transfer session “nosuch” because of an error: \(XID \w{6}\) The session ID “nosuch” does not exist\.$/,
    );
    await whm(simulator, 'abort_transfer_session', { transfer_session_id: id });
  });

  it('master.log does not exist before the session starts', async () => {
    const id = await createRootSession(simulator);
    const missing = await whm(simulator, 'fetch_transfer_session_log', { transfer_session_id: id, logfile: 'master.log' });
    expect(missing.metadata.reason).toMatch(
      new RegExp(`^API failure: \\(XID \\w{6}\\) The system failed to locate either the file “/var/cpanel/transfer_sessions/${id}/\\.master\\.log” or the file “/var/cpanel/transfer_sessions/${id}/master\\.log”\\.$`),
    );
    const slash = await whm(simulator, 'fetch_transfer_session_log', { transfer_session_id: id, logfile: '../etc/passwd' });
    expect(slash.metadata.reason).toMatch(/relative path/);
  });
});

describe('a whole transfer at speedFactor 1000', () => {
  const failing = 'quotafull';
  let id = '';
  let log: LogLine[] = [];

  beforeAll(async () => {
    id = await createRootSession(simulator, { transfer_threads: 2, restore_threads: 2 });
    await whm(simulator, 'enqueue_transfer_item', { transfer_session_id: id, module: 'PackageRemoteRoot', package: 'starter', size: 2048 });
    for (const user of ['sunrise', 'meadow', failing, 'oddphp', 'harbor', 'slowsite']) {
      expect((await enqueueAccount(simulator, id, user, { size: 1_000_000 })).metadata.result).toBe(1);
    }
    await whm(simulator, 'start_transfer_session', { transfer_session_id: id });
    await waitForState(simulator, id, 'COMPLETED', 8000);
    log = await fetchLog(simulator, id, 'master.log');
  });

  it('ends COMPLETED although items failed', async () => {
    const items = simulator.state.sessions.get(id)?.items ?? [];
    const outcome = Object.fromEntries(items.map((item) => [item.key, item.state]));
    expect(outcome).toEqual({
      starter: 'COMPLETED',
      sunrise: 'COMPLETED',
      meadow: 'COMPLETED',
      quotafull: 'FAILED',
      oddphp: 'COMPLETED',
      harbor: 'FAILED',
      slowsite: 'FAILED',
    });
    expect(simulator.state.localUserExists('sunrise')).toBe(true);
  });

  it('writes the header lines in order', () => {
    const header = log.slice(0, 8).map((line) => {
      const contents = control(line);
      return [contents['action'], contents['queue'] ?? null, contents['msg'] ?? null];
    });
    expect(header).toEqual([
      ['start', null, null],
      ['initiator', null, 'copyacct'],
      ['version', null, 2.3],
      ['queue_count', 'TRANSFER', 7],
      ['queue_size', 'TRANSFER', 2048 + 6 * 1_000_000],
      ['queue_count', 'RESTORE', 7],
      ['queue_size', 'RESTORE', 2048 + 6 * 1_000_000],
      ['remotehost', null, SOURCE],
    ]);
  });

  it('every line is a control line with pid, indent, partial and time', () => {
    for (const line of log) {
      expect(line).toMatchObject({ type: 'control', indent: 0, partial: 0 });
      expect(typeof line.pid).toBe('number');
      expect(typeof control(line)['time']).toBe('number');
      expect(typeof control(line)['child_number']).toBe('number');
    }
    const times = log.map((line) => Number(control(line)['time']));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('walks each item through both queues', () => {
    const actionsOf = (queue: string, item: string): unknown[] =>
      log.filter((line) => control(line)['queue'] === queue && control(line)['item'] === item).map((line) => control(line)['action']);
    expect(actionsOf('TRANSFER', 'sunrise')).toEqual(['start', 'process-item', 'start-item', 'success-item']);
    expect(actionsOf('RESTORE', 'sunrise')).toEqual(['start', 'process-item', 'start-item', 'success-item']);
    expect(actionsOf('RESTORE', 'oddphp')).toEqual(['start', 'process-item', 'start-item', 'warning-item']);
    expect(actionsOf('RESTORE', failing)).toEqual(['start', 'process-item', 'start-item', 'failed-item']);
    // A transfer failure is also written for the RESTORE queue by the same worker.
    expect(actionsOf('TRANSFER', 'harbor')).toEqual(['start', 'process-item', 'start-item', 'failed-item']);
    expect(actionsOf('RESTORE', 'harbor')).toEqual(['start-item', 'failed-item']);
    const processItem = log.find((line) => control(line)['action'] === 'process-item' && control(line)['item'] === 'sunrise');
    expect(control(processItem as LogLine)).toMatchObject({
      msg: 'item-TRANSFER_AccountRemoteRoot_sunrise',
      logfile: 'item-TRANSFER_AccountRemoteRoot_sunrise',
      item_type: 'AccountRemoteRoot',
      item_name: 'Account',
      local_item: 'sunrise',
    });
  });

  it('reports failures, warnings and sizes in the item messages', () => {
    const failed = log.find((line) => control(line)['action'] === 'failed-item' && control(line)['item'] === failing);
    expect(control(failed as LogLine)['msg']).toMatchObject({
      failure: demo.DEMO_FAILING_ACCOUNTS[failing]?.failWith,
      size: 1_000_000,
      warnings: 0,
      contents: { warnings: null, skipped_items: null, dangerous_items: null, altered_items: null },
    });
    const conflict = log.find((line) => control(line)['action'] === 'failed-item' && control(line)['item'] === 'harbor');
    expect(control(conflict as LogLine)['msg']).toMatchObject({ failure: 'The account “harbor” already exists on “target.example.com”.' });
    const warned = log.find((line) => control(line)['action'] === 'warning-item');
    expect(control(warned as LogLine)['msg']).toMatchObject({ warnings: 2, message: null, contents: { warnings: [expect.any(String), expect.any(String)] } });
    const success = log.find((line) => control(line)['action'] === 'success-item' && control(line)['item'] === 'starter');
    expect(control(success as LogLine)['msg']).toMatchObject({ size: 2048, warnings: 0, message: null });
  });

  it('ends with a complete per worker and the master complete', () => {
    const completes = log.filter((line) => control(line)['action'] === 'complete');
    const workers = completes.filter((line) => control(line)['child_number'] !== 0).map((line) => control(line)['queue']);
    expect(workers.sort()).toEqual(['RESTORE', 'RESTORE', 'TRANSFER', 'TRANSFER']);
    const last = log.at(-1) as LogLine;
    expect(control(last)).toMatchObject({ action: 'complete', child_number: 0 });
    expect(control(last)).not.toHaveProperty('queue');
  });

  it('keeps item logs and the error log', async () => {
    const itemLog = await fetchLog(simulator, id, 'item-RESTORE_AccountRemoteRoot_oddphp');
    expect(itemLog.map((line) => line.type)).toEqual(['out', 'out', 'out', 'out', 'warn', 'warn', 'success']);
    const failedItem = await fetchLog(simulator, id, `item-RESTORE_AccountRemoteRoot_${failing}`);
    expect(failedItem.at(-1)).toMatchObject({ type: 'failure' });
    const errors = await fetchLog(simulator, id, 'master.error_log');
    expect(errors.map((line) => control(line)['item'])).toEqual(expect.arrayContaining([failing, 'harbor', 'slowsite']));
  });
});

describe('pause, resume and abort on a controlled clock', () => {
  let clock = 0;
  let controlled: RunningSimulator;
  const advance = (seconds: number): void => {
    clock += seconds * 1000;
  };

  // A fresh world per test: restored accounts exist locally afterwards and would conflict.
  beforeEach(async () => {
    clock = Date.UTC(2026, 10, 28, 12, 0, 0);
    controlled = await startSimulator({ now: () => clock });
  });
  afterEach(async () => {
    await controlled.close();
  });

  async function bigSession(): Promise<string> {
    const id = await createRootSession(controlled);
    for (const user of ['mediavault', 'sunrise', 'meadow', 'oddphp']) await enqueueAccount(controlled, id, user);
    return id;
  }

  it('pause: RUNNING → PAUSING until in-flight items finish → PAUSED → resume → COMPLETED', async () => {
    const id = await bigSession();
    const pid = Number(dataOf(await whm(controlled, 'start_transfer_session', { transfer_session_id: id }))['pid']);
    advance(5);
    expect(await sessionState(controlled, id)).toBe('RUNNING');
    expect((await whm(controlled, 'pause_transfer_session', { transfer_session_id: id })).metadata.result).toBe(1);
    expect(await sessionState(controlled, id)).toBe('PAUSING');
    expect((await whm(controlled, 'pause_transfer_session', { transfer_session_id: id })).metadata.result).toBe(0);
    expect((await whm(controlled, 'start_transfer_session', { transfer_session_id: id })).metadata.reason).toMatch(/is pausing/);
    advance(600);
    expect(await sessionState(controlled, id)).toBe('PAUSED');
    const items = controlled.state.sessions.get(id)?.items ?? [];
    expect(items.find((item) => item.key === 'mediavault')?.state).toBe('RESTORE_PENDING');
    expect(items.filter((item) => item.state === 'TRANSFER_PENDING').map((item) => item.key)).toEqual(['sunrise', 'meadow', 'oddphp']);

    const resumed = Number(dataOf(await whm(controlled, 'start_transfer_session', { transfer_session_id: id }))['pid']);
    expect(resumed).not.toBe(pid);
    expect(await sessionState(controlled, id)).toBe('RUNNING');
    advance(600);
    expect(await sessionState(controlled, id)).toBe('COMPLETED');
    const actions = (await fetchLog(controlled, id, 'master.log'))
      .filter((line) => control(line)['child_number'] === 0)
      .map((line) => control(line)['action']);
    expect(actions).toEqual([
      'start',
      'initiator',
      'version',
      'queue_count',
      'queue_size',
      'queue_count',
      'queue_size',
      'remotehost',
      'pausing',
      'pause',
      'resume',
      'remotehost',
      'complete',
    ]);
    expect(items.every((item) => item.state === 'COMPLETED')).toBe(true);
  });

  it('abort: RUNNING → ABORTING → ABORTED shortly after, remaining items untouched', async () => {
    const id = await bigSession();
    await whm(controlled, 'start_transfer_session', { transfer_session_id: id });
    advance(5);
    expect((await whm(controlled, 'abort_transfer_session', { transfer_session_id: id })).metadata.result).toBe(1);
    expect(await sessionState(controlled, id)).toBe('ABORTING');
    advance(5);
    expect(await sessionState(controlled, id)).toBe('ABORTED');
    const items = controlled.state.sessions.get(id)?.items ?? [];
    expect(items.map((item) => item.state)).toEqual(['FAILED', 'TRANSFER_PENDING', 'TRANSFER_PENDING', 'TRANSFER_PENDING']);
    const master = await fetchLog(controlled, id, 'master.log');
    const aborted = master.find((line) => control(line)['action'] === 'failed-item');
    expect(control(aborted as LogLine)['item']).toBe('mediavault');
    expect(master.filter((line) => control(line)['child_number'] === 0).map((line) => control(line)['action']).slice(-2)).toEqual([
      'aborting',
      'abort',
    ]);
    expect((await whm(controlled, 'start_transfer_session', { transfer_session_id: id })).metadata.reason).toMatch(/has been aborted/);
  });

  it('abort of a PAUSED session completes at once', async () => {
    const id = await bigSession();
    await whm(controlled, 'start_transfer_session', { transfer_session_id: id });
    advance(5);
    await whm(controlled, 'pause_transfer_session', { transfer_session_id: id });
    advance(600);
    expect(await sessionState(controlled, id)).toBe('PAUSED');
    expect((await whm(controlled, 'abort_transfer_session', { transfer_session_id: id })).metadata.result).toBe(1);
    expect(await sessionState(controlled, id)).toBe('ABORTED');
    const last = (await fetchLog(controlled, id, 'master.log')).at(-1) as LogLine;
    expect(control(last)).toEqual({ action: 'abort', child_number: 0 });
  });

  it('progress advances with simulated time: items take longer the bigger they are', async () => {
    const id = await createRootSession(controlled);
    await enqueueAccount(controlled, id, 'mediavault');
    await whm(controlled, 'start_transfer_session', { transfer_session_id: id });
    advance(30);
    expect(controlled.state.session(id)?.items[0]?.state).toBe('TRANSFER_INPROGRESS');
    advance(100);
    expect(controlled.state.session(id)?.items[0]?.state).toBe('RESTORE_INPROGRESS');
    advance(100);
    expect(controlled.state.session(id)?.state).toBe('COMPLETED');
  });
});

describe('delete_account_archives', () => {
  it('reports found archives as messages and nothing found as a warning', async () => {
    const found = await whm(simulator, 'delete_account_archives', { user: 'archived', mountpoint: '/root' });
    expect(found).not.toHaveProperty('data');
    expect(found.metadata.output?.messages).toEqual(expect.arrayContaining(['Found archive: /root/cpmove-archived.tar.gz']));
    const none = await whm(simulator, 'delete_account_archives', { user: 'archived', mountpoint: '/root' });
    expect(none.metadata.result).toBe(1);
    expect(none.metadata.output?.warnings).toHaveLength(1);
    expect((await whm(simulator, 'delete_account_archives')).metadata.reason).toMatch(/^API failure: .*Provide the “user” parameter\.$/);
  });
});
