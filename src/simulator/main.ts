// `npm run simulator`: a WHM API 1 simulator with the demo data, for trying the gateway by hand.
import { DEMO_REMOTE_ROOT_PASSWORD, DEMO_ROOT_TOKEN, DEMO_SOURCE_HOST, demoAuth } from './demo-data.js';
import { startSimulator } from './index.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got “${raw}”.`);
  }
  return value;
}

async function main(): Promise<void> {
  const token = process.env['WHM_SIM_TOKEN'] || DEMO_ROOT_TOKEN;
  const simulator = await startSimulator({
    host: '127.0.0.1',
    port: numberFromEnv('WHM_SIM_PORT', 2087),
    speedFactor: numberFromEnv('WHM_SIM_SPEED', 1),
    tls: process.env['WHM_SIM_TLS'] === '1',
    auth: { tokens: { ...demoAuth().tokens, root: token } },
  });
  const insecure = simulator.url.startsWith('https:') ? ' -k' : '';
  process.stdout.write(
    [
      `WHM API 1 simulator listening on ${simulator.url}`,
      `Root API token: ${token}`,
      `Demo source: ${DEMO_SOURCE_HOST} (root password “${DEMO_REMOTE_ROOT_PASSWORD}”)`,
      'Try:',
      `  curl${insecure} -H 'Authorization: whm root:${token}' '${simulator.url}/json-api/available_transfer_modules?api.version=1'`,
      `Control endpoints: ${simulator.url}/__sim/stats, /__sim/sessions, POST /__sim/faults, /__sim/quirks, /__sim/reset-stats`,
      '',
    ].join('\n'),
  );
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    process.stdout.write(`\n${signal}: closing the simulator …\n`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
