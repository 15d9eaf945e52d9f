// The envelope quirks of real WHM servers, switched on per simulator: every answer, top level and
// inside `batch`, has the quirk's shape on the wire (raw HTTP, no client in between).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUIRKS, startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { SOURCE, createRootSession, dataOf, whm } from './helpers.js';
import type { Envelope } from './helpers.js';

let simulator: RunningSimulator;
let sessionId = '';

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
  sessionId = await createRootSession(simulator);
});
afterAll(async () => {
  await simulator.close();
});
afterEach(() => {
  simulator.setQuirks({ ...DEFAULT_QUIRKS });
});

/** Calls that succeed, with and without data of their own, from both function families. */
const SUCCESSES: [string, () => Record<string, string>][] = [
  ['available_transfer_modules', () => ({})],
  ['transfer_module_schema', () => ({ module: 'PackageRemoteRoot' })],
  ['validate_system_user', () => ({ user: 'root' })],
  ['get_transfer_session_state', () => ({ transfer_session_id: sessionId })],
  ['analyze_transfer_session_remote', () => ({ transfer_session_id: sessionId })],
  ['restore_modules_summary', () => ({})],
  ['restore_queue_is_active', () => ({})],
  ['backup_date_list', () => ({})],
];

/** Calls that fail: plain failures, API failures, a failure with data, a restore-queue failure. */
const FAILURES: [string, Record<string, string>][] = [
  ['validate_system_user', {}],
  ['transfer_module_schema', {}],
  ['get_transfer_session_state', { transfer_session_id: 'nosuchsession' }],
  ['remote_basic_credential_check', { host: SOURCE, user: 'root', password: 'wrong' }],
  ['restore_queue_clear_pending_task', {}],
];

const command = (functionName: string, params: Record<string, string>): [string, string] => [
  'command',
  `${functionName}?${new URLSearchParams(params).toString()}`,
];

describe('quirks', () => {
  it('stringResult and stringNumbers turn numbers into strings', async () => {
    simulator.setQuirks({ stringResult: true, stringNumbers: true });
    const envelope = await whm(simulator, 'validate_system_user', { user: 'root' });
    expect(envelope).toEqual({
      data: { exists: '1', reserved: '1', valid_for_new: '1', valid_for_transfer: '1' },
      metadata: { command: 'validate_system_user', reason: 'OK', result: '1', version: 1 },
    });
  });

  it('warningsAsString joins output warnings with newlines', async () => {
    const asArray = await whm(simulator, 'delete_account_archives', { user: 'nosuchuser' });
    expect(Array.isArray(asArray.metadata.output?.warnings)).toBe(true);
    simulator.setQuirks({ warningsAsString: true });
    const asString = await whm(simulator, 'delete_account_archives', { user: 'nosuchuser' });
    expect(typeof asString.metadata.output?.warnings).toBe('string');
  });

  it('restore queue functions always send result and reason as strings', async () => {
    const envelope = await whm(simulator, 'restore_queue_is_active');
    expect(envelope.metadata.result).toBe('1');
    expect(envelope.data).toEqual({ is_active: 0 });
  });

  it('noData: no successful answer has a data key; failures keep theirs', async () => {
    const withData = await whm(simulator, 'validate_system_user', { user: 'root' });
    expect(withData).toHaveProperty('data');
    simulator.setQuirks({ noData: true });
    for (const [functionName, params] of SUCCESSES) {
      const envelope = await whm(simulator, functionName, params());
      expect({ functionName, reason: envelope.metadata.reason }).toEqual({ functionName, reason: 'OK' });
      expect(envelope, functionName).not.toHaveProperty('data');
    }
    const failed = await whm(simulator, 'remote_basic_credential_check', { host: SOURCE, user: 'root', password: 'wrong' });
    expect(failed.metadata.result).toBe(0);
    expect(dataOf(failed)).toHaveProperty('output');
  });

  it('nullData: every successful answer has data: null, also those that have no data normally', async () => {
    simulator.setQuirks({ nullData: true });
    for (const [functionName, params] of SUCCESSES) {
      const envelope = await whm(simulator, functionName, params());
      expect(Object.keys(envelope), functionName).toEqual(['data', 'metadata']);
      expect(envelope.data, functionName).toBeNull();
    }
    simulator.setQuirks({ noData: true });
    expect(await whm(simulator, 'validate_system_user', { user: 'root' })).not.toHaveProperty('data');
  });

  it('dataReason: every failure has its reason in data.reason and an empty metadata.reason', async () => {
    const reasons = new Map<string, string>();
    for (const [functionName, params] of FAILURES) {
      reasons.set(functionName, (await whm(simulator, functionName, params)).metadata.reason);
    }
    simulator.setQuirks({ dataReason: true });
    for (const [functionName, params] of FAILURES) {
      const envelope = await whm(simulator, functionName, params);
      expect(Number(envelope.metadata.result), functionName).toBe(0);
      expect(envelope.metadata.reason, functionName).toBe('');
      // XIDs differ per answer; the rest of the text is the same.
      const normal = (reasons.get(functionName) ?? '').replace(/\(XID \w{6}\)/, '(XID)');
      expect(String(dataOf(envelope)['reason']).replace(/\(XID \w{6}\)/, '(XID)'), functionName).toBe(normal);
      expect(normal).not.toBe('');
    }
    const withData = await whm(simulator, 'remote_basic_credential_check', { host: SOURCE, user: 'root', password: 'wrong' });
    expect(dataOf(withData)).toMatchObject({
      output: expect.stringContaining('Basic credential check'),
      escalation_method_used: null,
    });
    const success = await whm(simulator, 'validate_system_user', { user: 'root' });
    expect(success.metadata.reason).toBe('OK');
    expect(dataOf(success)).not.toHaveProperty('reason');
  });

  it('noData and nullData reach batch sub-results; the batch keeps its own data.result', async () => {
    const calls = [command('validate_system_user', { user: 'root' }), command('available_transfer_modules', {})];
    simulator.setQuirks({ noData: true });
    const bare = await whm(simulator, 'batch', calls);
    expect(bare.metadata.result).toBe(1);
    const bareResults = dataOf(bare)['result'] as Envelope[];
    expect(bareResults).toHaveLength(2);
    for (const element of bareResults) expect(element).not.toHaveProperty('data');
    simulator.setQuirks({ noData: false, nullData: true });
    const nulls = dataOf(await whm(simulator, 'batch', calls))['result'] as Envelope[];
    expect(nulls.map((element) => element.data)).toEqual([null, null]);
  });

  it('dataReason reaches failed batch sub-results and the failed batch itself', async () => {
    simulator.setQuirks({ dataReason: true });
    const envelope = await whm(simulator, 'batch', [
      command('validate_system_user', { user: 'root' }),
      command('validate_system_user', {}),
    ]);
    expect(envelope.metadata).toMatchObject({ result: 0, reason: '' });
    expect(dataOf(envelope)['reason']).toBe('One or more of the batch commands failed.');
    const [ok, failed] = dataOf(envelope)['result'] as Envelope[];
    expect(ok?.metadata.reason).toBe('OK');
    expect(failed).toEqual({
      data: { reason: 'No user name supplied: “user” is a required argument.' },
      metadata: { command: 'validate_system_user', reason: '', result: 0, version: 1 },
    });
  });

  it('are set over HTTP with POST /__sim/quirks, which answers every switch', async () => {
    const post = async (body: unknown): Promise<Response> =>
      fetch(`${simulator.url}/__sim/quirks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const answer = await post({ noData: true, dataReason: true, unknownQuirk: true });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ...DEFAULT_QUIRKS, noData: true, dataReason: true });
    expect(await whm(simulator, 'validate_system_user', { user: 'root' })).not.toHaveProperty('data');
    expect(dataOf(await whm(simulator, 'validate_system_user', {}))['reason']).toMatch(/No user name supplied/);
    const refused = await post([]);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('"nullData"?: bool');
  });
});
