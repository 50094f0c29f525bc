// The HTTP API's contract: routes, their schemas and limits, and the client core. Node's transport is in ./fetch.ts.
export * from './answers';
export * from './limits';
export * from './requests';
export * from './roles';
export * from './route';
export * from './routes';
