// Every size, key and encoding limit is checked before the first write, the stored progress stays small whatever
// the record holds, a sync that failed half-way is finished by a retry with its key, and dates follow the sponsor's
// time zone. Each case here answered 500 (some after writing) before.
import { type ApprenticeRecordInput, localDate } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { canonicalJson, sha256 } from '../../functions/src/canonical';
import { ADMIN, AS_OF, acme, allDocuments, ann as annAt, COACH, call, db, raw, scenario, syncAs } from './kit';

const ann = (): ApprenticeRecordInput => annAt({ signed: 2, hoursPerCategory: 8 });
const signOff = (body: { itemIds: string[]; date?: string }) =>
  call(api.signOffs, { as: COACH, params: { sponsorId: 'acme', apprenticeId: 'ann' }, body });

beforeEach(() => scenario(acme()));

describe('refused before the first write, naming the field', () => {
  const cases: [string, (r: ApprenticeRecordInput) => void, number, RegExp][] = [
    [
      'an apprentice id of 70,000 characters',
      (r) => {
        r.apprentice.id = 'a'.repeat(70_000);
      },
      400,
      /^records\.0\.apprentice\.id: Too big/,
    ],
    [
      'an email with a 1,600-character local part',
      (r) => {
        r.apprentice.email = `${'x'.repeat(1600)}@acme.example`;
      },
      400,
      /^records\.0\.apprentice\.email/,
    ],
    [
      'a lone surrogate in a sign-off note',
      (r) => {
        r.signOffs![0]!.notes = 'ok \uD83D';
      },
      400,
      /^records\.0\.signOffs\.0\.notes: holds a broken character/,
    ],
    [
      'an apprentice name of 1.2 million characters',
      (r) => {
        r.apprentice.name = 'N'.repeat(1_200_000);
      },
      400,
      /^records\.0\.apprentice\.name: Too big/,
    ],
    [
      'an item id of 1 million characters',
      (r) => {
        r.signOffs![0]!.itemId = 'i'.repeat(1_000_000);
      },
      400,
      /^records\.0\.signOffs\.0\.itemId: Too big/,
    ],
    [
      'prior credit descriptions adding up to 400 KB',
      (r) => {
        r.priorCredit = Array.from({ length: 200 }, (_, i) => ({
          id: `pc${i}`,
          category: 'related-instruction' as const,
          hours: 1,
          description: 'd'.repeat(2000),
        }));
      },
      413,
      /^records\.0: apprentice ann's roster row, prior credit, exams and certifications take \d+ bytes; at most 262144/,
    ],
  ];
  test.each(cases)('%s', async (_name, spoil, status, message) => {
    const r = ann();
    spoil(r);
    const before = await allDocuments();
    const res = await syncAs(ADMIN, [r]);
    expect(res.status).toBe(status);
    expect(res.error.message).toMatch(message);
    expect(await allDocuments()).toEqual(before);
  });

  test('a path id over 254 bytes is a 400, not a Firestore error', async () => {
    // The path is what this is about: sent as a string.
    const res = await raw('GET', `/v1/sponsors/acme/apprentices/${'é'.repeat(200)}/progress`, { as: ADMIN });
    expect(res.status).toBe(400);
    expect(res.error.details.issues[0]!.path).toBe('apprenticeId');
  });
});

test('8,000 flagged hours rows: stored, and the progress document stays small', async () => {
  const r = ann();
  r.hours = Array.from({ length: 8000 }, (_, i) => ({
    id: `h${i}`,
    date: '2027-01-01', // all in the future: every row flagged
    category: 'on-the-job-learning' as const,
    hours: 8,
    description: `row ${i}`,
  }));
  const res = await syncAs(ADMIN, [r]);
  expect(res.status).toBe(200);
  const progress = res.body.apprentices[0]!.progress!;
  expect(progress.findingCounts['hours.future']).toBe(8000);
  expect(progress.integrity).toHaveLength(50);
  const stored = (await db().doc('sponsors/acme/progress/ann').get()).data()!;
  expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThan(100_000);
});

test('0.0001 h of recent hours is a 200 with no projected date', async () => {
  const r = ann();
  r.hours = [{ id: 'tiny', date: '2026-06-29', category: 'on-the-job-learning', hours: 0.0001 }];
  const res = await syncAs(ADMIN, [r]);
  expect(res.status).toBe(200);
  expect(res.body.apprentices[0]!.progress!.projectedCompletion).toBeNull();
});

test('a sync that stopped half-way (key claimed, not finished) is finished by a retry with the same key', async () => {
  const body = { idempotencyKey: 'resume-key-1', asOf: AS_OF, records: [ann()] };
  const keyRef = db().doc(`sponsors/acme/syncs/${sha256(body.idempotencyKey)}`);
  // What a worker that died after claiming the key leaves behind.
  const requestHash = sha256(canonicalJson({ asOf: AS_OF, timeZone: 'UTC', records: body.records }));
  await keyRef.create({ key: body.idempotencyKey, requestHash, createdBy: ADMIN, createdAt: 'x', status: 'applying' });
  const res = await syncAs(ADMIN, body.records, { key: body.idempotencyKey });
  expect(res.status).toBe(200);
  expect(res.body.replayed).toBe(false);
  expect((await keyRef.get()).get('status')).toBe('done');
  expect((await db().collection('sponsors/acme/apprentices/ann/signOffs').get()).size).toBe(2);
  const replay = await syncAs(ADMIN, body.records, { key: body.idempotencyKey });
  expect(replay.body.replayed).toBe(true);
});

describe("the sponsor's calendar", () => {
  // At any instant one of these two zones is on a different calendar day from UTC.
  const zone = (() => {
    const utc = new Date().toISOString().slice(0, 10);
    return ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((tz) => localDate(new Date(), tz) !== utc)!;
  })();

  test("the admin's sync stores the spreadsheet's time zone; a sign-off is dated and counted on the local day", async () => {
    const local = localDate(new Date(), zone);
    expect((await syncAs(ADMIN, [ann()], { timeZone: zone, asOf: local })).body.timeZone).toBe(zone);
    expect((await db().doc('sponsors/acme').get()).get('timeZone')).toBe(zone);
    const res = await signOff({ itemIds: ['HD1.2.1'] });
    expect(res.status).toBe(201);
    expect(res.body.date).toBe(local);
    // Counted today, local time, with no "future" flag, whichever side of UTC midnight the zone is.
    expect(res.body.progress.levels[0]!.items.done).toBe(1);
    const dated = await signOff({ itemIds: ['HD1.2.2'], date: local });
    expect(dated.status).toBe(201);
  });

  test('an invalid time zone is a 400 naming the field', async () => {
    const res = await syncAs(ADMIN, [ann()], { timeZone: 'Mars/Olympus' });
    expect(res.status).toBe(400);
    expect(res.error.message).toMatch(/^timeZone: not an IANA time zone/);
  });
});
