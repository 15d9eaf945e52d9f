export * from './breaker.js';
export * from './catalogue.js';
export * from './client.js';
export * from './envelope.js';
export * from './errors.js';
export * from './secret.js';
export * from './transport.js';
export type * from './types.js';
