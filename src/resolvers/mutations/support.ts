// What mutations share: WHM refusals become userErrors, everything else stays a GraphQL error.
import type { GatewayContext } from '../../context.js';
import { isUnknownSessionError } from '../../errors.js';
import type { UserError } from '../../generated/graphql.js';
import type { SessionKind } from '../../registry/index.js';
import { WhmApiError } from '../../whm/index.js';

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

/** Runs a WHM write; a WHM refusal (result 0) comes back as a UserError, other failures are thrown. */
export async function attempt<T>(
  write: () => Promise<T>,
  field: string[] | null,
): Promise<{ ok: true; value: T } | { ok: false; userError: UserError; warnings: string[] }> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (!(error instanceof WhmApiError)) throw error;
    return { ok: false, userError: userErrorFrom(error, field), warnings: [...error.warnings] };
  }
}

export function userErrorFrom(error: WhmApiError, field: string[] | null): UserError {
  return { field, message: error.reason, code: isUnknownSessionError(error) ? 'NOT_FOUND' : 'WHM_API_ERROR' };
}
