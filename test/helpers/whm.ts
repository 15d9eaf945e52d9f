// Shared set-up for tests that talk to the WHM simulator over real HTTP.
import { demo, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { WhmClient, type WhmLogger, type WhmServerConfig } from '../../src/whm/index.js';

/** The simulator's default root token (one constant, in the simulator's demo data). */
export const SIMULATOR_ROOT_TOKEN = demo.DEMO_ROOT_TOKEN;

export interface CapturedLog {
  level: 'warn' | 'debug';
  fields: object;
  message: string;
}

/** A logger that keeps every line, so tests can assert what was (and was not) logged. */
export function capturingLogger(): WhmLogger & { lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  return {
    lines,
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    debug: (fields, message) => lines.push({ level: 'debug', fields, message }),
  };
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ speedFactor: 1000, ...options });
}

export function clientFor(
  simulator: RunningSimulator,
  overrides: Partial<WhmServerConfig> = {},
  logger: WhmLogger = capturingLogger(),
): WhmClient {
  return new WhmClient(
    {
      name: 'sim',
      url: simulator.url,
      credentials: { kind: 'token', user: 'root', token: SIMULATOR_ROOT_TOKEN },
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      ...overrides,
    },
    logger,
  );
}

/** Polls `check` until it returns a value, for at most `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
