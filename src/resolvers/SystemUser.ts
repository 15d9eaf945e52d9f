// Every flag loads through the per-request systemUser loader: N users in one tier = one WHM batch.
import type { SystemUserResolvers } from '../generated/graphql.js';
import { toBoolean } from './convert.js';

export const SystemUser: SystemUserResolvers = {
  username: (ref) => ref.username,
  server: (ref, _args, { servers }) => servers.resolve(ref.server).entry,
  exists: async (ref, _args, { loaders }) => toBoolean((await loaders.systemUser.load(ref)).exists),
  reserved: async (ref, _args, { loaders }) => toBoolean((await loaders.systemUser.load(ref)).reserved),
  validForNew: async (ref, _args, { loaders }) => toBoolean((await loaders.systemUser.load(ref)).valid_for_new),
  validForTransfer: async (ref, _args, { loaders }) => toBoolean((await loaders.systemUser.load(ref)).valid_for_transfer),
};
