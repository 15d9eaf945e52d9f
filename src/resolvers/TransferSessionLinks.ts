// TransferSession.retriedFrom / retries: the links retryTransferItems records in the registry (schema/retry.graphql).
// Merged into the TransferSession resolvers in index.ts.
import type { GatewayContext } from '../context.js';
import type { TransferSessionResolvers } from '../generated/graphql.js';
import type { SessionRecord } from '../registry/index.js';
import type { TransferSessionRef } from './models.js';

/** Retries listed per session, newest first; more than this many retries of one session is not a workflow. */
const MAX_RETRIES_LISTED = 100;

function sessionRecord(ref: TransferSessionRef, { records }: GatewayContext): Promise<SessionRecord | null> {
  return ref.record !== undefined ? Promise.resolve(ref.record) : records.load(ref);
}

export const TransferSessionLinks: Pick<TransferSessionResolvers, 'retriedFrom' | 'retries'> = {
  retriedFrom: async (ref, _args, context) => {
    const original = (await sessionRecord(ref, context))?.retriedFrom;
    return original ? { server: ref.server, id: original } : null;
  },
  retries: async (ref, _args, { registry }) => {
    const page = await registry.list({ filter: { server: ref.server, retriedFrom: ref.id }, first: MAX_RETRIES_LISTED });
    return page.sessions.map((record) => ({ server: record.server, id: record.id, record }));
  },
};
