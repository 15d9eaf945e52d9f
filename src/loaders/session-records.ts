// The registry's records of sessions, loaded once per request and session, many in one query.
import DataLoader from 'dataloader';
import type { SessionRecord, SessionRegistry } from '../registry/index.js';
import type { SessionKey } from '../whm-access/index.js';

export type SessionRecordLoader = DataLoader<SessionKey, SessionRecord | null, string>;

export function createSessionRecordLoader(registry: SessionRegistry): SessionRecordLoader {
  return new DataLoader<SessionKey, SessionRecord | null, string>((keys) => registry.getMany([...keys]), {
    cacheKeyFn: (key) => `${key.server}\u0000${key.id}`,
  });
}
