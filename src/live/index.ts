export type { LeaseStore, LiveBus } from './contracts.js';
export { MemoryLeaseStore, MemoryLiveBus } from './memory.js';
export {
  decodeLiveMessage,
  encodeLiveMessage,
  pollLeaseKey,
  sessionChannel,
  type LiveMessage,
  type LivePollErrorModel,
  type LiveStatusModel,
  type SessionKey,
  type SessionLogSnapshot,
  type SessionSnapshot,
} from './messages.js';
export { LiveMonitor, LiveMonitorClosedError, type LiveMonitorOptions } from './monitor.js';
export { leaseTtlFor, pollDelayFor, retryDelayFor, SessionPoller, type LiveLogger, type PollTiming } from './poller.js';
export { SessionFeed, type FeedListener } from './feed.js';
export { sessionReadOf, type SessionRead } from './session-read.js';
export { SessionEventStream, SessionUpdateStream } from './streams.js';
