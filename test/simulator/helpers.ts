// Shared helpers for the simulator tests: raw WHM calls over node's fetch, polling with a deadline.
import { demo, type RunningSimulator } from '../../src/simulator/index.js';
import { SIMULATOR_ROOT_TOKEN, eventually } from '../helpers/whm.js';

export const ROOT_TOKEN = SIMULATOR_ROOT_TOKEN;
export const ROOT_AUTH = `whm root:${ROOT_TOKEN}`;
export const SOURCE = demo.DEMO_SOURCE_HOST;
export const REMOTE_ROOT_PASSWORD = demo.DEMO_REMOTE_ROOT_PASSWORD;

export interface Envelope {
  /** null only with the nullData quirk. */
  data?: Record<string, unknown> | null;
  metadata: {
    command: string;
    reason: string;
    result: number | string;
    version: number;
    output?: { warnings?: string[] | string; messages?: string[]; raw?: string };
  };
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  authorization?: string;
  /** Leave out api.version=1. */
  withoutApiVersion?: boolean;
}

/** One WHM API 1 call; POST form body by default, GET query string on request. */
export async function whm(
  simulator: RunningSimulator,
  functionName: string,
  params: Record<string, string | number> | [string, string][] = {},
  options: CallOptions = {},
): Promise<Envelope> {
  const response = await whmResponse(simulator, functionName, params, options);
  expectJson(response);
  return (await response.json()) as Envelope;
}

export async function whmResponse(
  simulator: RunningSimulator,
  functionName: string,
  params: Record<string, string | number> | [string, string][] = {},
  options: CallOptions = {},
): Promise<Response> {
  const pairs: [string, string][] = Array.isArray(params)
    ? params
    : Object.entries(params).map(([key, value]) => [key, String(value)]);
  const form = new URLSearchParams(options.withoutApiVersion === true ? pairs : [['api.version', '1'], ...pairs]);
  const headers: Record<string, string> = { authorization: options.authorization ?? ROOT_AUTH };
  if (options.method === 'GET') {
    return fetch(`${simulator.url}/json-api/${functionName}?${form.toString()}`, { headers });
  }
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return fetch(`${simulator.url}/json-api/${functionName}`, { method: 'POST', headers, body: form.toString() });
}

function expectJson(response: Response): void {
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.startsWith('application/json')) {
    throw new Error(`expected a JSON 200 answer, got ${response.status} ${type}`);
  }
}

export function dataOf(envelope: Envelope): Record<string, unknown> {
  if (envelope.data === undefined || envelope.data === null) throw new Error(`no data: ${envelope.metadata.reason}`);
  return envelope.data;
}

// One polling helper for all suites.
export { eventually };

export async function sessionState(simulator: RunningSimulator, id: string): Promise<string> {
  const envelope = await whm(simulator, 'get_transfer_session_state', { transfer_session_id: id });
  return String(dataOf(envelope)['state_name']);
}

export async function waitForState(simulator: RunningSimulator, id: string, wanted: string, timeoutMs = 5000): Promise<void> {
  await eventually(async () => ((await sessionState(simulator, id)) === wanted ? true : undefined), timeoutMs);
}

export async function createRootSession(
  simulator: RunningSimulator,
  extra: Record<string, string | number> = {},
): Promise<string> {
  const envelope = await whm(simulator, 'create_remote_root_transfer_session', {
    host: SOURCE,
    user: 'root',
    password: REMOTE_ROOT_PASSWORD,
    ...extra,
  });
  if (envelope.metadata.result !== 1) throw new Error(envelope.metadata.reason);
  return String(dataOf(envelope)['transfer_session_id']);
}

export async function enqueueAccount(
  simulator: RunningSimulator,
  id: string,
  user: string,
  extra: Record<string, string | number> = {},
): Promise<Envelope> {
  return whm(simulator, 'enqueue_transfer_item', {
    transfer_session_id: id,
    module: 'AccountRemoteRoot',
    user,
    localuser: user,
    ...extra,
  });
}

export interface LogLine {
  pid: number;
  type: string;
  indent: number;
  partial: number;
  contents: Record<string, unknown> | string;
}

export async function fetchLog(simulator: RunningSimulator, id: string, logfile: string): Promise<LogLine[]> {
  const envelope = await whm(simulator, 'fetch_transfer_session_log', { transfer_session_id: id, logfile });
  const text = String(dataOf(envelope)['log']);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

export function control(line: LogLine): Record<string, unknown> {
  if (typeof line.contents === 'string') throw new Error('not a control line');
  return line.contents;
}
