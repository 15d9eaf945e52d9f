import type { RestoreModuleResolvers } from '../generated/graphql.js';
import { toBoolean } from './convert.js';

export const RestoreModule: RestoreModuleResolvers = {
  name: (module) => module.module,
  summary: (module) => module.summary ?? [],
  restrictedAvailable: (module) => toBoolean(module.restricted_available),
  restrictedSummary: (module) => module.restricted_summary ?? [],
  notes: (module) => module.notes ?? [],
};
