// Each field reads the WHM function made for it, so pending and active jobs carry their destination
// (restore_queue_state leaves it out); the fields of one query are read in the same tick: one WHM batch.
import type { RestoreQueueResolvers } from '../generated/graphql.js';
import { toBoolean } from './convert.js';

export const RestoreQueue: RestoreQueueResolvers = {
  isActive: async ({ server }, _args, { whm }) =>
    toBoolean((await whm.readData(server, 'restore_queue_is_active', {})).is_active),
  pending: async ({ server }, _args, { whm }) => (await whm.readData(server, 'restore_queue_list_pending', {})).restore_job ?? [],
  active: async ({ server }, _args, { whm }) => (await whm.readData(server, 'restore_queue_list_active', {})).restore_job ?? [],
  completed: async ({ server }, _args, { whm }) =>
    ((await whm.readData(server, 'restore_queue_list_completed', {})).restore_job ?? []).map((completed) => ({
      server,
      completed,
    })),
};
