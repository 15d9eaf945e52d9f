export type { LeaseStore, LiveBus } from './contracts.js';
export { MemoryLeaseStore, MemoryLiveBus } from './memory.js';
export {
  pollLeaseKey,
  sessionChannel,
  type LivePollErrorModel,
  type LiveStatusModel,
  type SessionKey,
  type SessionLogSnapshot,
  type SessionSnapshot,
} from './messages.js';
export { LiveMonitor, LiveMonitorClosedError, type LiveMonitorOptions } from './monitor.js';
export { leaseTtlFor, pollDelayFor, type LiveLogger, type PollTiming } from './poller.js';
