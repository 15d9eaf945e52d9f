// Trusted documents (GATEWAY_TRUSTED_DOCUMENTS): an allow-list of operations, in the JSON that
// graphql-codegen's client preset writes with `persistedDocuments: true` ({"<sha256>": "<document>"}).
// In that mode a caller without the admin role runs only listed documents — by id
// (`extensions.persistedQuery.sha256Hash`, as Apollo Client's persisted-queries link sends it, or a
// `documentId`), or by sending a listed document's exact text. Anything else is refused here, before
// Apollo parses it; and since such callers never reach Apollo with a persistedQuery extension, they can
// neither register nor run automatic persisted queries. Admins (Sandbox, GraphiQL, scripts) run
// anything and keep APQ. The check runs after authentication, so it knows the caller's role.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import { parse } from 'graphql';
import { hasRole } from '../auth/identity.js';
import type { Problems } from '../config/problems.js';
import { optionalString } from '../config/problems.js';
import { graphqlError, localsOf, type HttpStep, type ParsedRequest } from '../http/native.js';

export interface TrustedDocuments {
  /** The file they came from (for logs and messages). */
  file: string;
  /** id → document text. */
  byId: ReadonlyMap<string, string>;
  /** The texts themselves: a caller may also send a listed document's exact text. */
  texts: ReadonlySet<string>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function withoutAlgorithm(id: string): string {
  return id.replace(/^sha256:/, '');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads and checks the list: every entry a parsable document, every SHA-256 id the hash of its text. */
export function readTrustedDocuments(file: string): TrustedDocuments {
  const list: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof list !== 'object' || list === null || Array.isArray(list)) {
    throw new Error('it must be a JSON object mapping document ids (hashes) to documents');
  }
  const byId = new Map<string, string>();
  for (const [listedId, document] of Object.entries(list)) {
    // The client preset writes "sha256:<hex>"; Apollo's persisted-query extension carries the bare hex.
    const id = withoutAlgorithm(listedId);
    if (typeof document !== 'string') throw new Error(`entry "${listedId}" is not a document string`);
    try {
      parse(document);
    } catch (error) {
      throw new Error(
        `entry "${listedId}" is not a GraphQL document: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    // A 64-hex id is the client preset's SHA-256 of the text; a mismatch means an edited or mixed-up file.
    if (SHA256_HEX.test(id) && sha256Hex(document) !== id)
      throw new Error(`entry "${listedId}" is not the SHA-256 of its document`);
    byId.set(id, document);
  }
  return { file, byId, texts: new Set(byId.values()) };
}

/** GATEWAY_TRUSTED_DOCUMENTS for config.ts: the loaded list, or null; any problem is reported at start. */
export function trustedDocumentsFrom(raw: string | undefined, cwd: string, problems: Problems): TrustedDocuments | null {
  const file = optionalString(raw);
  if (file === undefined) return null;
  try {
    return readTrustedDocuments(resolve(cwd, file));
  } catch (error) {
    problems.add(`GATEWAY_TRUSTED_DOCUMENTS (${file}) cannot be used: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The operation a request carries, wherever HTTP put it (POST body, or GET parameters). */
interface CarriedOperation {
  query: unknown;
  extensions: unknown;
  documentId: unknown;
}

function carriedOperation(request: ParsedRequest): CarriedOperation | 'batch' | null {
  if (request.method === 'GET') {
    const params = new URL(request.url ?? '/', 'http://gateway.invalid').searchParams;
    let extensions: unknown;
    try {
      extensions = params.has('extensions') ? JSON.parse(params.get('extensions') ?? '') : undefined;
    } catch {
      extensions = undefined; // Apollo refuses it as it would without this check; nothing runs.
    }
    return { query: params.get('query') ?? undefined, extensions, documentId: params.get('documentId') ?? undefined };
  }
  if (request.method !== 'POST') return null;
  const body: unknown = request.body;
  if (Array.isArray(body)) return 'batch';
  if (typeof body !== 'object' || body === null) return null;
  const { query, extensions, documentId } = body as Record<string, unknown>;
  return { query, extensions, documentId };
}

function persistedQueryHash(extensions: unknown): string | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (typeof persisted !== 'object' || persisted === null) return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

function documentIdOf(operation: CarriedOperation): string | undefined {
  if (typeof operation.documentId === 'string') return withoutAlgorithm(operation.documentId);
  const hash = persistedQueryHash(operation.extensions);
  return hash === undefined ? undefined : withoutAlgorithm(hash);
}

/** Hands Apollo the listed text instead of the id, so Apollo's own APQ never sees this request. */
function substitute(request: ParsedRequest, operation: CarriedOperation, document: string): void {
  let extensions = operation.extensions;
  if (typeof extensions === 'object' && extensions !== null) {
    const { persistedQuery: _persisted, ...rest } = extensions as Record<string, unknown>;
    extensions = Object.keys(rest).length > 0 ? rest : undefined;
  }
  if (request.method === 'GET') {
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    url.searchParams.set('query', document);
    url.searchParams.delete('documentId');
    if (extensions === undefined) url.searchParams.delete('extensions');
    else url.searchParams.set('extensions', JSON.stringify(extensions));
    request.url = `${url.pathname}${url.search}`;
    return;
  }
  // Apollo refuses a present-but-undefined `extensions`: leave the key out when nothing is left in it.
  const { documentId: _id, extensions: _extensions, ...body } = request.body as Record<string, unknown>;
  request.body = extensions === undefined ? { ...body, query: document } : { ...body, query: document, extensions };
}

function persistedQueryNotFound(response: ServerResponse): void {
  // Apollo's own answer to an unknown hash (status 200, not cached), so APQ-aware clients react alike.
  response.setHeader('cache-control', 'private, no-cache, must-revalidate');
  graphqlError(response, 200, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
}

const NOT_TRUSTED =
  'Only trusted documents run here: send the id of a listed document (extensions.persistedQuery.sha256Hash or documentId).';

/** An HTTP step, after authentication and body parsing: the allow-list for callers below admin. */
export function trustedDocumentsOnly(documents: TrustedDocuments): HttpStep {
  return (request, response, next) => {
    const identity = localsOf(response).identity;
    const admin = identity !== undefined && hasRole(identity, 'admin');
    const operation = carriedOperation(request);
    if (operation === 'batch') {
      if (admin) next();
      else graphqlError(response, 403, 'FORBIDDEN', NOT_TRUSTED);
      return;
    }
    const id = operation ? documentIdOf(operation) : undefined;
    // No operation at all (the landing page, an empty request): Apollo answers it and runs nothing.
    if (!operation || (id === undefined && operation.query === undefined)) {
      next();
      return;
    }
    const document = id === undefined ? undefined : documents.byId.get(id);
    if (document !== undefined) {
      if (typeof operation.query === 'string' && operation.query !== document) {
        graphqlError(response, 400, 'BAD_REQUEST', 'The query sent is not the trusted document of that id.');
        return;
      }
      substitute(request, operation, document);
      next();
    } else if (admin || (typeof operation.query === 'string' && documents.texts.has(operation.query))) next();
    // An unknown id alone is Apollo's PERSISTED_QUERY_NOT_FOUND; with a text, it is a registration this mode refuses.
    else if (operation.query === undefined) persistedQueryNotFound(response);
    else graphqlError(response, 403, 'FORBIDDEN', NOT_TRUSTED);
  };
}

/**
 * The document a subscription may run in allow-list mode (src/live/websocket.ts): a listed id, or a
 * listed document's exact text. `forbidden` for anything else; admins are not asked.
 */
export function trustedSubscription(
  documents: TrustedDocuments,
  payload: { query?: unknown; extensions?: unknown },
): { ok: true; query: string } | { ok: false; code: 'PERSISTED_QUERY_NOT_FOUND' | 'FORBIDDEN'; message: string } {
  const hash = persistedQueryHash(payload.extensions);
  const listed = hash === undefined ? undefined : documents.byId.get(withoutAlgorithm(hash));
  if (listed !== undefined) return { ok: true, query: listed };
  if (typeof payload.query === 'string' && payload.query !== '' && documents.texts.has(payload.query))
    return { ok: true, query: payload.query };
  if (hash !== undefined && (payload.query === undefined || payload.query === '')) {
    return { ok: false, code: 'PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound' };
  }
  return { ok: false, code: 'FORBIDDEN', message: NOT_TRUSTED };
}
