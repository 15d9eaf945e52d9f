import type { RemoteAccountResolvers } from '../generated/graphql.js';
import { accountConflicts } from './conflicts.js';
import { toBoolean, toNumber } from './convert.js';
import { candidateNames, firstFreeName, sourceUsernames } from './local-names.js';
import type { RemoteAccountModel } from './models.js';
import { loadSystemUser } from './system-users.js';
import type { GatewayContext } from '../context.js';

/** Whether the username is taken here now; the analysis's word when WHM cannot answer. */
async function userTaken({ server, account, analysis }: RemoteAccountModel, context: GatewayContext): Promise<boolean> {
  try {
    return toBoolean((await loadSystemUser(context, server, account.user)).flags.exists);
  } catch {
    // localUser reports the failure itself; one failure, one error.
    return analysis ? accountConflicts(analysis, account.user).some((conflict) => conflict.kind === 'USER') : false;
  }
}

export const RemoteAccount: RemoteAccountResolvers = {
  user: ({ account }) => account.user,
  domain: ({ account }) => account.domain,
  owner: ({ account }) => account.owner ?? null,
  bytesUsed: ({ account }) => toNumber(account.bytesused),
  filesUsed: ({ account }) => toNumber(account.filesused),
  hasDedicatedIp: ({ account }) => toBoolean(account.has_dedicated_ip),
  // Every account of the tier asks in the same tick: one WHM batch for all of them.
  localUser: ({ server, account }, _args, context) => loadSystemUser(context, server, account.user),
  // The analysis's domain and database conflicts; the USER conflict as WHM answers now (same read as localUser).
  conflicts: async (parent, _args, context) => {
    const recorded = parent.analysis ? accountConflicts(parent.analysis, parent.account.user) : [];
    const others = recorded.filter((conflict) => conflict.kind !== 'USER');
    if (!(await userTaken(parent, context))) return others;
    const { user } = parent.account;
    return [{ kind: 'USER', name: user, localOwner: user, remoteUser: user, engine: null }, ...others];
  },
  suggestedLocalUser: async (parent, _args, context) => {
    const { server, account, analysis } = parent;
    const avoid = sourceUsernames(analysis);
    const recordedTaken = analysis
      ? accountConflicts(analysis, account.user).some((conflict) => conflict.kind === 'USER')
      : false;
    // Known conflicts check their candidates in this tick, in the same WHM batch as localUser.
    const early = recordedTaken ? firstFreeName(context, server, candidateNames(account.user, avoid)) : null;
    if (!(await userTaken(parent, context))) return null;
    return early ?? firstFreeName(context, server, candidateNames(account.user, avoid));
  },
};
