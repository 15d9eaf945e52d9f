// Apollo Sandbox on the landing page, told where subscriptions are: this same URL over ws(s)://.
// Apollo Server's embed options have no subscription endpoint (only runTelemetry, initialState and
// endpointIsEditable), so the page's EmbeddedSandbox call gets `initialSubscriptionEndpoint` added.
// Should a later Apollo Server write that call differently, the page is served as it comes, and
// Sandbox falls back to its own default, which is the same URL over ws(s):// anyway.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

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
