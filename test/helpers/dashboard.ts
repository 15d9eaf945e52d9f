// The live dashboard for tests: built by Vite from dashboard/ into a temporary folder (what npm run
// build:dashboard writes to dist/dashboard), and the API keys of the three roles.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { hashApiKey } from '../../src/auth/authenticate.js';

const PROJECT = resolve(import.meta.dirname, '..', '..');

export const DASHBOARD_KEYS = {
  viewer: 'viewer-key-0123456789',
  operator: 'operator-key-0123456789',
  admin: 'admin-key-0123456789',
} as const;

/** Auth with one key per role, named `<role>-key`. */
export const dashboardAuth = {
  mode: 'required' as const,
  settings: {
    apiKeys: (['viewer', 'operator', 'admin'] as const).map((role) => ({
      name: `${role}-key`,
      role,
      keyHash: hashApiKey(DASHBOARD_KEYS[role]),
    })),
    jwt: null,
  },
};

export interface DashboardBuild {
  directory: string;
  remove(): void;
}

/** Builds the dashboard from its current source (a couple of seconds). */
export async function buildDashboard(): Promise<DashboardBuild> {
  const directory = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
  const args = ['build', '--config', 'dashboard/vite.config.ts', '--outDir', directory, '--emptyOutDir'];
  await promisify(execFile)(join(PROJECT, 'node_modules', '.bin', 'vite'), args, { cwd: PROJECT, timeout: 120_000 });
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
