import type { TransferModuleSchemaResolvers } from '../generated/graphql.js';

export const TransferModuleSchema: TransferModuleSchemaResolvers = {
  module: (model) => model.module,
  keys: ({ schema }) => {
    const required = new Set(schema.required ?? []);
    return Object.entries(schema.keys ?? {})
      .map(([name, key]) => ({ name, definition: key.def, required: required.has(name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  },
  required: ({ schema }) => schema.required ?? [],
  primary: ({ schema }) => schema.primary ?? [],
  prerequisite: ({ schema }) => schema.prerequisite ?? null,
};
