// enqueue_transfer_item: the order in which the real server validates an item, and user sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { REMOTE_ROOT_PASSWORD, SOURCE, createRootSession, dataOf, enqueueAccount, whm } from './helpers.js';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
});
afterAll(async () => {
  await simulator.close();
});

const SUNRISE_AUTH = `whm ${demo.DEMO_USER}:${demo.DEMO_USER_TOKEN}`;

describe('enqueue_transfer_item validation order', () => {
  let rootSession = '';
  let userSession = '';

  beforeAll(async () => {
    rootSession = await createRootSession(simulator);
    userSession = String(
      dataOf(
        await whm(simulator, 'create_remote_user_transfer_session', {
          host: SOURCE,
          password: REMOTE_ROOT_PASSWORD,
          unrestricted_restore: 1,
        }),
      )['transfer_session_id'],
    );
  });

  const reason = async (params: Record<string, string>, authorization?: string): Promise<string> =>
    (await whm(simulator, 'enqueue_transfer_item', params, authorization === undefined ? {} : { authorization })).metadata.reason;

  it('1: missing session id or module is an API failure', async () => {
    expect(await reason({ module: 'Nope' })).toMatch(
      /^API failure: \(XID \w{6}\) Provide the “transfer_session_id” parameter\.$/,
    );
    expect(await reason({ transfer_session_id: 'x' })).toMatch(/^API failure: \(XID \w{6}\) Provide the “module” parameter\.$/);
  });

  it('2: an unknown module, before the session is looked up', async () => {
    expect(await reason({ transfer_session_id: 'missing', module: 'Nope' })).toBe(
      'The transfer session module “Nope” does not exist.',
    );
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
    expect(
      await reason({ transfer_session_id: rootSession, module: 'AccountRemoteRoot', user: 'sunrise', colour: 'blue' }),
    ).toMatch(/^\(XID \w{6}\) The “localuser” parameter is required for the “AccountRemoteRoot” module\.$/);
    expect(
      await reason({
        transfer_session_id: rootSession,
        module: 'AccountRemoteRoot',
        user: 'sunrise',
        localuser: 'sunrise',
        colour: 'blue',
      }),
    ).toMatch(/^\(XID \w{6}\) The “colour” parameter is not valid for the “AccountRemoteRoot” module\.$/);
  });

  it('8: duplicates of the primary key; success has no data', async () => {
    const first = await enqueueAccount(simulator, rootSession, 'meadow', { size: 1024, skipemail: 1, priority: 10 });
    expect(first).toEqual({ metadata: { command: 'enqueue_transfer_item', reason: 'OK', result: 1, version: 1 } });
    expect(
      await reason({ transfer_session_id: rootSession, module: 'AccountRemoteRoot', user: 'meadow', localuser: 'meadow2' }),
    ).toMatch(
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
    expect(
      await reason(
        { transfer_session_id: own, module: 'AccountRemoteUser', user: 'sunrise', localuser: 'sunrise' },
        SUNRISE_AUTH,
      ),
    ).toBe('OK');
  });
});
