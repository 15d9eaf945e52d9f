// Turns looks at a session into outbox rows, in one registry transaction per look. Only sessions the
// registry knows produce events. A look that cannot be recorded throws: the poller that made it then
// retries (it has not marked its events published), so nothing is lost between WHM and the outbox.
import type { LiveLogger, SessionKey } from '../live/index.js';
import type { SessionKind, SessionRegistry } from '../registry/index.js';
import type { TransferEvent, TransferItemOutcome } from '../transfer/index.js';
import { comparableState, deliveriesOf, eventsOfLook, isFinalState } from './events.js';
import type { WebhookTarget } from './types.js';

export interface RecorderOptions {
  registry: Pick<SessionRegistry, 'get' | 'webhookOutbox'>;
  targets: readonly WebhookTarget[];
  /** Rows were written: deliver soon. */
  onRecorded(): void;
  logger?: LiveLogger;
}

export interface LookContents {
  stateName: string;
  events: readonly TransferEvent[];
  items: readonly TransferItemOutcome[];
  /** Line of the last event read so far (0: none): orders looks taken by different replicas. */
  logPosition: number;
}

export class WebhookRecorder {
  /** A session's kind never changes: asked once per session and process. */
  private readonly kinds = new Map<string, SessionKind>();

  constructor(private readonly options: RecorderOptions) {}

  async record(key: SessionKey, look: LookContents): Promise<void> {
    const { targets, registry } = this.options;
    if (!targets.some((target) => target.servers === null || target.servers.includes(key.server))) return;
    const kind = await this.kindOf(key);
    // Not one of the gateway's sessions (a subscriber watching one created elsewhere): no webhooks.
    if (kind === null) return;
    const observation = {
      server: key.server,
      sessionId: key.id,
      state: comparableState(look.stateName),
      final: isFinalState(look.stateName),
      logPosition: look.logPosition,
    };
    const now = new Date();
    const written = await registry.webhookOutbox.record(observation, (change) =>
      deliveriesOf(eventsOfLook({ ...look, server: key.server, sessionId: key.id, kind }, change, now), targets),
    );
    if (written > 0) {
      this.options.logger?.debug(
        { server: key.server, sessionId: key.id, rows: written },
        'webhook events written to the outbox',
      );
      this.options.onRecorded();
    }
  }

  private async kindOf(key: SessionKey): Promise<SessionKind | null> {
    const id = `${key.server}\u0000${key.id}`;
    const known = this.kinds.get(id);
    if (known) return known;
    const record = await this.options.registry.get(key.server, key.id);
    if (record) this.kinds.set(id, record.kind);
    return record?.kind ?? null;
  }
}
