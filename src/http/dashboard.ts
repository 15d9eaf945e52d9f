// The live dashboard at /dashboard: the files Vite built from dashboard/ (npm run build:dashboard, run by
// `npm start` first), served as they are. Like the explorer's page they hold no data and are served
// without credentials; the page then calls /graphql and its WebSocket like any other client.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { graphqlError } from './middleware.js';

export const DASHBOARD_PATH = '/dashboard';
/** Where `npm run build:dashboard` writes (dashboard/vite.config.ts); outside git. */
export const DEFAULT_DASHBOARD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'dashboard');

/** Files and requests from the gateway only: no CDN, no inline script or style, nothing framed. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // The page's icon is an empty data: URL, so the browser asks the gateway for no /favicon.ico.
  "img-src 'self' data:",
  // 'self' covers the WebSocket to the same host (ws: and wss:) in CSP Level 3 browsers.
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GET /dashboard (the page: no-cache, so a new build is picked up at once) and /dashboard/assets/<name>-<hash>.<ext>
 * (cached for a year, immutable: a new build has new names). Before a build, /dashboard answers 503 saying how to build.
 */
export function dashboardRouter(directory: string = DEFAULT_DASHBOARD_DIR): Router {
  const router = express.Router({ strict: false });
  router.get('/', (request, response, next) => {
    readFile(join(directory, 'index.html'))
      .then((page) => {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.setHeader('cache-control', 'no-cache');
        response.setHeader('content-security-policy', DASHBOARD_CSP);
        response.setHeader('x-content-type-options', 'nosniff');
        response.setHeader('referrer-policy', 'no-referrer');
        response.end(request.method === 'HEAD' ? undefined : page);
      })
      .catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return next(error);
        graphqlError(
          response,
          503,
          'DASHBOARD_NOT_BUILT',
          'The dashboard is not built: run `npm run build:dashboard` (npm start does).',
        );
      });
  });
  router.use(
    '/assets',
    express.static(join(directory, 'assets'), {
      index: false,
      redirect: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
      setHeaders: (response) => response.setHeader('x-content-type-options', 'nosniff'),
    }),
  );
  return router;
}
