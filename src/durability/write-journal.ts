// Writes that change WHM are journalled: an intent before the call, the outcome after it. A crash
// between the two leaves the intent open; once the call's own timeout has passed it reads as
// "outcome unknown: WHM may have <done this> at <time>", instead of leaving no trace at all.
import type { JournalEntry, WriteJournal, WriteOutcome } from '../registry/index.js';
import type { WriteRecorder } from '../whm-access/index.js';
import { WHM_FUNCTIONS, type WhmCall, type WhmFunctionName } from '../whm/index.js';

/** What the journal keeps of a call's parameters: everything but credentials. */
export function journalParams(call: WhmCall): Record<string, unknown> {
  const secrets = new Set<string>(WHM_FUNCTIONS[call.function].secretParams);
  return Object.fromEntries(Object.entries(call.params).filter(([name, value]) => !secrets.has(name) && value !== undefined));
}

/** The request's recorder: who asked, which request; a journal that cannot record refuses the write. */
export function journalRecorder(journal: WriteJournal, requestedBy: string, requestId: string): WriteRecorder {
  return {
    begin: (server, calls) =>
      journal.begin(
        calls.map((call) => ({ server, whmFunction: call.function, params: journalParams(call), requestedBy, requestId })),
      ),
    finish: (ids, outcome, detail) => journal.finish(ids, outcome, detail),
  };
}

const isKnownFunction = (name: string): name is WhmFunctionName => name in WHM_FUNCTIONS;

/** An open entry whose call must have ended by now (its timeout and a minute passed) has an unknown outcome. */
export function effectiveOutcome(entry: JournalEntry, now = Date.now()): WriteOutcome | null {
  if (entry.outcome !== null) return entry.outcome;
  const timeoutMs = isKnownFunction(entry.whmFunction) ? WHM_FUNCTIONS[entry.whmFunction].timeoutMs : 300_000;
  return now > entry.startedAt.getTime() + timeoutMs + 60_000 ? 'UNKNOWN' : null;
}

/** One line a person can act on: what WHM may have done, where, when. */
export function describeIntent(entry: JournalEntry): string {
  const at = entry.startedAt.toISOString();
  const session = typeof entry.params.transfer_session_id === 'string' ? ` on session ${entry.params.transfer_session_id}` : '';
  if (entry.whmFunction.startsWith('create_remote_')) {
    return `WHM ${entry.server} may have created a transfer session for host ${String(entry.params.host)} at ${at}`;
  }
  return `WHM ${entry.server} may have run ${entry.whmFunction}${session} at ${at}`;
}
