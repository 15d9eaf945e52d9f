// Every flag comes from the one WHM answer its parent loaded: a failure is one error for the user.
import type { SystemUserResolvers } from '../generated/graphql.js';
import { toBoolean } from './convert.js';

export const SystemUser: SystemUserResolvers = {
  username: (user) => user.username,
  server: (user, _args, { servers }) => servers.resolve(user.server).entry,
  exists: ({ flags }) => toBoolean(flags.exists),
  reserved: ({ flags }) => toBoolean(flags.reserved),
  validForNew: ({ flags }) => toBoolean(flags.valid_for_new),
  validForTransfer: ({ flags }) => toBoolean(flags.valid_for_transfer),
};
