// The session list: `transferSessions`, newest first, filtered by state and server, a page at a time
// with the API's cursors. It reads when asked (filters, pages, Refresh), never on a timer.
import type { ApiResult, Execute } from './api.js';
import { describeError, formatTime, h, replaceChildren } from './dom.js';
import type { DashboardSessionsQuery, TransferSessionFilter, TransferSessionState } from './gql/graphql.js';
import { SessionPage } from './operations.js';

export interface SessionKey {
  server: string;
  id: string;
}

export const sessionHash = (key: SessionKey): string =>
  `#/session/${encodeURIComponent(key.server)}/${encodeURIComponent(key.id)}`;

const PAGE_SIZE = 20;
const STATES: TransferSessionState[] = ['PENDING', 'RUNNING', 'PAUSING', 'PAUSED', 'ABORTING', 'COMPLETED', 'ABORTED', 'FAILED'];
const STATE_CHOICES: Record<string, TransferSessionState[] | null> = {
  any: null,
  active: ['PENDING', 'RUNNING', 'PAUSING', 'PAUSED', 'ABORTING'],
  ...Object.fromEntries(STATES.map((state) => [state, [state]])),
};

type Row = DashboardSessionsQuery['transferSessions']['edges'][number]['node'];

export class SessionList {
  private readonly stateSelect: HTMLSelectElement;
  private readonly serverSelect: HTMLSelectElement;
  private readonly body = h('tbody');
  private readonly summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly newer = h('button', { type: 'button' }, '← Newer');
  private readonly older = h('button', { type: 'button' }, 'Older →');
  /** The `after` cursor of each page visited so far (null: the first page). */
  private cursors: (string | null)[] = [null];
  private page = 0;
  private selected: SessionKey | null = null;

  constructor(
    root: HTMLElement,
    private readonly execute: Execute,
    servers: readonly string[],
  ) {
    this.stateSelect = h(
      'select',
      { id: 'filter-state' },
      h('option', { value: 'any' }, 'Any state'),
      h('option', { value: 'active' }, 'Not finished'),
      ...STATES.map((state) => h('option', { value: state }, state)),
    );
    this.serverSelect = h(
      'select',
      { id: 'filter-server' },
      h('option', { value: '' }, 'All servers'),
      ...servers.map((name) => h('option', { value: name }, name)),
    );
    const refresh = h('button', { type: 'button' }, 'Refresh');
    const filters = h(
      'form',
      { class: 'filters', 'aria-label': 'Filter sessions' },
      h('label', { for: 'filter-state' }, 'State '),
      this.stateSelect,
      h('label', { for: 'filter-server' }, 'Server '),
      this.serverSelect,
      refresh,
    );
    const table = h(
      'table',
      { class: 'sessions' },
      h('caption', { class: 'visually-hidden' }, 'Transfer sessions, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Session', 'Server', 'Kind', 'Remote host', 'State', 'Progress', 'Created'].map((title) =>
            h('th', { scope: 'col' }, title),
          ),
        ),
      ),
      this.body,
    );
    replaceChildren(
      root,
      h('h2', { id: 'sessions-title' }, 'Sessions'),
      filters,
      this.error,
      table,
      h('div', { class: 'pager' }, this.newer, this.summary, this.older),
    );
    filters.addEventListener('submit', (event) => event.preventDefault());
    for (const select of [this.stateSelect, this.serverSelect]) select.addEventListener('change', () => void this.load(0, true));
    refresh.addEventListener('click', () => void this.load(this.page));
    this.newer.addEventListener('click', () => void this.load(this.page - 1));
    this.older.addEventListener('click', () => void this.load(this.page + 1));
  }

  /** A session pushed to the view beside the list: its row (when on this page) shows the same state and progress. */
  update(session: Row): void {
    const shown = [...this.body.querySelectorAll('tr')].find(
      (row) => row.dataset.server === session.server.name && row.dataset.id === session.id,
    );
    shown?.replaceWith(this.row(session));
    this.select(this.selected);
  }

  /** Marks the row of the session shown beside the list. */
  select(key: SessionKey | null): void {
    this.selected = key;
    for (const row of this.body.querySelectorAll('tr')) {
      const current = key !== null && row.dataset.server === key.server && row.dataset.id === key.id;
      row.toggleAttribute('aria-current', current);
    }
  }

  async load(page = 0, resetCursors = false): Promise<void> {
    if (resetCursors) this.cursors = [null];
    const after = this.cursors[page];
    if (after === undefined) return;
    const choice = STATE_CHOICES[this.stateSelect.value] ?? null;
    const filter: TransferSessionFilter = {
      ...(choice ? { states: choice } : {}),
      ...(this.serverSelect.value ? { server: this.serverSelect.value } : {}),
    };
    this.error.hidden = true;
    let result: ApiResult<DashboardSessionsQuery>;
    try {
      result = await this.execute(SessionPage, { filter, first: PAGE_SIZE, after });
    } catch (error) {
      this.showError(describeError(error));
      return;
    }
    if (!result.data) return;
    const { edges, pageInfo, totalCount } = result.data.transferSessions;
    this.page = page;
    this.cursors = this.cursors.slice(0, page + 1);
    if (pageInfo.hasNextPage) this.cursors.push(pageInfo.endCursor ?? null);
    replaceChildren(this.body, ...edges.map((edge) => this.row(edge.node)));
    if (edges.length === 0) replaceChildren(this.body, h('tr', {}, h('td', { colspan: 7 }, 'No sessions match.')));
    // Fields WHM could not answer come back null with an error; the rest of the page still shows.
    if (result.errors.length > 0) this.showError(result.errors.map((error) => error.message).join('; '));
    this.summary.textContent = `Page ${page + 1} · ${totalCount} session${totalCount === 1 ? '' : 's'}`;
    this.newer.disabled = page === 0;
    this.older.disabled = !pageInfo.hasNextPage;
    this.select(this.selected);
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  private row(session: Row): HTMLTableRowElement {
    const key = { server: session.server.name, id: session.id };
    const percent = session.progress?.percent;
    return h(
      'tr',
      { 'data-server': key.server, 'data-id': key.id },
      h('th', { scope: 'row' }, h('a', { href: sessionHash(key) }, session.id)),
      h('td', {}, key.server),
      h('td', {}, session.kind),
      h('td', {}, session.remoteHost ?? '—'),
      h(
        'td',
        {},
        h(
          'span',
          { class: `state state-${(session.state ?? 'UNKNOWN').toLowerCase()}` },
          session.state ?? session.stateName ?? '?',
        ),
      ),
      h('td', { class: 'number' }, percent === undefined ? '—' : `${percent} %`),
      h('td', {}, formatTime(session.createdAt)),
    );
  }
}
