export * from './connections.js';
export * from './errors.js';
export * from './request-access.js';
export { isShareableRead, type ChannelOptions, type WhmRequestMeter } from './server-channel.js';
export * from './session-source.js';
