// Export transcript: the functions build the .xlsx from the synced record; the sidebar offers it as a download.
import { send } from './api/client';
import { downloadRequest, type TranscriptMeta, transcriptRequest } from './api/requests';
import { readSettings } from './settings';

export interface TranscriptFile {
  fileName: string;
  contentType: string;
  base64: string;
}

export function exportTranscript(apprenticeId: string): TranscriptFile {
  const settings = readSettings();
  if (!settings.endpoint || !settings.sponsorId)
    throw new Error('Export transcript: set the Qualcard endpoint and sponsor id in set-up first');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(apprenticeId))
    throw new Error(`Export transcript: "${apprenticeId}" is not an apprentice id`);
  const endpoint = { baseUrl: settings.endpoint, sponsorId: settings.sponsorId };
  const meta = send<TranscriptMeta>(transcriptRequest(endpoint, apprenticeId));
  const file = send<{ base64: string; contentType: string }>(downloadRequest(endpoint, apprenticeId, meta.id));
  return { fileName: meta.fileName, contentType: file.contentType, base64: file.base64 };
}
