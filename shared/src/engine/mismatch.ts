// A record (or a program) that does not fit its framework: wrong framework, unknown level, unknown work function.
export class RecordMismatchError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'RecordMismatchError';
  }
}
