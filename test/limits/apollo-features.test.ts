// Apollo Server's self-installed plugins the gateway does not use are disabled (src/limits/
// apollo-features.ts), and what the cache control plugin did answer, `cache-control: no-store`, is
// still answered: by the gateway itself now, for successes and GraphQL errors alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

async function post(body: unknown): Promise<{ status: number; cacheControl: string | null; text: string }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, cacheControl: response.headers.get('cache-control'), text: await response.text() };
}

describe('Apollo features the gateway does not use', () => {
  it('answers cache-control: no-store to a successful query', async () => {
    const answer = await post({ query: '{ servers { name } }' });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"servers"');
    expect(answer.cacheControl).toBe('no-store');
  });

  it('answers cache-control: no-store to a query that fails validation and to a field error', async () => {
    const invalid = await post({ query: '{ noSuchField }' });
    expect(invalid.status).toBe(400);
    expect(invalid.cacheControl).toBe('no-store');
    const fieldError = await post({ query: '{ validateSystemUser(username: "") { exists } }' });
    expect(fieldError.text).toContain('"errors"');
    expect(fieldError.cacheControl).toBe('no-store');
  });

  it('starts with APOLLO_SCHEMA_REPORTING=true and no Apollo key: schema reporting is never installed', async () => {
    const before = process.env['APOLLO_SCHEMA_REPORTING'];
    process.env['APOLLO_SCHEMA_REPORTING'] = 'true';
    try {
      // Apollo installs schema reporting from this variable and then refuses to start without a key.
      const other = await startTestGateway({ sharedSimulator: gateway.simulator, sharedRegistry: gateway.registry });
      const answer = await other.query<{ servers: { name: string }[] }>('{ servers { name } }');
      await other.close();
      expect(answer.data?.servers).toEqual([{ name: 'sim' }]);
    } finally {
      if (before === undefined) delete process.env['APOLLO_SCHEMA_REPORTING'];
      else process.env['APOLLO_SCHEMA_REPORTING'] = before;
    }
  });
});
