// Queries and mutations over HTTP: typed by the generated documents, the API key in X-API-Key. The page
// is a client of the public API like any other: POST /graphql, nothing else.
import type { TypedDocumentString } from './gql/graphql.js';

export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

export interface ApiResult<TResult> {
  /** Null only when nothing resolved; partial data comes with `errors`. */
  data: TResult | null;
  errors: GraphQLErrorEntry[];
}

/** HTTP 401: no key, or the key was refused. The page asks for one. */
export class AuthenticationRequired extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationRequired';
  }
}

/** Any other answer without data: the errors' messages, with their codes. */
export class RequestFailed extends Error {
  constructor(
    readonly errors: readonly GraphQLErrorEntry[],
    status: number,
  ) {
    super(
      errors.map((error) => `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`).join('; ') ||
        `HTTP ${status}`,
    );
    this.name = 'RequestFailed';
  }
}

export type Execute = <TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
) => Promise<ApiResult<TResult>>;

export function createApi(endpoint: string, apiKey: () => string | null): Execute {
  return async (document, ...[variables]) => {
    const key = apiKey();
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: unknown; errors?: GraphQLErrorEntry[] };
    const errors = body.errors ?? [];
    if (response.status === 401) throw new AuthenticationRequired(errors[0]?.message ?? 'The gateway needs an API key.');
    if (body.data === undefined || body.data === null) throw new RequestFailed(errors, response.status);
    return { data: body.data as never, errors };
  };
}
