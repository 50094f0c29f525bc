// The main job: plays a sponsor's cohort through the real HTTP API on the Firebase emulators, exactly as the
// add-on calls it (Google-style ID tokens, here signed with the local emulator key), and writes the transcripts
// and the cohort report to out/. Run with `npm run demo` (it starts and stops the emulators itself).

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ApprenticeRecord } from '@qualcard/shared';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { type ApiResponse, apiCall, functionsBaseUrl } from './api-client';
import { apprenticeRecord, DEMO_COACHES, DEMO_PLANS } from './demo-cohort';
import { mintIdToken } from './emulator-key';
import { qualCardWorkbook } from './qualcard-workbook';

const SPONSOR = 'northwind';
const ADMIN = 'admin@northwind.example';
const CONSULTANT = 'pat.consultant@apprenticeship-advisors.example';
const OUT = resolve(__dirname, '..', 'out');
const base = functionsBaseUrl();

async function api<T = any>(as: string, method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const res = await apiCall<T>(base, method, path, { token: mintIdToken({ email: as }), body });
  if (res.status >= 400) throw new Error(`${method} ${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
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

  // 1. An operator creates the sponsor and its first admin once; everything else goes through the API.
  if (getApps().length === 0) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-qualcard' });
  const db = getFirestore();
  await db.doc(`sponsors/${SPONSOR}`).set({ name: 'Northwind IT Services', createdAt: new Date().toISOString() });
  await db.doc(`members/${ADMIN}`).set({ email: ADMIN, sponsors: { [SPONSOR]: { role: 'admin' } } });
  for (const coach of DEMO_COACHES)
    await api(ADMIN, 'PUT', `/v1/sponsors/${SPONSOR}/members/${encodeURIComponent(coach)}`, { role: 'coach' });
  await api(ADMIN, 'PUT', `/v1/sponsors/${SPONSOR}/members/${encodeURIComponent(CONSULTANT)}`, { role: 'consultant' });
  console.log(`Sponsor ${SPONSOR}: admin ${ADMIN}, coaches ${DEMO_COACHES.join(', ')}, consultant ${CONSULTANT}`);

  // 2. The qual card workbook the add-on generates for this cohort: the sheets the sync below reads from.
  const records = DEMO_PLANS.map((p) => apprenticeRecord(p, today, SPONSOR));
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

  // 3. Sync the roster and rows as the sheets hold them, then re-send the same sync (changes nothing).
  const key = `demo-${today}-1`;
  let t = Date.now();
  const synced = await api(ADMIN, 'POST', `/v1/sponsors/${SPONSOR}/sync`, { idempotencyKey: key, records });
  const rows = records.reduce((n, r) => n + (r.signOffs?.length ?? 0) + (r.hours?.length ?? 0), 0);
  console.log(`Sync: ${records.length} apprentices, ${rows} sheet rows stored in ${Date.now() - t} ms`);
  t = Date.now();
  const replay = await api(ADMIN, 'POST', `/v1/sponsors/${SPONSOR}/sync`, { idempotencyKey: key, records });
  console.log(`Re-sent the same sync: replayed=${replay.body.replayed}, ${Date.now() - t} ms, nothing written`);
  const resend = await api(ADMIN, 'POST', `/v1/sponsors/${SPONSOR}/sync`, { idempotencyKey: `${key}-again`, records });
  const changes = resend.body.apprentices.reduce(
    (n: number, a: any) =>
      n +
      a.changes.signOffs.created +
      a.changes.signOffs.updated +
      a.changes.signOffs.deleted +
      a.changes.hours.created +
      a.changes.hours.updated +
      a.changes.hours.deleted,
    0,
  );
  console.log(`Same rows under a new key: ${changes} row changes`);
  void synced;

  // 4. A coach signs off two items for Ava from the sidebar: the backend records the verified email and time.
  const ava = records.find((r) => r.apprentice.id === 'ava')!;
  const signedIds = new Set(ava.signOffs!.map((s) => s.itemId));
  const progressBefore = (await api(ADMIN, 'GET', `/v1/sponsors/${SPONSOR}/apprentices/ava/progress`)).body.progress;
  const open = progressBefore.gaps
    .filter((g: any) => g.pointer.kind === 'item' && !signedIds.has(g.pointer.itemId))
    .slice(0, 2)
    .map((g: any) => g.pointer.itemId);
  const signed = await api(
    ava.apprentice.coachEmails[0]!,
    'POST',
    `/v1/sponsors/${SPONSOR}/apprentices/ava/sign-offs`,
    { itemIds: open, evidence: 'Observed during the password-reset rotation' },
  );
  console.log(
    `Coach ${signed.body.coachEmail} signed ${signed.body.signed.join(', ')} for Ava at ${signed.body.signedAt}`,
  );

  // 5. Progress and gaps for the whole sponsor.
  const progress = (await api(CONSULTANT, 'GET', `/v1/sponsors/${SPONSOR}/progress`)).body.apprentices as any[];
  console.log('\nProgress (as stored by the functions, computed by the shared engine):\n');
  console.log(
    table(
      progress.map((a) => {
        const target = a.progress.levels.find((l: any) => l.levelId === a.progress.targetLevelId);
        return {
          Apprentice: a.name,
          Framework: a.frameworkId,
          Target: a.progress.targetLevelId,
          Levels: a.progress.levels.map((l: any) => `${l.levelId} ${l.complete ? 'done' : `${l.percent}%`}`).join(', '),
          Items: `${target.items.done}/${target.items.required}`,
          Hours: `${Math.round(target.hours.reduce((s: number, h: any) => s + h.done, 0))}/${target.hours.reduce((s: number, h: any) => s + h.required, 0)}`,
          Projected: a.progress.projectedCompletion ?? 'no pace',
          Gaps: a.progress.gaps.length,
        };
      }),
    ),
  );
  const behind = progress.flatMap((a) =>
    a.progress.gaps.filter((g: any) => g.severity === 'error').map((g: any) => `  ${a.name}: ${g.message}`),
  );
  console.log(`\nGaps needing attention (errors):\n${behind.join('\n') || '  none'}`);

  // 6. Transcripts: export (a stored version each), download, write to out/transcripts.
  mkdirSync(join(OUT, 'transcripts'), { recursive: true });
  console.log('\nTranscripts:');
  for (const r of records) {
    const id = r.apprentice.id;
    t = Date.now();
    const meta = (await api(ADMIN, 'POST', `/v1/sponsors/${SPONSOR}/apprentices/${id}/transcripts`, {})).body;
    const file = await api(ADMIN, 'GET', `/v1/sponsors/${SPONSOR}/apprentices/${id}/transcripts/${meta.id}`);
    const sha = createHash('sha256').update(file.bytes).digest('hex');
    if (sha !== meta.sha256) throw new Error(`downloaded transcript of ${id} does not match its SHA-256`);
    const path = join(OUT, 'transcripts', meta.fileName);
    writeFileSync(path, file.bytes);
    console.log(
      `  ${relative(process.cwd(), path)}  v${meta.version}  ${meta.size} bytes  sha256 ${meta.sha256.slice(0, 12)}…  ${Date.now() - t} ms`,
    );
  }

  // 7. The cohort report, as the consultant downloads it.
  t = Date.now();
  const report = await api(CONSULTANT, 'GET', `/v1/sponsors/${SPONSOR}/cohort-report`);
  const reportPath = join(OUT, 'cohort-report.xlsx');
  writeFileSync(reportPath, report.bytes);
  console.log(
    `\nCohort report: ${relative(process.cwd(), reportPath)} (${report.bytes.length} bytes, ${Date.now() - t} ms)`,
  );

  // 8. The audit chain of every apprentice verifies.
  const audits = await Promise.all(
    records.map(
      async (r) =>
        (await api(ADMIN, 'GET', `/v1/sponsors/${SPONSOR}/apprentices/${r.apprentice.id}/audit/verify`)).body,
    ),
  );
  const broken = audits.filter((a) => !a.ok);
  console.log(
    `Audit chains: ${audits.length - broken.length}/${audits.length} verify, ${audits.reduce((n, a) => n + a.records, 0)} records`,
  );
  if (broken.length) throw new Error(`audit chain broken: ${JSON.stringify(broken)}`);
  console.log(`\nDone. Files are in ${relative(process.cwd(), OUT) || OUT}/`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
