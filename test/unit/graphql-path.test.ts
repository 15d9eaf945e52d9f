// Which requests the express-free /graphql handler takes: the paths express's app.use('/graphql') matched.
import { describe, expect, it } from 'vitest';
import { isGraphqlPath } from '../../src/http/graphql-endpoint.js';

describe('isGraphqlPath', () => {
  it.each(['/graphql', '/graphql?query=%7B__typename%7D', '/graphql/', '/graphql/anything', '/GraphQL', '/GRAPHQL?x=1'])(
    'takes %s',
    (url) => expect(isGraphqlPath(url)).toBe(true),
  );

  it.each(['/', '/graphiql', '/graphqlx', '/graphql-old', '/dashboard/graphql', '/metrics', undefined])(
    'leaves %s to express',
    (url) => expect(isGraphqlPath(url)).toBe(false),
  );
});
