// Work on independent documents, a bounded number at a time: Firestore round trips dominate a request's time, and
// one apprentice's transaction never touches another's documents, so they can overlap without contending.

/** Apprentices a request or a page works on at once: enough to hide round trips, few enough to stay far below
 *  Firestore's per-database write rates and the instance's sockets. */
export const APPRENTICE_CONCURRENCY = 16;

/** `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
