// Query.whoami: the authenticated caller as the API sees them (no WHM call), so a client can tell
// which actions to offer.
import type { QueryResolvers, Role } from '../generated/graphql.js';

const ROLE_ENUM = { viewer: 'VIEWER', operator: 'OPERATOR', admin: 'ADMIN' } as const satisfies Record<string, Role>;

export const CallerQuery: Pick<QueryResolvers, 'whoami'> = {
  whoami: (_root, _args, { identity, servers }) => ({
    id: identity.id,
    role: ROLE_ENUM[identity.role],
    servers: servers.list().map((entry) => entry.name),
  }),
};
