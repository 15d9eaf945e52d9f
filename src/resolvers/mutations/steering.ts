// Steering a session: analyse, start, pause, resume, abort. Each checks WHM's current state first
// (REFERENCE §1.1), so a command that cannot apply is INVALID_STATE with the state it met, and no
// write; when the state changes between the check and the write, WHM's refusal maps the same way.
import type { GatewayContext } from '../../context.js';
import { isUnknownSessionError } from '../../errors.js';
import type { MutationResolvers, ResolversTypes, UserError } from '../../generated/graphql.js';
import { checkSessionId } from '../../validation.js';
import type { SessionKey } from '../../whm-access/index.js';
import { attempt } from './support.js';

type Payload = ResolversTypes['TransferSessionPayload'];

interface SteeringRule {
  whmFunction: 'analyze_transfer_session_remote' | 'start_transfer_session' | 'pause_transfer_session' | 'abort_transfer_session';
  /** WHM states the command applies to; null: any (WHM judges). */
  allowedFrom: readonly string[] | null;
  /** How to say what the command needs, for the error. */
  needs: string;
}

const RULES = {
  analyze: { whmFunction: 'analyze_transfer_session_remote', allowedFrom: null, needs: '' },
  start: {
    whmFunction: 'start_transfer_session',
    allowedFrom: ['PENDING'],
    needs: 'Only a PENDING session can be started (resume a PAUSED one)',
  },
  // WHM resumes with start_transfer_session, which would also start a PENDING session.
  resume: { whmFunction: 'start_transfer_session', allowedFrom: ['PAUSED'], needs: 'Only a PAUSED session can be resumed' },
  pause: { whmFunction: 'pause_transfer_session', allowedFrom: ['RUNNING'], needs: 'Only a RUNNING session can be paused' },
  abort: {
    whmFunction: 'abort_transfer_session',
    allowedFrom: ['PENDING', 'RUNNING', 'PAUSING', 'PAUSED'],
    needs: 'Only a PENDING, RUNNING, PAUSING or PAUSED session can be aborted',
  },
} as const satisfies Record<string, SteeringRule>;

const invalidState = (message: string): UserError => ({ field: ['id'], message, code: 'INVALID_STATE' });
const notFound = (id: string): Payload => ({
  session: null,
  userErrors: [{ field: ['id'], message: `Session ${id} does not exist.`, code: 'NOT_FOUND' }],
  warnings: [],
});

/** Why the command cannot apply now, or null when it can. */
async function refusalFor(command: keyof typeof RULES, key: SessionKey, context: GatewayContext): Promise<UserError | null> {
  const rule: SteeringRule = RULES[command];
  if (!rule.allowedFrom) return null;
  const [state, record] = await Promise.all([context.sessions.state(key), context.records.load(key)]);
  const stateName = String(state.state_name ?? '');
  if (!rule.allowedFrom.includes(stateName))
    return invalidState(`${rule.needs}; this one is ${stateName || 'in an unknown state'}.`);
  // WHM would "complete" an empty session at once; a session we created and filled is the only kind we can judge.
  if (command === 'start' && record && !record.adopted && record.items.length === 0) {
    return invalidState('This session has no queued items: enqueue some before starting it.');
  }
  return null;
}

async function steer(
  command: keyof typeof RULES,
  args: { id: string; server?: string | null },
  context: GatewayContext,
): Promise<Payload> {
  const key = { server: context.servers.resolve(args.server).entry.name, id: checkSessionId(args.id, ['id']) };
  try {
    const refusal = await refusalFor(command, key, context);
    if (refusal) return { session: key, userErrors: [refusal], warnings: [] };
  } catch (error) {
    if (isUnknownSessionError(error)) return notFound(key.id);
    throw error;
  }
  const outcome = await attempt(
    () => context.whm.write(key.server, RULES[command].whmFunction, { transfer_session_id: key.id }),
    ['id'],
  );
  // WHM may have changed the session even when it refused (pause of a stopped session marks it FAILED).
  context.sessions.forget(key);
  context.live?.pollSoon(key);
  if (outcome.ok) return { session: key, userErrors: [], warnings: outcome.value.output.warnings };
  if (outcome.userError.code === 'NOT_FOUND')
    return { session: null, userErrors: [outcome.userError], warnings: outcome.warnings };
  // The state may have moved since the check: say so in the same terms as the check would have.
  const raced = await refusalFor(command, key, context).catch(() => null);
  return { session: key, userErrors: [raced ?? outcome.userError], warnings: outcome.warnings };
}

export const steeringMutations: MutationResolvers = {
  analyzeTransferSession: (_root, args, context) => steer('analyze', args, context),
  startTransferSession: (_root, args, context) => steer('start', args, context),
  resumeTransferSession: (_root, args, context) => steer('resume', args, context),
  pauseTransferSession: (_root, args, context) => steer('pause', args, context),
  abortTransferSession: (_root, args, context) => steer('abort', args, context),
};
