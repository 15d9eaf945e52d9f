// The local explorer at /graphiql: GraphiQL from npm (the pre-built bundle of @graphql-yoga/render-graphiql),
// with every asset served by the gateway itself, so it works offline (Apollo Sandbox, the landing page, loads
// from Apollo's CDN). The bundle's own renderer inlines 9 MB of script and workers into one HTML page; here
// the page is small and the script, styles, workers and icon are separate, cacheable files, which lets a
// Content-Security-Policy forbid every other origin.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Request, type Response, type Router } from 'express';

export const EXPLORER_PATH = '/graphiql';

export interface ExplorerOptions {
  /** Preloaded in the editor on first visit (src/examples/workflow.graphql). */
  exampleOperations: string;
  /** Credentials required: the headers editor opens with an `x-api-key` entry to fill in. */
  authRequired: boolean;
}

interface Asset {
  body: Buffer;
  contentType: string;
  /** Made on the first request that accepts gzip (the script is 5 MB, 1.3 MB gzipped). */
  gzipped?: Buffer;
}

// Runs in the page after the bundle: Monaco's workers come from the gateway, subscriptions go over graphql-ws
// on /graphql, and the credentials of the last HTTP request (the headers editor) also open the WebSocket,
// since graphql-ws sends its connection parameters once, not per operation.
const BOOT_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var workers = config.workers;
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (_moduleId, label) { return workers[label]; } };
  var credentials = {};
  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var headers = new Headers((init && init.headers) || undefined);
    ['x-api-key', 'authorization'].forEach(function (name) {
      if (headers.has(name)) credentials[name] = headers.get(name);
    });
    return originalFetch(input, init);
  };
  var options = config.graphiql;
  options.subscriptionsProtocol = 'WS';
  options.subscriptionsEndpoint = location.origin.replace(/^http/, 'ws') + config.endpoint;
  options.connectionParams = function () { return Object.assign({}, credentials); };
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

/** Content hash in every asset URL: assets are cached for good, and a new bundle gets new URLs. */
interface AssetSet {
  version: string;
  files: Map<string, Asset>;
}

let loadingAssets: Promise<AssetSet> | null = null;

/** The bundle is 9 MB of JavaScript: imported on the first visit, not at every gateway start. */
function loadAssets(): Promise<AssetSet> {
  loadingAssets ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => {
    const favicon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
    const files = new Map<string, Asset>([
      ['graphiql.js', { body: Buffer.from(bundle.js), contentType: 'text/javascript; charset=utf-8' }],
      ['graphiql.css', { body: Buffer.from(bundle.css), contentType: 'text/css; charset=utf-8' }],
      ['editor.worker.js', { body: Buffer.from(bundle.editorWorkerService), contentType: 'text/javascript; charset=utf-8' }],
      ['json.worker.js', { body: Buffer.from(bundle.jsonWorker), contentType: 'text/javascript; charset=utf-8' }],
      ['graphql.worker.js', { body: Buffer.from(bundle.graphqlWorker), contentType: 'text/javascript; charset=utf-8' }],
      ['boot.js', { body: Buffer.from(BOOT_SCRIPT), contentType: 'text/javascript; charset=utf-8' }],
    ]);
    if (favicon?.[1] && favicon[2])
      files.set('favicon.ico', { body: Buffer.from(favicon[2], 'base64'), contentType: favicon[1] });
    const hash = createHash('sha256');
    for (const [name, asset] of files) hash.update(name).update(asset.body);
    return { version: hash.digest('hex').slice(0, 16), files };
  });
  return loadingAssets;
}

/** Scripts, styles, workers, images and requests: this origin only (data: for the bundle's inline fonts and icons). */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // React and Monaco set style attributes and inject <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON inside <script>: `<` escaped, so no text in the example operations can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(assets: AssetSet, options: ExplorerOptions, graphqlPath: string): string {
  const base = `${EXPLORER_PATH}/assets/${assets.version}`;
  const config = {
    endpoint: graphqlPath,
    workers: {
      editorWorkerService: `${base}/editor.worker.js`,
      json: `${base}/json.worker.js`,
      graphql: `${base}/graphql.worker.js`,
    },
    graphiql: {
      title: 'WHM GraphQL gateway · GraphiQL',
      endpoint: graphqlPath,
      defaultQuery: options.exampleOperations,
      isHeadersEditorEnabled: true,
      // An API key typed into the headers editor stays in this tab, never in the browser's storage.
      shouldPersistHeaders: false,
      ...(options.authRequired
        ? { defaultHeaders: JSON.stringify({ 'x-api-key': '' }, null, 2), defaultEditorToolsVisibility: 'headers' }
        : {}),
    },
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width,initial-scale=1" />
    <title>WHM GraphQL gateway · GraphiQL</title>
    <link rel="icon" href="${base}/favicon.ico" />
    <link rel="stylesheet" href="${base}/graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript. Without it, POST to ${graphqlPath} (see the README).</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-config">${scriptJson(config)}</script>
    <script src="${base}/graphiql.js"></script>
    <script src="${base}/boot.js"></script>
  </body>
</html>
`;
}

function sendAsset(request: Request, response: Response, asset: Asset): void {
  response.setHeader('content-type', asset.contentType);
  response.setHeader('cache-control', 'public, max-age=31536000, immutable');
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('vary', 'Accept-Encoding');
  if (request.acceptsEncodings('gzip', 'identity') === 'gzip') {
    asset.gzipped ??= gzipSync(asset.body);
    response.setHeader('content-encoding', 'gzip');
    response.end(asset.gzipped);
    return;
  }
  response.end(asset.body);
}

/**
 * GET /graphiql (the page) and /graphiql/assets/<version>/<file>. The page holds no data: like the landing
 * page it is served without credentials; every request it makes to /graphql is authenticated as usual.
 */
export function explorerRouter(options: ExplorerOptions, graphqlPath = '/graphql'): Router {
  const router = express.Router({ strict: false });
  router.get('/', (request, response, next) => {
    loadAssets()
      .then((assets) => {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.setHeader('cache-control', 'no-cache');
        response.setHeader('content-security-policy', EXPLORER_CSP);
        response.setHeader('x-content-type-options', 'nosniff');
        response.setHeader('referrer-policy', 'no-referrer');
        response.end(request.method === 'HEAD' ? undefined : page(assets, options, graphqlPath));
      })
      .catch(next);
  });
  router.get('/assets/:version/:file', (request, response, next) => {
    loadAssets()
      .then((assets) => {
        const asset = assets.files.get(request.params.file);
        // An old version's URL (a page cached across an upgrade) is not found: the page reloads new ones.
        if (request.params.version !== assets.version || !asset) {
          next();
          return;
        }
        sendAsset(request, response, asset);
      })
      .catch(next);
  });
  return router;
}

/** What the bar above Sandbox says: where the local explorer is (when on), and how to call the API without a browser. */
function landingBar(
  nonce: string,
  options: { explorer: boolean; dashboard?: boolean; authRequired: boolean; graphqlPath: string },
): string {
  const keyHeader = options.authRequired ? `-H 'x-api-key: YOUR_KEY' ` : '';
  const curl = `curl -H 'content-type: application/json' ${keyHeader}-d '{"query":"{ servers { name } }"}' `;
  const explorerLink = options.explorer ? `<a href="${EXPLORER_PATH}">Local explorer (GraphiQL, works offline)</a> · ` : '';
  const dashboardLink = options.dashboard ? '<a href="/dashboard">Live dashboard</a> · ' : '';
  return `
<style nonce=${nonce}>
  #embeddableSandbox { top: 2.5em; height: calc(100vh - 2.5em); }
  .fallback { margin-top: 2.5em; }
  .gateway-bar { position: absolute; top: 0; left: 0; right: 0; height: 2.5em; box-sizing: border-box; padding: 0.6em 1em;
    overflow: hidden; white-space: nowrap; font: 14px/1.3 system-ui, sans-serif; background: #14213d; color: #e5e5e5; }
  .gateway-bar a { color: #9cdcfe; }
  .gateway-bar code { font-family: ui-monospace, monospace; user-select: all; }
</style>
<div class="gateway-bar">${explorerLink}${dashboardLink}curl: <code id="gateway-curl">${escapeHtml(curl)}${options.graphqlPath}</code></div>
<script nonce="${nonce}">
  document.getElementById('gateway-curl').textContent = ${scriptJson(curl)} + location.origin + ${scriptJson(options.graphqlPath)};
</script>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Apollo's landing page puts one nonce on its own <style> and <script> elements (its CSP allows only those). */
const APOLLO_STYLE_NONCE = /<style nonce=([0-9a-f]{16,})>/;

/** Apollo's Sandbox page with the bar on top; an unrecognised page is left as it is (the tests notice). */
export function addLandingBar(
  html: string,
  options: { explorer: boolean; dashboard?: boolean; authRequired: boolean; graphqlPath?: string },
): string {
  const nonce = APOLLO_STYLE_NONCE.exec(html)?.[1];
  if (!nonce || !html.includes('</body>')) return html;
  const bar = landingBar(nonce, { graphqlPath: '/graphql', ...options });
  return html.replace('</body>', () => `${bar}</body>`);
}

/** Wraps Apollo's landing page plugin so its page carries the bar (addLandingBar). */
export function withLandingBar(
  landingPage: ApolloServerPlugin,
  options: { explorer: boolean; dashboard?: boolean; authRequired: boolean },
): ApolloServerPlugin {
  return {
    async serverWillStart(service) {
      const listener = await landingPage.serverWillStart?.(service);
      const render = listener?.renderLandingPage?.bind(listener);
      if (!listener || !render) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const { html } = await render();
          return { html: async () => addLandingBar(typeof html === 'string' ? html : await html(), options) };
        },
      };
    },
  };
}
