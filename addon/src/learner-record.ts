// "Learner record" from the sidebar: the apprentice's signed Comprehensive Learner Record (CLR 2.0) as of today, a
// JSON-LD file they keep or hand to an employer or agency (verifiable anywhere). The sponsor's admin (any apprentice)
// and the apprentice themselves (their own); the service refuses anyone else.
import { ID_PATTERN } from '@qualcard/shared';
import { requireService } from './admin-check';
import { send } from './api/client';
import { type FileResponse, learnerRecordRequest } from './api/requests';
import { readSettings } from './settings';
import { DOWNLOAD_MAX_BYTES, type DownloadFile } from './sidebar-api';

export function downloadLearnerRecord(apprenticeId: unknown): DownloadFile {
  const action = 'Learner record';
  const settings = requireService(readSettings(), action);
  if (typeof apprenticeId !== 'string' || !ID_PATTERN.test(apprenticeId))
    throw new Error(`${action}: "${String(apprenticeId)}" is not an apprentice id`);
  const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
  const f = send<FileResponse>(learnerRecordRequest(endpoint, apprenticeId));
  if (f.bytes > DOWNLOAD_MAX_BYTES)
    throw new Error(`${action}: the record is ${f.bytes} bytes, over what the sidebar passes on; use \`qualcard clr\``);
  return {
    filename: f.fileName ?? `learner-record-${apprenticeId}.json`,
    contentType: f.contentType,
    base64: f.base64,
    bytes: f.bytes,
  };
}
