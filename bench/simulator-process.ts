// The WHM simulator as its own process (`tsx src/simulator/main.ts`), so that its CPU and memory are
// not the gateway's: the bench drives it only over HTTP (WHM functions and its /__sim/* endpoints).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ROOT_TOKEN } from '../src/simulator/demo-data.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const STARTUP_BUDGET_MS = 30_000;
const LISTENING = /WHM API 1 simulator listening on (\S+)/;

export interface SimulatorProcess {
  url: string;
  token: string;
  /** Authorization header value for root. */
  authorization: string;
  totalRequests(): Promise<number>;
  resetStats(): Promise<void>;
  /** `fault` null clears; `"*"` is every function. */
  setFault(functionName: string, fault: Record<string, unknown> | null): Promise<void>;
  stop(): Promise<void>;
}

/** main.ts refuses port 0 (it wants a positive number): ask the OS for a free one, then hand it over. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`simulator did not start within ${STARTUP_BUDGET_MS} ms:\n${output}`)),
      STARTUP_BUDGET_MS,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = LISTENING.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout?.resume();
      resolveUrl(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${String(code)} before listening:\n${output}`));
    });
  });
}

/** `speed`: simulated seconds per real second (transfer sessions finish sooner when high). */
export async function startSimulatorProcess(options: { speed?: number } = {}): Promise<SimulatorProcess> {
  const port = await freePort();
  const child = spawn(TSX, [join(PROJECT_ROOT, 'src', 'simulator', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      WHM_SIM_PORT: String(port),
      WHM_SIM_SPEED: String(options.speed ?? 1),
      WHM_SIM_TOKEN: DEMO_ROOT_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child);
  const control = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`simulator ${method} ${path}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    url,
    token: DEMO_ROOT_TOKEN,
    authorization: `whm root:${DEMO_ROOT_TOKEN}`,
    async totalRequests() {
      const stats = (await control('GET', '/__sim/stats')) as { totalRequests: number };
      return stats.totalRequests;
    },
    async resetStats() {
      await control('POST', '/__sim/reset-stats');
    },
    async setFault(functionName, fault) {
      await control('POST', '/__sim/faults', { function: functionName, fault });
    },
    stop() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolveStop) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolveStop();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
