// The emulator tests' kit: the contract's client, the database, the people, the record builders and the scenario.
export * from './client';
export * from './db';
export * from './files';
export * from './people';
export * from './records';
export * from './scenario';
export { seedOnce } from './seed-once';
