// A minimal typed GraphQL client over fetch: results and variables are typed by the document. With
// `persisted: true` it sends only the document's hash (Apollo's persisted-query extension), which is
// what a gateway in trusted-documents mode (GATEWAY_TRUSTED_DOCUMENTS) runs for callers below admin.
import type { TypedDocumentString } from './gql/graphql.js';

export interface GatewayClientOptions {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  /** Sent as X-API-Key. */
  apiKey?: string;
  /** Send the hash instead of the text. */
  persisted?: boolean;
}

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

export interface GraphQLResult<TResult> {
  data?: TResult | null;
  errors?: GraphQLErrorEntry[];
}

/**
 * A persisted document's SHA-256, as Apollo's persisted-query extension carries it (bare hex). The
 * client preset puts "sha256:<hex>" in `__meta__` (persistedDocuments: true).
 */
function hashOf<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>): string {
  const meta = (document as { __meta__?: { hash?: unknown } }).__meta__;
  if (typeof meta?.hash !== 'string') throw new Error('This document has no hash: generate it with persistedDocuments.');
  return meta.hash.replace(/^sha256:/, '');
}

export function createGatewayClient(options: GatewayClientOptions) {
  return async function execute<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<GraphQLResult<TResult>> {
    const body = options.persisted
      ? { variables, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(document) } } }
      : { query: document.toString(), variables };
    const response = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
      },
      body: JSON.stringify(body),
    });
    return (await response.json()) as GraphQLResult<TResult>;
  };
}
