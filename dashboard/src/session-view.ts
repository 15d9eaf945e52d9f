// One session: its state, a progress bar per queue and overall (by bytes), the items, the last events and
// the steering buttons. Everything after the first paint arrives through the session feed (the
// transferSessionUpdated and transferSessionEvents subscriptions): the page never polls.
import type { Execute } from './api.js';
import { describeError, formatTime, h, replaceChildren } from './dom.js';
import type { DashboardSessionFragment, Role, TransferSessionState } from './gql/graphql.js';
import type { LiveState } from './live.js';
import { ProgressBar } from './progress.js';
import { EventList, ItemsTable, type ShownEvent } from './session-parts.js';
import type { SessionKey } from './session-list.js';
import { SteeringControls } from './steering.js';

/** A session as pushed, with the poller's health when the feed has it. */
export type PushedSession = DashboardSessionFragment & {
  live?: { polling: boolean; lastError: { code: string; message: string } | null; nextPollAt: string | null } | null;
};

export interface FeedHandlers {
  session(session: PushedSession): void;
  event(event: ShownEvent): void;
  /** Where the session stream's connection is. */
  connection(state: LiveState, detail?: string): void;
  failed(message: string): void;
}

/** Where the pushes come from: the subscriptions (live-session.ts). Returns a function that stops them. */
export type SessionFeed = (key: SessionKey, handlers: FeedHandlers) => () => void;

export interface SessionViewDeps {
  execute: Execute;
  feed: SessionFeed;
  role: Role;
  unauthorized(message: string): void;
  /** Each session pushed (the list shows it too). */
  pushed(session: PushedSession): void;
}

const QUEUES = ['TRANSFER', 'RESTORE'] as const;

const CONNECTION_TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ended: 'Final state reached: no more updates.',
  failed: 'Updates stopped.',
};

export class SessionView {
  private stop: (() => void) | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly deps: SessionViewDeps,
  ) {}

  show(key: SessionKey | null): void {
    this.stop?.();
    this.stop = null;
    this.root.hidden = key === null;
    if (key === null) {
      replaceChildren(this.root);
      return;
    }
    const label = `Session ${key.id}`;
    const state = h('span', { class: 'state', id: 'session-state', 'aria-live': 'polite' }, '…');
    const facts = h('dl', { class: 'facts' });
    const connection = h(
      'p',
      { class: 'connection', id: 'session-connection', 'aria-live': 'polite' },
      CONNECTION_TEXT.connecting,
    );
    const health = h('p', { class: 'error', role: 'status', hidden: true });
    const failure = h('p', { class: 'error', role: 'alert', hidden: true });
    const overall = new ProgressBar(`${label} overall progress`, 'Overall');
    const queues = new Map(QUEUES.map((queue) => [queue, new ProgressBar(`${label} ${queue} queue progress`, queue)]));
    const items = new ItemsTable(key.id);
    const events = new EventList(key.id);
    const showState = (value: TransferSessionState | null, name: string | null) => {
      state.textContent = value ?? name ?? 'unknown';
      state.className = `state state-${(value ?? 'UNKNOWN').toLowerCase()}`;
      steering.update(value);
    };
    const steering = new SteeringControls(key, this.deps.role, this.deps.execute, {
      stateChanged: showState,
      unauthorized: (message) => this.deps.unauthorized(message),
    });
    replaceChildren(
      this.root,
      h('h2', { id: 'session-title' }, `${label} `, h('small', {}, `on ${key.server}`), ' ', state),
      facts,
      connection,
      health,
      failure,
      h(
        'div',
        { class: 'progress-bars', role: 'group', 'aria-label': `${label} progress` },
        overall.element,
        ...[...queues.values()].map((bar) => bar.element),
      ),
      steering.element,
      h('h3', {}, 'Items'),
      items.element,
      events.element,
    );

    const render = (session: PushedSession) => {
      this.deps.pushed(session);
      showState(session.state, session.stateName);
      replaceChildren(
        facts,
        ...fact('Kind', session.kind),
        ...fact('Remote host', session.remoteHost ?? '—'),
        ...fact('Created', `${formatTime(session.createdAt)}${session.createdBy ? ` by ${session.createdBy}` : ''}`),
      );
      const progress = session.progress;
      if (progress) {
        overall.update(progress.percent, progress.completedBytes, progress.totalBytes);
        for (const queue of progress.queues) {
          const detail = `${queue.completedItems} of ${queue.totalItems} items${queue.failedItems ? `, ${queue.failedItems} failed` : ''}`;
          queues.get(queue.queue)?.update(queue.percent, queue.completedBytes, queue.totalBytes, detail);
        }
      }
      items.update(session.items);
      const pollError = session.live?.lastError;
      health.hidden = !pollError;
      health.textContent = pollError
        ? `The gateway cannot read WHM (${pollError.code}: ${pollError.message}); it keeps trying.`
        : '';
    };

    try {
      this.stop = this.deps.feed(key, {
        session: render,
        event: (event) => events.add(event),
        connection: (value, detail) => {
          connection.textContent = detail ? `${CONNECTION_TEXT[value]} ${detail}` : CONNECTION_TEXT[value];
          connection.dataset.state = value;
        },
        failed: (message) => {
          failure.textContent = message;
          failure.hidden = false;
        },
      });
    } catch (error) {
      failure.textContent = describeError(error);
      failure.hidden = false;
    }
  }
}

function fact(term: string, value: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, value)];
}
