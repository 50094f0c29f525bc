// Files the API answers, as the tests read them: a transcript exported and downloaded, a workbook opened by exceljs.
import type { TranscriptMeta } from '@qualcard/shared/api/answers';
import type { BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import ExcelJS from 'exceljs';
import { call } from './client';

/** Exports a new transcript version as `as` (a 201), then downloads its bytes. */
export async function exportedTranscript(
  as: string,
  params: { sponsorId: string; apprenticeId: string },
  body: BodyOf<typeof api.exportTranscript> = {},
): Promise<{ meta: TranscriptMeta; bytes: Buffer }> {
  const made = await call(api.exportTranscript, { as, params, body });
  expect(made.status).toBe(201);
  const file = await call(api.downloadTranscript, { as, params: { ...params, transcriptId: made.body.id } });
  return { meta: made.body, bytes: file.bytes };
}

export async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
