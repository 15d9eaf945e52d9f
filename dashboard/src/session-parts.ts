// The session view's tables: the items with their outcome, and the events as they stream in.
import { formatBytes, formatTime, h, replaceChildren } from './dom.js';
import type { DashboardSessionFragment } from './gql/graphql.js';

type Item = NonNullable<DashboardSessionFragment['items']>[number];

export class ItemsTable {
  readonly element: HTMLTableElement;
  private readonly body = h('tbody');

  constructor(sessionId: string) {
    this.element = h(
      'table',
      { class: 'items' },
      h('caption', {}, `Items of session ${sessionId}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Item', 'Module', 'State', 'Size', 'Failure', 'Warnings'].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      this.body,
    );
  }

  update(items: readonly Item[] | null): void {
    if (items === null) {
      replaceChildren(this.body, h('tr', {}, h('td', { colspan: 6 }, 'WHM did not answer for the items.')));
      return;
    }
    if (items.length === 0) {
      replaceChildren(this.body, h('tr', {}, h('td', { colspan: 6 }, 'No items queued.')));
      return;
    }
    replaceChildren(this.body, ...items.map((item) => this.row(item)));
  }

  private row(item: Item): HTMLTableRowElement {
    const renamed = item.localName && item.localName !== item.name ? ` → ${item.localName}` : '';
    const warnings =
      item.warnings.length > 0
        ? h('ul', { class: 'warnings' }, ...item.warnings.map((text) => h('li', {}, text)))
        : item.warningCount > 0
          ? `${item.warningCount}`
          : '';
    return h(
      'tr',
      { 'data-item': item.name, 'data-state': item.state },
      h('th', { scope: 'row' }, `${item.name}${renamed}`),
      h('td', {}, item.module),
      h('td', {}, h('span', { class: `item-state item-${item.state.toLowerCase()}` }, item.state)),
      h('td', { class: 'number' }, formatBytes(item.size)),
      h('td', { class: 'failure' }, item.failure ?? ''),
      h('td', {}, warnings),
    );
  }
}

/** What the events list shows of a TransferEvent (the subscription's selection). */
export interface ShownEvent {
  cursor: string;
  at?: string | null;
  action: string;
  type: string;
  queue?: string | null;
  item?: string | null;
  message?: string | null;
}

const KEPT_EVENTS = 200;

/** The newest events first, at most 200 on the page; an event seen before (same cursor) is not shown twice. */
export class EventList {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly seen = new Set<string>();
  private count = 0;

  constructor(sessionId: string) {
    this.list = h('ol', { class: 'events', 'aria-label': `Events of session ${sessionId}`, reversed: true });
    this.element = h('section', { class: 'events-section' }, h('h3', {}, 'Last events'), this.list);
  }

  /** The cursor of the newest event shown, to resume from. */
  lastCursor: string | null = null;

  add(event: ShownEvent): void {
    if (this.seen.has(event.cursor)) return;
    this.seen.add(event.cursor);
    this.lastCursor = event.cursor;
    this.count += 1;
    const where = [event.queue, event.item].filter(Boolean).join(' · ');
    const entry = h(
      'li',
      { 'data-cursor': event.cursor, class: `event event-${event.type}` },
      h('time', { datetime: event.at ?? false }, formatTime(event.at)),
      ' ',
      h('strong', {}, event.action),
      where ? ` ${where}` : '',
      event.message ? h('span', { class: 'event-message' }, ` ${event.message}`) : '',
    );
    this.list.prepend(entry);
    this.list.setAttribute('start', String(this.count));
    while (this.list.childElementCount > KEPT_EVENTS) this.list.lastElementChild?.remove();
  }
}
