// The main job: plays a sponsor's cohort through the real HTTP API on the Firebase emulators, exactly as the
// add-on calls it (Google-style ID tokens, here signed with the local emulator key). The admin syncs what the
// sheets hold (typed entries, which count for nothing yet); each coach confirms their own ticks and hours ("Confirm
// my ticks"); the admin records exams and certifications with their proof, approves prior credit and attests
// paper-era sign-offs. A confirmation counts from the sponsor's day it is made, so everything is as of today in the
// sponsor's time zone. Writes the qual card workbook, the transcripts and the cohort report to out/ and checks
// every audit chain. Run with `npm run demo` (it starts and stops the emulators itself).

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  type ApprenticeRecord,
  type ApprenticeRecordInput,
  addDays,
  canonicalJson,
  computeProgress,
  ENTRY_KINDS,
  type EntryKind,
  type Framework,
  frameworkFromRows,
  getFramework,
  isPendingFinding,
  localDate,
  type ProgressSummary,
  parseCsv,
  type RowConfirmations,
  STATUS_LABEL,
  shippedFrameworks,
} from '@qualcard/shared';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { readRecord } from '../functions/src/store/apprentice';
import type { StoredProgress } from '../shared/src/api/answers';
import { apiErrorOf } from '../shared/src/api/client/platform-error';
import * as routes from '../shared/src/api/routes';
import { apprenticeRecord, DEMO_COACHES, DEMO_PLANS } from './demo-cohort';
import { answerAs, callAs, functionsBaseUrl } from './emulator-api';
import { qualCardWorkbook } from './qualcard-workbook';

const SPONSOR = 'northwind';
/** The admin's spreadsheet's time zone: the sponsor's calendar from the first sync on. */
const TIME_ZONE = 'America/Chicago';
const ADMIN = 'admin@northwind.example';
const CONSULTANT = 'pat.consultant@apprenticeship-advisors.example';
/** Signed Ben's paper qual card; left Northwind before it adopted Qualcard (not a member). */
const FORMER_COACH = 'r.hale@northwind.example';
const PAPER_TICKS = 4;
const PAPER_REASON = 'Paper qual card signed before Northwind adopted Qualcard; scan in HR file 2024-17';
/** What proves each of Ben's results, as the admin types it. */
const EVIDENCE: Record<string, string> = {
  'L1-all-required-course-exams': 'LMS completion report NW-LMS-20931 (all L1 course exams passed)',
  'comptia-a-plus': 'CompTIA A+ certificate COMP001022334455',
  'customer-support-specialist': 'Customer Support Specialist certificate CSS-2025-0412',
};
const OUT = resolve(__dirname, '..', 'out');
const base = functionsBaseUrl();

/** The path parameters of the sponsor's routes, and of one apprentice's. */
const sponsor = { sponsorId: SPONSOR };
const of = (apprenticeId: string) => ({ sponsorId: SPONSOR, apprenticeId });
const byId = (records: ApprenticeRecordInput[], id: string) => records.find((r) => r.apprentice.id === id)!;
const since = (t: number) => `${Date.now() - t} ms`;

function table(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (r: Record<string, string | number>) =>
    cols
      .map((c) => (typeof r[c] === 'number' ? String(r[c]).padStart(width(c)) : String(r[c]).padEnd(width(c))))
      .join('  ')
      .trimEnd();
  return [
    line(Object.fromEntries(cols.map((c) => [c, c]))),
    cols.map((c) => '-'.repeat(width(c))).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** Entries counted (confirmed or attested) and pending, over some apprentices' progress. */
function tally(progress: ProgressSummary[]): { counted: number; pending: number } {
  let counted = 0;
  let pending = 0;
  for (const p of progress)
    for (const c of Object.values(p.entries)) {
      counted += c.confirmed + c.attested;
      pending += c.pending;
    }
  return { counted, pending };
}

async function main(): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error('run inside the emulators: npm run demo');
  const started = Date.now();
  const today = localDate(new Date(), TIME_ZONE);
  console.log(`Qualcard demo on the emulators (${base}), as of ${today}, today in ${TIME_ZONE}\n`);
  await setUpSponsor();
  const records = sheetRecords(today);
  const synced = await syncSheets(records, today);
  await coachesConfirmTheirTicks(records, synced);
  await adminRecordsAndAttests(records);
  await coachSignsOff(records);
  await resyncKeepsConfirmations(records, today);
  const published = await sponsorFramework(today);
  const progress = await printProgress();
  printProvenance(progress);
  await writeWorkbook(progress, today, [...shippedFrameworks(), published]);
  await exportTranscripts(records);
  await downloadCohortReport();
  await consultantCohort();
  await verifyAuditChains(records);
  console.log(
    `\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Files are in ${relative(process.cwd(), OUT) || OUT}/`,
  );
}

/** 1. An operator creates the sponsor and its first admin once; everything else goes through the API. */
async function setUpSponsor(): Promise<void> {
  if (getApps().length === 0) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-qualcard' });
  const db = getFirestore();
  await db.doc(`sponsors/${SPONSOR}`).set({ name: 'Northwind IT Services', createdAt: new Date().toISOString() });
  await db.doc(`members/${ADMIN}`).set({ email: ADMIN, sponsors: { [SPONSOR]: { role: 'admin' } } });
  for (const coach of DEMO_COACHES)
    await callAs(ADMIN, routes.putMember, { params: { ...sponsor, email: coach }, body: { role: 'coach' } });
  await callAs(ADMIN, routes.putMember, { params: { ...sponsor, email: CONSULTANT }, body: { role: 'consultant' } });
  console.log(`Sponsor ${SPONSOR}: admin ${ADMIN}, coaches ${DEMO_COACHES.join(', ')}, consultant ${CONSULTANT}`);
}

/**
 * 2. What the sheets hold: the cohort's typed entries (no confirmations: a sync cannot carry them), with what a
 * real cohort has besides: a tick typed as signed by another coach, ticks copied from a paper qual card, and a
 * prior-credit claim still waiting for its proof.
 */
function sheetRecords(today: string): ApprenticeRecordInput[] {
  const records = DEMO_PLANS.map((p) => apprenticeRecord(p, today, SPONSOR));
  // Ava's coach is Maria; one of her ticks says Dev signed it.
  byId(records, 'ava').signOffs!.at(-1)!.coachEmail = DEMO_COACHES[1];
  // Ben's first ticks were copied from his paper qual card, signed by a coach who has since left.
  const ben = byId(records, 'ben');
  for (const s of ben.signOffs!.slice(0, PAPER_TICKS)) s.coachEmail = FORMER_COACH;
  ben.priorCredit!.push({
    id: 'pc-2',
    category: 'on-the-job-learning',
    hours: 120,
    description: 'Help desk work at a previous employer (reference letter requested)',
  });
  return records;
}

/**
 * 3. The admin syncs the roster and the sheets (with the spreadsheet's time zone), then re-sends the same sync
 * (changes nothing). Returns what the sync says is confirmed per row (nothing yet), by apprentice.
 */
async function syncSheets(records: ApprenticeRecordInput[], today: string): Promise<Map<string, RowConfirmations>> {
  const body = { idempotencyKey: `demo-${today}-1`, timeZone: TIME_ZONE, records };
  let t = Date.now();
  const first = await callAs(ADMIN, routes.sync, { params: sponsor, body });
  const rows = records.reduce((n, r) => n + (r.signOffs?.length ?? 0) + (r.hours?.length ?? 0), 0);
  console.log(
    `Sync as the admin: ${records.length} apprentices, ${rows} sheet rows stored in ${since(t)}; sponsor time zone ${first.timeZone}, as of ${first.asOf}`,
  );
  const { counted, pending } = tally(first.apprentices.map((a) => a.progress!));
  console.log(`  typed entries count for nothing until confirmed: ${counted} counted, ${pending} pending`);
  t = Date.now();
  const replay = await callAs(ADMIN, routes.sync, { params: sponsor, body });
  console.log(`Re-sent the same sync: replayed=${replay.replayed}, ${since(t)}, nothing written`);
  return new Map(first.apprentices.map((a) => [a.apprenticeId, a.confirmations!]));
}

/** What "Confirm my ticks" sends for `coach`: unconfirmed ticks and hours typed as theirs or left blank. */
function myTicks(record: ApprenticeRecordInput, coach: string, confirmed?: RowConfirmations) {
  const mine = (typed?: string) => !typed || typed === coach;
  return {
    signOffs: record.signOffs!.filter((s) => mine(s.coachEmail) && !confirmed?.signOffs[s.itemId]).map((s) => s.itemId),
    hours: record.hours!.filter((h) => h.id && mine(h.verifiedBy) && !confirmed?.hours[h.id]).map((h) => h.id!),
  };
}

/** The ticks a coach's confirmation leaves, by whom they are typed as signed. */
function leftTicks(record: ApprenticeRecordInput, sent: string[]): string {
  const left = new Map<string, string[]>();
  for (const s of record.signOffs!)
    if (!sent.includes(s.itemId)) left.set(s.coachEmail!, [...(left.get(s.coachEmail!) ?? []), s.itemId]);
  return [...left].map(([by, ids]) => `${ids.length} typed as signed by ${by} (${ids.join(', ')})`).join('; ');
}

/**
 * 4. Each coach confirms their own ticks and hours on each of their apprentices ("Confirm my ticks": one request per
 * apprentice; one after the other, which on the emulators is faster than all at once).
 */
async function coachesConfirmTheirTicks(
  records: ApprenticeRecordInput[],
  synced: Map<string, RowConfirmations>,
): Promise<void> {
  console.log('\n"Confirm my ticks", each coach on their own apprentices:');
  for (const coach of DEMO_COACHES)
    for (const r of records.filter((x) => x.apprentice.coachEmails.includes(coach))) {
      const body = myTicks(r, coach, synced.get(r.apprentice.id));
      const t = Date.now();
      const { confirmed } = await callAs(coach, routes.confirmations, { params: of(r.apprentice.id), body });
      const left = leftTicks(r, body.signOffs);
      console.log(
        `  ${coach} -> ${r.apprentice.name}: ${confirmed.signOffs.length} ticks and ${confirmed.hours.length} hours rows confirmed in ${since(t)}${left ? `; left pending: ${left}` : ''}`,
      );
    }
  await foreignTickRefused(records);
}

/** Maria cannot confirm the tick typed as Dev's: the whole request is refused, nothing changes. */
async function foreignTickRefused(records: ApprenticeRecordInput[]): Promise<void> {
  const ava = byId(records, 'ava');
  const tick = ava.signOffs!.find((s) => s.coachEmail === DEMO_COACHES[1])!;
  const res = await answerAs(ava.apprentice.coachEmails[0]!, routes.confirmations, {
    params: of('ava'),
    body: { signOffs: [tick.itemId] },
  });
  if (res.status !== 403) throw new Error(`confirming another coach's tick answered ${res.status}, not 403`);
  const said = apiErrorOf(JSON.parse(res.bytes.toString('utf8')))?.message;
  console.log(`  Maria tries to confirm Ava's ${tick.itemId} anyway: ${res.status} "${said}"`);
  console.log(`  -> it stays pending and uncounted: only Dev could confirm it, and Dev does not coach Ava`);
}

/**
 * 5. The admin, for Ben: records his exam and certifications with what proves them, approves one prior credit
 * (the other waits for its reference letter), and attests the sign-offs copied from his paper qual card.
 */
async function adminRecordsAndAttests(records: ApprenticeRecordInput[]): Promise<void> {
  const ben = byId(records, 'ben');
  const proof = (id: string) => ({ id, evidence: EVIDENCE[id] ?? `Certificate on file for ${id}` });
  let t = Date.now();
  const recorded = await callAs(ADMIN, routes.confirmations, {
    params: of('ben'),
    body: {
      priorCredit: ['pc-1'],
      exams: ben.exams!.map((e) => proof(e.id)),
      certifications: ben.certifications!.map((c) => proof(c.id)),
    },
  });
  const c = recorded.confirmed;
  console.log(`\nAdmin, for ${ben.apprentice.name} (${since(t)}):`);
  for (const id of [...c.exams, ...c.certifications]) console.log(`  recorded ${id}: "${EVIDENCE[id]}"`);
  for (const credit of ben.priorCredit!)
    console.log(
      `  prior credit ${credit.id} "${credit.description}" (${credit.hours} h): ${c.priorCredit.includes(credit.id!) ? 'approved' : 'left pending'}`,
    );
  const paper = ben.signOffs!.filter((s) => s.coachEmail === FORMER_COACH).map((s) => s.itemId);
  t = Date.now();
  const attested = await callAs(ADMIN, routes.confirmations, {
    params: of('ben'),
    body: { signOffs: paper, attest: { reason: PAPER_REASON, evidence: 'HR file 2024-17' } },
  });
  const first = attested.confirmations.signOffs[paper[0]!]!.confirmation;
  console.log(
    `  attested ${attested.confirmed.signOffs.length} paper-era sign-offs (${paper.join(', ')}), ${first.kind} by ${first.by} on ${first.date}: "${PAPER_REASON}" (${since(t)})`,
  );
}

/** 6. A coach signs off two more items for Ava from the sidebar: confirmed as made (verified email, server time). */
async function coachSignsOff(records: ApprenticeRecordInput[]): Promise<void> {
  const ava = byId(records, 'ava');
  const signedIds = new Set(ava.signOffs!.map((s) => s.itemId));
  const before = await callAs(ADMIN, routes.apprenticeProgress, { params: of('ava') });
  const open = before.progress.gaps
    .flatMap(({ pointer: p }) => (p.kind === 'item' && !signedIds.has(p.itemId) ? [p.itemId] : []))
    .slice(0, 2);
  const signed = await callAs(ava.apprentice.coachEmails[0]!, routes.signOffs, {
    params: of('ava'),
    body: { itemIds: open, evidence: 'Observed during the password-reset rotation' },
  });
  console.log(
    `\nCoach ${signed.coachEmail} signed ${signed.signed.join(', ')} for Ava in the sidebar at ${signed.signedAt}`,
  );
}

/** 7. The same sheets synced again under a new key: a sheet cannot undo or rewrite a confirmation. */
async function resyncKeepsConfirmations(records: ApprenticeRecordInput[], today: string): Promise<void> {
  const t = Date.now();
  const again = await callAs(ADMIN, routes.sync, {
    params: sponsor,
    body: { idempotencyKey: `demo-${today}-2`, timeZone: TIME_ZONE, records },
  });
  const changes = again.apprentices.reduce((n, { changes: c }) => {
    const { signOffs: s, hours: h } = c;
    return n + s.created + s.updated + s.deleted + h.created + h.updated + h.deleted + (c.profile ? 1 : 0);
  }, 0);
  const { counted, pending } = tally(again.apprentices.map((a) => a.progress!));
  console.log(
    `Re-synced the unchanged sheets under a new key: ${changes} changes, ${counted} entries still counted, ${pending} pending (${since(t)})`,
  );
}

/** 8. Progress and gaps for the whole sponsor, as the consultant reads them. */
async function printProgress(): Promise<StoredProgress[]> {
  const progress = (await callAs(CONSULTANT, routes.sponsorProgress, { params: sponsor })).apprentices;
  console.log('\nProgress (as stored by the functions, computed by the shared engine):\n');
  console.log(table(progress.map(progressRow)));
  const behind = progress.flatMap((a) =>
    a.progress.gaps.filter((g) => g.severity === 'error').map((g) => `  ${a.name}: ${g.message}`),
  );
  console.log(`\nGaps needing attention (errors):\n${behind.join('\n') || '  none'}`);
  console.log(
    `\nStatus (one rule, RULES.status):\n${progress.map((a) => `  ${a.name}: ${a.progress.status.reason}`).join('\n')}`,
  );
  return progress;
}

/**
 * 8b. Northwind publishes its own version of NITAS: the Level 3 work-practice slot HD3.0.1 filled and a company item,
 * from the rows of the add-on's Framework sheet (examples/sponsor-items.csv). A new apprentice on it is synced by the
 * admin and the coach confirms the filled slot's tick: the functions count it against the published version.
 */
async function sponsorFramework(today: string): Promise<Framework> {
  const rows = parseCsv(readFileSync(resolve(__dirname, '..', 'examples', 'sponsor-items.csv'), 'utf8'));
  const built = frameworkFromRows(rows, {
    base: getFramework('nitas-help-desk')!,
    id: 'northwind-help-desk',
    title: 'Northwind Help Desk (NITAS with Northwind work practices)',
    version: '2026.1',
    addedBy: SPONSOR,
  });
  if (!built.ok) throw new Error(`examples/sponsor-items.csv: ${JSON.stringify(built.errors)}`);
  let t = Date.now();
  const published = await callAs(ADMIN, routes.publishFramework, {
    params: sponsor,
    body: { framework: built.framework },
  });
  console.log(
    `\nPublished ${built.framework.id} ${built.framework.version} (NITAS with slot HD3.0.1 filled): created=${published.created}, ${since(t)}`,
  );
  const coach = DEMO_COACHES[0]!;
  const record: ApprenticeRecordInput = {
    schemaVersion: 1,
    apprentice: {
      id: 'nia',
      name: 'Nia Brooks',
      email: 'nia.brooks@northwind.example',
      startDate: addDays(today, -400),
      frameworkId: built.framework.id,
      levelId: 'L3',
      coachEmails: [coach],
    },
    signOffs: ['HD3.0.1', 'ACME.2.1'].map((itemId) => ({ itemId, date: today, coachEmail: coach })),
  };
  t = Date.now();
  const body = { idempotencyKey: `demo-${today}-nia`, timeZone: TIME_ZONE, records: [record] };
  const synced = (await callAs(ADMIN, routes.sync, { params: sponsor, body })).apprentices[0]!;
  const confirmed = await callAs(coach, routes.confirmations, {
    params: of('nia'),
    body: { signOffs: ['HD3.0.1', 'ACME.2.1'] },
  });
  console.log(
    `  Nia Brooks synced on ${synced.progress!.frameworkId} ${synced.progress!.frameworkVersion}; ${coach} confirmed ${confirmed.confirmed.signOffs.join(', ')} (${since(t)})`,
  );
  return built.framework;
}

/** One apprentice's line of the progress table: every level, then the target level's items and hours. */
function progressRow(a: StoredProgress): Record<string, string | number> {
  const target = a.progress.levels.find((l) => l.levelId === a.progress.targetLevelId)!;
  return {
    Apprentice: a.name,
    Framework: `${a.frameworkId} ${a.frameworkVersion}`,
    Target: a.progress.targetLevelId,
    Levels: a.progress.levels.map((l) => `${l.levelId} ${l.complete ? 'done' : `${l.percent}%`}`).join(', '),
    Items: `${target.items.done}/${target.items.required}`,
    Hours: `${Math.round(target.hours.reduce((s, h) => s + h.done, 0))}/${target.hours.reduce((s, h) => s + h.required, 0)}`,
    Projected: a.progress.projectedCompletion ?? 'no pace',
    Gaps: a.progress.gaps.length,
    Status: STATUS_LABEL[a.progress.status.status],
  };
}

const KIND_LABEL: Record<EntryKind, string> = {
  'sign-off': 'sign-offs',
  'hours-entry': 'hours rows',
  'prior-credit': 'prior credit',
  exam: 'exams',
  certification: 'certifications',
};

/** 9. Provenance: how each apprentice's entries stand (what counts, and what waits for whom). */
function printProvenance(progress: StoredProgress[]): void {
  const rows = progress.map((a) => {
    const e = a.progress.entries;
    const sum = (k: 'confirmed' | 'attested' | 'pending' | 'flagged') => ENTRY_KINDS.reduce((n, x) => n + e[x][k], 0);
    const detail = ENTRY_KINDS.filter((k) => e[k].confirmed + e[k].attested + e[k].pending + e[k].flagged > 0).map(
      (k) =>
        `${KIND_LABEL[k]} ${e[k].confirmed}${e[k].attested ? `+${e[k].attested}a` : ''}${e[k].pending ? `/${e[k].pending}p` : ''}`,
    );
    return {
      Apprentice: a.name,
      Confirmed: sum('confirmed'),
      Attested: sum('attested'),
      Pending: sum('pending'),
      Flagged: sum('flagged'),
      'By kind (confirmed+attested/pending)': detail.join(', '),
    };
  });
  console.log('\nProvenance (only confirmed and attested entries count):\n');
  console.log(table(rows));
  const pending = progress.flatMap((a) =>
    a.progress.gaps.filter(isPendingFinding).map((g) => `  ${a.name}: ${g.message}`),
  );
  console.log(`\nPending, not counted:\n${pending.join('\n') || '  none'}`);
}

/**
 * 10. The qual card workbook the add-on generates, from the records as stored (typed entries and their
 * confirmations); its dashboard's figures are the engine's on those records, the same as the API's progress.
 */
async function writeWorkbook(progress: StoredProgress[], today: string, frameworks: Framework[]): Promise<void> {
  const db = getFirestore();
  const stored: ApprenticeRecord[] = [];
  let same = 0;
  for (const a of progress) {
    const record = (await readRecord(db, SPONSOR, a.apprenticeId))!;
    stored.push(record);
    const p = computeProgress(frameworks.find((f) => f.id === record.apprentice.frameworkId)!, record, today);
    const view = (x: typeof p) => canonicalJson([x.asOf, x.levels, x.entries, x.projectedCompletion]);
    if (view(p) === view(a.progress)) same++;
  }
  mkdirSync(OUT, { recursive: true });
  const workbookPath = join(OUT, 'qualcard-workbook.xlsx');
  writeFileSync(workbookPath, await qualCardWorkbook(stored, { asOf: today, frameworks }));
  console.log(
    `\nQual card workbook: ${relative(process.cwd(), workbookPath)}; its dashboard equals the API's progress for ${same}/${stored.length} apprentices`,
  );
  if (same !== stored.length) throw new Error('the workbook dashboard and the API disagree');
}

/** 11. Transcripts: export (a stored version each), download, write to out/transcripts. */
async function exportTranscripts(records: ApprenticeRecordInput[]): Promise<void> {
  mkdirSync(join(OUT, 'transcripts'), { recursive: true });
  console.log('\nTranscripts:');
  for (const r of records) {
    const id = r.apprentice.id;
    const t = Date.now();
    const meta = await callAs(ADMIN, routes.exportTranscript, { params: of(id), body: {} });
    const file = await callAs(ADMIN, routes.downloadTranscript, { params: { ...of(id), transcriptId: meta.id } });
    const bytes = Buffer.from(file.base64, 'base64');
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== meta.sha256) throw new Error(`downloaded transcript of ${id} does not match its SHA-256`);
    const path = join(OUT, 'transcripts', meta.fileName);
    writeFileSync(path, bytes);
    console.log(
      `  ${relative(process.cwd(), path)}  v${meta.version}  ${meta.size} bytes  sha256 ${meta.sha256.slice(0, 12)}…  ${since(t)}`,
    );
  }
}

/** 12. The cohort report, as the consultant downloads it. */
async function downloadCohortReport(): Promise<void> {
  const t = Date.now();
  const report = await callAs(CONSULTANT, routes.sponsorCohortReport, { params: sponsor });
  const reportPath = join(OUT, 'cohort-report.xlsx');
  writeFileSync(reportPath, Buffer.from(report.base64, 'base64'));
  console.log(`\nCohort report: ${relative(process.cwd(), reportPath)} (${report.bytes} bytes, ${since(t)})`);
}

/** 12b. The consultant's Cohort and Gaps sheets come from the cohort route (what "Refresh cohort" calls). */
async function consultantCohort(): Promise<void> {
  const t = Date.now();
  const cohort = await callAs(CONSULTANT, routes.cohort, { params: {} });
  const byStatus = new Map<string, number>();
  for (const a of cohort.apprentices) byStatus.set(a.status ?? 'none', (byStatus.get(a.status ?? 'none') ?? 0) + 1);
  console.log(
    `Consultant's Cohort sheet (${routes.cohort.method} ${routes.cohort.path}, ${since(t)}): ${cohort.sponsors.length} sponsor(s), ${cohort.apprentices.length} apprentices (${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')}), ${cohort.gaps.length} rows on the Gap list sheet`,
  );
}

/** 13. The audit chain of every apprentice verifies (every sync, confirmation and sign-off is in it). */
async function verifyAuditChains(records: ApprenticeRecordInput[]): Promise<void> {
  const audits = await Promise.all(
    records.map(async (r) => await callAs(ADMIN, routes.verifyAudit, { params: of(r.apprentice.id) })),
  );
  const broken = audits.filter((a) => !a.ok);
  console.log(
    `Audit chains: ${audits.length - broken.length}/${audits.length} verify, ${audits.reduce((n, a) => n + a.records, 0)} records`,
  );
  if (broken.length) throw new Error(`audit chain broken: ${JSON.stringify(broken)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
