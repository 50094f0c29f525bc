// Transcript export, storage and versions; download as an attachment; the 1 MiB document limit; read by LibreOffice,
// with every entry's provenance: confirmed by a coach or admin, attested by an admin, or pending and not counted.

import { createHash, randomBytes } from 'node:crypto';
import { computeProgress, HOURS_CATEGORY_LABEL, isPendingFinding, STATUS_LABEL } from '@qualcard/shared';
import type { BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import { COUNTS_TOWARDS } from '@qualcard/shared/engine/rules';
import { tallyText } from '@qualcard/shared/sheets';
import ExcelJS from 'exceljs';
import { SUMMARY_HEADER_ROW } from '../../functions/src/excel/transcript';
import { readRecord } from '../../functions/src/store/apprentice';
import {
  ADMIN,
  AS_OF,
  acme,
  allDocumentPaths,
  ann as annAt,
  apprenticeEmail,
  COACH,
  call,
  db,
  framework,
  scenario,
  syncAs,
} from './kit';
import { sheetsViaLibreOffice, tableRows } from './kit/libreoffice';

const ANN = { sponsorId: 'acme', apprenticeId: 'ann' };
/** Exports a new transcript version as `as` (as of AS_OF unless `body` says otherwise). */
const exportAs = (as: string, body: BodyOf<typeof api.exportTranscript> = { asOf: AS_OF }) =>
  call(api.exportTranscript, { as, params: ANN, body });
const download = (as: string, transcriptId: string) =>
  call(api.downloadTranscript, { as, params: { ...ANN, transcriptId } });

const ann = () => {
  const r = annAt({ signed: 20, hoursPerCategory: 48 }, { name: 'Ann Example' });
  r.priorCredit = [
    {
      id: 'pc1',
      category: 'related-instruction',
      levelId: 'L1',
      hours: 30,
      description: 'Community college A+ course',
      approvedBy: ADMIN,
    },
    { id: 'pc2', category: 'work-experience', hours: 100, description: 'Retail tech support' },
  ];
  r.exams = [{ id: 'L1-all-required-course-exams', date: '2026-03-01', passed: true }];
  r.certifications = [{ id: 'comptia-a-plus', date: '2026-04-15' }];
  r.signOffs!.push({ itemId: 'HD1.1.1', date: '2026-05-01' }); // duplicate row without coach: flagged by the engine
  return r;
};

const PAPER = {
  reason: 'Paper qual card signed before Acme used Qualcard',
  evidence: 'scanned copy in HR file 2024-17',
};
const CERTIFICATE = 'CompTIA A+ COMP001022334455';

beforeEach(() => scenario(acme({ apprentices: [ann()] })));

/**
 * What the coach and the admin confirm of Ann's sheet: the coach 15 of her 20 items and her on-the-job learning
 * and related instruction hours; the admin approves one prior credit, records the exam and the certification with
 * their proof, and attests one item from a paper qual card. The rest stays pending.
 */
async function confirmSome(): Promise<void> {
  const r = ann();
  const items = r.signOffs!.slice(0, 20).map((s) => s.itemId);
  const hours = r.hours!.filter((h) => h.category !== 'work-experience').map((h) => h.id!);
  const confirm = (as: string, body: BodyOf<typeof api.confirmations>) =>
    call(api.confirmations, { as, params: ANN, body });
  expect((await confirm(COACH, { signOffs: items.slice(0, 15), hours })).status).toBe(201);
  const results = {
    priorCredit: ['pc1'],
    exams: [{ id: 'L1-all-required-course-exams', evidence: 'LMS export 2026-03-01' }],
    certifications: [{ id: 'comptia-a-plus', evidence: CERTIFICATE }],
  };
  expect((await confirm(ADMIN, results)).status).toBe(201);
  expect((await confirm(ADMIN, { signOffs: [items[15]!], attest: PAPER })).status).toBe(201);
}

test('each export is a new stored version with bytes, SHA-256, author and time; older versions are kept', async () => {
  const first = await exportAs(ADMIN);
  expect(first.status).toBe(201);
  // Only an admin may ask for another day than the sponsor's today (UTC here).
  const second = await exportAs(COACH, {});
  expect(second.status).toBe(201);
  expect([first.body.version, second.body.version]).toEqual([1, 2]);
  expect(first.body.asOf).toBe(AS_OF);
  expect(second.body).toMatchObject({
    createdBy: COACH,
    frameworkId: 'nitas-help-desk',
    asOf: new Date().toISOString().slice(0, 10),
    fileName: 'transcript-Ann-Example-v2.xlsx',
  });
  const docs = await db().collection('sponsors/acme/apprentices/ann/transcripts').orderBy('version').get();
  expect(docs.docs.map((d) => d.id)).toEqual([first.body.id, second.body.id]);
  for (const d of docs.docs) {
    const bytes = Buffer.from(d.get('bytes'));
    expect(d.get('sha256')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(d.get('size')).toBe(bytes.length);
  }
  const list = await call(api.listTranscripts, { as: apprenticeEmail('ann'), params: ANN });
  expect(list.body.transcripts.map((t) => t.version)).toEqual([2, 1]);
  expect((list.body.transcripts[0] as { bytes?: unknown }).bytes).toBeUndefined();
});

test('download returns the stored bytes as an .xlsx attachment, also to the apprentice', async () => {
  const made = await exportAs(ADMIN);
  const res = await download(apprenticeEmail('ann'), made.body.id);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${made.body.fileName}"`);
  expect(createHash('sha256').update(res.bytes).digest('hex')).toBe(made.body.sha256);
  expect(res.bytes.subarray(0, 2).toString()).toBe('PK');
  expect((await download(ADMIN, 'v99999')).status).toBe(404);
  expect((await exportAs(apprenticeEmail('ann'), {})).status).toBe(403);
});

test("LibreOffice opens the transcript: the engine's numbers, who confirmed each entry, pending apart", async () => {
  await confirmSome();
  // As of the sponsor's today: the confirmations count from the day they were made.
  const made = await exportAs(ADMIN, {});
  expect(made.status).toBe(201);
  const file = await download(ADMIN, made.body.id);
  const sheets = sheetsViaLibreOffice(file.bytes);
  expect(Object.keys(sheets).sort()).toEqual([
    'Credentials',
    'Exams & certifications',
    'Hours',
    'Hours by confirmation',
    'Open gaps',
    'Pending (not counted)',
    'Prior credit',
    'Signed items',
    'Summary',
  ]);
  const f = framework('nitas-help-desk');
  const stored = (await readRecord(db(), 'acme', 'ann'))!;
  const expected = computeProgress(f, stored, made.body.asOf);
  expect(expected.entries).toEqual({
    'sign-off': { confirmed: 15, attested: 1, pending: 5, flagged: 0 },
    'hours-entry': { confirmed: 12, attested: 0, pending: 6, flagged: 0 },
    'prior-credit': { confirmed: 1, attested: 0, pending: 1, flagged: 0 },
    exam: { confirmed: 1, attested: 0, pending: 0, flagged: 0 },
    certification: { confirmed: 1, attested: 0, pending: 0, flagged: 0 },
  });

  const summary = sheets.Summary!;
  const identity = Object.fromEntries(summary.slice(0, SUMMARY_HEADER_ROW - 2).map((r) => [r[0], r[1]]));
  expect(identity).toMatchObject({
    Apprentice: 'Ann Example',
    Sponsor: 'Acme IT',
    'Framework id': 'nitas-help-desk',
    'Framework version': f.version,
    'Transcript version': '1',
    'Generated by': ADMIN,
    'Progress as of': made.body.asOf,
    'Entries counted': '31: 30 confirmed by a coach or admin, 1 attested by an admin',
    'Pending, not counted': '12: typed in a sheet, not confirmed (sheet "Pending (not counted)")',
    // The engine's status of the stored record, as of the transcript's date.
    Status: STATUS_LABEL[expected.status.status],
    'Status reason': expected.status.reason,
  });
  const levels = tableRows(summary, SUMMARY_HEADER_ROW - 1).slice(0, f.levels.length);
  expect(
    levels.map((l) => ({
      level: l.Level,
      percent: Number(l.Percent),
      items: l['Items signed'],
      complete: l.State === 'Complete',
    })),
  ).toEqual(
    expected.levels.map((l) => ({
      level: l.levelId,
      percent: l.percent,
      items: `${l.items.done} of ${l.items.required}`,
      complete: l.complete,
    })),
  );
  // Hours per category against that category's requirement, in the level table (the prior credit they include on
  // a line of their own): never one sum of categories that overlap.
  expect(
    levels.flatMap((l, i) =>
      expected.levels[i]!.hours.map((h) => [l.Level, l[`${HOURS_CATEGORY_LABEL[h.category]} hours`]!.split('\n')[0]]),
    ),
  ).toEqual(expected.levels.flatMap((l) => l.hours.map((h) => [l.levelId, tallyText(h)])));

  // Signed items: the confirmed and attested ones, each with who and when; the typed ones are on the Pending sheet.
  const signed = tableRows(sheets['Signed items']!);
  const established = stored.signOffs.filter((s) => s.confirmation);
  expect(signed.map((s) => [s.Item, s['Signed on'], s['Confirmed or attested by'], s.On])).toEqual(
    established.map((s) => [s.itemId, s.date ?? '', s.confirmation!.by, s.confirmation!.date]),
  );
  expect(signed.filter((s) => s.Provenance === 'Confirmed (coach)')).toHaveLength(15);
  expect(signed.filter((s) => s.Provenance === 'Attested (admin)')).toEqual([
    expect.objectContaining({ 'Attested because': PAPER.reason, Proof: PAPER.evidence, Counted: 'Yes' }),
  ]);

  // Hours counted per logged category in the Hours sheet add up to the engine's L1 hours minus approved prior
  // credit, through the engine's own table of which logged categories count towards which requirement.
  const byCategory = new Map<string, number>();
  for (const h of tableRows(sheets.Hours!))
    byCategory.set(h['Hours category']!, (byCategory.get(h['Hours category']!) ?? 0) + Number(h['Hours counted']));
  for (const h of expected.levels[0]!.hours) {
    const logged = COUNTS_TOWARDS[h.category].reduce((s, c) => s + (byCategory.get(HOURS_CATEGORY_LABEL[c]) ?? 0), 0);
    expect(logged).toBe(h.done - h.priorCredit);
  }
  // The coach confirmed the hours in one go: one row per category, by the coach, on the day she confirmed them.
  expect(
    tableRows(sheets['Hours by confirmation']!).map((h) => [
      h['Hours category'],
      h.Entries,
      h['Confirmed or attested by'],
    ]),
  ).toEqual([
    ['Related instruction', '6', COACH],
    ['On-the-job learning', '6', COACH],
  ]);

  expect(tableRows(sheets['Prior credit']!).map((p) => [p.Description, p.Provenance, p.Counted])).toEqual([
    ['Community college A+ course', 'Confirmed (admin)', 'Yes'],
  ]);
  expect(tableRows(sheets['Exams & certifications']!).map((e) => [e.Kind, e.Id, e.Result, e.Proof])).toEqual([
    ['Exam', 'L1-all-required-course-exams', 'Passed', 'LMS export 2026-03-01'],
    ['Certification', 'comptia-a-plus', 'Held', CERTIFICATE],
  ]);
  const pending = tableRows(sheets['Pending (not counted)']!);
  expect(pending.every((p) => p.Counted === 'No')).toBe(true);
  expect(pending.map((p) => [p.Kind, p.Entry])).toEqual([
    ...stored.signOffs.filter((s) => !s.confirmation).map((s) => ['Sign-off', s.itemId]),
    ['Hours', '6 entries'],
    ['Prior credit', 'Prior credit 2'],
  ]);

  const gaps = tableRows(sheets['Open gaps']!);
  expect(gaps.filter((g) => g.Kind === 'Gap').map((g) => g.Code)).toEqual(
    expected.gaps.filter((g) => !isPendingFinding(g)).map((g) => g.code),
  );
  expect(gaps.filter((g) => g.Kind === 'Pending')).toHaveLength(1);
  expect(gaps.filter((g) => g.Kind === 'Integrity').map((g) => g.Code)).toEqual(expected.integrity.map((g) => g.code));
});

test('a sheet synced and never confirmed: the transcript counts nothing and lists every entry as pending', async () => {
  const made = await exportAs(ADMIN);
  const file = await download(ADMIN, made.body.id);
  const sheets = sheetsViaLibreOffice(file.bytes);
  const top = Object.fromEntries(sheets.Summary!.slice(0, SUMMARY_HEADER_ROW - 2).map((r) => [r[0], r[1]]));
  expect(top['Entries counted']).toBe('0: 0 confirmed by a coach or admin, 0 attested by an admin');
  expect(top['Pending, not counted']).toMatch(/^43: /); // 21 sign-offs, 18 hours, 2 prior credits, exam, cert
  expect(tableRows(sheets['Signed items']!)).toEqual([]);
  const l1 = tableRows(sheets.Summary!, SUMMARY_HEADER_ROW - 1)[0]!;
  expect([l1.Level, l1['Items signed'], Number(l1.Percent)]).toEqual(['L1', expect.stringMatching(/^0 of \d+$/), 0]);
});

test('every transcript sheet prints cleanly: frozen header, print titles, set widths, landscape fit to width', async () => {
  const made = await exportAs(ADMIN);
  const file = await download(ADMIN, made.body.id);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
  for (const ws of wb.worksheets) {
    const headerRow = ws.name === 'Summary' ? SUMMARY_HEADER_ROW : 1;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    });
    expect(ws.getRow(headerRow).getCell(1).font?.bold).toBe(true);
    expect(ws.columns.every((c) => typeof c.width === 'number' && c.width >= 8)).toBe(true);
    expect(ws.headerFooter.oddFooter).toContain('Page &P of &N');
  }
});

test('a transcript over the 1 MiB document limit is a 413 and nothing is stored', async () => {
  const big = ann();
  // Incompressible evidence and notes on 600 rows: about 2.4 MB of text, far over 1 MiB even zipped.
  const text = () => randomBytes(1500).toString('base64').slice(0, 2000);
  big.signOffs = Array.from({ length: 600 }, (_, i) => ({
    itemId: `EXTRA${i}`,
    date: '2026-01-01',
    coachEmail: COACH,
    evidence: text(),
    notes: text(),
  }));
  expect((await syncAs(ADMIN, [big], { key: 'big-sync-1' })).status).toBe(200);
  const before = await allDocumentPaths();
  const versionBefore = (await db().doc('sponsors/acme/apprentices/ann').get()).get('transcriptVersion');
  const res = await exportAs(ADMIN);
  expect(res.status).toBe(413);
  expect(res.error.message).toMatch(/1 MiB/);
  expect(await allDocumentPaths()).toEqual(before);
  expect((await db().doc('sponsors/acme/apprentices/ann').get()).get('transcriptVersion')).toBe(versionBefore);
});
