// The webhook outbox's public shapes (src/registry/webhook-outbox.ts implements them in SQL).

export type WebhookDeliveryStatus = 'PENDING' | 'RETRYING' | 'DELIVERED' | 'FAILED';

/** One event for one target, ready to send. */
export interface NewWebhookDelivery {
  eventId: string;
  target: string;
  eventType: string;
  /** The exact request body. */
  payload: string;
}

/** What one look at a session showed, for the state webhooks report. */
export interface SessionObservation {
  server: string;
  sessionId: string;
  /** The state as compared between looks (a known state's name, else WHM's text). */
  state: string;
  final: boolean;
  /** The log line of the last event the look saw (0: none): a look behind the last one reported is stale. */
  logPosition: number;
}

/** The session's reported state moved: the state before (null: never reported) and the change's number. */
export interface SessionStateChange {
  previousState: string | null;
  sequence: number;
}

export interface WebhookDeliveryRecord {
  id: string;
  eventId: string;
  target: string;
  eventType: string;
  server: string;
  sessionId: string;
  payload: string;
  createdAt: Date;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  lastHttpStatus: number | null;
  deliveredAt: Date | null;
}

export type DeliveryOutcome =
  | { delivered: true; httpStatus: number }
  /** nextAttemptAt null: given up (FAILED). */
  | { delivered: false; httpStatus: number | null; error: string; nextAttemptAt: Date | null };

export interface WebhookDeliveryFilter {
  /** Only these servers (the caller's); empty matches none. */
  servers: readonly string[];
  statuses?: readonly WebhookDeliveryStatus[] | null;
  target?: string | null;
  server?: string | null;
  sessionId?: string | null;
  eventType?: string | null;
}

export interface WebhookDeliveryPage {
  deliveries: WebhookDeliveryRecord[];
  hasNextPage: boolean;
}

export interface WebhookOutbox {
  /**
   * In one transaction: moves the session's reported state to the observation's (unless it is stale,
   * the same, or the session was already reported final), then writes the rows `build` makes for that
   * change (null: none). A row whose (event id, target) exists is skipped. Returns the rows written.
   */
  record(observation: SessionObservation, build: (change: SessionStateChange | null) => NewWebhookDelivery[]): Promise<number>;
  /** Claims up to `limit` due rows (the oldest open one per target and session) for `owner` until `until`. */
  claim(options: {
    owner: string;
    targets: readonly string[];
    now: Date;
    until: Date;
    limit: number;
  }): Promise<WebhookDeliveryRecord[]>;
  /** Records an attempt's outcome (a failure only while `owner` still holds the claim). */
  complete(id: string, owner: string, outcome: DeliveryOutcome, now: Date): Promise<void>;
  /** Newest first; `before` is the id of the last row of the previous page. */
  list(filter: WebhookDeliveryFilter, first: number, before: string | null): Promise<WebhookDeliveryPage>;
  /** Registry sessions on these servers not yet seen in a final state, newest first. */
  unfinishedSessions(servers: readonly string[], limit: number): Promise<{ server: string; id: string }[]>;
  /** Forgets delivered and failed rows created before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
