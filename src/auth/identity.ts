// Who is calling, once authenticated: a name (never a credential), a role, and optionally the WHM
// servers they may touch.
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  kind: 'api-key' | 'jwt' | 'anonymous';
  /** API key name or JWT subject: safe to log and to store as createdBy. */
  id: string;
  role: Role;
  /** Servers this identity may use; null = all. */
  servers: readonly string[] | null;
}

/** Demo mode on loopback only: everyone is an admin, and the logs say so. */
export const OPEN_ACCESS: Identity = { kind: 'anonymous', id: 'anonymous', role: 'admin', servers: null };

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(identity: Identity, required: Role): boolean {
  return RANK[identity.role] >= RANK[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
