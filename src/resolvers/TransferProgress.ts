import type { TransferProgressResolvers } from '../generated/graphql.js';

export const TransferProgress: TransferProgressResolvers = {
  percent: (progress) => progress.percent,
  totalBytes: (progress) => progress.totalBytes,
  completedBytes: (progress) => progress.completedBytes,
  completed: (progress) => progress.complete,
  queues: (progress) => progress.queues,
};
