// /__sim/* lets a separately started simulator be driven over HTTP (no auth): statistics, faults,
// quirks and a view of the sessions.
import type { ServerResponse } from 'node:http';
import { QUIRK_NAMES } from './envelope.js';
import type { JsonValue } from './envelope.js';
import { JSON_TYPE, send } from './http-io.js';
import type { SimulatorState } from './state.js';
import type { Fault, Quirks, SimulatorStats } from './types.js';

export interface ControlHost {
  readonly state: SimulatorState;
  readonly quirks: Quirks;
  stats(): SimulatorStats;
  resetStats(): void;
  setFault(functionName: string, fault: Fault | null): void;
  setQuirks(quirks: Partial<Quirks>): void;
}

export function handleControl(host: ControlHost, method: string, path: string, body: string, response: ServerResponse): void {
  const json = (status: number, value: JsonValue): void => send(response, status, JSON_TYPE, JSON.stringify(value));
  const parsed = (): unknown => {
    try {
      return body === '' ? {} : (JSON.parse(body) as unknown);
    } catch {
      return undefined;
    }
  };
  if (method === 'GET' && path === '/__sim/stats') {
    const { totalRequests, calls } = host.stats();
    json(200, { totalRequests, calls });
    return;
  }
  if (method === 'POST' && path === '/__sim/reset-stats') {
    host.resetStats();
    json(200, { ok: true });
    return;
  }
  if (method === 'POST' && path === '/__sim/faults') {
    const input = parsed();
    if (!isRecord(input) || typeof input['function'] !== 'string') {
      json(400, { error: 'Send {"function": "<name>|*|batch", "fault": {...} | null}.' });
      return;
    }
    const fault = input['fault'];
    if (fault !== null && !isFault(fault)) {
      json(400, { error: 'Unknown fault: use kind latency|status|reset|hang|html|invalid-json|api-failure.' });
      return;
    }
    host.setFault(input['function'], fault);
    json(200, { ok: true });
    return;
  }
  if (method === 'POST' && path === '/__sim/quirks') {
    const input = parsed();
    if (!isRecord(input)) {
      json(400, { error: `Send {${QUIRK_NAMES.map((name) => `"${name}"?: bool`).join(', ')}}.` });
      return;
    }
    const quirks: Partial<Quirks> = {};
    for (const key of QUIRK_NAMES) {
      const value = input[key];
      if (typeof value === 'boolean') quirks[key] = value;
    }
    host.setQuirks(quirks);
    json(200, { ...host.quirks });
    return;
  }
  if (method === 'GET' && path === '/__sim/sessions') {
    host.state.refresh();
    json(
      200,
      [...host.state.sessions.values()].map((session) => session.describe()),
    );
    return;
  }
  json(404, { error: `No simulator control endpoint ${method} ${path}.` });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFault(value: unknown): value is Fault {
  if (!isRecord(value)) return false;
  if (value['times'] !== undefined && typeof value['times'] !== 'number') return false;
  switch (value['kind']) {
    case 'latency':
      return typeof value['ms'] === 'number';
    case 'status':
      return typeof value['status'] === 'number' && (value['body'] === undefined || typeof value['body'] === 'string');
    case 'reset':
    case 'hang':
    case 'html':
    case 'invalid-json':
      return true;
    case 'api-failure':
      return typeof value['reason'] === 'string';
    default:
      return false;
  }
}
