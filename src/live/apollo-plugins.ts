// What Apollo Server's HTTP side knows of subscriptions: where they are (Sandbox is told), and that
// they are not served over HTTP.
//
// Apollo Sandbox on the landing page, told where subscriptions are: this same URL over ws(s)://.
// Apollo Server's embed options have no subscription endpoint (only runTelemetry, initialState and
// endpointIsEditable), so the page's EmbeddedSandbox call gets `initialSubscriptionEndpoint` added.
// Should a later Apollo Server write that call differently, the page is served as it comes, and
// Sandbox falls back to its own default, which is the same URL over ws(s):// anyway.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
// The CommonJS build Apollo itself loads (see websocket.ts), so Apollo keeps this error's code and status.
import { GraphQLError, OperationTypeNode } from 'graphql/index.js';

const ANCHOR = '      initialEndpoint,\n';
const SUBSCRIPTION_ENDPOINT = "      initialSubscriptionEndpoint: initialEndpoint.replace(/^http/, 'ws'),\n";

export function withSubscriptionEndpoint(html: string): string {
  return html.includes(ANCHOR) ? html.replace(ANCHOR, ANCHOR + SUBSCRIPTION_ENDPOINT) : html;
}

export function sandboxWithSubscriptions<C extends BaseContext>(landingPage: ApolloServerPlugin<C>): ApolloServerPlugin<C> {
  return {
    ...landingPage,
    async serverWillStart(service) {
      const listener = await landingPage.serverWillStart?.(service);
      if (!listener?.renderLandingPage) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const page = await listener.renderLandingPage!();
          const { html } = page;
          return {
            html: typeof html === 'string' ? withSubscriptionEndpoint(html) : async () => withSubscriptionEndpoint(await html()),
          };
        },
      };
    },
  };
}

/** A subscription sent over HTTP gets a clear 400, not a null where the schema promised a value. */
export function subscriptionsOverHttpRefused<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
          throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) at this same URL.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}
