// A journal entry of a write to WHM; an entry left open past its call's timeout reads UNKNOWN.
import { describeIntent, effectiveOutcome } from '../durability/write-journal.js';
import type { WhmWriteResolvers } from '../generated/graphql.js';

export const WhmWrite: WhmWriteResolvers = {
  id: (entry) => entry.id,
  server: (entry, _args, { servers }) => servers.resolve(entry.server).entry,
  whmFunction: (entry) => entry.whmFunction,
  params: (entry) => entry.params,
  requestedBy: (entry) => entry.requestedBy,
  requestId: (entry) => entry.requestId,
  startedAt: (entry) => entry.startedAt,
  finishedAt: (entry) => entry.finishedAt,
  outcome: (entry) => effectiveOutcome(entry),
  detail: (entry) => entry.detail,
  // In flight, interrupted or lost: WHM may have acted, and the operator should know what to look for.
  mayHaveDone: (entry) => (effectiveOutcome(entry) === 'UNKNOWN' || entry.outcome === null ? describeIntent(entry) : null),
};
