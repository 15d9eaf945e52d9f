// What mutations share: WHM refusals become userErrors, everything else stays a GraphQL error.
import type { GatewayContext } from '../../context.js';
import { isUnknownSessionError } from '../../errors.js';
import type { UserError, UserErrorCode } from '../../generated/graphql.js';
import type { SessionKind } from '../../registry/index.js';
import { whmCallError, whmErrorExtensions, whmRefusalOf } from '../../whm-access/index.js';
import type { WhmApiError, WhmError, WhmFunctionName } from '../../whm/index.js';

/**
 * Remembers a session this gateway just created (WHM cannot list sessions), as its caller's, and
 * returns the reference the payload carries.
 */
export async function rememberCreatedSession(
  context: GatewayContext,
  session: { server: string; id: string; kind: SessionKind; remoteHost?: string | null; lastState?: string },
): Promise<{ server: string; id: string }> {
  await context.registry.recordSession({ ...session, createdBy: context.identity.id });
  return { server: session.server, id: session.id };
}

/** GraphQL's LegacyBackupType to WHM's restoretype / type values. */
export const LEGACY_BACKUP_TYPES = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly' } as const;

export type Attempt<T> = { ok: true; value: T } | { ok: false; userError: UserError; warnings: string[] };

/** Runs a WHM write; a WHM refusal (result 0) comes back as a UserError, other failures are thrown. */
export async function attempt<T>(write: () => Promise<T>, field: string[] | null): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    const refusal = whmRefusalOf(error);
    if (!refusal) throw error;
    return { ok: false, userError: userErrorFrom(refusal, field), warnings: [...refusal.warnings] };
  }
}

export function userErrorFrom(error: WhmApiError, field: string[] | null): UserError {
  return { field, message: error.reason, code: isUnknownSessionError(error) ? 'NOT_FOUND' : 'WHM_API_ERROR' };
}

/** WHM said it succeeded but left out what it must return: it may well have acted. Names the function, as field errors do. */
export function missingAnswer(whmFunction: WhmFunctionName, consequence: string): UserError {
  return {
    field: null,
    code: 'WHM_PROTOCOL_ERROR',
    message: `WHM ${whmFunction} reported success without the data it returns; WHM may have acted: ${consequence}`,
  };
}

const TRANSPORT_CODES: readonly UserErrorCode[] = ['WHM_TIMEOUT', 'WHM_PROTOCOL_ERROR', 'WHM_AUTH_FAILED', 'WHM_UNAVAILABLE'];

/**
 * An enqueued item whose WHM request failed in transport: WHM may or may not hold it. Enqueueing it
 * again is safe (a repeat is recognised as already queued), and the message says so when it matters.
 */
export function enqueueTransportFailure(error: WhmError, field: string[], itemName: string): UserError {
  const extensions = whmErrorExtensions(error, 'enqueue_transfer_item');
  const code = TRANSPORT_CODES.find((known) => known === extensions.code) ?? 'WHM_UNAVAILABLE';
  const unsure = extensions.whmMayHaveActed === true ? ` WHM may have queued it: enqueue ${itemName} again to be sure.` : '';
  // Named by the call, not the `batch` that carried it, like every other WHM failure.
  const { message } = whmCallError(error, 'enqueue_transfer_item') as Error;
  return { field, code, message: `${message}.${unsure}` };
}
