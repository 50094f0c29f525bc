// Contention: a transaction that holds a lock on an apprentice (as a worker that died mid-sync would, until Firestore
// lets the lock go) makes the API's own transaction fail with "10 ABORTED: Transaction lock timeout." once the Admin
// SDK has used up its attempts (~16 s on the emulator). That is an answer to try again later: a 503 with Retry-After
// and a retryable JSON error, not a 500.
import { ApprenticeRecord } from '@qualcard/shared';
import { type SyncResponse, syncRequest } from '../../addon/src/api/requests';
import { sendWithFetch } from '../../addon/test-support/node-send';
import { mintIdToken } from '../../scripts/emulator-key';
import { ADMIN, AS_OF, acme, ann, db, scenario, syncAs } from './kit';
import { apiUrl } from './kit/env';

const records = (signed: number) => [ApprenticeRecord.parse(ann({ signed }))];

/** A transaction that has read the apprentice (so holds its lock) and stays open until `release` is called. */
function holdApprentice(): { ready: Promise<void>; release: () => void; done: Promise<void> } {
  let release!: () => void;
  let ready!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const locked = new Promise<void>((resolve) => (ready = resolve));
  const done = db().runTransaction(async (tx) => {
    await tx.get(db().doc('sponsors/acme/apprentices/ann'));
    ready();
    await released;
  });
  return { ready: locked, release, done };
}

beforeEach(() => scenario(acme({ apprentices: records(2) })));

test('a sync blocked by a held lock is a 503 with Retry-After; sent again once the lock is gone, it succeeds', async () => {
  const holder = holdApprentice();
  await holder.ready;
  let res: Awaited<ReturnType<typeof syncAs>>;
  try {
    res = await syncAs(ADMIN, records(4), { key: 'contended-1' });
  } finally {
    holder.release();
    await holder.done;
  }
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.body).toEqual({
    error: {
      status: 503,
      code: 'unavailable',
      message: 'the database is busy (ABORTED): send the request again in 5 s',
      retryable: true,
      requestId: res.headers.get('x-request-id'),
    },
  });
  // The add-on sends the same request again (same idempotency key): nothing of the first attempt was kept.
  const again = await sendWithFetch<SyncResponse>(
    syncRequest(
      { baseUrl: apiUrl(), sponsorId: 'acme' },
      { idempotencyKey: 'contended-1', asOf: AS_OF, records: records(4) },
    ),
    mintIdToken({ email: ADMIN }),
  );
  expect(again.replayed).toBe(false);
  expect((await db().collection('sponsors/acme/apprentices/ann/signOffs').get()).size).toBe(4);
});
