// Apollo Server installs some plugins by itself. Cache control hooks EVERY field (and so makes Apollo
// wrap every resolver): with no @cacheControl hints in the schema it only ever answered
// `cache-control: no-store`, so that header is now set directly, once per response. Usage and schema
// reporting (when APOLLO_KEY / APOLLO_SCHEMA_REPORTING are in the environment: they would send
// operations to Apollo's cloud) and inline traces (for federated subgraphs) are never wanted here.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';

/** What the cache control plugin answered for every response: GraphQL answers are never cached. */
const noStore: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

export function withoutUnusedApolloFeatures(): ApolloServerPlugin<BaseContext>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    noStore,
  ];
}
