// Downloads from the sidebar: the Excel cohort report (one sponsor, several, or all the caller serves) and any
// apprentice's transcript. The server function fetches the file with UrlFetchApp and the user's ID token and hands it
// to the sidebar as base64 (./sidebar-api.ts DownloadFile), which offers it through a Blob URL.
import { ID_PATTERN } from '@qualcard/shared';
import { send } from './api/client';
import {
  cohortReportRequest,
  downloadRequest,
  type FileResponse,
  type TranscriptMeta,
  transcriptRequest,
} from './api/requests';
import { consultantEndpoint } from './consultant';
import { COHORT_REPORT_MAX_SPONSORS, DOWNLOAD_MAX_BYTES, type DownloadFile } from './sidebar-api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileOf(action: string, f: FileResponse, fallbackName: string): DownloadFile {
  if (f.bytes > DOWNLOAD_MAX_BYTES)
    throw new Error(
      `${action}: the file is ${(f.bytes / 1048576).toFixed(1)} MB, over the sidebar's ${DOWNLOAD_MAX_BYTES / 1048576} MB; download fewer sponsors, or fetch it from the API directly`,
    );
  return {
    filename: f.fileName ?? fallbackName,
    contentType: f.contentType || XLSX,
    base64: f.base64,
    bytes: f.bytes,
  };
}

const checkId = (action: string, what: string, id: unknown): string => {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new Error(`${action}: "${String(id)}" is not a ${what} id`);
  return id;
};

/** The cohort report for these sponsors ([] = every sponsor where the caller is admin or consultant). */
export function downloadCohortReport(sponsorIds: unknown): DownloadFile {
  const action = 'Download cohort report';
  if (!Array.isArray(sponsorIds) || sponsorIds.length > COHORT_REPORT_MAX_SPONSORS)
    throw new Error(`${action}: send a list of 0 to ${COHORT_REPORT_MAX_SPONSORS} sponsor ids (none: all of them)`);
  const ids = [...new Set(sponsorIds.map((id) => checkId(action, 'sponsor', id)))];
  const file = send<FileResponse>(cohortReportRequest(consultantEndpoint(action), ids));
  return fileOf(action, file, 'cohort-report.xlsx');
}

/** A new transcript of one apprentice of one sponsor, exported then downloaded. */
export function downloadTranscript(sponsorId: unknown, apprenticeId: unknown): DownloadFile {
  const action = 'Download transcript';
  const endpoint = {
    baseUrl: consultantEndpoint(action),
    sponsorId: checkId(action, 'sponsor', sponsorId),
  };
  const aid = checkId(action, 'apprentice', apprenticeId);
  const meta = send<TranscriptMeta>(transcriptRequest(endpoint, aid));
  const file = send<FileResponse>(downloadRequest(endpoint, aid, meta.id));
  return fileOf(action, file, meta.fileName);
}
