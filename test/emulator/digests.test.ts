// The weekly digests on a seeded cohort of two sponsors: off until an admin turns them on (through the API), then
// one message per coach with their own concerns and waiting rows, a summary per admin and consultant, written as
// the Trigger Email extension's documents, once per week.
import type { ApprenticeRecordInput, StatusLevel } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { DEFAULT_MAIL_COLLECTION, type MailDoc, mailId } from '../../functions/src/digest/mail';
import { apprenticesOf, sendDigests } from '../../functions/src/digest/send';
import type { StoredProgress } from '../../functions/src/progress';
import {
  ADMIN,
  acme,
  apprenticeEmail,
  call,
  db,
  framework,
  GLOBEX_ADMIN as G_ADMIN,
  globex,
  itemIds,
  record,
  scenario,
} from './kit';

const CONSULTANT = 'consultant@firm.example';
const ANN = 'ann@acme.example';
const BOB = 'bob@acme.example';
const CAL = 'cal@acme.example';
const EVE = '<script>alert(1)</script> Eve & co';
const FW = 'it-generalist-competencies';
const AS_OF = '2026-11-20';
/** A Tuesday at noon UTC: 2026-W48, weekday 2. */
const NOW = new Date('2026-11-24T12:00:00Z');
const NEXT_WEEK = new Date('2026-12-01T12:00:00Z');
const SHEET = 'https://docs.google.com/spreadsheets/d/acme-sheet/edit';
const items = itemIds(framework(FW), 'L1');

const apprentice = (
  id: string,
  name: string,
  coachEmails: string[],
  startDate: string,
  rows: Pick<ApprenticeRecordInput, 'signOffs' | 'hours'>,
): ApprenticeRecordInput => {
  const r = record({
    id,
    name,
    frameworkId: FW,
    levelId: 'L1',
    coach: coachEmails[0]!,
    startDate,
    stage: { signed: 0 },
  });
  return { ...r, apprentice: { ...r.apprentice, coachEmails }, ...rows };
};
const hours = (id: string, date: string, verifiedBy?: string) => ({
  id,
  date,
  category: 'on-the-job-learning' as const,
  levelId: 'L1',
  hours: 8,
  description: `work ${id}`,
  ...(verifiedBy ? { verifiedBy } : {}),
});

const putDigest = (
  sponsorId: string,
  as: string,
  body: { enabled: boolean; weekday: number; sheetUrl?: string; apprentices?: boolean },
) => call(api.putDigest, { as, params: { sponsorId }, body });

async function mail(collection = DEFAULT_MAIL_COLLECTION): Promise<Map<string, MailDoc>> {
  const snap = await db().collection(collection).get();
  return new Map(snap.docs.map((d) => [d.id, d.data() as MailDoc]));
}
async function statuses(sid: string): Promise<Record<string, StatusLevel>> {
  const snap = await db().collection(`sponsors/${sid}/progress`).get();
  return Object.fromEntries(snap.docs.map((d) => [d.id, (d.data() as StoredProgress).progress.status.status]));
}

beforeAll(() =>
  scenario(
    acme({
      consultants: [CONSULTANT],
      coaches: [ANN, BOB, CAL],
      sync: { asOf: AS_OF },
      apprentices: [
        // Idle since January: off track; one sign-off typed as Ann's, one with a blank coach, one typed as Bob's.
        apprentice('eve', EVE, [ANN], '2026-01-05', {
          signOffs: [
            { itemId: items[0]!, date: '2026-11-02', coachEmail: ANN },
            { itemId: items[1]!, date: '2026-11-03' },
            { itemId: items[2]!, date: '2026-11-04', coachEmail: BOB },
          ],
          hours: [],
        }),
        // Idle since mid-August: at risk; an hours row typed as verified by Bob.
        apprentice('fay', 'Fay Fairweather', [ANN, BOB], '2026-08-15', {
          signOffs: [],
          hours: [hours('h-1', '2026-11-10', BOB)],
        }),
        // Started last week: on track, nothing waiting.
        apprentice('gus', 'Gus Goodpace', [CAL], '2026-11-12', { signOffs: [], hours: [] }),
      ],
    }),
    globex({
      coaches: [ANN],
      consultants: [CONSULTANT],
      sync: { asOf: AS_OF },
      apprentices: [
        apprentice('zed', 'Zed Globexian', [ANN], '2026-01-05', {
          signOffs: [{ itemId: items[0]!, date: '2026-11-02', coachEmail: ANN }],
          hours: [],
        }),
      ],
    }),
  ),
);

test('the seeded cohort has the statuses the digest is about (from the engine, as stored)', async () => {
  expect(await statuses('acme')).toEqual({ eve: 'off-track', fay: 'at-risk', gus: 'on-track' });
  expect(await statuses('globex')).toEqual({ zed: 'off-track' });
});

test('the apprentices are read page by page: pages of 1 and 2 give what one page gives, in id order', async () => {
  const whole = await apprenticesOf(db(), 'acme', { asOf: AS_OF, timeZone: 'UTC' });
  expect(whole.map((a) => a.id)).toEqual(['eve', 'fay', 'gus']);
  expect(whole.find((a) => a.id === 'eve')!.waiting).toHaveLength(3);
  for (const size of [1, 2])
    expect(await apprenticesOf(db(), 'acme', { asOf: AS_OF, timeZone: 'UTC' }, size)).toEqual(whole);
});

test('digests are off by default: nothing is written', async () => {
  expect(await sendDigests(db(), NOW)).toEqual({ enabled: 0, due: 0, written: 0, alreadySent: 0 });
  expect((await mail()).size).toBe(0);
});

test('only an admin sets the digest; a bad weekday or sheet link is a 400 naming the field', async () => {
  for (const who of [ANN, CONSULTANT, G_ADMIN]) {
    const res = await putDigest('acme', who, { enabled: true, weekday: 2, sheetUrl: SHEET });
    expect(res.status).toBe(403);
  }
  const badDay = await putDigest('acme', ADMIN, { enabled: true, weekday: 9 });
  expect(badDay.status).toBe(400);
  expect(badDay.error.message).toContain('weekday');
  const badUrl = await putDigest('acme', ADMIN, { enabled: true, weekday: 2, sheetUrl: 'https://evil.example/x' });
  expect(badUrl.status).toBe(400);
  expect(badUrl.error.message).toContain('sheetUrl');
  expect((await db().doc('sponsors/acme').get()).get('digest')).toBeUndefined();
});

test('on its weekday each coach gets one message with their own apprentices, admins and consultants the summary', async () => {
  expect((await putDigest('acme', ADMIN, { enabled: true, weekday: 2, sheetUrl: SHEET })).status).toBe(200);
  // Globex turns it on for another day: nothing of Globex this Tuesday.
  expect((await putDigest('globex', G_ADMIN, { enabled: true, weekday: 3 })).status).toBe(200);
  const stats = await sendDigests(db(), NOW);
  const docs = await mail();
  const byTo = new Map([...docs.values()].map((d) => [d.to, d]));
  // Cal's only apprentice is on track with nothing waiting: no message.
  expect([...byTo.keys()].sort()).toEqual([ADMIN, ANN, BOB, CONSULTANT].sort());
  expect(stats).toEqual({ enabled: 2, due: 1, written: 4, alreadySent: 0 });
  expect(docs.size).toBe(4);
  for (const [id, d] of docs) {
    // The extension's format exactly: `to` and `message: { subject, text, html }`.
    expect(Object.keys(d).sort()).toEqual(['message', 'to']);
    expect(Object.keys(d.message).sort()).toEqual(['html', 'subject', 'text']);
    expect(id).toBe(mailId('acme', '2026-W48', d.to));
    expect(d.message.text).toContain(SHEET);
    expect(d.message.html).toContain(`<a href="${SHEET}">`);
    for (const other of ['Zed', 'zed', 'Globex']) expect(JSON.stringify(d)).not.toContain(other);
  }
  const ann = byTo.get(ANN)!.message;
  expect(ann.text).toContain(`${EVE} (eve): Off track: `);
  expect(ann.text).toMatch(/Fay Fairweather \(fay\): At risk: /);
  expect(ann.text).toContain(`sign-off ${items[0]} dated 2026-11-02`);
  expect(ann.text).toContain(`sign-off ${items[1]} dated 2026-11-03`);
  expect(ann.text).not.toContain(items[2]!);
  expect(ann.text).not.toContain('hours 2026-11-10');
  expect(ann.text).not.toContain('Gus');
  expect(ann.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve &amp; co (eve): Off track: ');
  expect(ann.html).not.toContain('<script>');
  const bob = byTo.get(BOB)!.message;
  expect(bob.text).toMatch(/Fay Fairweather \(fay\): At risk: /);
  expect(bob.text).toContain('Fay Fairweather (fay): hours 2026-11-10, 8 h');
  // Bob is not Eve's coach: the sign-off typed as his on her sheet is not in his digest, nor is she.
  expect(bob.text).not.toContain('Eve');
  expect(bob.text).not.toContain('Gus');
  for (const staff of [ADMIN, CONSULTANT]) {
    const s = byTo.get(staff)!.message;
    expect(s.text).toContain('On track: 1\n- At risk: 1\n- Off track: 1');
    expect(s.text).toContain('Entries waiting for a confirmation: 4');
    expect(s.text).toContain(`${EVE} (eve): Off track`);
    expect(s.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve &amp; co');
    expect(s.html).not.toContain('<script>');
    expect(s.html).toContain('<li>On track: 1</li><li>At risk: 1</li><li>Off track: 1</li>');
  }
});

test('a rerun the same week writes nothing new; the other sponsor gets its own on its own day', async () => {
  const before = await mail();
  expect(await sendDigests(db(), NOW)).toEqual({ enabled: 2, due: 1, written: 0, alreadySent: 4 });
  expect(await mail()).toEqual(before);
  const wednesday = await sendDigests(db(), new Date('2026-11-25T12:00:00Z'));
  expect(wednesday).toEqual({ enabled: 2, due: 1, written: 3, alreadySent: 0 });
  const globex = [...(await mail()).entries()].filter(([id]) => !before.has(id)).map(([, d]) => d);
  expect(globex.map((d) => d.to).sort()).toEqual([G_ADMIN, ANN, CONSULTANT].sort());
  for (const d of globex) {
    expect(d.message.text).not.toContain('Eve');
    expect(d.message.text).not.toContain('Fay');
    expect(d.message.text).toContain('Open the sponsor admin spreadsheet');
  }
  expect(globex.find((d) => d.to === ANN)!.message.text).toMatch(/Zed Globexian \(zed\): Off track: /);
});

test('next week is a new week, into the configured collection; turned off, nothing more is written', async () => {
  const stats = await sendDigests(db(), NEXT_WEEK, 'outbox');
  expect(stats).toMatchObject({ due: 1, written: 4, alreadySent: 0 });
  const outbox = await mail('outbox');
  expect([...outbox.values()].map((d) => d.to).sort()).toEqual([ADMIN, ANN, BOB, CONSULTANT].sort());
  expect([...outbox.keys()].sort()).toEqual(
    [ADMIN, ANN, BOB, CONSULTANT].map((to) => mailId('acme', '2026-W49', to)).sort(),
  );
  expect((await putDigest('acme', ADMIN, { enabled: false, weekday: 2 })).status).toBe(200);
  expect((await db().doc('sponsors/acme').get()).get('digest')).toEqual({ enabled: false, weekday: 2 });
  const before = (await mail()).size;
  const weekAfter = new Date('2026-12-08T12:00:00Z');
  expect(await sendDigests(db(), weekAfter)).toEqual({ enabled: 1, due: 0, written: 0, alreadySent: 0 });
  expect((await mail()).size).toBe(before);
});

test("coaches see their apprentices' open requests; with apprentices' digests on, each apprentice gets their own", async () => {
  const FAY = apprenticeEmail('fay');
  const asked = await call(api.askConfirmation, {
    as: FAY,
    params: { sponsorId: 'acme', apprenticeId: 'fay' },
    body: { entries: [{ kind: 'hours', id: 'h-1', summary: 'Nov 10, 8 h on the help desk' }] },
  });
  expect(asked.status).toBe(201);
  const askedOn = asked.body.createdAt.slice(0, 10);
  expect(
    (await putDigest('acme', ADMIN, { enabled: true, weekday: 2, sheetUrl: SHEET, apprentices: true })).status,
  ).toBe(200);
  const before = new Set((await mail()).keys());
  // A Tuesday: 2026-W51.
  const stats = await sendDigests(db(), new Date('2026-12-15T12:00:00Z'));
  const sent = [...(await mail()).entries()].filter(([id]) => !before.has(id)).map(([, d]) => d);
  const byTo = new Map(sent.map((d) => [d.to, d.message]));
  const apprentices = ['eve', 'fay', 'gus'].map(apprenticeEmail);
  expect([...byTo.keys()].sort()).toEqual([ADMIN, ANN, BOB, CONSULTANT, ...apprentices].sort());
  expect(stats).toEqual({ enabled: 2, due: 1, written: 7, alreadySent: 0 });
  // Both of Fay's coaches see her request; Cal (Gus's coach) has nothing, as before.
  for (const coach of [ANN, BOB])
    expect(byTo.get(coach)!.text).toContain(`Fay Fairweather (fay) asked on ${askedOn}: Nov 10, 8 h on the help desk`);
  // Each apprentice: their own progress, gaps and pending entries, nobody else's, and no link to the admin sheet.
  const eve = byTo.get(apprenticeEmail('eve'))!;
  expect(eve.subject).toBe('Qualcard 2026-W51: your progress at Acme IT');
  expect(eve.text).toContain('Your progress\n- ');
  expect(eve.text).toMatch(/items 0\/\d+/);
  expect(eve.text).toContain('Still to do');
  expect(eve.text).toContain(`Waiting for a confirmation (3)\n- sign-off ${items[0]} dated 2026-11-02`);
  expect(eve.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve &amp; co, your Qualcard progress');
  expect(eve.html).not.toContain('<script>');
  const fay = byTo.get(FAY)!;
  expect(fay.text).toContain('hours 2026-11-10, 8 h');
  for (const [to, m] of [
    [apprenticeEmail('eve'), eve],
    [FAY, fay],
    [apprenticeEmail('gus'), byTo.get(apprenticeEmail('gus'))!],
  ] as const) {
    const others = ['Eve', 'Fay', 'Gus', 'Zed'].filter((n) => !to.startsWith(n.toLowerCase()));
    for (const other of others)
      expect({ to, other, found: m.text.includes(other) }).toEqual({ to, other, found: false });
    expect(m.text).not.toContain(SHEET);
  }
});
