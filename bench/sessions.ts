// Finished transfer sessions whose master.log has a chosen number of lines, made through the public
// API only: created, queued and started through the gateway (at most 1 000 items per enqueue), run
// by the simulator at high speed. Package items: any name is valid, and each writes 8 master.log
// lines (start, process-item, start-item, success-item in both queues).
import type { BenchGateway } from './gateway.js';
import type { SimulatorProcess } from './simulator-process.js';

const LINES_PER_ITEM = 8;
/** Lines a one-thread session writes besides its items (header, queue counts, workers' ends). */
const FIXED_LINES = 12;
const FINISH_BUDGET_MS = 120_000;

const CREATE = /* GraphQL */ `
  mutation {
    createRemoteRootTransferSession(
      input: {
        host: "source.example.net"
        credentials: { password: "remote-root-password" }
        transferThreads: 1
        restoreThreads: 1
      }
    ) {
      session {
        id
      }
      userErrors {
        message
        code
      }
    }
  }
`;
const MAX_ITEMS_PER_ENQUEUE = 1_000;
// Synthetic packages the source does not list: force past the plan check that would hold them back.
const ENQUEUE = /* GraphQL */ `
  mutation Queue($id: ID!, $items: [TransferItemInput!]!) {
    enqueueTransferItems(sessionId: $id, items: $items, force: true) {
      userErrors {
        message
        code
      }
    }
  }
`;
const START = /* GraphQL */ `
  mutation Start($id: ID!) {
    startTransferSession(id: $id) {
      userErrors {
        message
        code
      }
    }
  }
`;
const FINISHED = /* GraphQL */ `
  query Finished($id: ID!) {
    transferSession(id: $id) {
      isFinished
    }
  }
`;

interface Created {
  createRemoteRootTransferSession: { session: { id: string } | null; userErrors: { message: string }[] };
}

async function whm(simulator: SimulatorProcess, fn: string, form: URLSearchParams): Promise<Record<string, unknown>> {
  const response = await fetch(`${simulator.url}/json-api/${fn}`, {
    method: 'POST',
    headers: { authorization: simulator.authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: `api.version=1&${form.toString()}`,
  });
  const body = (await response.json()) as { metadata?: { result?: number; reason?: string }; data?: Record<string, unknown> };
  if (body.metadata?.result !== 1) throw new Error(`WHM ${fn} failed: ${body.metadata?.reason ?? `HTTP ${response.status}`}`);
  return body.data ?? {};
}

export async function masterLogLines(simulator: SimulatorProcess, id: string): Promise<number> {
  const data = await whm(
    simulator,
    'fetch_transfer_session_log',
    new URLSearchParams({ transfer_session_id: id, logfile: 'master.log' }),
  );
  const log = typeof data['log'] === 'string' ? data['log'] : '';
  return log.split('\n').filter((line) => line !== '').length;
}

/** A finished session with about `lines` lines of master.log; returns its id and the exact count. */
export async function makeFinishedSession(
  gateway: BenchGateway,
  simulator: SimulatorProcess,
  lines: number,
): Promise<{ id: string; lines: number }> {
  const created = await gateway.query<Created>(CREATE);
  const id = created.createRemoteRootTransferSession.session?.id;
  if (!id) throw new Error(`could not create a session: ${JSON.stringify(created.createRemoteRootTransferSession.userErrors)}`);
  const items = Math.max(1, Math.round((lines - FIXED_LINES) / LINES_PER_ITEM));
  for (let first = 0; first < items; first += MAX_ITEMS_PER_ENQUEUE) {
    const count = Math.min(MAX_ITEMS_PER_ENQUEUE, items - first);
    const chunk = Array.from({ length: count }, (_unused, index) => ({
      packageRemoteRoot: { package: `pkg${String(first + index).padStart(5, '0')}` },
    }));
    const queued = await gateway.query<{ enqueueTransferItems: { userErrors: unknown[] } }>(ENQUEUE, { id, items: chunk });
    if (queued.enqueueTransferItems.userErrors.length > 0)
      throw new Error(`enqueue: ${JSON.stringify(queued.enqueueTransferItems.userErrors[0])}`);
  }
  const started = await gateway.query<{ startTransferSession: { userErrors: unknown[] } }>(START, { id });
  if (started.startTransferSession.userErrors.length > 0)
    throw new Error(`start: ${JSON.stringify(started.startTransferSession.userErrors)}`);
  const deadline = Date.now() + FINISH_BUDGET_MS;
  for (;;) {
    const state = await gateway.query<{ transferSession: { isFinished: boolean | null } | null }>(FINISHED, { id });
    if (state.transferSession?.isFinished) break;
    if (Date.now() > deadline) throw new Error(`session ${id} did not finish within ${FINISH_BUDGET_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { id, lines: await masterLogLines(simulator, id) };
}
