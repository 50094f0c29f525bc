// The client core shared by every caller of the API (transports: ./urlfetch.ts for Apps Script, ./fetch.ts for Node).
export * from './exchange';
export * from './network';
export * from './platform-error';
export * from './request';
export * from './retry';
