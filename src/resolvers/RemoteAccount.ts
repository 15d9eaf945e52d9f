import type { RemoteAccountResolvers } from '../generated/graphql.js';
import { toBoolean, toNumber } from './convert.js';

export const RemoteAccount: RemoteAccountResolvers = {
  user: ({ account }) => account.user,
  domain: ({ account }) => account.domain,
  owner: ({ account }) => account.owner ?? null,
  bytesUsed: ({ account }) => toNumber(account.bytesused),
  filesUsed: ({ account }) => toNumber(account.filesused),
  hasDedicatedIp: ({ account }) => toBoolean(account.has_dedicated_ip),
  // A reference only: its fields load through the batched systemUser loader.
  localUser: ({ server, account }) => ({ server, username: account.user }),
};
