// The main job: plays a sponsor's cohort through the real HTTP API on the Firebase emulators, exactly as the
// add-on calls it (Google-style ID tokens, here signed with the local emulator key), and writes the transcripts
// and the cohort report to out/. Run with `npm run demo` (it starts and stops the emulators itself).

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ApprenticeRecord, type ApprenticeRecordInput } from '@qualcard/shared';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import type { SignOffResponse } from '../addon/src/api/requests';
import type { ChainCheck } from '../functions/src/audit';
import type { StoredProgress } from '../functions/src/progress';
import type { SyncedApprentice } from '../functions/src/routes/sync';
import type { TranscriptMeta } from '../functions/src/store/transcripts';
import { type ApiResponse, apiCall, errorMessage, functionsBaseUrl } from './api-client';
import { apprenticeRecord, DEMO_COACHES, DEMO_PLANS } from './demo-cohort';
import { mintIdToken } from './emulator-key';
import { qualCardWorkbook } from './qualcard-workbook';

const SPONSOR = 'northwind';
const ADMIN = 'admin@northwind.example';
const CONSULTANT = 'pat.consultant@apprenticeship-advisors.example';
const OUT = resolve(__dirname, '..', 'out');
const base = functionsBaseUrl();

/** The API's answers the demo reads, typed from the functions' own definitions. */
interface SyncAnswer {
  sponsorId: string;
  asOf: string;
  replayed: boolean;
  apprentices: SyncedApprentice[];
}
interface SponsorProgressAnswer {
  sponsorId: string;
  apprentices: StoredProgress[];
}
type AuditAnswer = ChainCheck & { apprenticeId: string };

/** A call as `as`, with a token the emulators accept; any error status ends the demo. */
async function api<T = unknown>(as: string, method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const res = await apiCall<T>(base, method, path, { token: mintIdToken({ email: as }), body });
  if (res.status >= 400) throw new Error(`${method} ${path} as ${as}: ${errorMessage(res)}`);
  return res;
}

function table(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (r: Record<string, string | number>) =>
    cols
      .map((c) => (typeof r[c] === 'number' ? String(r[c]).padStart(width(c)) : String(r[c]).padEnd(width(c))))
      .join('  ');
  return [
    line(Object.fromEntries(cols.map((c) => [c, c]))),
    cols.map((c) => '-'.repeat(width(c))).join('  '),
    ...rows.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error('run inside the emulators: npm run demo');
  const today = new Date().toISOString().slice(0, 10);
  console.log(`Qualcard demo on the emulators (${base}), as of ${today}\n`);
  await setUpSponsor();
  const records = DEMO_PLANS.map((p) => apprenticeRecord(p, today, SPONSOR));
  await writeWorkbook(records, today);
  await syncCohort(records, today);
  await coachSignsOff(records);
  await printProgress();
  await exportTranscripts(records);
  await downloadCohortReport();
  await verifyAuditChains(records);
  console.log(`\nDone. Files are in ${relative(process.cwd(), OUT) || OUT}/`);
}

/** 1. An operator creates the sponsor and its first admin once; everything else goes through the API. */
async function setUpSponsor(): Promise<void> {
  if (getApps().length === 0) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-qualcard' });
  const db = getFirestore();
  await db.doc(`sponsors/${SPONSOR}`).set({ name: 'Northwind IT Services', createdAt: new Date().toISOString() });
  await db.doc(`members/${ADMIN}`).set({ email: ADMIN, sponsors: { [SPONSOR]: { role: 'admin' } } });
  for (const coach of DEMO_COACHES)
    await api(ADMIN, 'PUT', `/v1/sponsors/${SPONSOR}/members/${encodeURIComponent(coach)}`, { role: 'coach' });
  await api(ADMIN, 'PUT', `/v1/sponsors/${SPONSOR}/members/${encodeURIComponent(CONSULTANT)}`, { role: 'consultant' });
  console.log(`Sponsor ${SPONSOR}: admin ${ADMIN}, coaches ${DEMO_COACHES.join(', ')}, consultant ${CONSULTANT}`);
}

/** 2. The qual card workbook the add-on generates for this cohort: the sheets the sync below reads from. */
async function writeWorkbook(records: ApprenticeRecordInput[], today: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const workbookPath = join(OUT, 'qualcard-workbook.xlsx');
  writeFileSync(
    workbookPath,
    await qualCardWorkbook(
      records.map((r) => ApprenticeRecord.parse(r)),
      { asOf: today },
    ),
  );
  console.log(`Qual card workbook (what the sheets hold): ${relative(process.cwd(), workbookPath)}`);
}

/** 3. Sync the roster and rows as the sheets hold them, then re-send the same sync (changes nothing). */
async function syncCohort(records: ApprenticeRecordInput[], today: string): Promise<void> {
  const key = `demo-${today}-1`;
  const path = `/v1/sponsors/${SPONSOR}/sync`;
  let t = Date.now();
  await api<SyncAnswer>(ADMIN, 'POST', path, { idempotencyKey: key, records });
  const rows = records.reduce((n, r) => n + (r.signOffs?.length ?? 0) + (r.hours?.length ?? 0), 0);
  console.log(`Sync: ${records.length} apprentices, ${rows} sheet rows stored in ${Date.now() - t} ms`);
  t = Date.now();
  const replay = await api<SyncAnswer>(ADMIN, 'POST', path, { idempotencyKey: key, records });
  console.log(`Re-sent the same sync: replayed=${replay.body.replayed}, ${Date.now() - t} ms, nothing written`);
  const resend = await api<SyncAnswer>(ADMIN, 'POST', path, { idempotencyKey: `${key}-again`, records });
  const changes = resend.body.apprentices.reduce((n, { changes: c }) => {
    const { signOffs: s, hours: h } = c;
    return n + s.created + s.updated + s.deleted + h.created + h.updated + h.deleted;
  }, 0);
  console.log(`Same rows under a new key: ${changes} row changes`);
}

/** 4. A coach signs off two items for Ava from the sidebar: the backend records the verified email and time. */
async function coachSignsOff(records: ApprenticeRecordInput[]): Promise<void> {
  const ava = records.find((r) => r.apprentice.id === 'ava')!;
  const signedIds = new Set(ava.signOffs!.map((s) => s.itemId));
  const before = await api<StoredProgress>(ADMIN, 'GET', `/v1/sponsors/${SPONSOR}/apprentices/ava/progress`);
  const open = before.body.progress.gaps
    .flatMap(({ pointer: p }) => (p.kind === 'item' && !signedIds.has(p.itemId) ? [p.itemId] : []))
    .slice(0, 2);
  const signed = await api<SignOffResponse>(
    ava.apprentice.coachEmails[0]!,
    'POST',
    `/v1/sponsors/${SPONSOR}/apprentices/ava/sign-offs`,
    { itemIds: open, evidence: 'Observed during the password-reset rotation' },
  );
  console.log(
    `Coach ${signed.body.coachEmail} signed ${signed.body.signed.join(', ')} for Ava at ${signed.body.signedAt}`,
  );
}

/** 5. Progress and gaps for the whole sponsor. */
async function printProgress(): Promise<void> {
  const progress = (await api<SponsorProgressAnswer>(CONSULTANT, 'GET', `/v1/sponsors/${SPONSOR}/progress`)).body
    .apprentices;
  console.log('\nProgress (as stored by the functions, computed by the shared engine):\n');
  console.log(table(progress.map(progressRow)));
  const behind = progress.flatMap((a) =>
    a.progress.gaps.filter((g) => g.severity === 'error').map((g) => `  ${a.name}: ${g.message}`),
  );
  console.log(`\nGaps needing attention (errors):\n${behind.join('\n') || '  none'}`);
}

/** One apprentice's line of the progress table: every level, then the target level's items and hours. */
function progressRow(a: StoredProgress): Record<string, string | number> {
  const target = a.progress.levels.find((l) => l.levelId === a.progress.targetLevelId)!;
  return {
    Apprentice: a.name,
    Framework: a.frameworkId,
    Target: a.progress.targetLevelId,
    Levels: a.progress.levels.map((l) => `${l.levelId} ${l.complete ? 'done' : `${l.percent}%`}`).join(', '),
    Items: `${target.items.done}/${target.items.required}`,
    Hours: `${Math.round(target.hours.reduce((s, h) => s + h.done, 0))}/${target.hours.reduce((s, h) => s + h.required, 0)}`,
    Projected: a.progress.projectedCompletion ?? 'no pace',
    Gaps: a.progress.gaps.length,
  };
}

/** 6. Transcripts: export (a stored version each), download, write to out/transcripts. */
async function exportTranscripts(records: ApprenticeRecordInput[]): Promise<void> {
  mkdirSync(join(OUT, 'transcripts'), { recursive: true });
  console.log('\nTranscripts:');
  for (const r of records) {
    const id = r.apprentice.id;
    const t = Date.now();
    const transcripts = `/v1/sponsors/${SPONSOR}/apprentices/${id}/transcripts`;
    const meta = (await api<TranscriptMeta>(ADMIN, 'POST', transcripts, {})).body;
    const file = await api(ADMIN, 'GET', `${transcripts}/${meta.id}`);
    const sha = createHash('sha256').update(file.bytes).digest('hex');
    if (sha !== meta.sha256) throw new Error(`downloaded transcript of ${id} does not match its SHA-256`);
    const path = join(OUT, 'transcripts', meta.fileName);
    writeFileSync(path, file.bytes);
    console.log(
      `  ${relative(process.cwd(), path)}  v${meta.version}  ${meta.size} bytes  sha256 ${meta.sha256.slice(0, 12)}…  ${Date.now() - t} ms`,
    );
  }
}

/** 7. The cohort report, as the consultant downloads it. */
async function downloadCohortReport(): Promise<void> {
  const t = Date.now();
  const report = await api(CONSULTANT, 'GET', `/v1/sponsors/${SPONSOR}/cohort-report`);
  const reportPath = join(OUT, 'cohort-report.xlsx');
  writeFileSync(reportPath, report.bytes);
  console.log(
    `\nCohort report: ${relative(process.cwd(), reportPath)} (${report.bytes.length} bytes, ${Date.now() - t} ms)`,
  );
}

/** 8. The audit chain of every apprentice verifies. */
async function verifyAuditChains(records: ApprenticeRecordInput[]): Promise<void> {
  const audits = await Promise.all(
    records.map(
      async (r) =>
        (await api<AuditAnswer>(ADMIN, 'GET', `/v1/sponsors/${SPONSOR}/apprentices/${r.apprentice.id}/audit/verify`))
          .body,
    ),
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
