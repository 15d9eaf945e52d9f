// What the cases of test/e2e/whm-answer-shapes.test.ts share: the shape of a case, what beforeAll
// prepares, and the set-up steps (run with every quirk off).
import { expect } from 'vitest';
import { demo } from '../../src/simulator/index.js';
import type { WhmFunctionName } from '../../src/whm/index.js';
import type { TestGateway } from '../helpers/gateway.js';

/** What the gateway owes the client when WHM answers success without `data` (noData, nullData). */
export type MissingData =
  /** The function returns no data, or data the gateway can do without: the operation succeeds. */
  | 'succeeds'
  /** A read whose data is required: WHM_PROTOCOL_ERROR on the field, naming the function. */
  | 'fieldError'
  /** A write WHM may have carried out: a WHM_PROTOCOL_ERROR userError saying WHM may have acted. */
  | 'userError';

/** What beforeAll prepared, with every quirk off. */
export interface Fixture {
  gateway: TestGateway;
  /** A PENDING root session (analysed, never started). */
  rootSessionId: string;
  /** A root session that ran to COMPLETED (it has a master.log). */
  finishedSessionId: string;
  restorePoint: string;
  /** Accounts in that restore point not yet given to addRestoreQueueTask (each case takes one). */
  unqueuedRestoreUsers: string[];
  /** An account of that restore point the restore queue cases queue again and again (never two at once). */
  restoreQueueUser: string;
  cpmovePath: string;
}

/** What a `check` may look at besides the data: the fixture (and its simulator) and the case's variables. */
export interface CaseRun {
  fixture: Fixture;
  variables: Record<string, unknown>;
}

export interface ShapeCase {
  operation: string;
  variables?: (fixture: Fixture) => Record<string, unknown>;
  /** Runs before each case with every quirk off; what it returns joins the variables. */
  setup?: (fixture: Fixture) => Promise<Record<string, unknown>>;
  /** When the function's own answer has no data. */
  missingData: MissingData;
  /**
   * A read the operation must make first: when every answer lacks data, that read fails the field
   * (naming it) and the function is never called.
   */
  readsFirst?: WhmFunctionName;
  /** Checks the data of a case WHM answered in full (baseline and the quirks that keep `data`). */
  check?: (data: Record<string, unknown>, run: CaseRun) => void;
  /** Checks the data of a case whose answers all lacked `data` (noData, nullData; without readsFirst). */
  checkWithoutData?: (data: Record<string, unknown>) => void;
}

export type ShapeCases = Partial<Record<WhmFunctionName, ShapeCase>>;

export const USER_ERRORS = 'userErrors { field message code }';
export const field = <T>(data: Record<string, unknown>, name: string) => data[name] as T;

/** Runs an operation that must succeed (set-up steps), returning its data. */
export async function mustQuery<D = Record<string, unknown>>(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<D> {
  const response = await gateway.query<D>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as D;
}

export async function createRootSession(gateway: TestGateway): Promise<string> {
  const data = await mustQuery<{ createRemoteRootTransferSession: { session: { id: string } | null; userErrors: unknown[] } }>(
    gateway,
    `mutation($host: String!, $password: String!) {
      createRemoteRootTransferSession(input: { host: $host, credentials: { password: $password } }) { session { id } userErrors { message } }
    }`,
    { host: demo.DEMO_SOURCE_HOST, password: demo.DEMO_REMOTE_ROOT_PASSWORD },
  );
  expect(data.createRemoteRootTransferSession.userErrors).toEqual([]);
  return data.createRemoteRootTransferSession.session?.id ?? '';
}

export async function enqueue(gateway: TestGateway, id: string, items: object[]): Promise<void> {
  const data = await mustQuery<{ enqueueTransferItems: { userErrors: unknown[] } }>(
    gateway,
    'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { userErrors { message } } }',
    { id, items },
  );
  expect(data.enqueueTransferItems.userErrors).toEqual([]);
}

export async function start(gateway: TestGateway, id: string): Promise<void> {
  const data = await mustQuery<{ startTransferSession: { userErrors: unknown[] } }>(
    gateway,
    'mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }',
    { id },
  );
  expect(data.startTransferSession.userErrors).toEqual([]);
}

/**
 * Source accounts of the session with no local namesake now. Asked afresh each time: sessions of
 * earlier cases go on transferring accounts, and enqueue's plan check holds back one that exists here.
 */
export async function accountsWithoutLocalNamesake(gateway: TestGateway, id: string): Promise<string[]> {
  const data = await mustQuery<{
    transferSession: { analysis: { accounts: { user: string; localUser: { exists: boolean } }[] } };
  }>(gateway, 'query($id: ID!) { transferSession(id: $id) { analysis { accounts { user localUser { exists } } } } }', { id });
  return data.transferSession.analysis.accounts.filter((account) => !account.localUser.exists).map((account) => account.user);
}
