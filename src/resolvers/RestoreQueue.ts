// restore_queue_state and restore_queue_list_completed are read in the same tick: one WHM batch.
import type { RestoreQueueResolvers } from '../generated/graphql.js';
import { toBoolean } from './convert.js';

export const RestoreQueue: RestoreQueueResolvers = {
  isActive: async ({ server }, _args, { whm }) => toBoolean((await whm.readData(server, 'restore_queue_state', {})).is_active),
  pending: async ({ server }, _args, { whm }) => (await whm.readData(server, 'restore_queue_state', {})).pending ?? [],
  active: async ({ server }, _args, { whm }) => (await whm.readData(server, 'restore_queue_state', {})).active ?? [],
  completed: async ({ server }, _args, { whm }) =>
    ((await whm.readData(server, 'restore_queue_list_completed', {})).restore_job ?? []).map((completed) => ({ server, completed })),
};
