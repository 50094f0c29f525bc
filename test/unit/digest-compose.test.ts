// The digest messages of one sponsor, composed from plain data: who gets what, text and HTML, escaping, weeks.
import { STATUS_LABEL } from '@qualcard/shared';
import {
  apprenticeDigest,
  coachDigest,
  composeDigests,
  type DigestApprentice,
  type DigestInput,
  escapeHtml,
  isoWeek,
  MAX_DIGEST_LINES,
  summaryDigest,
} from '../../functions/src/digest/compose';
import { DEFAULT_MAIL_COLLECTION, mailDoc, mailId } from '../../functions/src/digest/mail';
import { DigestSettings } from '../../shared/src/api';

const ANN = 'ann@acme.example';
const BOB = 'bob@acme.example';
const SHEET = 'https://docs.google.com/spreadsheets/d/abc123/edit';

const apprentice = (
  id: string,
  name: string,
  coachEmails: string[],
  status: DigestApprentice['status']['status'],
  waiting: DigestApprentice['waiting'] = [],
): DigestApprentice => ({
  id,
  name,
  coachEmails,
  status: { status, reason: `${STATUS_LABEL[status]}: reason of ${id}` },
  pending: waiting.length,
  waiting,
  pendingForAdmin: 0,
  levels: [
    {
      title: 'Level 1',
      percent: 40,
      complete: false,
      items: { done: 4, required: 10 },
      hours: [{ category: 'On-the-job learning', done: 80, required: 200 }],
    },
  ],
  gaps: [`6 more items for ${id}`],
});

const input: DigestInput = {
  sponsorId: 'acme',
  sponsorName: 'Acme IT',
  week: '2026-W48',
  sheetUrl: SHEET,
  apprentices: [
    apprentice('eve', '<b>Eve & co</b>', [ANN], 'off-track', [
      { typedBy: undefined, label: 'sign-off IT.1 dated 2026-11-01' },
      { typedBy: BOB, label: 'sign-off IT.2 dated 2026-11-02' },
    ]),
    apprentice('fay', 'Fay', [ANN, BOB], 'at-risk', [{ typedBy: BOB, label: 'hours 2026-11-03, 8 h' }]),
    apprentice('gus', 'Gus', [BOB], 'on-track'),
  ],
  coaches: [BOB, ANN],
  staff: ['admin@acme.example', 'consultant@firm.example'],
};

test('each coach gets one message with their own concerns and the rows typed as theirs or blank', () => {
  const ann = coachDigest(input, ANN)!;
  expect(ann.text).toContain('<b>Eve & co</b> (eve): Off track: reason of eve');
  expect(ann.text).toContain('Fay (fay): At risk: reason of fay');
  expect(ann.text).toContain('sign-off IT.1 dated 2026-11-01');
  // Typed as Bob's: waits for Bob, not Ann.
  expect(ann.text).not.toContain('IT.2');
  expect(ann.text).not.toContain('hours 2026-11-03');
  expect(ann.text).not.toContain('Gus');
  const bob = coachDigest(input, BOB)!;
  expect(bob.text).toContain('Fay (fay): hours 2026-11-03, 8 h');
  expect(bob.text).not.toContain('Eve');
  expect(bob.text).not.toContain('reason of gus');
  expect(bob.subject).toBe('Qualcard 2026-W48: 1 apprentice(s) need attention, 1 row(s) to confirm');
});

test('a coach with nothing to act on gets no message', () => {
  const calm = { ...input, apprentices: [apprentice('gus', 'Gus', [BOB], 'on-track')] };
  expect(coachDigest(calm, BOB)).toBeNull();
  expect(composeDigests(calm).map((m) => m.to)).toEqual(input.staff);
});

test('only members with the coach role get a coach message, not every address typed as a coach', () => {
  const notMember = { ...input, coaches: [BOB] };
  expect(composeDigests(notMember).map((m) => m.to)).toEqual([BOB, ...input.staff]);
});

test('a long list is cut at MAX_DIGEST_LINES with a count of the rest; the heading has the full count', () => {
  const many = Array.from({ length: MAX_DIGEST_LINES + 7 }, (_, i) =>
    apprentice(`a${String(i).padStart(4, '0')}`, `Apprentice ${i}`, [ANN], 'off-track'),
  );
  const summary = summaryDigest({ ...input, apprentices: many }, 'admin@acme.example');
  expect(summary.text).toContain(`Off track or at risk (${MAX_DIGEST_LINES + 7})`);
  expect(summary.text).toContain('- and 7 more (see the sheet)');
  expect(summary.text.match(/: Off track: reason of/g)).toHaveLength(MAX_DIGEST_LINES);
  expect(summary.html).toContain('<li>and 7 more (see the sheet)</li>');
});

test('HTML escapes every user text and links to the sheet; text carries the same link', () => {
  const ann = coachDigest(input, ANN)!;
  expect(ann.html).toContain('&lt;b&gt;Eve &amp; co&lt;/b&gt;');
  expect(ann.html).not.toContain('<b>Eve');
  expect(ann.html).toContain(`<a href="${SHEET}">Open the sheet</a>`);
  expect(ann.text).toContain(`Open the sheet: ${SHEET}`);
  expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
});

test('admins and consultants get the summary: counts per status, the concerns, pending total', () => {
  const summary = summaryDigest(input, 'admin@acme.example');
  expect(summary.text).toContain('On track: 1');
  expect(summary.text).toContain('At risk: 1');
  expect(summary.text).toContain('Off track: 1');
  expect(summary.text).toContain('Entries waiting for a confirmation: 3');
  expect(summary.text).toContain('Fay (fay): At risk: reason of fay');
  expect(summary.text).not.toContain('reason of gus');
  expect(summary.subject).toBe('Qualcard 2026-W48: Acme IT, 1 off track, 1 at risk');
  const all = composeDigests(input);
  expect(all.map((m) => m.to)).toEqual([ANN, BOB, ...input.staff]);
});

test('ISO weeks and weekdays, across a year end', () => {
  expect(isoWeek('2026-11-24')).toEqual({ week: '2026-W48', weekday: 2 });
  expect(isoWeek('2026-01-01')).toEqual({ week: '2026-W01', weekday: 4 });
  expect(isoWeek('2027-01-03')).toEqual({ week: '2026-W53', weekday: 7 });
  expect(isoWeek('2024-12-30')).toEqual({ week: '2025-W01', weekday: 1 });
});

test('the mail document is the extension format, and its id is one per sponsor, week and recipient', () => {
  const m = coachDigest(input, ANN)!;
  expect(DEFAULT_MAIL_COLLECTION).toBe('mail');
  expect(mailDoc(m)).toEqual({ to: ANN, message: { subject: m.subject, text: m.text, html: m.html } });
  expect(mailId('acme', '2026-W48', ANN)).toBe(mailId('acme', '2026-W48', ANN));
  expect(mailId('acme', '2026-W48', ANN)).not.toBe(mailId('acme', '2026-W49', ANN));
  expect(mailId('acme', '2026-W48', ANN)).not.toBe(mailId('globex', '2026-W48', ANN));
});

test('settings: weekday 1-7, the sheet link must be a Google spreadsheet over https', () => {
  expect(DigestSettings.safeParse({ enabled: true, weekday: 2, sheetUrl: SHEET }).success).toBe(true);
  expect(DigestSettings.safeParse({ enabled: true, weekday: 8 }).success).toBe(false);
  expect(
    DigestSettings.safeParse({ enabled: true, weekday: 2, sheetUrl: 'http://docs.google.com/spreadsheets/d/x' })
      .success,
  ).toBe(false);
  expect(
    DigestSettings.safeParse({ enabled: true, weekday: 2, sheetUrl: 'https://evil.example/spreadsheets/d/x' }).success,
  ).toBe(false);
  expect(DigestSettings.safeParse({ enabled: true, weekday: 2, extra: 1 }).success).toBe(false);
});

const EVE_ASK = {
  apprenticeId: 'eve',
  apprenticeName: '<b>Eve & co</b>',
  coachEmails: [ANN],
  askedOn: '2026-11-20',
  entries: ['IT.1 ticked on 2026-11-01', 'hours IT-h-3'],
};

test("a coach's digest lists their apprentices' open confirmation requests, and only theirs", () => {
  const withAsks: DigestInput = {
    ...input,
    asks: [EVE_ASK, { ...EVE_ASK, apprenticeId: 'gus', apprenticeName: 'Gus', coachEmails: [BOB] }],
  };
  const ann = coachDigest(withAsks, ANN)!;
  expect(ann.text).toContain('Your apprentices asked you to confirm (1)');
  expect(ann.text).toContain('- <b>Eve & co</b> (eve) asked on 2026-11-20: IT.1 ticked on 2026-11-01; hours IT-h-3');
  expect(ann.html).toContain('&lt;b&gt;Eve &amp; co&lt;/b&gt; (eve) asked on 2026-11-20');
  expect(ann.subject).toBe('Qualcard 2026-W48: 2 apprentice(s) need attention, 1 row(s) to confirm, 1 request(s)');
  expect(ann.text).not.toContain('(gus) asked');
  // A coach whose only news is a request still gets a message.
  const calm: DigestInput = { ...withAsks, apprentices: [apprentice('gus', 'Gus', [BOB], 'on-track')] };
  expect(coachDigest(calm, BOB)!.text).toContain('Gus (gus) asked on 2026-11-20');
  expect(coachDigest(calm, ANN)!.text).not.toContain('Gus');
});

test('apprentices get no digest unless the sponsor turned it on; then each their own, nothing about anyone else', () => {
  expect(composeDigests(input).map((m) => m.to)).toEqual([ANN, BOB, ...input.staff]);
  const on: DigestInput = {
    ...input,
    asks: [EVE_ASK],
    apprenticeMembers: [
      { email: 'fay@apprentice.example', apprenticeId: 'fay' },
      { email: 'eve@apprentice.example', apprenticeId: 'eve' },
      // A member whose record has no stored progress yet: nothing to tell.
      { email: 'new@apprentice.example', apprenticeId: 'new' },
    ],
  };
  const all = composeDigests(on);
  expect(all.map((m) => m.to)).toEqual([ANN, BOB, ...input.staff, 'eve@apprentice.example', 'fay@apprentice.example']);
  const eve = all.find((m) => m.to === 'eve@apprentice.example')!;
  expect(eve.subject).toBe('Qualcard 2026-W48: your progress at Acme IT');
  expect(eve.text).toContain('Off track: reason of eve');
  expect(eve.text).toContain('- Level 1: 40%, items 4/10, On-the-job learning 80/200 h');
  expect(eve.text).toContain('Still to do (1)\n- 6 more items for eve');
  expect(eve.text).toContain(
    'Waiting for a confirmation (2)\n- sign-off IT.1 dated 2026-11-01\n- sign-off IT.2 dated 2026-11-02',
  );
  for (const other of ['fay', 'Fay', 'gus', 'Gus', 'IT-h-3']) expect(eve.text).not.toContain(other);
  // Their own sheet, not the sponsor's admin spreadsheet.
  expect(eve.text).not.toContain(SHEET);
  expect(eve.html).not.toContain(SHEET);
  expect(eve.html).toContain('&lt;b&gt;Eve');
});

test("an apprentice's digest says a level is complete, and counts the entries waiting for an admin", () => {
  const a = {
    ...apprentice('fay', 'Fay', [ANN], 'on-track'),
    pendingForAdmin: 2,
    gaps: [],
    levels: [{ title: 'Level 1', percent: 100, complete: true, items: { done: 10, required: 10 }, hours: [] }],
  };
  const m = apprenticeDigest(input, a, 'fay@apprentice.example');
  expect(m.text).toContain('- Level 1: complete, items 10/10');
  expect(m.text).not.toContain('Still to do');
  expect(m.text).toContain('- 2 prior credit, exam or certification entries');
});

test("a coach's digest lists their apprentices' confirmed rows the sheet changed or deleted, even when all is on track", () => {
  const changed = 'Hours entry 3 (row h-3), confirmed as 2026-11-02, 8 h On-the-job learning, changed on the sheet';
  const gus = { ...apprentice('gus', 'Gus', [BOB], 'on-track'), changed: [changed] };
  const only = { ...input, apprentices: [gus], asks: [] };
  const bob = coachDigest(only, BOB)!;
  expect(bob.text).toContain(
    'Changed or deleted on the sheet since confirmed (confirm the new values or withdraw) (1)',
  );
  expect(bob.text).toContain(`- Gus (gus): ${changed}`);
  expect(bob.subject).toBe(
    'Qualcard 2026-W48: 0 apprentice(s) need attention, 0 row(s) to confirm, 1 confirmed row(s) changed on the sheet',
  );
  // Not Ann's apprentice: nothing for her.
  expect(coachDigest(only, ANN)).toBeNull();
});
