// Who is calling: an API key (X-API-Key, stored only as a SHA-256 hash) or a JWT bearer token
// (HS256 secret or a JWKS URL, issuer and audience checked, `exp` required). Anything else is
// UNAUTHENTICATED. Every doubtful claim fails closed: a malformed servers claim is a 401, not "all".
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
  /** Claim holding the allowed server names: a list, or one name (default "whm_servers"). */
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

/** Seconds of clock skew allowed between the token issuer and the gateway (exp, nbf, iat). */
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;
const MIN_SECRET_BYTES = 32;

/** Why an HS256 secret is too weak to use, or null. Config reports it; createAuthenticator refuses it. */
export function jwtSecretProblem(secret: string): string | null {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    return `GATEWAY_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (at least 32 characters for plain ASCII)`;
  }
  if (/^(.)\1*$/su.test(secret)) return 'GATEWAY_JWT_SECRET must not be one repeated character';
  return null;
}

/** The servers a token may use: a list of names, one name, or (no claim) all; anything else is refused. */
function serversFromClaim(claim: string, value: unknown): readonly string[] | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((name): name is string => typeof name === 'string')) return value;
  throw new AuthenticationError(`The bearer token's "${claim}" claim must be a server name or a list of server names.`);
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
  const secretProblem = jwt?.secret === undefined ? null : jwtSecretProblem(jwt.secret);
  if (secretProblem) throw new Error(secretProblem);
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
      const options = {
        issuer: jwt.issuer,
        audience: jwt.audience,
        // A token without an expiry would be valid forever.
        requiredClaims: ['exp'],
        clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS,
      };
      payload = secret
        ? (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload
        : (await jwtVerify(token, jwks!, { ...options, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] })).payload;
    } catch (error) {
      throw new AuthenticationError(`Invalid bearer token: ${error instanceof Error ? error.message : 'rejected'}.`);
    }
    // jose checks iat only together with maxTokenAge: a token issued "in the future" is refused here.
    if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + JWT_CLOCK_TOLERANCE_SECONDS) {
      throw new AuthenticationError('Invalid bearer token: "iat" claim is in the future.');
    }
    const role = payload[jwt.roleClaim];
    if (!payload.sub) throw new AuthenticationError('The bearer token has no subject.');
    if (!isRole(role))
      throw new AuthenticationError(`The bearer token's "${jwt.roleClaim}" claim must be viewer, operator or admin.`);
    return {
      kind: 'jwt',
      id: `jwt:${payload.sub}`,
      role,
      servers: serversFromClaim(jwt.serversClaim, payload[jwt.serversClaim]),
    };
  }

  return async ({ apiKey, authorization }) => {
    if (apiKey) return byApiKey(apiKey.trim());
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (bearer) return byJwt(bearer);
    throw new AuthenticationError('Send an API key in X-API-Key or a bearer token in Authorization.');
  };
}
