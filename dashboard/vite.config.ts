// The dashboard's build: plain TypeScript bundled by Vite into ../dist/dashboard (outside git), served by
// the gateway at /dashboard (src/http/dashboard.ts). Hashed file names let the gateway cache them for good.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/dashboard/',
  // Nothing to copy as it is: every file the page needs is imported, so it gets a hashed name.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inlined assets: the page's Content-Security-Policy allows files from the gateway only.
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: true,
  },
});
