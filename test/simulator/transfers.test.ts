// Transfer functions: planning, session creation and its auth matrix, analysis and name checks.
// Elsewhere: enqueue.test.ts, transfer-run.test.ts (a whole transfer's logs), state-machine.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { REMOTE_ROOT_PASSWORD, SOURCE, createRootSession, dataOf, sessionState, whm } from './helpers.js';

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
    expect((await whm(simulator, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: id })).metadata.result).toBe(
      1,
    );
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
    [
      'sudo for a user without sudo',
      { user: 'wheeluser', password: 'wheel-ssh-password', root_escalation_method: 'sudo' },
      /sudo/,
    ],
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
      expect(await reason({ host: local })).toBe(
        `“${local}” resolves to the local server. Provide a remote hostname or IP address instead.`,
      );
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
    const ok = await whm(simulator, 'remote_basic_credential_check', {
      host: SOURCE,
      user: 'root',
      password: REMOTE_ROOT_PASSWORD,
    });
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
    expect(await reason({ host: SOURCE, password: REMOTE_ROOT_PASSWORD, unrestricted_restore: 0 })).toMatch(
      /unrestricted_restore/,
    );
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
    expect(Object.keys(modules).sort()).toEqual([
      'Apache',
      'AutoSSLOptions',
      'Backups',
      'Exim',
      'GreyList',
      'Hulk',
      'ModSecurity',
      'MySQL',
      'Themes',
      'WHMConf',
    ]);
    expect(modules['MySQL']?.name).toBe('Database Server');
    expect(data['config']).toEqual({ shared_mysql_server: 0 });
  });

  it('analysis functions need a root session and a valid id', async () => {
    const user = String(
      dataOf(
        await whm(simulator, 'create_remote_user_transfer_session', {
          host: SOURCE,
          password: REMOTE_ROOT_PASSWORD,
          unrestricted_restore: 1,
        }),
      )['transfer_session_id'],
    );
    const wrongType =
      'The supplied session ID has an invalid session type. You must provide a session ID with a session type of “RemoteRoot”.';
    expect(
      (await whm(simulator, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: user })).metadata.reason,
    ).toBe(wrongType);
    expect((await whm(simulator, 'analyze_transfer_session_remote', { transfer_session_id: user })).metadata.reason).toBe(
      wrongType,
    );
    expect((await whm(simulator, 'retrieve_transfer_session_remote_analysis')).metadata.reason).toBe(
      'A valid transfer_session_id is required to analyze a remote transfer source.',
    );
    expect((await whm(simulator, 'analyze_transfer_session_remote')).metadata.reason).toMatch(
      /^API failure: \(XID \w{6}\) Provide/,
    );
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

describe('fetch_transfer_session_log', () => {
  it('master.log does not exist before the session starts', async () => {
    const id = await createRootSession(simulator);
    const missing = await whm(simulator, 'fetch_transfer_session_log', { transfer_session_id: id, logfile: 'master.log' });
    expect(missing.metadata.reason).toMatch(
      new RegExp(
        `^API failure: \\(XID \\w{6}\\) The system failed to locate either the file “/var/cpanel/transfer_sessions/${id}/\\.master\\.log” or the file “/var/cpanel/transfer_sessions/${id}/master\\.log”\\.$`,
      ),
    );
    const slash = await whm(simulator, 'fetch_transfer_session_log', { transfer_session_id: id, logfile: '../etc/passwd' });
    expect(slash.metadata.reason).toMatch(/relative path/);
  });
});
