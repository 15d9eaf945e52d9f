// The session state machine of REFERENCE §1.1, transition by transition, over real HTTP on a clock
// the test moves by hand, with what each move writes to master.log (and master.error_log).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SessionStateName } from '../../src/simulator/index.js';
import { canChangeState } from '../../src/simulator/session-states.js';
import { control, createRootSession, dataOf, enqueueAccount, fetchLog, sessionState, whm } from './helpers.js';
import type { Envelope } from './helpers.js';

const STATES: SessionStateName[] = [
  'PENDING',
  'REACHEDMAXMEM',
  'RUNNING',
  'PAUSING',
  'ABORTING',
  'PAUSED',
  'COMPLETED',
  'ABORTED',
  'FAILED',
];

/** §1.1, written out as a table: target → the states it may be reached from (besides itself). */
const ALLOWED_FROM: Record<SessionStateName, SessionStateName[] | 'any'> = {
  RUNNING: ['PENDING', 'PAUSED'],
  PAUSING: ['RUNNING'],
  PAUSED: ['PAUSING'],
  ABORTING: ['PENDING', 'RUNNING', 'PAUSING', 'PAUSED'],
  ABORTED: ['ABORTING'],
  COMPLETED: ['RUNNING'],
  FAILED: 'any',
  PENDING: [],
  REACHEDMAXMEM: [],
};

describe('can_change_state (§1.1)', () => {
  it.each(STATES)('allows exactly the listed moves into %s', (to) => {
    for (const from of STATES) {
      const allowed = ALLOWED_FROM[to];
      const expected = from === to || allowed === 'any' || allowed.includes(from);
      expect({ from, to, allowed: canChangeState(from, to) }).toEqual({ from, to, allowed: expected });
    }
  });
});

describe('transitions over HTTP on a controlled clock', () => {
  let clock = 0;
  let simulator: RunningSimulator;
  const advance = (seconds: number): void => {
    clock += seconds * 1000;
  };
  const call = (functionName: string, id: string): Promise<Envelope> => whm(simulator, functionName, { transfer_session_id: id });
  const result = async (functionName: string, id: string): Promise<number | string> =>
    (await call(functionName, id)).metadata.result;
  /** Actions of the master's lines (child 0), in order. */
  const masterActions = async (id: string, logfile = 'master.log'): Promise<unknown[]> =>
    (await fetchLog(simulator, id, logfile))
      .filter((line) => control(line)['child_number'] === 0)
      .map((line) => control(line)['action']);
  const itemStates = (id: string): string[] => (simulator.state.session(id)?.items ?? []).map((item) => item.state);
  const HEADER = ['start', 'initiator', 'version', 'queue_count', 'queue_size', 'queue_count', 'queue_size', 'remotehost'];

  // A fresh world per test: restored accounts exist locally afterwards and would conflict.
  beforeEach(async () => {
    clock = Date.UTC(2026, 10, 28, 12, 0, 0);
    simulator = await startSimulator({ now: () => clock });
  });
  afterEach(async () => {
    await simulator.close();
  });

  async function sessionWith(users: string[]): Promise<string> {
    const id = await createRootSession(simulator);
    for (const user of users) expect((await enqueueAccount(simulator, id, user)).metadata.result).toBe(1);
    return id;
  }

  /** Moves the clock a second at a time until `done` holds (bounded). */
  function advanceUntil(done: () => boolean): void {
    for (let step = 0; step < 3600 && !done(); step += 1) advance(1);
    expect(done()).toBe(true);
  }

  it('PENDING → RUNNING → COMPLETED: the header, then complete', async () => {
    const id = await sessionWith(['sunrise']);
    expect(await sessionState(simulator, id)).toBe('PENDING');
    expect(Number(dataOf(await call('start_transfer_session', id))['pid'])).toBeGreaterThan(0);
    expect(await sessionState(simulator, id)).toBe('RUNNING');
    expect(await masterActions(id)).toEqual(HEADER);
    advance(600);
    expect(await sessionState(simulator, id)).toBe('COMPLETED');
    expect(await masterActions(id)).toEqual([...HEADER, 'complete']);
  });

  it('RUNNING → PAUSING until in-flight items finish → PAUSED → RUNNING (resume) → COMPLETED', async () => {
    const id = await sessionWith(['mediavault', 'sunrise', 'meadow', 'oddphp']);
    const pid = Number(dataOf(await call('start_transfer_session', id))['pid']);
    advance(5);
    expect(await sessionState(simulator, id)).toBe('RUNNING');
    expect(await result('pause_transfer_session', id)).toBe(1);
    expect(await sessionState(simulator, id)).toBe('PAUSING');
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing']);
    advance(600);
    expect(await sessionState(simulator, id)).toBe('PAUSED');
    expect(itemStates(id)).toEqual(['RESTORE_PENDING', 'TRANSFER_PENDING', 'TRANSFER_PENDING', 'TRANSFER_PENDING']);
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing', 'pause']);

    const resumed = Number(dataOf(await call('start_transfer_session', id))['pid']);
    expect(resumed).not.toBe(pid);
    expect(await sessionState(simulator, id)).toBe('RUNNING');
    advance(600);
    expect(await sessionState(simulator, id)).toBe('COMPLETED');
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing', 'pause', 'resume', 'remotehost', 'complete']);
    expect(itemStates(id).every((state) => state === 'COMPLETED')).toBe(true);
  });

  it('PAUSING → PAUSED even when the last item finishes meanwhile; the resumed run completes at once', async () => {
    const id = await sessionWith(['sunrise']);
    await call('start_transfer_session', id);
    advanceUntil(() => itemStates(id)[0] === 'RESTORE_INPROGRESS');
    expect(await result('pause_transfer_session', id)).toBe(1);
    advance(600);
    expect(itemStates(id)).toEqual(['COMPLETED']);
    // §1.1: COMPLETED only from RUNNING, so a pausing run ends PAUSED.
    expect(await sessionState(simulator, id)).toBe('PAUSED');
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing', 'pause']);
    expect(await result('start_transfer_session', id)).toBe(1);
    expect(await sessionState(simulator, id)).toBe('COMPLETED');
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing', 'pause', 'resume', 'remotehost', 'complete']);
  });

  it('RUNNING → ABORTING → ABORTED shortly after; in-flight items fail, the rest stay queued', async () => {
    const id = await sessionWith(['mediavault', 'sunrise', 'meadow', 'oddphp']);
    await call('start_transfer_session', id);
    advance(5);
    expect(await result('abort_transfer_session', id)).toBe(1);
    expect(await sessionState(simulator, id)).toBe('ABORTING');
    expect(await masterActions(id)).toEqual([...HEADER, 'aborting']);
    advance(5);
    expect(await sessionState(simulator, id)).toBe('ABORTED');
    expect(itemStates(id)).toEqual(['FAILED', 'TRANSFER_PENDING', 'TRANSFER_PENDING', 'TRANSFER_PENDING']);
    const master = await fetchLog(simulator, id, 'master.log');
    const failed = master.filter((line) => control(line)['action'] === 'failed-item').map((line) => control(line)['item']);
    expect(failed).toEqual(['mediavault', 'mediavault']);
    expect(await masterActions(id)).toEqual([...HEADER, 'aborting', 'abort']);
    expect((await call('start_transfer_session', id)).metadata.reason).toMatch(/has been aborted/);
  });

  it('RUNNING → ABORTING → ABORTED, not COMPLETED, when the aborted item was the last one', async () => {
    const id = await sessionWith(['mediavault']);
    await call('start_transfer_session', id);
    advance(5);
    expect(await result('abort_transfer_session', id)).toBe(1);
    advance(5);
    expect(await sessionState(simulator, id)).toBe('ABORTED');
    expect(itemStates(id)).toEqual(['FAILED']);
    const actions = await masterActions(id);
    expect(actions).toEqual([...HEADER, 'aborting', 'abort']);
    expect(actions).not.toContain('complete');
  });

  it('PAUSING → ABORTING → ABORTED (pause, then abort): abort, never complete', async () => {
    const id = await sessionWith(['mediavault', 'sunrise']);
    await call('start_transfer_session', id);
    advance(5);
    expect(await result('pause_transfer_session', id)).toBe(1);
    expect(await sessionState(simulator, id)).toBe('PAUSING');
    expect(await result('abort_transfer_session', id)).toBe(1);
    expect(await sessionState(simulator, id)).toBe('ABORTING');
    advance(5);
    expect(await sessionState(simulator, id)).toBe('ABORTED');
    expect(itemStates(id)).toEqual(['FAILED', 'TRANSFER_PENDING']);
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing', 'aborting', 'abort']);
  });

  it('PAUSING → ABORTING → ABORTED when the only item is in flight (workers exit paused and complete)', async () => {
    const id = await sessionWith(['mediavault']);
    await call('start_transfer_session', id);
    advance(5);
    expect(await result('pause_transfer_session', id)).toBe(1);
    advance(1);
    expect(await result('abort_transfer_session', id)).toBe(1);
    advance(5);
    expect(await sessionState(simulator, id)).toBe('ABORTED');
    const actions = await masterActions(id);
    expect(actions).toEqual([...HEADER, 'pausing', 'aborting', 'abort']);
    expect(actions).not.toContain('complete');
  });

  it('PAUSED → ABORTING → ABORTED at once: an offline abort line (no time) in both master logs', async () => {
    const id = await sessionWith(['mediavault', 'sunrise']);
    await call('start_transfer_session', id);
    advance(5);
    await call('pause_transfer_session', id);
    advance(600);
    expect(await sessionState(simulator, id)).toBe('PAUSED');
    expect(await result('abort_transfer_session', id)).toBe(1);
    expect(await sessionState(simulator, id)).toBe('ABORTED');
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing', 'pause', 'abort']);
    const last = (await fetchLog(simulator, id, 'master.log')).at(-1);
    expect(last === undefined ? undefined : control(last)).toEqual({ action: 'abort', child_number: 0 });
    const errorLog = await fetchLog(simulator, id, 'master.error_log');
    expect(errorLog.map((line) => control(line))).toEqual([{ action: 'abort', child_number: 0 }]);
  });

  it('before start: pause fails and writes nothing; abort marks the session FAILED with an offline fail line', async () => {
    const id = await sessionWith(['sunrise']);
    const pause = await call('pause_transfer_session', id);
    expect(pause).toEqual({
      metadata: {
        command: 'pause_transfer_session',
        reason: 'The system failed to “pause” the transfer session.',
        result: 0,
        version: 1,
      },
    });
    expect(await sessionState(simulator, id)).toBe('PENDING');
    const missing = await whm(simulator, 'fetch_transfer_session_log', { transfer_session_id: id, logfile: 'master.log' });
    expect(missing.metadata.reason).toMatch(/failed to locate/);

    expect(await call('abort_transfer_session', id)).toEqual({
      metadata: { command: 'abort_transfer_session', reason: 'OK', result: 1, version: 1 },
    });
    expect(await sessionState(simulator, id)).toBe('FAILED');
    expect((await fetchLog(simulator, id, 'master.log')).map((line) => control(line))).toEqual([
      { action: 'fail', child_number: 0 },
    ]);
    expect((await fetchLog(simulator, id, 'master.error_log')).map((line) => control(line))).toEqual([
      { action: 'fail', child_number: 0 },
    ]);
  });

  it('RUNNING → FAILED when pause or abort finds the processor dead', async () => {
    for (const action of ['pause_transfer_session', 'abort_transfer_session']) {
      const id = await sessionWith(['mediavault']);
      await call('start_transfer_session', id);
      simulator.state.sessions.get(id)?.killProcessor();
      expect(await sessionState(simulator, id)).toBe('RUNNING');
      expect(await result(action, id)).toBe(1);
      expect(await sessionState(simulator, id)).toBe('FAILED');
      expect(await masterActions(id)).toEqual([...HEADER, 'fail']);
    }
  });

  it('ABORTING: a second abort succeeds without a second aborting line; start and pause are refused', async () => {
    const id = await sessionWith(['mediavault']);
    await call('start_transfer_session', id);
    advance(5);
    await call('abort_transfer_session', id);
    expect(await result('abort_transfer_session', id)).toBe(1);
    expect((await call('start_transfer_session', id)).metadata.reason).toMatch(/has been aborted/);
    expect(await result('pause_transfer_session', id)).toBe(0);
    expect(await sessionState(simulator, id)).toBe('ABORTING');
    expect(await masterActions(id)).toEqual([...HEADER, 'aborting']);
  });

  it('PAUSING and PAUSED refuse a second pause; PAUSING refuses start', async () => {
    const id = await sessionWith(['mediavault', 'sunrise']);
    await call('start_transfer_session', id);
    advance(5);
    await call('pause_transfer_session', id);
    expect(await result('pause_transfer_session', id)).toBe(0);
    expect((await call('start_transfer_session', id)).metadata.reason).toMatch(/is pausing/);
    advance(600);
    expect(await sessionState(simulator, id)).toBe('PAUSED');
    expect(await result('pause_transfer_session', id)).toBe(0);
    expect(await masterActions(id)).toEqual([...HEADER, 'pausing', 'pause']);
  });

  it('a RUNNING session refuses a second start', async () => {
    const id = await sessionWith(['sunrise']);
    await call('start_transfer_session', id);
    expect((await call('start_transfer_session', id)).metadata.reason).toMatch(/already running/);
    expect(await masterActions(id)).toEqual(HEADER);
  });

  it.each(['COMPLETED', 'ABORTED', 'FAILED'])(
    '%s is final: start, pause and abort are refused and write nothing',
    async (final) => {
      const id = await sessionWith(['mediavault']);
      if (final !== 'FAILED') await call('start_transfer_session', id);
      if (final !== 'COMPLETED') await call('abort_transfer_session', id);
      advance(600);
      expect(await sessionState(simulator, id)).toBe(final);
      const before = await fetchLog(simulator, id, 'master.log');
      for (const action of ['start_transfer_session', 'pause_transfer_session', 'abort_transfer_session']) {
        expect(await result(action, id)).toBe(0);
      }
      expect(await sessionState(simulator, id)).toBe(final);
      expect(await fetchLog(simulator, id, 'master.log')).toEqual(before);
    },
  );

  it('progress advances with simulated time: items take longer the bigger they are', async () => {
    const id = await createRootSession(simulator);
    await enqueueAccount(simulator, id, 'mediavault');
    await whm(simulator, 'start_transfer_session', { transfer_session_id: id });
    advance(30);
    expect(simulator.state.session(id)?.items[0]?.state).toBe('TRANSFER_INPROGRESS');
    advance(100);
    expect(simulator.state.session(id)?.items[0]?.state).toBe('RESTORE_INPROGRESS');
    advance(100);
    expect(simulator.state.session(id)?.state).toBe('COMPLETED');
  });

  it('start fails for unknown sessions with the server text', async () => {
    const unknown = await whm(simulator, 'start_transfer_session', { transfer_session_id: 'nosuch' });
    expect(unknown.metadata.reason).toMatch(
      /^The system failed to start the transfer session “nosuch” because of an error: \(XID \w{6}\) The session ID “nosuch” does not exist\.$/,
    );
  });
});
