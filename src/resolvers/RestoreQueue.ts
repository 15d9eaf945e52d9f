// restore_queue_state and restore_queue_list_completed are read in the same tick: one WHM batch.
import type { RestoreQueueResolvers } from '../generated/graphql.js';
import { toBoolean } from './convert.js';

export const RestoreQueue: RestoreQueueResolvers = {
  isActive: async ({ server }, _args, { loaders }) =>
    toBoolean((await loaders.read(server, { function: 'restore_queue_state', params: {} })).data.is_active),
  pending: async ({ server }, _args, { loaders }) =>
    (await loaders.read(server, { function: 'restore_queue_state', params: {} })).data.pending ?? [],
  active: async ({ server }, _args, { loaders }) =>
    (await loaders.read(server, { function: 'restore_queue_state', params: {} })).data.active ?? [],
  completed: async ({ server }, _args, { loaders }) =>
    (await loaders.read(server, { function: 'restore_queue_list_completed', params: {} })).data.restore_job.map(
      (completed) => ({ server, completed }),
    ),
};
