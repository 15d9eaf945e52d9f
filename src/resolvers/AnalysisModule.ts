import type { AnalysisModuleResolvers } from '../generated/graphql.js';
import { toLines } from './convert.js';

export const AnalysisModule: AnalysisModuleResolvers = {
  key: ({ key }) => key,
  name: ({ module }) => module.name ?? null,
  details: ({ module }) => Object.entries(module.analysis ?? {}).map(([key, value]) => ({ key, value: value ?? null })),
  warnings: ({ module }) => toLines(module.warning),
  errors: ({ module }) => toLines(module.error),
};
