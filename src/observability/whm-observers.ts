// ServerDirectory takes one WhmObserver; metrics and tracing each bring one.
import type { WhmObserver } from '../whm/transport.js';

/** One observer telling each of observers in turn; one that throws does not starve the others. */
export function combineWhmObservers(...observers: readonly (WhmObserver | null | undefined)[]): WhmObserver {
  const present = observers.filter((observer): observer is WhmObserver => observer !== null && observer !== undefined);
  return {
    onRequest(report) {
      for (const observer of present) {
        try {
          observer.onRequest(report);
        } catch {
          // Observability must never break a WHM call (the transport promises its callers as much).
        }
      }
    },
    onBreakerStateChange(server, state) {
      for (const observer of present) {
        try {
          observer.onBreakerStateChange?.(server, state);
        } catch {
          // As above.
        }
      }
    },
  };
}
