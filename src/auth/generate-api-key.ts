// `npm run api-key -- NAME ROLE [SERVER…]`: makes a random API key and prints the entry to configure.
// The gateway stores only the hash; the key is shown once, here.
import { randomBytes } from 'node:crypto';
import { hashApiKey } from './authenticate.js';
import { isRole } from './identity.js';

const [name, role, ...servers] = process.argv.slice(2);
if (!name || !isRole(role)) {
  console.error('usage: npm run api-key -- NAME viewer|operator|admin [SERVER …]');
  process.exit(2);
}
const key = `whmgw_${randomBytes(32).toString('base64url')}`;
const entry = { name, role, keyHash: hashApiKey(key), ...(servers.length > 0 ? { servers } : {}) };
console.log(`API key for ${name} (give it to the client; it is not stored anywhere):\n  ${key}\n`);
console.log(`Add this entry to GATEWAY_API_KEYS (a JSON list) or GATEWAY_API_KEYS_FILE:\n  ${JSON.stringify(entry)}`);
