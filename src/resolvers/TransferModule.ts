import type { TransferModuleResolvers } from '../generated/graphql.js';

/** WHM answered without a schema: the module takes no documented keys. */
const EMPTY_SCHEMA = { keys: {}, required: [], primary: [] };

export const TransferModule: TransferModuleResolvers = {
  name: (module) => module.name,
  priority: (module) => module.priority,
  schema: async (module, _args, { whm }) => ({
    module: module.name,
    schema: (await whm.readData(module.server, 'transfer_module_schema', { module: module.name })).schema ?? EMPTY_SCHEMA,
  }),
};
