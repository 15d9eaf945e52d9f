// A session joins three sources: the registry (what the gateway did), WHM's state, and master.log
// (items, events, progress). Each is loaded only when a field asks for it, batched per tier.
import type { GatewayContext } from '../context.js';
import type { TransferSessionResolvers, TransferSessionState } from '../generated/graphql.js';
import type { SessionRecord } from '../registry/index.js';
import { guessSessionKind, isTerminalSessionState, tailLog, utf8ByteLength, toSessionState, transferItemKey } from '../transfer/index.js';
import { checkIntegerRange, checkLogFile, LIMITS } from '../validation.js';
import type { TransferItemModel, TransferSessionRef } from './models.js';

function sessionRecord(ref: TransferSessionRef, { records }: GatewayContext): Promise<SessionRecord | null> {
  return ref.record !== undefined ? Promise.resolve(ref.record) : records.load(ref);
}

/** WHM's state, remembered in the registry when it changed (so listings can filter by it). */
async function sessionState(ref: TransferSessionRef, context: GatewayContext): Promise<{ state: TransferSessionState; raw: string }> {
  const [{ state_name: reported }, record] = await Promise.all([
    context.sessions.state(ref),
    sessionRecord(ref, context),
  ]);
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
  const cutByBudget = allowance < maxLogBytes && tail.truncated && utf8ByteLength(tailLog(log, { maxLines: tailLines ?? undefined, maxBytes: maxLogBytes }).text) > allowance;
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
    return (await context.sessions.masterLog(ref)).session.remoteHost;
  },
  createdAt: async (ref, _args, context) =>
    (await sessionRecord(ref, context))?.createdAt ?? (await context.sessions.masterLog(ref)).session.startedAt,
  createdBy: async (ref, _args, context) => (await sessionRecord(ref, context))?.createdBy ?? null,
  adopted: async (ref, _args, context) => (await sessionRecord(ref, context))?.adopted ?? false,
  analysis: async (ref, _args, context) => {
    const kind = (await sessionRecord(ref, context))?.kind ?? guessSessionKind(ref.id);
    if (kind !== 'ROOT') return null;
    return { server: ref.server, sessionId: ref.id, data: await context.sessions.remoteAnalysis(ref) };
  },
  items: async (ref, _args, context) => {
    const [parsed, record] = await Promise.all([context.sessions.masterLog(ref), sessionRecord(ref, context)]);
    const logged = new Set(parsed.items.map((outcome) => outcome.key));
    const session = { server: ref.server, id: ref.id };
    const items: TransferItemModel[] = parsed.items.map((outcome) => ({ source: 'log', session, outcome }));
    for (const item of record?.items ?? []) {
      if (!logged.has(transferItemKey(item.module, item.name))) items.push({ source: 'registry', ...item });
    }
    return items;
  },
  events: async (ref, { last }, context) => {
    const { events } = await context.sessions.masterLog(ref);
    if (last === null || last === undefined) return events;
    checkIntegerRange(last, 1, LIMITS.eventsLast, ['last']);
    return events.slice(-last);
  },
  progress: async (ref, _args, context) => (await context.sessions.masterLog(ref)).progress,
  log: (ref, { file, tailLines }, context) => readLog(ref, checkLogFile(file ?? 'master.log', ['file']), tailLines, context),
  errorLog: (ref, { tailLines }, context) => readLog(ref, 'master.error_log', tailLines, context),
};
