// One look at a session: its state and master.log, read in the same tick (so they leave together in
// one WHM batch, the state first) and parsed incrementally (only what the log gained since the last
// read of it; nothing, once the log is final). The poller and each subscriber's catch-up both read this way.
import { isTerminalSessionState, toSessionState, type ParsedTransferLog, type TransferEvent } from '../transfer/index.js';
import {
  TransferSessionSource,
  whmErrorExtensions,
  whmErrorOf,
  type SessionLogCache,
  type WhmAccess,
} from '../whm-access/index.js';
import type { LivePollErrorModel, SessionKey } from './messages.js';

export interface SessionRead {
  stateName: string;
  log: ParsedTransferLog;
  /**
   * The events a subscriber may be given: all but one on a last line WHM has not finished writing
   * (no newline yet), which the next read gives whole. (A text line WHM writes in `partial`
   * fragments is given with the text logged so far; later fragments do not push it again.)
   */
  settledEvents: readonly TransferEvent[];
}

/** One session's key in per-process maps (the log cache, the feeds). */
export const sessionCacheKey = (key: SessionKey): string => `${key.server}\u0000${key.id}`;

export async function readSession(access: WhmAccess, key: SessionKey, logs: SessionLogCache): Promise<SessionRead> {
  const source = new TransferSessionSource(access, logs);
  // The state first: a final state read before the log makes that log final (session-source.ts).
  const [state, master] = await Promise.all([source.state(key), source.masterLogRead(key)]);
  const stateName = typeof state.state_name === 'string' ? state.state_name : '';
  return sessionReadOf(stateName, master.log, master.unfinishedLastLine);
}

/** A read from its parts: `log` is a text parsed that, when `unfinishedLastLine`, had no newline at its end. */
export function sessionReadOf(stateName: string, log: ParsedTransferLog, unfinishedLastLine: boolean): SessionRead {
  // A final session writes nothing more: its last line is as finished as it will ever be.
  const unsettled = unfinishedLastLine && !isTerminalSessionState(toSessionState(stateName));
  const settledEvents = unsettled ? log.events.filter((event) => event.line < log.lineCount) : log.events;
  return { stateName, log, settledEvents };
}

/** What changes a push: state, progress and items (not new text lines alone, not a poll as such). */
export function changeFingerprint(
  read: Pick<SessionRead, 'stateName'> & { log: Pick<ParsedTransferLog, 'progress' | 'items'> },
): string {
  return JSON.stringify([toSessionState(read.stateName).state, read.stateName, read.log.progress, read.log.items]);
}

/** A poll failure as subscribers see it: the same codes as queries, never internals. */
export function pollErrorOf(error: unknown, consecutiveFailures: number): LivePollErrorModel {
  const whmError = whmErrorOf(error);
  if (whmError) {
    const code = whmErrorExtensions(whmError).code;
    return { code: typeof code === 'string' ? code : 'WHM_ERROR', message: whmError.message, consecutiveFailures };
  }
  return { code: 'POLL_FAILED', message: 'Polling this session failed; the gateway log has the details.', consecutiveFailures };
}
