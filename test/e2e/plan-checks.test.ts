// The plan check of enqueueTransferItems and the typed conflicts of the analysis, over HTTP against
// the simulator's demo world (DEMO_PLAN_CASES): what used to be queued and fail at run time is held
// back with its issue, dryRun sends nothing, force sends anyway, and the reads ride one WHM batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLAN_CASES } from '../../src/simulator/demo-data.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gateway: TestGateway;
let rootSession = '';

interface Issue {
  code: string;
  message: string;
  field: string[];
  blocking: boolean;
  suggestedLocalUser: string | null;
}
interface Result {
  index: number;
  queued: boolean;
  blocked: boolean;
  issues: Issue[];
  error: { code: string; field: string[]; message: string } | null;
}
interface EnqueueData {
  enqueueTransferItems: { results: Result[]; userErrors: { code: string; field: string[] }[] };
}

const ENQUEUE = `mutation($id: ID!, $items: [TransferItemInput!]!, $dryRun: Boolean, $force: Boolean) {
  enqueueTransferItems(sessionId: $id, items: $items, dryRun: $dryRun, force: $force) {
    results { index queued blocked issues { code message field blocking suggestedLocalUser } error { code field message } }
    userErrors { code field } } }`;

async function createSession(mutation: string): Promise<string> {
  const response = await gateway.query<Record<string, { session: { id: string } }>>(
    `mutation { ${mutation} { session { id } userErrors { code } } }`,
  );
  return Object.values(response.data ?? {})[0]?.session.id ?? '';
}

async function enqueue(id: string, items: unknown[], options: { dryRun?: boolean; force?: boolean } = {}) {
  const response = await gateway.query<EnqueueData>(ENQUEUE, { id, items, ...options });
  expect(response.errors).toBeUndefined();
  return response.data?.enqueueTransferItems;
}

const account = (user: string, options?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  accountRemoteRoot: { user, ...(options ? { options } : {}), ...extra },
});
const codes = (result: Result | undefined) => result?.issues.map((found) => found.code) ?? [];
const enqueueWrites = () => gateway.simulator.stats().calls.enqueue_transfer_item ?? 0;

beforeAll(async () => {
  gateway = await startTestGateway();
  rootSession = await createSession(
    'createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } })',
  );
});
afterAll(async () => {
  await gateway.close();
});

describe('dryRun: every issue of the demo world, nothing sent', () => {
  const { notOnSource, conflicting, takenLocalName, reservedLocalName, domainConflict } = DEMO_PLAN_CASES;
  const items = [
    account(notOnSource),
    account(conflicting),
    account('juniper', { localUser: takenLocalName }),
    account('lantern', { localUser: reservedLocalName }),
    account('meadow'),
    account('meadow'),
    { accountRemoteUser: { user: 'sunrise' } },
    account(domainConflict.user),
    { packageRemoteRoot: { package: 'nosuchpackage' } },
    account('harbor', { localUser: 'harborcopy' }),
  ];
  let results: Result[] = [];
  let whmRequests: string[] = [];
  let whmCalls: Record<string, number> = {};
  let firstBatch = '';

  beforeAll(async () => {
    gateway.simulator.resetStats();
    results = (await enqueue(rootSession, items, { dryRun: true }))?.results ?? [];
    whmRequests = gateway.simulator.requests.map((request) => request.functionName);
    firstBatch = decodeURIComponent(`${gateway.simulator.requests[0]?.url ?? ''}&${gateway.simulator.requests[0]?.body ?? ''}`);
    whmCalls = { ...gateway.simulator.stats().calls };
  });

  it('finds each issue on its item, with the input path at fault', () => {
    expect(results.map(codes)).toEqual([
      ['NOT_ON_SOURCE'],
      ['DATABASE_CONFLICT', 'DATABASE_CONFLICT', 'CONFLICT_NOT_RENAMED'],
      ['DATABASE_CONFLICT', 'DATABASE_CONFLICT', 'LOCAL_NAME_TAKEN'],
      ['DATABASE_CONFLICT', 'DATABASE_CONFLICT', 'LOCAL_NAME_INVALID'],
      [],
      ['DUPLICATE_ITEM'],
      ['MODULE_NOT_FOR_SESSION'],
      ['DOMAIN_CONFLICT'],
      ['NOT_ON_SOURCE'],
      ['DATABASE_CONFLICT', 'DATABASE_CONFLICT'],
    ]);
    expect(results.map((result) => result.blocked)).toEqual([true, true, true, true, false, true, true, false, true, false]);
    const issue = (index: number, code: string) => results[index]?.issues.find((found) => found.code === code);
    expect(issue(0, 'NOT_ON_SOURCE')?.field).toEqual(['items', '0', 'accountRemoteRoot', 'user']);
    expect(issue(2, 'LOCAL_NAME_TAKEN')?.field).toEqual(['items', '2', 'accountRemoteRoot', 'options', 'localUser']);
    expect(issue(3, 'LOCAL_NAME_INVALID')?.message).toMatch(/reserved/);
    expect(issue(5, 'DUPLICATE_ITEM')?.message).toMatch(/Item 4/);
    expect(issue(7, 'DOMAIN_CONFLICT')).toMatchObject({
      blocking: false,
      message: expect.stringContaining(domainConflict.localOwner),
    });
    expect(issue(1, 'DATABASE_CONFLICT')?.blocking).toBe(false);
  });

  it('suggests a free local name for the conflicts, checked with WHM', async () => {
    const conflict = results[1]?.issues.find((found) => found.code === 'CONFLICT_NOT_RENAMED');
    const taken = results[2]?.issues.find((found) => found.code === 'LOCAL_NAME_TAKEN');
    expect(conflict?.suggestedLocalUser).toBe(`${conflicting}2`);
    expect(taken?.suggestedLocalUser).toBe('juniper2');
    const local = await gateway.query<{ validateSystemUser: { exists: boolean; validForNew: boolean } }>(
      `{ validateSystemUser(username: "${conflicting}2") { exists validForNew } }`,
    );
    expect(local.data?.validateSystemUser).toEqual({ exists: false, validForNew: true });
  });

  it('sends nothing, and reads in one WHM batch for the check and one for the suggestions', async () => {
    expect(whmCalls.enqueue_transfer_item ?? 0).toBe(0);
    expect(whmRequests).toEqual(['batch', 'batch']);
    // The analysis and every local name in the first batch; the renamed items' new names verified once each.
    expect(whmCalls.retrieve_transfer_session_remote_analysis).toBe(1);
    expect(whmCalls.verify_new_username_for_restore).toBe(3);
    for (const call of [
      'retrieve_transfer_session_remote_analysis?',
      'validate_system_user?user=granite',
      'verify_new_username_for_restore?user=northwind',
    ]) {
      expect(firstBatch).toContain(`command=${call}`);
    }
    const listed = await gateway.query<{ transferSession: { items: unknown[] } }>(
      'query($id: ID!) { transferSession(id: $id) { items { name } } }',
      {
        id: rootSession,
      },
    );
    expect(listed.data?.transferSession.items).toEqual([]);
  });
});

describe('enqueueing', () => {
  it('holds back what used to be queued and fail at run time, and sends the rest', async () => {
    const before = enqueueWrites();
    const payload = await enqueue(rootSession, [account('nosuchuser'), account('granite'), account('meadow')]);
    expect(payload?.results.map((result) => [result.queued, result.blocked, result.error?.code ?? null])).toEqual([
      [false, true, 'PLAN_ISSUE'],
      [false, true, 'PLAN_ISSUE'],
      [true, false, null],
    ]);
    expect(payload?.results[1]?.error?.message).toMatch(/granite2/);
    expect(payload?.userErrors.map((error) => error.field)).toEqual([
      ['items', '0'],
      ['items', '1'],
    ]);
    expect(enqueueWrites()).toBe(before + 1);
  });

  it('takes the suggestion: a renamed conflict passes', async () => {
    const payload = await enqueue(rootSession, [account('granite', { localUser: 'granite2' })]);
    expect(payload?.results[0]).toMatchObject({ queued: true, blocked: false, error: null });
    expect(codes(payload?.results[0])).not.toContain('CONFLICT_NOT_RENAMED');
  });

  it('an item that overwrites on purpose (force on the item) is no conflict', async () => {
    const payload = await enqueue(rootSession, [account('nectar', undefined, { force: true })], { dryRun: true });
    expect(payload?.results[0]?.blocked).toBe(false);
  });

  it('force sends blocked items anyway and still reports their issues', async () => {
    const before = enqueueWrites();
    const payload = await enqueue(rootSession, [account('orchid')], { force: true });
    expect(payload?.results[0]).toMatchObject({ queued: true, blocked: true, error: null });
    expect(codes(payload?.results[0])).toContain('CONFLICT_NOT_RENAMED');
    expect(enqueueWrites()).toBe(before + 1);
  });

  it('checks a user session’s modules and local names', async () => {
    const userSession = await createSession(
      'createRemoteUserTransferSession(input: { host: "source.example.net", password: "remote-root-password" })',
    );
    const ownAccount = (localUser: string) => ({ accountRemoteUser: { user: 'root', options: { localUser } } });
    const payload = await enqueue(userSession, [account('meadow'), ownAccount('northwind')], { dryRun: true });
    expect(payload?.results.map(codes)).toEqual([['MODULE_NOT_FOR_SESSION'], ['LOCAL_NAME_TAKEN']]);
    const renamed = await enqueue(userSession, [ownAccount('rootcopy')], { dryRun: true });
    expect(renamed?.results.map(codes)).toEqual([[]]);
  });
});

describe('typed conflicts in the analysis', () => {
  interface Account {
    user: string;
    conflicts: { kind: string; name: string; localOwner: string | null }[];
    suggestedLocalUser: string | null;
  }

  it('lists each account’s conflicts and a free name, in the WHM batch of localUser', async () => {
    gateway.simulator.resetStats();
    const response = await gateway.query<{
      transferSession: {
        analysis: { conflicts: { kind: string; name: string; remoteUser: string | null }[]; accounts: Account[] };
      };
    }>(
      `query($id: ID!) { transferSession(id: $id) { analysis {
        conflicts { kind name localOwner remoteUser }
        accounts { user conflicts { kind name localOwner } suggestedLocalUser localUser { exists } } } } }`,
      { id: rootSession },
    );
    expect(response.errors).toBeUndefined();
    const analysis = response.data?.transferSession.analysis;
    const byUser = new Map(analysis?.accounts.map((entry) => [entry.user, entry]));
    expect(byUser.get('harbor')?.conflicts).toEqual([
      { kind: 'USER', name: 'harbor', localOwner: 'harbor' },
      { kind: 'DATABASE', name: 'harbor_wp', localOwner: 'harbor' },
      { kind: 'DATABASE_USER', name: 'harbor_wp_u', localOwner: 'harbor' },
    ]);
    expect(byUser.get('harbor')?.suggestedLocalUser).toBe('harbor2');
    expect(byUser.get('webnest')?.conflicts).toEqual([{ kind: 'DOMAIN', name: 'webnest.example.net', localOwner: 'bayside' }]);
    expect(byUser.get('meadow')).toMatchObject({ conflicts: [], suggestedLocalUser: null });
    expect(analysis?.conflicts).toContainEqual({ kind: 'USER', name: 'granite', localOwner: 'granite', remoteUser: 'granite' });
    expect(analysis?.conflicts.filter((conflict) => conflict.kind === 'USER')).toHaveLength(10);
    // 220 usernames and 3 candidates for each of the 10 conflicts: no more requests than localUser alone costs.
    const accounts = analysis?.accounts.length ?? 0;
    expect(gateway.simulator.stats().calls.validate_system_user).toBe(accounts + 30);
    expect(gateway.simulator.stats().totalRequests).toBeLessThanOrEqual(3);
  });
});
