// Child process for data-directory.test.ts: opens the registry in argv[2], records one session,
// prints "holding", then keeps the directory open until it is killed.
import { openRegistry } from '../../src/registry/index.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: hold-registry.ts DATA_DIR');
const registry = await openRegistry({ kind: 'embedded', dataDir });
await registry.recordSession({ id: 'heldbychild', server: 'child', kind: 'ROOT' });
console.log(`holding ${process.pid}`);
// Bounded: the parent kills it long before, but it must not outlive a test run that forgot to.
setTimeout(() => void registry.close().then(() => process.exit(0)), 120_000);
