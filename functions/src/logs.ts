// Every event the functions log, by name, and the only module that calls the logger: each entry is structured
// (Cloud Logging's jsonPayload) and never holds a token, a request or response body, or an apprentice's entries.
import { error, info, warn } from 'firebase-functions/logger';

/** One request: its id, method, route pattern (never the path: it may hold an email), sponsor, status, time. */
export interface RequestEntry {
  requestId: string;
  method: string;
  route: string;
  sponsorId?: string;
  status?: number;
  durationMs?: number;
}

const stackOf = (thrown: unknown): string => {
  const e = thrown instanceof Error ? thrown : new Error(String(thrown));
  return e.stack ?? `${e.name}: ${e.message}`;
};

export const logs = {
  /** The request log: 4xx and 5xx are warnings; a 5xx's cause is logged apart, with its stack (requestFailed). */
  request(entry: RequestEntry): void {
    const log = (entry.status ?? 0) >= 400 ? warn : info;
    log(`${entry.method} ${entry.route} ${entry.status}`, { ...entry });
  },
  /** An unexpected failure of a request: its name, message and stack, with the request's id. */
  requestFailed(entry: RequestEntry, what: string, thrown: unknown): void {
    error(what, { requestId: entry.requestId, route: entry.route, error: stackOf(thrown) });
  },
  /** Credentials did not follow stored progress (no signing key, say): the next store of progress retries. */
  credentialsNotReconciled(sponsorId: string, thrown: unknown): void {
    error('credentials not reconciled', { sponsorId, error: (thrown as Error).message });
  },
  /** A release changed a shipped framework without a new version: the sponsor's kept copy stays the record. */
  shippedFrameworkDiffers(sponsorId: string, frameworkId: string, version: string): void {
    error(`shipped ${frameworkId} ${version} differs from the copy sponsor ${sponsorId} keeps`, {
      sponsorId,
      frameworkId,
      version,
    });
  },
  /** The daily recompute left out an apprentice whose record no longer fits (its framework version is gone). */
  recomputeSkipped(sponsorId: string, apprenticeId: string, thrown: unknown): void {
    warn('recompute.skipped', { sponsorId, apprenticeId, error: `${thrown}` });
  },
  /** One slice of the daily recompute, and the pass so far ('recompute.done' once the day's pass is finished). */
  recomputeSlice(done: boolean, details: Record<string, unknown>): void {
    info(done ? 'recompute.done' : 'recompute.slice', details);
  },
  /** The weekly digests' run: sponsors on, due, mail documents written and already there. */
  digestsSent(stats: object): void {
    info('digests', { ...stats });
  },
};
