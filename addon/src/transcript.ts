// Export transcript: the functions build the .xlsx from the synced record; the sidebar offers it as a download.
import { ID_PATTERN } from '@qualcard/shared';
import { send } from './api/client';
import { downloadRequest, type TranscriptMeta, transcriptRequest } from './api/requests';
import { readSettings } from './settings';
import type { TranscriptFile } from './sidebar-api';

export function exportTranscript(apprenticeId: string): TranscriptFile {
  const settings = readSettings();
  if (!settings.endpoint || !settings.sponsorId)
    throw new Error('Export transcript: set the Qualcard endpoint and sponsor id in set-up first');
  if (!ID_PATTERN.test(apprenticeId)) throw new Error(`Export transcript: "${apprenticeId}" is not an apprentice id`);
  const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
  const meta = send<TranscriptMeta>(transcriptRequest(endpoint, apprenticeId));
  const file = send<{ base64: string; contentType: string }>(downloadRequest(endpoint, apprenticeId, meta.id));
  return { fileName: meta.fileName, contentType: file.contentType, base64: file.base64 };
}
