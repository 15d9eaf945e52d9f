import type { RemoteAccountResolvers } from '../generated/graphql.js';
import { toBoolean, toNumber } from './convert.js';
import { loadSystemUser } from './system-users.js';

export const RemoteAccount: RemoteAccountResolvers = {
  user: ({ account }) => account.user,
  domain: ({ account }) => account.domain,
  owner: ({ account }) => account.owner ?? null,
  bytesUsed: ({ account }) => toNumber(account.bytesused),
  filesUsed: ({ account }) => toNumber(account.filesused),
  hasDedicatedIp: ({ account }) => toBoolean(account.has_dedicated_ip),
  // Every account of the tier asks in the same tick: one WHM batch for all of them.
  localUser: ({ server, account }, _args, context) => loadSystemUser(context, server, account.user),
};
