// The Mutation type, assembled from its domains.
import type { MutationResolvers } from '../generated/graphql.js';
import { enqueueMutations } from './mutations/enqueue.js';
import { restoreMutations } from './mutations/restore.js';
import { retryMutations } from './mutations/retry.js';
import { sessionMutations } from './mutations/session-creation.js';
import { steeringMutations } from './mutations/steering.js';

export const Mutation: MutationResolvers = {
  ...sessionMutations,
  ...steeringMutations,
  ...enqueueMutations,
  ...restoreMutations,
  ...retryMutations,
};
