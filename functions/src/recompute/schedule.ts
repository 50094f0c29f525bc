// The daily recompute as a scheduled function (exported by index.ts): one stated time, 02:00 UTC, and each sponsor's
// "today" in its own time zone (recompute/daily.ts). 540 s is the most an event-driven function may run. Memory holds
// one page of apprentices and their row copies: 200 typical copies (tens of KB each) need little, but a copy may be up
// to 1 MiB, so 1 GiB leaves room for a page of the largest records. A failed run is redone by the next day's, which
// recomputes everyone. In a module of its own so tests can run the handler without the HTTP router.
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { REGION } from '../config';
import { firestore } from '../db';
import { scheduledRecompute } from './daily';

export const DAILY_SCHEDULE = { schedule: 'every day 02:00', timeZone: 'UTC' } as const;

export const daily = onSchedule(
  { ...DAILY_SCHEDULE, region: REGION, timeoutSeconds: 540, memory: '1GiB' },
  async (event) => {
    await scheduledRecompute(firestore(), event.scheduleTime);
  },
);
