// checkRemoteCredentials over HTTP against the simulator: every login variant of session creation,
// each kind of refusal told apart (also on session creation), nothing created, secrets never shared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteRefusalCode } from '../../src/resolvers/mutations/remote-credentials.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

interface CheckPayload {
  ok: boolean;
  loginWorks: boolean | null;
  rootAccess: boolean | null;
  escalationMethodUsed: string | null;
  whmReason: string | null;
  output: string | null;
  userErrors: { field: string[] | null; code: string; message: string }[];
}

const CHECK = `mutation($input: CheckRemoteCredentialsInput!) { checkRemoteCredentials(input: $input) {
  ok loginWorks rootAccess escalationMethodUsed whmReason output userErrors { field code message } } }`;

async function check(input: Record<string, unknown>): Promise<CheckPayload | undefined> {
  const response = await gateway.query<{ checkRemoteCredentials: CheckPayload }>(CHECK, {
    input: { host: 'source.example.net', ...input },
  });
  expect(response.errors).toBeUndefined();
  return response.data?.checkRemoteCredentials;
}

const callsOf = (fn: string) => gateway.simulator.stats().calls[fn] ?? 0;

describe('checkRemoteCredentials', () => {
  it.each([
    ['root with a password', { credentials: { password: 'remote-root-password' } }, null],
    [
      'root with an encrypted SSH key',
      { credentials: { sshKeyName: 'id_transfer', sshKeyPassphrase: 'simulator-key-passphrase' } },
      null,
    ],
    [
      'another user with sudo',
      { user: 'admin', credentials: { password: 'admin-ssh-password' }, escalation: { method: 'SUDO' } },
      'SUDO',
    ],
    [
      'another user with su',
      {
        user: 'wheeluser',
        credentials: { password: 'wheel-ssh-password' },
        escalation: { method: 'SU', rootPassword: 'remote-root-password' },
      },
      'SU',
    ],
  ])('%s works, and no session is created', async (_label, input, escalation) => {
    const [sessions, creations] = [await gateway.registry.count(), callsOf('create_remote_root_transfer_session')];
    const checks = callsOf('remote_basic_credential_check');
    const payload = await check(input);
    expect(payload).toMatchObject({
      ok: true,
      loginWorks: true,
      rootAccess: true,
      escalationMethodUsed: escalation,
      whmReason: null,
      userErrors: [],
    });
    expect(payload?.output).toMatch(/Basic credential check/);
    expect(callsOf('remote_basic_credential_check')).toBe(checks + 1);
    expect([await gateway.registry.count(), callsOf('create_remote_root_transfer_session')]).toEqual([sessions, creations]);
  });

  it.each([
    [
      'a wrong password',
      { credentials: { password: 'not-it' } },
      'REMOTE_AUTH_REFUSED',
      ['input', 'credentials'],
      false,
      /Permission denied/,
    ],
    [
      'a wrong key passphrase',
      { credentials: { sshKeyName: 'id_transfer', sshKeyPassphrase: 'nope' } },
      'REMOTE_AUTH_REFUSED',
      ['input', 'credentials'],
      false,
      /passphrase/,
    ],
    [
      'sudo for a user without sudo rights',
      { user: 'wheeluser', credentials: { password: 'wheel-ssh-password' }, escalation: { method: 'SUDO' } },
      'REMOTE_ESCALATION_REFUSED',
      ['input', 'escalation'],
      true,
      /sudo/,
    ],
    [
      'su with a wrong root password',
      { user: 'wheeluser', credentials: { password: 'wheel-ssh-password' }, escalation: { method: 'SU', rootPassword: 'wrong' } },
      'REMOTE_ESCALATION_REFUSED',
      ['input', 'escalation'],
      true,
      /root_password/,
    ],
    [
      'a host that does not resolve',
      { host: 'nowhere.example.invalid', credentials: { password: 'x' } },
      'REMOTE_HOST_UNREACHABLE',
      ['input', 'host'],
      null,
      /unable to resolve/,
    ],
    [
      'the local server itself',
      { host: 'localhost', credentials: { password: 'x' } },
      'WHM_API_ERROR',
      null,
      null,
      /local server/,
    ],
  ])('%s: a refusal of its kind, with WHM’s reason', async (_label, input, code, field, loginWorks, reason) => {
    const payload = await check(input);
    expect(payload).toMatchObject({ ok: false, loginWorks, escalationMethodUsed: null });
    expect(payload?.rootAccess).toBe(loginWorks === true ? false : null);
    expect(payload?.whmReason).toMatch(reason);
    expect(payload?.userErrors).toEqual([{ field, code, message: payload?.whmReason }]);
  });

  it('sends the secrets in the body only, and never shares a check between requests', async () => {
    gateway.simulator.resetStats();
    const input = { credentials: { password: 'remote-root-password' } };
    await Promise.all([check(input), check(input)]);
    const requests = gateway.simulator.requests.filter((request) => request.functionName === 'remote_basic_credential_check');
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.url).not.toContain('remote-root-password');
      expect(request.body).toContain('remote-root-password');
    }
  });

  it('refuses inconsistent credentials before asking WHM', async () => {
    gateway.simulator.resetStats();
    const response = await gateway.query(CHECK, {
      input: { host: 'source.example.net', credentials: { password: 'a', sshKeyName: 'id_plain' } },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'credentials'] });
    expect(gateway.simulator.stats().totalRequests).toBe(0);
  });
});

describe('session creation tells the source’s refusals apart', () => {
  const createRoot = (input: string) =>
    gateway.query<{
      createRemoteRootTransferSession: { session: null; userErrors: { field: string[] | null; code: string; message: string }[] };
    }>(`mutation { createRemoteRootTransferSession(input: { ${input} }) { session { id } userErrors { field code message } } }`);

  it.each([
    ['host: "source.example.net", credentials: { password: "not-it" }', 'REMOTE_AUTH_REFUSED', /Permission denied/],
    ['host: "nowhere.example.invalid", credentials: { password: "x" }', 'REMOTE_HOST_UNREACHABLE', /unable to resolve/],
    [
      'host: "source.example.net", user: "wheeluser", credentials: { password: "wheel-ssh-password" }, escalation: { method: SU, rootPassword: "no" }',
      'REMOTE_ESCALATION_REFUSED',
      /su/,
    ],
  ])('root session, %s', async (input, code, reason) => {
    const payload = (await createRoot(input)).data?.createRemoteRootTransferSession;
    expect(payload?.session).toBeNull();
    expect(payload?.userErrors[0]?.code).toBe(code);
    expect(payload?.userErrors[0]?.message).toMatch(reason);
  });

  it('user session with a wrong password', async () => {
    const response = await gateway.query<{
      createRemoteUserTransferSession: { userErrors: { field: string[] | null; code: string }[] };
    }>(
      'mutation { createRemoteUserTransferSession(input: { host: "source.example.net", password: "not-it" }) { userErrors { field code } } }',
    );
    expect(response.data?.createRemoteUserTransferSession.userErrors).toEqual([
      { field: ['input', 'password'], code: 'REMOTE_AUTH_REFUSED' },
    ]);
  });
});

describe('the kind of a refusal, from texts real servers write', () => {
  it.each([
    ['ssh: connect to host 192.0.2.99 port 22: Connection refused', 'REMOTE_HOST_UNREACHABLE'],
    ['ssh: connect to host 192.0.2.99 port 22: No route to host', 'REMOTE_HOST_UNREACHABLE'],
    ['The connection to “192.0.2.99” timed out.', 'REMOTE_HOST_UNREACHABLE'],
    ['Permission denied (publickey,password).', 'REMOTE_AUTH_REFUSED'],
    ['Authentication failed for “root”.', 'REMOTE_AUTH_REFUSED'],
    ['sudo: a password is required', 'REMOTE_ESCALATION_REFUSED'],
    ['The source server does not contain a valid license.', 'WHM_API_ERROR'],
  ])('%s → %s', (reason, code) => {
    expect(remoteRefusalCode(reason)).toBe(code);
  });
});
