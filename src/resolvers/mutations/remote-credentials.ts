// Source-server credentials: the checked WHM parameters shared by the credential check and session
// creation, the check itself (`remote_basic_credential_check`), and the kind of a source's refusal.
import { badUserInput } from '../../errors.js';
import type {
  MutationResolvers,
  RemoteCredentialsInput,
  RootEscalationInput,
  RootEscalationMethod,
  UserError,
  UserErrorCode,
} from '../../generated/graphql.js';
import { checkHost, checkIntegerRange, checkSecret, checkText, checkUsername } from '../../validation.js';
import { whmRefusalOf } from '../../whm-access/index.js';
import type { RemoteBasicCredentialCheckData, RemoteBasicCredentialCheckParams } from '../../whm/index.js';

interface RemoteLoginInput {
  host: string;
  port?: number | null;
  user?: string | null;
  credentials: RemoteCredentialsInput;
  escalation?: RootEscalationInput | null;
}

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Host, login and escalation, checked, in WHM's parameter names. Secrets pass through untouched and unlogged. */
export function remoteLoginParams(input: RemoteLoginInput): RemoteBasicCredentialCheckParams {
  const field = (...names: string[]) => ['input', ...names];
  const user = checkUsername(input.user ?? 'root', field('user'));
  const { password, sshKeyName, sshKeyPassphrase } = input.credentials;
  if (given(password) === given(sshKeyName)) {
    throw badUserInput('Give either credentials.password or credentials.sshKeyName.', field('credentials'));
  }
  if (given(sshKeyPassphrase) && !sshKeyName) {
    throw badUserInput('sshKeyPassphrase goes with sshKeyName.', field('credentials', 'sshKeyPassphrase'));
  }
  const escalation = input.escalation ?? null;
  if (escalation && user === 'root') throw badUserInput('Escalation is only for users other than root.', field('escalation'));
  if (escalation?.method === 'SU' && !escalation.rootPassword) {
    throw badUserInput('Escalating with SU needs rootPassword.', field('escalation', 'rootPassword'));
  }
  return {
    host: checkHost(input.host, field('host')),
    user,
    port: given(input.port) ? checkIntegerRange(input.port, 1, 65535, field('port')) : undefined,
    password: password ? checkSecret(password, field('credentials', 'password')) : undefined,
    sshkey_name: sshKeyName ? checkText(sshKeyName, field('credentials', 'sshKeyName')) : undefined,
    sshkey_passphrase: sshKeyPassphrase ? checkSecret(sshKeyPassphrase, field('credentials', 'sshKeyPassphrase')) : undefined,
    root_escalation_method: escalation ? (escalation.method === 'SU' ? 'su' : 'sudo') : undefined,
    root_password: escalation?.rootPassword
      ? checkSecret(escalation.rootPassword, field('escalation', 'rootPassword'))
      : undefined,
  };
}

// WHM reports a source's refusal only in words (REFERENCE §2.3, §2.5); these cover the texts seen for
// each kind. Anything else stays WHM_API_ERROR, with WHM's reason as the message either way.
const UNREACHABLE =
  /unable to resolve|could not resolve|name or service not known|connection (refused|timed out|reset)|timed out|no route to host|(network|host) is unreachable|(could not|failed to|unable to) connect/i;
const ESCALATION = /root_escalation_method|\bsudo\b|[“"]su[”"]|\bsu\b command|escalat/i;
const AUTH =
  /permission denied|authentication fail|rejected the ssh login|did not accept the password|passphrase|ssh key|login incorrect|access denied/i;

type RefusalFields = Partial<Record<UserErrorCode, string[]>>;

const REMOTE_FIELDS: RefusalFields = {
  REMOTE_HOST_UNREACHABLE: ['input', 'host'],
  REMOTE_ESCALATION_REFUSED: ['input', 'escalation'],
  REMOTE_AUTH_REFUSED: ['input', 'credentials'],
};

/** The kind of a source server's refusal, from WHM's reason. */
export function remoteRefusalCode(reason: string): UserErrorCode {
  if (UNREACHABLE.test(reason)) return 'REMOTE_HOST_UNREACHABLE';
  if (ESCALATION.test(reason)) return 'REMOTE_ESCALATION_REFUSED';
  if (AUTH.test(reason)) return 'REMOTE_AUTH_REFUSED';
  return 'WHM_API_ERROR';
}

/** A WHM refusal of a session creation or check, with the code of its kind and the input it concerns. */
export function remoteRefusal(error: UserError, fields: RefusalFields = REMOTE_FIELDS): UserError {
  if (error.code !== 'WHM_API_ERROR') return error;
  const code = remoteRefusalCode(error.message);
  return { ...error, code, field: fields[code] ?? error.field ?? null };
}

const ESCALATION_METHODS: Record<string, RootEscalationMethod> = { su: 'SU', sudo: 'SUDO' };

/** The check's data, which WHM also sends with a refusal (then untyped, so looked at with care). */
function checkAnswer(data: unknown): RemoteBasicCredentialCheckData {
  if (typeof data !== 'object' || data === null) return {};
  const { output, escalation_method_used: method } = data as Record<string, unknown>;
  return {
    output: typeof output === 'string' ? output : null,
    escalation_method_used: typeof method === 'string' ? method : null,
  };
}

export const credentialMutations: MutationResolvers = {
  checkRemoteCredentials: async (_root, { input }, context) => {
    const server = context.servers.resolve(input.server, ['input', 'server']).entry.name;
    const params = remoteLoginParams(input);
    try {
      // Catalogued as a read with secret parameters: never shared with other requests, never in a URL.
      const { data } = await context.whm.read(server, 'remote_basic_credential_check', params);
      const answer = checkAnswer(data);
      return {
        ok: true,
        loginWorks: true,
        rootAccess: true,
        escalationMethodUsed: ESCALATION_METHODS[answer.escalation_method_used ?? ''] ?? null,
        whmReason: null,
        output: answer.output ?? null,
        userErrors: [],
      };
    } catch (error) {
      const refusal = whmRefusalOf(error);
      if (!refusal) throw error;
      const userError = remoteRefusal({ field: null, message: refusal.reason, code: 'WHM_API_ERROR' });
      const loginWorks =
        userError.code === 'REMOTE_ESCALATION_REFUSED' ? true : userError.code === 'REMOTE_AUTH_REFUSED' ? false : null;
      return {
        ok: false,
        loginWorks,
        rootAccess: loginWorks === true ? false : null,
        escalationMethodUsed: null,
        whmReason: refusal.reason,
        // WHM returns the check's data even when it fails (REFERENCE §2.5 [DIFF]).
        output: checkAnswer(refusal.data).output ?? null,
        userErrors: [userError],
      };
    }
  },
};
