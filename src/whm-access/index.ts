export * from './connections.js';
export * from './errors.js';
export * from './request-access.js';
export {
  isShareableRead,
  readBefore,
  readStampOf,
  type ChannelOptions,
  type ReadStamp,
  type WhmRequestMeter,
} from './server-channel.js';
export * from './session-source.js';
