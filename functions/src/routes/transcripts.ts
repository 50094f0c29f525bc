// Transcript export (a new stored version each time), version list and download.
import type { downloadTranscript, exportTranscript, listTranscripts } from '@qualcard/shared/api';
import { sha256 } from '../canonical';
import { settingsOf } from '../clock';
import { firestore, paths } from '../db';
import { buildTranscript } from '../excel/transcript';
import { notFound } from '../http/errors';
import type { Handler } from '../http/router';
import { progressFor } from '../progress';
import { frameworkFor } from '../registry';
import { readState, recordOf } from '../store/apprentice';
import { storeTranscript, type TranscriptMeta } from '../store/transcripts';
import { apprenticeAccess } from './access';
import { who } from './context';

export const exportTranscriptRoute: Handler<typeof exportTranscript> = async (call) => {
  const { sponsorId: sid, apprenticeId: aid } = call.params;
  const member = await who(call.req);
  await apprenticeAccess(member, sid, aid, call.roles, 'exporting a transcript');
  const body = call.body();
  const db = firestore();
  const [state, sponsor] = await Promise.all([readState(db, sid, aid), db.doc(paths.sponsor(sid)).get()]);
  const record = recordOf(sid, {
    profile: state.profile!,
    signOffs: state.signOffs.values(),
    hours: state.hours.values(),
  });
  const { frameworkId, frameworkVersion } = record.apprentice;
  const framework = await frameworkFor(sid, frameworkId, frameworkVersion);
  const settings = settingsOf(sponsor);
  const asOf = body.asOf ?? settings.today;
  const progress = await progressFor(sid, record, asOf, [], settings.programs);
  const safeName = record.apprentice.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || aid;
  const meta = await storeTranscript(
    db,
    sid,
    aid,
    member.email,
    {
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      asOf,
      fileName: `transcript-${safeName}-v{version}.xlsx`,
    },
    (version, createdAt) =>
      buildTranscript({
        sponsor: { id: sid, name: (sponsor.get('name') as string | undefined) ?? sid },
        framework,
        record,
        progress,
        program: settings.programs[framework.id],
        version,
        createdAt,
        createdBy: member.email,
      }),
  );
  return { body: meta };
};

export const listTranscriptsRoute: Handler<typeof listTranscripts> = async ({ req, params, roles }) => {
  const { sponsorId: sid, apprenticeId: aid } = params;
  await apprenticeAccess(await who(req), sid, aid, roles, 'listing transcripts');
  const snap = await firestore()
    .collection(paths.transcripts(sid, aid))
    .orderBy('version', 'desc')
    .select(
      'id',
      'sponsorId',
      'apprenticeId',
      'version',
      'sha256',
      'size',
      'fileName',
      'contentType',
      'frameworkId',
      'frameworkVersion',
      'asOf',
      'createdAt',
      'createdBy',
    )
    .get();
  return { body: { transcripts: snap.docs.map((d) => d.data() as TranscriptMeta) } };
};

export const downloadTranscriptRoute: Handler<typeof downloadTranscript> = async ({ req, res, params, roles }) => {
  const { sponsorId: sid, apprenticeId: aid, transcriptId: tid } = params;
  await apprenticeAccess(await who(req), sid, aid, roles, 'downloading a transcript');
  const snap = await firestore()
    .doc(`${paths.transcripts(sid, aid)}/${tid}`)
    .get();
  if (!snap.exists) throw notFound(`no transcript ${tid} for apprentice ${aid}`);
  const doc = snap.data() as TranscriptMeta & { bytes: Buffer };
  const bytes = Buffer.from(doc.bytes);
  // The stored hash is checked on the way out: a transcript that no longer matches it is not served.
  if (sha256(bytes) !== doc.sha256) throw new Error(`transcript ${tid} of ${aid} does not match its stored SHA-256`);
  res.set({
    'Content-Type': doc.contentType,
    'Content-Disposition': `attachment; filename="${doc.fileName}"`,
    'Content-Length': String(bytes.length),
    'X-Qualcard-SHA256': doc.sha256,
    'X-Qualcard-Version': String(doc.version),
  });
  res.status(200).end(bytes);
  return undefined;
};
