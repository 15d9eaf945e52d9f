import type { WhmServerResolvers } from '../generated/graphql.js';

export const WhmServer: WhmServerResolvers = {
  name: (server) => server.name,
  url: (server) => server.url,
  isDefault: (server) => server.isDefault,
  isSimulator: (server) => server.isSimulator,
};
