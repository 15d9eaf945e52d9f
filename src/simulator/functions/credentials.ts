// SSH credential checks against a simulated source (the auth matrix of REFERENCE §2.3).
import type { Args } from '../params.js';
import type { RemoteSource } from '../types.js';

export type CredentialOutcome =
  { ok: true; user: string; escalation: 'su' | 'sudo' | null; usedKey: boolean } | { ok: false; message: string };

export function checkCredentials(source: RemoteSource, host: string, args: Args): CredentialOutcome {
  const user = args.get('user') ?? 'root';
  const keyName = args.get('sshkey_name') ?? '';
  const password = args.get('password') ?? '';
  const method = args.get('root_escalation_method') ?? '';

  if (method !== '' && method !== 'su' && method !== 'sudo') {
    return { ok: false, message: `The root escalation method “${method}” is not valid; use “su” or “sudo”.` };
  }
  const escalationUser = (source.escalationUsers ?? []).find((candidate) => candidate.user === user);
  if (user !== 'root' && escalationUser === undefined) {
    return { ok: false, message: `The source server “${host}” rejected the SSH login for “${user}”: Permission denied.` };
  }

  if (keyName !== '') {
    const key = (source.sshKeys ?? []).find((candidate) => candidate.name === keyName);
    if (key === undefined) {
      return { ok: false, message: `The SSH key “${keyName}” does not exist or the source server “${host}” does not accept it.` };
    }
    if (key.passphrase !== undefined && key.passphrase !== (args.get('sshkey_passphrase') ?? '')) {
      return { ok: false, message: `The passphrase for the SSH key “${keyName}” is not correct.` };
    }
  } else {
    if (password === '') {
      return { ok: false, message: 'You must provide either a “password” or an “sshkey_name”.' };
    }
    const expected = user === 'root' ? source.rootPassword : escalationUser?.password;
    if (password !== expected) {
      return { ok: false, message: `The source server “${host}” rejected the SSH login for “${user}”: Permission denied.` };
    }
  }

  if (user === 'root') return { ok: true, user, escalation: null, usedKey: keyName !== '' };
  if (method === '') {
    return {
      ok: false,
      message: `The user “${user}” is not “root”: provide a “root_escalation_method” (“su” or “sudo”) to gain root privileges.`,
    };
  }
  if (method === 'sudo') {
    if (escalationUser?.sudo !== true) {
      return { ok: false, message: `The user “${user}” cannot run commands as “root” with “sudo” on “${host}”.` };
    }
    return { ok: true, user, escalation: 'sudo', usedKey: keyName !== '' };
  }
  if ((args.get('root_password') ?? '') !== source.rootPassword) {
    return { ok: false, message: `The “su” command on “${host}” failed: the “root_password” is not correct.` };
  }
  return { ok: true, user, escalation: 'su', usedKey: keyName !== '' };
}
