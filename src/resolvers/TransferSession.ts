// A session joins three sources: the registry (what the gateway did), WHM's state, and master.log
// (items, events, progress). Each is loaded only when a field asks for it, batched per tier.
import type { GatewayContext } from '../context.js';
import type { TransferSessionResolvers, TransferSessionState } from '../generated/graphql.js';
import type { SessionLogSnapshot } from '../live/index.js';
import type { EnqueuedItemRecord, SessionRecord } from '../registry/index.js';
import {
  eventsAfter,
  guessSessionKind,
  isTerminalSessionState,
  tailLog,
  toSessionState,
  transferItemKey,
  utf8ByteLength,
  type TransferItemOutcome,
} from '../transfer/index.js';
import { checkIntegerRange, checkLogFile, LIMITS } from '../validation.js';
import { checkEventCursor } from './event-cursor.js';
import type { TransferItemModel, TransferSessionRef } from './models.js';

function sessionRecord(ref: TransferSessionRef, { records }: GatewayContext): Promise<SessionRecord | null> {
  return ref.record !== undefined ? Promise.resolve(ref.record) : records.load(ref);
}

/** master.log parsed: from the live poll that pushed this session, else read for this request. */
function masterLog(ref: TransferSessionRef, context: GatewayContext): Promise<SessionLogSnapshot> {
  return ref.snapshot ? Promise.resolve(ref.snapshot.log) : context.sessions.masterLog(ref);
}

interface LoggedItems {
  models: TransferItemModel[];
  keys: ReadonlySet<string>;
  /** Registry items found among them: the registry hands out the same objects while a session's items are unchanged. */
  registered: WeakSet<EnqueuedItemRecord>;
}

/**
 * The log's items as models, made once per parsed log: an unchanged (or final) log gives every request
 * the same outcomes, and a large session has thousands of them.
 */
const loggedItemsByLog = new WeakMap<readonly TransferItemOutcome[], LoggedItems>();

function loggedItems(outcomes: readonly TransferItemOutcome[], ref: TransferSessionRef): LoggedItems {
  let logged = loggedItemsByLog.get(outcomes);
  if (logged === undefined) {
    const session = { server: ref.server, id: ref.id };
    const models = outcomes.map((outcome): TransferItemModel => ({ source: 'log', session, outcome }));
    logged = { models, keys: new Set(outcomes.map((outcome) => outcome.key)), registered: new WeakSet() };
    loggedItemsByLog.set(outcomes, logged);
  }
  return logged;
}

/** WHM's state, remembered in the registry when it changed (so listings can filter by it). */
async function sessionState(
  ref: TransferSessionRef,
  context: GatewayContext,
): Promise<{ state: TransferSessionState; raw: string }> {
  // A pushed session: the poller tells the registry of each new state, once for all subscribers.
  if (ref.snapshot) return toSessionState(ref.snapshot.stateName);
  const [{ state_name: reported }, record] = await Promise.all([context.sessions.state(ref), sessionRecord(ref, context)]);
  const raw = typeof reported === 'string' ? reported : '';
  if (record && record.lastState !== raw) {
    // Best effort: a registry hiccup must not fail a read of WHM's state.
    context.registry.recordState(ref.server, ref.id, raw).catch(() => undefined);
  }
  return toSessionState(raw);
}

async function readLog(ref: TransferSessionRef, file: string, tailLines: number | null | undefined, context: GatewayContext) {
  if (tailLines !== null && tailLines !== undefined) checkIntegerRange(tailLines, 1, LIMITS.logTailLines, ['tailLines']);
  const log = await context.sessions.logText(ref, file);
  const { maxLogBytes, logBudget } = context.limits;
  const allowance = logBudget.allowance(maxLogBytes);
  const tail = tailLog(log, { maxLines: tailLines ?? undefined, maxBytes: allowance });
  // Cut by the response's budget (not by the field's own caps) only if the uncut tail would not fit.
  const cutByBudget =
    allowance < maxLogBytes &&
    tail.truncated &&
    utf8ByteLength(tailLog(log, { maxLines: tailLines ?? undefined, maxBytes: maxLogBytes }).text) > allowance;
  logBudget.spend(utf8ByteLength(tail.text), cutByBudget);
  return { file, text: tail.text, lineCount: tail.lineCount, truncated: tail.truncated };
}

export const TransferSession: TransferSessionResolvers = {
  id: (ref) => ref.id,
  server: (ref, _args, { servers }) => servers.resolve(ref.server).entry,
  kind: async (ref, _args, context) => (await sessionRecord(ref, context))?.kind ?? guessSessionKind(ref.id),
  state: async (ref, _args, context) => (await sessionState(ref, context)).state,
  stateName: async (ref, _args, context) => (await sessionState(ref, context)).raw,
  isFinished: async (ref, _args, context) => isTerminalSessionState((await sessionState(ref, context)).state),
  remoteHost: async (ref, _args, context) => {
    const record = await sessionRecord(ref, context);
    if (record?.remoteHost) return record.remoteHost;
    if ((record?.kind ?? guessSessionKind(ref.id)) === 'RESTORE') return null;
    return (await masterLog(ref, context)).session.remoteHost;
  },
  createdAt: async (ref, _args, context) =>
    (await sessionRecord(ref, context))?.createdAt ?? (await masterLog(ref, context)).session.startedAt,
  createdBy: async (ref, _args, context) => (await sessionRecord(ref, context))?.createdBy ?? null,
  adopted: async (ref, _args, context) => (await sessionRecord(ref, context))?.adopted ?? false,
  analysis: async (ref, _args, context) => {
    const kind = (await sessionRecord(ref, context))?.kind ?? guessSessionKind(ref.id);
    if (kind !== 'ROOT') return null;
    return { server: ref.server, sessionId: ref.id, data: await context.sessions.remoteAnalysis(ref) };
  },
  items: async (ref, _args, context) => {
    const [parsed, record] = await Promise.all([masterLog(ref, context), sessionRecord(ref, context)]);
    const { models, keys, registered } = loggedItems(parsed.items, ref);
    const waiting = (record?.items ?? []).filter((item) => {
      if (registered.has(item)) return false;
      if (!keys.has(transferItemKey(item.module, item.name))) return true;
      registered.add(item);
      return false;
    });
    return waiting.length === 0
      ? models
      : [...models, ...waiting.map((item): TransferItemModel => ({ source: 'registry', ...item }))];
  },
  events: async (ref, { after, last }, context) => {
    if (after !== null && after !== undefined) checkEventCursor(after, ['after']);
    if (last !== null && last !== undefined) checkIntegerRange(last, 1, LIMITS.eventsLast, ['last']);
    const logged = (await masterLog(ref, context)).events;
    const events = after !== null && after !== undefined ? eventsAfter(logged, after) : [...logged];
    return last === null || last === undefined ? events : events.slice(-last);
  },
  progress: async (ref, _args, context) => (await masterLog(ref, context)).progress,
  log: (ref, { file, tailLines }, context) => readLog(ref, checkLogFile(file ?? 'master.log', ['file']), tailLines, context),
  errorLog: (ref, { tailLines }, context) => readLog(ref, 'master.error_log', tailLines, context),
  live: (ref) => ref.snapshot?.live ?? null,
};
