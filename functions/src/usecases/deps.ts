// What every use case depends on, handed in by its entry point (routes/context.ts, the scheduled functions):
// the database and the clock.
import type { Firestore } from 'firebase-admin/firestore';

export interface Deps {
  db: Firestore;
  now: () => Date;
}

/** A request body, parsed when the use case asks: after its role checks, so a 403 comes before a 400. */
export type Input<T> = () => T;
