// The daily recompute as a scheduled function (exported by index.ts): one stated time, 02:00 UTC, and each sponsor's
// "today" in its own time zone (recompute/daily.ts). 540 s is the most an event-driven function may run; pages keep
// memory at one page of apprentices, so 512 MiB is ample. A failed run is redone by the next day's, which
// recomputes everyone. In a module of its own so tests can run the handler without the HTTP router.
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { REGION } from '../config';
import { firestore } from '../db';
import { scheduledRecompute } from './daily';

export const DAILY_SCHEDULE = { schedule: 'every day 02:00', timeZone: 'UTC' } as const;

export const daily = onSchedule(
  { ...DAILY_SCHEDULE, region: REGION, timeoutSeconds: 540, memory: '512MiB' },
  async (event) => {
    await scheduledRecompute(firestore(), event.scheduleTime);
  },
);
