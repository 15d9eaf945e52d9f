// The demo world is deterministic and has what tests rely on; custom worlds replace it.
import { describe, expect, it } from 'vitest';
import { demo, startSimulator } from '../../src/simulator/index.js';
import type { LocalServer, RemoteSource } from '../../src/simulator/index.js';
import { dataOf, whm } from './helpers.js';

describe('demo data', () => {
  it('is the same on every run', () => {
    expect(demo.demoRemoteHosts()).toEqual(demo.demoRemoteHosts());
    expect(demo.demoLocalServer()).toEqual(demo.demoLocalServer());
  });

  it('has a large varied source with conflicts, failures, warnings, resellers and dedicated IPs', () => {
    const source = demo.demoRemoteHosts()[demo.DEMO_SOURCE_HOST];
    const local = demo.demoLocalServer();
    const accounts = source?.accounts ?? [];
    expect(accounts.length).toBeGreaterThanOrEqual(200);
    expect(new Set(accounts.map((account) => account.user)).size).toBe(accounts.length);
    for (const account of accounts) {
      expect(account.user).toMatch(/^[a-z][a-z0-9]{0,15}$/);
      expect(account.bytesused % 1024).toBe(0);
    }
    const sizes = accounts.map((account) => account.bytesused);
    expect(Math.min(...sizes)).toBeLessThan(10 * 1024 * 1024);
    expect(Math.max(...sizes)).toBeGreaterThan(2 * 1024 * 1024 * 1024);
    expect(accounts.filter((account) => account.has_dedicated_ip === 1).length).toBeGreaterThan(3);
    expect(new Set(accounts.map((account) => account.owner))).toEqual(new Set(['root', ...demo.DEMO_RESELLERS]));
    const conflicts = accounts.filter((account) => local.users.includes(account.user)).map((account) => account.user);
    expect(conflicts.sort()).toEqual([...demo.DEMO_CONFLICTING_USERS].sort());
    expect(
      accounts
        .filter((account) => account.failWith !== undefined)
        .map((account) => account.user)
        .sort(),
    ).toEqual(Object.keys(demo.DEMO_FAILING_ACCOUNTS).sort());
    expect(accounts.filter((account) => (account.warnings ?? 0) > 0)).toHaveLength(4);
    expect(local.reservedNames).toEqual(expect.arrayContaining(['root', 'nobody', 'cpanel', 'mysql']));
  });
});

describe('custom worlds', () => {
  const source: RemoteSource = {
    hostname: 'old.example.test',
    addresses: ['198.51.100.7'],
    version: '11.110.0.4',
    rootPassword: 'pw',
    accounts: [
      { user: 'alpha', domain: 'alpha.test', owner: 'root', bytesused: 2048, filesused: 3, has_dedicated_ip: 0, password: 'a' },
      {
        user: 'beta',
        domain: 'beta.test',
        owner: 'root',
        bytesused: 4096,
        filesused: 5,
        has_dedicated_ip: 1,
        password: 'b',
        failWith: 'Beta cannot be restored here.',
      },
    ],
  };
  const local: LocalServer = {
    hostname: 'new.example.test',
    version: '11.126.0.1',
    users: ['gamma'],
    reservedNames: ['root'],
    ips: ['203.0.113.50'],
    backups: [],
    archives: [],
  };

  it('uses the given hosts, local server and credentials', async () => {
    const simulator = await startSimulator({
      remoteHosts: { 'old.example.test': source },
      local,
      speedFactor: 1000,
      auth: { tokens: { root: 'T' }, passwords: {} },
    });
    const authorization = 'whm root:T';
    try {
      const created = await whm(
        simulator,
        'create_remote_root_transfer_session',
        { host: '198.51.100.7', user: 'root', password: 'pw' },
        { authorization },
      );
      const id = String(dataOf(created)['transfer_session_id']);
      const analysis = dataOf(
        await whm(simulator, 'retrieve_transfer_session_remote_analysis', { transfer_session_id: id }, { authorization }),
      );
      expect((analysis['items'] as { accounts: { user: string }[] }).accounts.map((account) => account.user)).toEqual([
        'alpha',
        'beta',
      ]);
      expect((analysis['local'] as { host: string }).host).toBe('new.example.test');
      for (const user of ['alpha', 'beta']) {
        await whm(
          simulator,
          'enqueue_transfer_item',
          { transfer_session_id: id, module: 'AccountRemoteRoot', user, localuser: user },
          { authorization },
        );
      }
      await whm(simulator, 'start_transfer_session', { transfer_session_id: id }, { authorization });
      await eventuallyCompleted(simulator, id, authorization);
      const items = simulator.state.sessions.get(id)?.items ?? [];
      expect(items.map((item) => [item.key, item.state, item.failure ?? null])).toEqual([
        ['alpha', 'COMPLETED', null],
        ['beta', 'FAILED', 'Beta cannot be restored here.'],
      ]);
      expect((await whm(simulator, 'validate_system_user', { user: 'gamma' }, { authorization })).data?.['exists']).toBe(1);
      expect(
        (
          await whm(
            simulator,
            'create_remote_root_transfer_session',
            { host: demo.DEMO_SOURCE_HOST, user: 'root', password: 'pw' },
            { authorization },
          )
        ).metadata.reason,
      ).toMatch(/unable to resolve/);
    } finally {
      await simulator.close();
    }
  });

  async function eventuallyCompleted(
    simulator: Awaited<ReturnType<typeof startSimulator>>,
    id: string,
    authorization: string,
  ): Promise<void> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const state = dataOf(await whm(simulator, 'get_transfer_session_state', { transfer_session_id: id }, { authorization }))[
        'state_name'
      ];
      if (state === 'COMPLETED') return;
      if (Date.now() > deadline) throw new Error(`still ${String(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
