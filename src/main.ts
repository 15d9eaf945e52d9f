// `npm start`: the gateway against the configured WHM servers, or — with none configured — against
// an embedded WHM simulator with demo data (demo mode), so a fresh clone works with no WHM at all.
import { join } from 'node:path';
import { ConfigError, loadConfig, type WhmServerEntry } from './config.js';
import { openRegistry } from './registry/index.js';
import { startGateway } from './server.js';
import { ServerDirectory } from './servers.js';
import { startSimulator, type RunningSimulator } from './simulator/index.js';

const DEMO_TOKEN = 'DEMO-ONLY-SIMULATOR-TOKEN';

async function main(): Promise<void> {
  const config = loadConfig();
  let simulator: RunningSimulator | null = null;
  let entries: WhmServerEntry[] = config.servers;
  if (entries.length === 0) {
    simulator = await startSimulator({
      speedFactor: config.demoSpeed,
      auth: { tokens: { root: DEMO_TOKEN }, passwords: {} },
    });
    entries = [
      {
        name: 'simulator',
        url: simulator.url,
        credentials: { kind: 'token', user: 'root', token: DEMO_TOKEN },
        isDefault: true,
        isSimulator: true,
      },
    ];
    console.warn(
      `DEMO MODE: no WHM configured (set WHM_URL/WHM_TOKEN or WHM_CONFIG). Serving an embedded WHM simulator ` +
        `at ${simulator.url} with demo data, ${config.demoSpeed}x speed.`,
    );
  }
  const servers = new ServerDirectory(entries);
  const registry = await openRegistry({ kind: 'embedded', dataDir: join(config.dataDir, 'registry') });
  const gateway = await startGateway({
    servers,
    registry,
    host: config.host,
    port: config.port,
    batching: config.batching,
    maxLogBytes: config.maxLogBytes,
    auth: config.auth,
    production: config.production,
    corsOrigins: config.corsOrigins,
    introspection: config.introspection,
    sandbox: config.sandbox,
    maxBodyBytes: config.maxBodyBytes,
  });
  if (config.auth.mode === 'open') {
    console.warn(`OPEN ACCESS: no API keys or JWT configured; anyone who can reach ${config.host} is an admin. Loopback only.`);
  }
  console.log(`whm-graphql-gateway ready: open ${gateway.url} (Apollo Sandbox, with example operations)`);
  console.log(`WHM servers: ${entries.map((entry) => `${entry.name} → ${entry.url}`).join(', ')}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining requests, then closing the registry`);
    await gateway.close();
    servers.close();
    await registry.close();
    await simulator?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
