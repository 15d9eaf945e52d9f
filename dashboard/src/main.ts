// The dashboard: who is calling (asking for an API key when the gateway needs one), the session list,
// and the session chosen in the URL's fragment (#/session/<server>/<id>), updated live.
import './style.css';
import { AuthenticationRequired, createApi, type Execute } from './api.js';
import { askForKey, forgetKey, storedKey } from './credentials.js';
import { byId, describeError, h, replaceChildren } from './dom.js';
import type { DashboardWhoAmIQuery } from './gql/graphql.js';
import { createLive, webSocketUrl } from './live.js';
import { subscriptionFeed } from './live-session.js';
import { WhoAmI } from './operations.js';
import { SessionList, type SessionKey } from './session-list.js';
import { SessionView } from './session-view.js';

const GRAPHQL_PATH = '/graphql';

type Caller = DashboardWhoAmIQuery['whoami'];

/** whoami, asking for a key until the gateway accepts one (in open mode it asks for none). */
async function signIn(execute: Execute): Promise<Caller> {
  let message = 'This gateway needs an API key. It is kept in this tab only (sessionStorage) and sent to this gateway only.';
  for (;;) {
    try {
      const result = await execute(WhoAmI);
      if (result.data) return result.data.whoami;
      throw new Error('The gateway did not say who is calling.');
    } catch (error) {
      if (!(error instanceof AuthenticationRequired)) throw error;
      if (storedKey() !== null) message = `The gateway refused that key: ${error.message} Enter another.`;
    }
    forgetKey();
    await askForKey(message);
  }
}

/** The key stopped working (revoked, or refused on the WebSocket): start over, asking again. */
function keyRefused(): void {
  forgetKey();
  window.location.reload();
}

function parseHash(hash: string): SessionKey | null {
  const match = /^#\/session\/([^/]+)\/([^/]+)$/.exec(hash);
  if (!match?.[1] || !match[2]) return null;
  return { server: decodeURIComponent(match[1]), id: decodeURIComponent(match[2]) };
}

function showCaller(caller: Caller): void {
  const forget = h('button', { type: 'button', class: 'link' }, 'Forget key');
  forget.addEventListener('click', keyRefused);
  replaceChildren(
    byId('caller'),
    `${caller.id} · ${caller.role}`,
    caller.servers.length > 1 ? ` · servers ${caller.servers.join(', ')}` : '',
    storedKey() !== null ? ' · ' : '',
    storedKey() !== null ? forget : null,
  );
}

async function main(): Promise<void> {
  const execute = createApi(GRAPHQL_PATH, storedKey);
  const caller = await signIn(execute);
  showCaller(caller);
  const live = createLive({ url: webSocketUrl(GRAPHQL_PATH), apiKey: storedKey, unauthorized: keyRefused });
  const sessions = byId('sessions');
  const list = new SessionList(sessions, execute, caller.servers);
  sessions.hidden = false;
  const view = new SessionView(byId('session'), {
    execute,
    feed: subscriptionFeed(live, execute),
    role: caller.role,
    unauthorized: keyRefused,
    pushed: (session) => list.update(session),
  });
  const route = () => {
    const key = parseHash(window.location.hash);
    list.select(key);
    view.show(key);
  };
  window.addEventListener('hashchange', route);
  route();
  await list.load();
}

main().catch((error: unknown) => {
  const shown = byId('page-error');
  shown.textContent = `The dashboard could not start: ${describeError(error)}`;
  shown.hidden = false;
});
