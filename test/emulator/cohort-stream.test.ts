// The cohort report streamed through the emulator's proxy: a few thousand apprentices across two sponsors arrive
// whole (chunked, no Content-Length) and open in exceljs; a failure after the first bytes ends the response broken,
// never a 200 with a truncated file. Stored progress is seeded straight into Firestore (scripts/stored-progress.ts).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as api from '@qualcard/shared/api/routes';
import { APPRENTICE_ID_HEADER } from '@qualcard/shared/sheets';
import express from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { handle } from '../../functions/src/app';
import { firestore } from '../../functions/src/db';
import { actAsFunctionsEmulator } from '../../scripts/emulator-key';
import { progressTemplates, seededId, seedStoredProgress } from '../../scripts/stored-progress';
import { CONSULTANT, call, db, scenario, workbook } from './kit';

const TODAY = '2026-06-30';
const PER_SPONSOR = 1500;

beforeAll(async () => {
  // The functions' own Firestore handle first: it applies its settings, which must precede any use of the instance
  // this file's helpers share with the handler run in process below.
  db(); // the app, with the emulator's project id
  firestore();
  await scenario(
    { id: 'north', name: 'North Co', admins: [], consultants: [CONSULTANT] },
    { id: 'south', name: 'South Co', admins: [], consultants: [CONSULTANT] },
  );
  for (const sid of ['north', 'south'])
    await seedStoredProgress(db(), sid, progressTemplates(sid, TODAY, CONSULTANT), 0, PER_SPONSOR);
}, 120_000);

/** Each Cohort row's sponsor name and apprentice id (one row per apprentice, below the table's header). */
async function apprenticesIn(bytes: Buffer): Promise<string[]> {
  const wb = await workbook(bytes);
  const ws = wb.getWorksheet('Cohort')!;
  const ids: string[] = [];
  let sponsorCol = 0;
  let apprenticeCol = 0;
  ws.eachRow((r) => {
    const values = r.values as unknown[];
    if (!apprenticeCol) {
      sponsorCol = values.indexOf('Sponsor');
      apprenticeCol = Math.max(0, values.indexOf(APPRENTICE_ID_HEADER));
    } else if (r.getCell(apprenticeCol).value)
      // A report of one sponsor has no Sponsor column.
      ids.push(`${sponsorCol > 0 ? r.getCell(sponsorCol).value : ''}/${r.getCell(apprenticeCol).value}`);
  });
  expect(wb.getWorksheet('Gaps')).toBeDefined();
  return ids;
}

test('a report of 3,000 apprentices streams through the proxy whole and opens in exceljs', async () => {
  const res = await call(api.cohortReport, { as: CONSULTANT });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-length')).toBeNull();
  expect(res.headers.get('transfer-encoding')).toBe('chunked');
  const ids = await apprenticesIn(res.bytes);
  const expected = ['North Co', 'South Co'].flatMap((name) =>
    Array.from({ length: PER_SPONSOR }, (_, i) => `${name}/${seededId(i)}`),
  );
  // Every apprentice once (in the report's worst-first order, which the unit and office tests check).
  expect(ids).toHaveLength(expected.length);
  expect([...ids].sort()).toEqual([...expected].sort());
}, 120_000);

test('a failure after the first bytes ends the response broken, not a 200 with a truncated file', async () => {
  // A stored document the writer cannot read, after 1,500 good apprentices: the zip has been flowing for a while.
  await db()
    .doc('sponsors/north/progress/zzz-broken')
    .set({ apprenticeId: 'zzz-broken', name: 'Broken', progress: null });
  // The app's handler behind a plain Node server (as Cloud Run runs it): the transfer is cut, the client errors.
  actAsFunctionsEmulator(); // accept the emulator-signed token in process, as the emulator does
  const server = express().use((req, res) => void handle(req as unknown as Request, res));
  const listening = server.listen(0);
  await once(listening, 'listening');
  const { port } = listening.address() as AddressInfo;
  const report = (sponsorId: string, more: { baseUrl?: string; timeoutMs?: number } = {}) =>
    call(api.sponsorCohortReport, { as: CONSULTANT, params: { sponsorId }, ...more });
  try {
    const direct = report('north', { baseUrl: `http://127.0.0.1:${port}` });
    await expect(direct).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  } finally {
    listening.close(); // also when the expectation fails: an open server would keep jest (and the emulators) up
  }
  // Through the emulator's proxy the response never completes either: the proxy (firebase-tools'
  // functionsRuntimeWorker) neither ends nor destroys its side when the function's side breaks, so the client's own
  // time limit ends the request; what matters is that no 200 with a whole-looking file arrives.
  const proxied = report('north', { timeoutMs: 20_000 });
  await expect(proxied).rejects.toThrow();
  // The function is still serving: the other sponsor's report is whole.
  const south = await report('south');
  expect(south.status).toBe(200);
  expect(await apprenticesIn(south.bytes)).toHaveLength(PER_SPONSOR);
}, 120_000);
