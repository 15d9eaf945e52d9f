// The real entry point, as `npm start` runs it on a fresh machine: demo mode, a query, then a
// graceful SIGTERM (drain, close clients and registry, exit 0).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'gateway-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('serves the demo, then shuts down gracefully on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', GATEWAY_DATA_DIR: dataDir, LOG_LEVEL: 'info', WHM_URL: '', WHM_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // The logger writes through its own buffered stream, console.log through process.stdout: the
      // ready line may come before the log lines written before it, so wait for both.
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready within 60 s:\n${output}`)), 60_000);
        const check = (): void => {
          const match = /ready: open (http:\/\/\S+\/graphql)/.exec(output);
          if (match?.[1] && /OPEN ACCESS/.test(output)) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
      });
      expect(output).toMatch(/DEMO MODE/);
      expect(output).toMatch(/OPEN ACCESS/);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ servers { name isSimulator } validateSystemUser(username: "harbor") { exists } }' }),
      });
      expect(await response.json()).toEqual({
        data: { servers: [{ name: 'simulator', isSimulator: true }], validateSystemUser: { exists: true } },
      });
    } finally {
      child.kill('SIGTERM');
    }
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000))]);
    expect(code).toBe(0);
    expect(output).toMatch(/"msg":"stopped"/);
  }, 90_000);
});
