// The API key: asked for once, kept in this tab only (sessionStorage: gone when the tab closes, never
// shared with other tabs or written to disk by the page), sent as X-API-Key and in connection_init.
import { byId } from './dom.js';

const STORAGE_KEY = 'whm-gateway.dashboard.api-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Shows the key form with `message` and resolves with the key entered (stored for this tab). */
export function askForKey(message: string): Promise<string> {
  const form = byId<HTMLFormElement>('key-form');
  const input = byId<HTMLInputElement>('key-input');
  byId('key-message').textContent = message;
  form.hidden = false;
  input.value = '';
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', function submitted(event) {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      form.removeEventListener('submit', submitted);
      form.hidden = true;
      sessionStorage.setItem(STORAGE_KEY, key);
      resolve(key);
    });
  });
}
