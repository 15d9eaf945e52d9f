// Who is calling: an API key (X-API-Key, stored only as a SHA-256 hash) or a JWT bearer token
// (HS256 secret or a JWKS URL, issuer and audience checked). Anything else is UNAUTHENTICATED.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { isRole, type Identity, type Role } from './identity.js';

export interface ApiKeyRecord {
  /** Shown in logs and as createdBy; never the key itself. */
  name: string;
  role: Role;
  /** "sha256:<hex>" of the key. */
  keyHash: string;
  /** Servers the key may use; absent = all. */
  servers?: readonly string[];
}

export interface JwtSettings {
  /** HS256 shared secret … */
  secret?: string;
  /** … or a JWKS URL (RS256/ES256/EdDSA keys). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Claim holding the role (default "role"). */
  roleClaim: string;
  /** Claim holding the allowed server names, an array (default "whm_servers"). */
  serversClaim: string;
}

export interface AuthSettings {
  apiKeys: readonly ApiKeyRecord[];
  jwt: JwtSettings | null;
}

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

export interface Credentials {
  apiKey: string | undefined;
  authorization: string | undefined;
}

export type Authenticator = (credentials: Credentials) => Promise<Identity>;

export function createAuthenticator(settings: AuthSettings): Authenticator {
  const keys = settings.apiKeys.map((record) => ({ record, digest: Buffer.from(record.keyHash, 'utf8') }));
  const jwt = settings.jwt;
  const jwks = jwt?.jwksUrl ? createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: 5_000 }) : null;
  const secret = jwt?.secret ? new TextEncoder().encode(jwt.secret) : null;

  function byApiKey(key: string): Identity {
    const digest = Buffer.from(hashApiKey(key), 'utf8');
    // Compare against every record, in constant time, so timing reveals nothing about the keys.
    let match: ApiKeyRecord | null = null;
    for (const candidate of keys) {
      if (candidate.digest.length === digest.length && timingSafeEqual(candidate.digest, digest)) match = candidate.record;
    }
    if (!match) throw new AuthenticationError('Unknown API key.');
    return { kind: 'api-key', id: `key:${match.name}`, role: match.role, servers: match.servers ?? null };
  }

  async function byJwt(token: string): Promise<Identity> {
    if (!jwt || (!secret && !jwks)) throw new AuthenticationError('Bearer tokens are not accepted here.');
    let payload: JWTPayload;
    try {
      const options = { issuer: jwt.issuer, audience: jwt.audience };
      payload = secret
        ? (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload
        : (await jwtVerify(token, jwks!, { ...options, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] })).payload;
    } catch (error) {
      throw new AuthenticationError(`Invalid bearer token: ${error instanceof Error ? error.message : 'rejected'}.`);
    }
    const role = payload[jwt.roleClaim];
    if (!payload.sub) throw new AuthenticationError('The bearer token has no subject.');
    if (!isRole(role)) throw new AuthenticationError(`The bearer token's "${jwt.roleClaim}" claim must be viewer, operator or admin.`);
    const servers = payload[jwt.serversClaim];
    const allowed = Array.isArray(servers) ? servers.filter((name): name is string => typeof name === 'string') : null;
    return { kind: 'jwt', id: `jwt:${payload.sub}`, role, servers: allowed };
  }

  return async ({ apiKey, authorization }) => {
    if (apiKey) return byApiKey(apiKey.trim());
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (bearer) return byJwt(bearer);
    throw new AuthenticationError('Send an API key in X-API-Key or a bearer token in Authorization.');
  };
}
