// Persisted operations over real HTTP: Apollo's automatic persisted queries in the default mode, and
// the allow-list mode (GATEWAY_TRUSTED_DOCUMENTS) fed with the file the client recipe's codegen writes
// (examples/client/src/gql/persisted-documents.json), driven by the recipe's own typed client.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../examples/client/src/client.js';
import { RecentSessionsQuery } from '../../examples/client/src/operations.js';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { readTrustedDocuments, sha256Hex } from '../../src/limits/trusted-documents.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../helpers/gateway.js';
import { wsClient } from '../live/helpers.js';

const PERSISTED_DOCUMENTS = resolve(import.meta.dirname, '../../examples/client/src/gql/persisted-documents.json');
const KEYS = { viewer: 'trusted-viewer-key-0123456789abcdef', admin: 'trusted-admin-key-0123456789abcdef' };
const UNLISTED = '{ validateSystemUser(username: "outsider") { exists } }';

async function post(gateway: TestGateway, body: object, apiKey?: string): Promise<GraphQLResponse> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: JSON.stringify(body),
  });
  return { ...((await response.json()) as GraphQLResponse), status: response.status };
}

/** The RecentSessions entry of the recipe's persisted documents: [id, document]. */
function recentSessionsEntry(): [string, string] {
  const documents = JSON.parse(readFileSync(PERSISTED_DOCUMENTS, 'utf8')) as Record<string, string>;
  const entry = Object.entries(documents).find(([, document]) => document.startsWith('query RecentSessions'));
  if (!entry) throw new Error(`no RecentSessions document in ${PERSISTED_DOCUMENTS}`);
  return entry;
}

const persisted = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('automatic persisted queries (default mode)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('round trip: hash alone is PERSISTED_QUERY_NOT_FOUND, then hash + query runs, then the hash alone runs', async () => {
    const query = '{ servers { name isDefault } }';
    const first = await post(gateway, persisted(sha256Hex(query)));
    expect(first.status).toBe(200);
    expect(first.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post(gateway, { query, ...persisted(sha256Hex(query)) });
    expect(registered.data).toEqual({ servers: [{ name: 'sim', isDefault: true }] });

    const byHash = await post(gateway, persisted(sha256Hex(query)));
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual({ servers: [{ name: 'sim', isDefault: true }] });
  });
});

describe('trusted documents (allow-list mode)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      gateway: {
        trustedDocuments: readTrustedDocuments(PERSISTED_DOCUMENTS),
        auth: {
          mode: 'required',
          settings: {
            apiKeys: [
              { name: 'app', role: 'viewer', keyHash: hashApiKey(KEYS.viewer) },
              { name: 'ops-admin', role: 'admin', keyHash: hashApiKey(KEYS.admin) },
            ],
            jwt: null,
          },
        },
      },
    });
  });
  afterAll(async () => {
    await gateway.close();
  });
  beforeEach(() => gateway.simulator.resetStats());

  it("runs a listed document by its hash: the client recipe's typed client, persisted", async () => {
    const execute = createGatewayClient({ url: gateway.url, apiKey: KEYS.viewer, persisted: true });
    const { data, errors } = await execute(RecentSessionsQuery, { first: 5 });
    expect(errors).toBeUndefined();
    expect(data?.transferSessions.totalCount).toBe(0);
  });

  it('takes the id as documentId ("sha256:…") and in a GET request too', async () => {
    const id = recentSessionsEntry()[0];
    const byDocumentId = await post(gateway, { documentId: id, variables: { first: 1 } }, KEYS.viewer);
    expect(byDocumentId.errors).toBeUndefined();
    expect(byDocumentId.data).toBeTruthy();

    const hash = id.replace(/^sha256:/, '');
    const url = `${gateway.url}?extensions=${encodeURIComponent(JSON.stringify(persisted(hash).extensions))}&variables=${encodeURIComponent('{"first":1}')}`;
    const response = await fetch(url, { headers: { 'x-api-key': KEYS.viewer, 'apollo-require-preflight': '1' } });
    const body = (await response.json()) as GraphQLResponse;
    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toBeTruthy();
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unlisted hash, and FORBIDDEN for free text, with no WHM call', async () => {
    const unknownHash = await post(gateway, persisted(sha256Hex(UNLISTED)), KEYS.viewer);
    expect(unknownHash.status).toBe(200);
    expect(unknownHash.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const freeText = await post(gateway, { query: UNLISTED }, KEYS.viewer);
    expect(freeText.status).toBe(403);
    expect(freeText.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(gateway.simulator.stats().totalRequests).toBe(0);
  });

  it('refuses APQ registration below admin, and an admin-registered query stays unlisted for others', async () => {
    const attempt = await post(gateway, { query: UNLISTED, ...persisted(sha256Hex(UNLISTED)) }, KEYS.viewer);
    expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const byAdmin = await post(gateway, { query: UNLISTED, ...persisted(sha256Hex(UNLISTED)) }, KEYS.admin);
    expect(byAdmin.errors).toBeUndefined();
    const viewerByHash = await post(gateway, persisted(sha256Hex(UNLISTED)), KEYS.viewer);
    expect(viewerByHash.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(gateway.simulator.stats().calls.validate_system_user).toBe(1);
  });

  it("runs a listed document's exact text, and refuses a hash sent with another text", async () => {
    const [id, text] = recentSessionsEntry();
    const exact = await post(gateway, { query: text, variables: { first: 1 } }, KEYS.viewer);
    expect(exact.errors).toBeUndefined();

    const mismatch = await post(gateway, { query: UNLISTED, ...persisted(id.replace(/^sha256:/, '')) }, KEYS.viewer);
    expect(mismatch.status).toBe(400);
    expect(mismatch.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('applies to subscriptions too: a listed one by its hash runs, free text is FORBIDDEN below admin', async () => {
    const documents = JSON.parse(readFileSync(PERSISTED_DOCUMENTS, 'utf8')) as Record<string, string>;
    const [hash, text] =
      Object.entries(documents).find(([, document]) => document.startsWith('subscription SessionUpdated')) ?? [];
    if (!hash || !text) throw new Error('the client recipe lists no subscription');
    const firstAnswer = async (connectionKey: string, payload: { query: string; extensions?: Record<string, unknown> }) => {
      const client = wsClient(gateway.url, { 'x-api-key': connectionKey });
      try {
        return await new Promise<{ data?: unknown; errors?: unknown }>((resolve) => {
          client.subscribe(
            { ...payload, variables: { id: 'nosuchhostcopya20260101000000abcdef' } },
            { next: (value) => resolve(value), error: (errors) => resolve({ errors }), complete: () => resolve({}) },
          );
        });
      } finally {
        void client.dispose();
      }
    };
    const unlisted = await firstAnswer(KEYS.viewer, { query: text.replace('isFinished', 'isFinished stateName') });
    expect(JSON.stringify(unlisted.errors)).toMatch(/FORBIDDEN/);
    const byHash = await firstAnswer(KEYS.viewer, {
      query: '',
      extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } },
    });
    expect(JSON.stringify(byHash)).not.toMatch(/FORBIDDEN|PERSISTED_QUERY_NOT_FOUND/);
    const admin = await firstAnswer(KEYS.admin, { query: text.replace('isFinished', 'isFinished stateName') });
    expect(JSON.stringify(admin)).not.toMatch(/FORBIDDEN/);
  });

  it('keeps Sandbox working for admins: the page loads, introspection and free text run', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    const introspection = await post(gateway, { query: '{ __schema { queryType { name } } }' }, KEYS.admin);
    expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const freeText = await post(gateway, { query: '{ servers { name } }' }, KEYS.admin);
    expect(freeText.errors).toBeUndefined();

    const viewerIntrospection = await post(gateway, { query: '{ __schema { queryType { name } } }' }, KEYS.viewer);
    expect(viewerIntrospection.status).toBe(403);
  });
});

describe('GATEWAY_TRUSTED_DOCUMENTS', () => {
  const directory = mkdtempSync(join(tmpdir(), 'gateway-trusted-'));

  it('loads the client preset file at start', () => {
    const config = loadConfig({ GATEWAY_TRUSTED_DOCUMENTS: PERSISTED_DOCUMENTS }, directory);
    expect(config.trustedDocuments?.byId.size).toBe(
      Object.keys(JSON.parse(readFileSync(PERSISTED_DOCUMENTS, 'utf8')) as object).length,
    );
    expect(loadConfig({}, directory).trustedDocuments).toBeNull();
  });

  it('refuses to start with a missing file, a non-document, or a hash that is not its text', () => {
    const notDocument = join(directory, 'broken.json');
    writeFileSync(notDocument, JSON.stringify({ abc: 'query {' }));
    const tampered = join(directory, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ [`sha256:${sha256Hex('{ servers { name } }')}`]: '{ servers { url } }' }));
    for (const file of [join(directory, 'missing.json'), notDocument, tampered]) {
      let problems: string[] = [];
      try {
        loadConfig({ GATEWAY_TRUSTED_DOCUMENTS: file }, directory);
      } catch (error) {
        if (error instanceof ConfigError) problems = error.problems;
      }
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^GATEWAY_TRUSTED_DOCUMENTS/);
    }
  });
});
