import type { TransferModuleResolvers } from '../generated/graphql.js';

export const TransferModule: TransferModuleResolvers = {
  name: (module) => module.name,
  priority: (module) => module.priority,
  schema: async (module, _args, { loaders }) => ({
    module: module.name,
    schema: (await loaders.moduleSchema.load({ server: module.server, module: module.name })).schema,
  }),
};
