// enqueueTransferItems: every item checked first (its input, then the plan check against WHM: see
// plan-checks.ts), account sizes filled from the remote analysis, then every item without a blocking
// issue (or all, with force) sent in WHM `batch` requests; each item succeeds or fails on its own, and
// every item WHM accepted is recorded, whatever became of the others. dryRun stops after the check.
import type { GatewayContext } from '../../context.js';
import type { EnqueueItemResult, MutationResolvers, PlanIssue, UserError } from '../../generated/graphql.js';
import type { NewEnqueuedItem } from '../../registry/index.js';
import { guessSessionKind } from '../../transfer/index.js';
import { checkListLength, checkSessionId, LIMITS } from '../../validation.js';
import type { SessionKey } from '../../whm-access/index.js';
import { WhmApiError, type BatchOutcome, type EnqueueTransferItemParams, type WhmCall } from '../../whm/index.js';
import type { TransferItemModel } from '../models.js';
import { itemRecord, prepareItem, type PreparedItem } from './enqueue-items.js';
import { checkPlan } from './plan-checks.js';
import { userErrorFrom, enqueueTransportFailure } from './support.js';

type ItemResult = Omit<EnqueueItemResult, 'item'> & { item: TransferItemModel | null };
type WhmItemResult = Omit<ItemResult, 'issues' | 'blocked'>;

/** Account sizes from the analysis (bytes), so WHM picks partitions and progress is by bytes. */
async function fillSizesFromAnalysis(items: PreparedItem[], key: SessionKey, context: GatewayContext) {
  if (!items.some((item) => item.sizeFromAnalysisOf !== null)) return;
  // Sizes are a refinement: without an analysis, WHM's default size applies.
  const analysis = await context.sessions.remoteAnalysis(key).catch(() => null);
  const sizes = new Map((analysis?.items?.accounts ?? []).map((account) => [account.user, Number(account.bytesused ?? 0)]));
  for (const item of items) {
    const size = item.sizeFromAnalysisOf === null ? undefined : sizes.get(item.sizeFromAnalysisOf);
    if (size !== undefined && Number.isSafeInteger(size) && size >= 1) item.params.size = size;
  }
}

/** WHM's refusal of a duplicate (REFERENCE §2.9): the item is in the queue, which is what was asked. */
const isAlreadyQueued = (error: WhmApiError) => /already exists in the queue/.test(error.reason);

/** One item's result from its WHM outcome; `queued` collects what the registry must learn. */
function itemResult(
  outcome: BatchOutcome,
  params: EnqueueTransferItemParams,
  index: number,
  queued: NewEnqueuedItem[],
): WhmItemResult {
  const field = ['items', String(index)];
  const stored = itemRecord(params);
  // A duplicate within this list is the caller's mistake, not a repeat of an earlier enqueue.
  const repeatsThisList = queued.some((item) => item.module === stored.module && item.name === stored.name);
  if (outcome.ok || (outcome.error instanceof WhmApiError && isAlreadyQueued(outcome.error) && !repeatsThisList)) {
    queued.push(stored);
    const item: TransferItemModel = { source: 'registry', ...stored };
    return { index, queued: true, alreadyQueued: !outcome.ok, item, error: null };
  }
  const { error } = outcome;
  if (error instanceof WhmApiError)
    return { index, queued: false, alreadyQueued: false, item: null, error: userErrorFrom(error, field) };
  return { index, queued: false, alreadyQueued: false, item: null, error: enqueueTransportFailure(error, field, stored.name) };
}

/** An item a blocking issue held back: not sent, and why. */
function heldBack(index: number, issues: PlanIssue[]): ItemResult {
  const first = issues.find((found) => found.blocking);
  const message = `Not sent (force: true sends it anyway): ${first?.message ?? 'a blocking issue'}`;
  const error: UserError = { field: ['items', String(index)], code: 'PLAN_ISSUE', message };
  return { index, queued: false, alreadyQueued: false, item: null, error, issues, blocked: true };
}

export const enqueueMutations: MutationResolvers = {
  enqueueTransferItems: async (_root, { sessionId, server, items, dryRun, force }, context) => {
    const key = { server: context.servers.resolve(server).entry.name, id: checkSessionId(sessionId, ['sessionId']) };
    checkListLength(items, 1, LIMITS.itemsPerEnqueue, ['items']);
    const prepared = items.map((item, index) => prepareItem(item, index, key.id));
    const record = await context.records.load(key);
    const kind = record?.kind ?? guessSessionKind(key.id);
    const issues = await checkPlan(prepared, key, kind, context);
    const blocked = issues.map((found) => found.some((one) => one.blocking));
    if (dryRun) {
      const results = prepared.map((_item, index) => {
        const found = { issues: issues[index] ?? [], blocked: blocked[index] ?? false };
        return { index, queued: false, alreadyQueued: false, item: null, error: null, ...found };
      });
      return { session: key, results, userErrors: [] };
    }
    // The analysis is already read (the check), so the sizes cost no WHM request.
    if (kind === 'ROOT') await fillSizesFromAnalysis(prepared, key, context);

    const sending = prepared.flatMap((item, index) => (blocked[index] && !force ? [] : [{ item, index }]));
    const calls: WhmCall<'enqueue_transfer_item'>[] = sending.map(({ item }) => ({
      function: 'enqueue_transfer_item',
      params: item.params,
    }));
    const outcomes = calls.length > 0 ? await context.whm.writeBatch(key.server, calls) : [];
    const outcomeOf = new Map(sending.map(({ index }, position) => [index, outcomes[position]]));
    const queued: NewEnqueuedItem[] = [];
    const results = prepared.map((item, index): ItemResult => {
      const found = issues[index] ?? [];
      if (!outcomeOf.has(index)) return heldBack(index, found);
      const noAnswer = () => new WhmApiError({ server: key.server, command: 'batch' }, 'no answer');
      const outcome = outcomeOf.get(index) ?? { ok: false, error: noAnswer() };
      return { ...itemResult(outcome, item.params, index, queued), issues: found, blocked: blocked[index] ?? false };
    });
    if (queued.length > 0) {
      if (!record) {
        // WHM accepted items for a session we did not know: adopt it so the items are remembered.
        await context.registry.recordSession({
          ...key,
          kind: guessSessionKind(key.id),
          adopted: true,
          createdBy: context.identity.id,
        });
      }
      await context.registry.recordItems(key.server, key.id, queued);
    }
    if (calls.length > 0) {
      context.sessions.forget(key);
      context.records.clear(key);
    }
    const userErrors = results.flatMap((result) => (result.error ? [result.error] : []));
    return { session: key, results, userErrors };
  },
};
