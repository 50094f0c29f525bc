// The daily recompute as a scheduled function (exported by index.ts): every 10 minutes from 02:00 to 05:50 UTC, each
// invocation one slice of the day's pass (slices.ts), and each sponsor's "today" in its own time zone (daily.ts).
// 540 s is the most an event-driven function may run. Memory holds one page of apprentices and their row copies:
// 200 typical copies (tens of KB each) need little, but a copy may be up to 1 MiB, so 1 GiB leaves room for a page
// of the largest records. A failed slice is continued by the next one; a day
// whose pass did not finish is redone by the next day's, which recomputes everyone.
// In a module of its own so tests can run the handler without the HTTP router.
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { REGION } from '../config';
import { firestore } from '../db';
import { recomputeSlice } from './slices';

export const DAILY_SCHEDULE = { schedule: '*/10 2-5 * * *', timeZone: 'UTC' } as const;

export const daily = onSchedule(
  { ...DAILY_SCHEDULE, region: REGION, timeoutSeconds: 540, memory: '1GiB' },
  async (event) => {
    await recomputeSlice(firestore(), event.scheduleTime);
  },
);
