// The Mutation type, assembled from its three domains.
import type { MutationResolvers } from '../generated/graphql.js';
import { enqueueMutations } from './mutations/enqueue.js';
import { restoreMutations } from './mutations/restore.js';
import { sessionMutations } from './mutations/sessions.js';

export const Mutation: MutationResolvers = { ...sessionMutations, ...enqueueMutations, ...restoreMutations };
