// Every write runs under the document lock: two coaches' actions never interleave in one spreadsheet.
export function withLock<T>(action: string, fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new Error(`${action}: Qualcard can only run inside a spreadsheet`);
  if (!lock.tryLock(30_000))
    throw new Error(`${action}: another Qualcard action is running in this spreadsheet; try again in a minute`);
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
