// Routes exportTranscript, listTranscripts and downloadTranscript (usecases/transcripts.ts).
import type { downloadTranscript, exportTranscript, listTranscripts } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import * as transcripts from '../usecases/transcripts';
import { signedIn } from './context';

export const exportTranscriptRoute: Handler<typeof exportTranscript> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, roles };
  return { body: await transcripts.exportTranscript(deps, member, on, body) };
};

export const listTranscriptsRoute: Handler<typeof listTranscripts> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, roles };
  return { body: { transcripts: await transcripts.listTranscripts(deps, member, on) } };
};

export const downloadTranscriptRoute: Handler<typeof downloadTranscript> = async ({ req, res, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, tid: params.transcriptId, roles };
  const doc = await transcripts.transcriptFile(deps, member, on);
  res.set({
    'Content-Type': doc.contentType,
    'Content-Disposition': `attachment; filename="${doc.fileName}"`,
    'Content-Length': String(doc.bytes.length),
    'X-Qualcard-SHA256': doc.sha256,
    'X-Qualcard-Version': String(doc.version),
  });
  res.status(200).end(doc.bytes);
  return undefined;
};
