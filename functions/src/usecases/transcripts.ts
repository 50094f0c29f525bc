// Transcripts: export (a new stored version each time), list versions, download one.
import type { TranscriptMeta, TranscriptRequest } from '@qualcard/shared/api';
import { sha256 } from '../canonical';
import { requestedAsOf, settingsFrom } from '../clock';
import { NotFound } from '../domain/errors';
import type { Member } from '../domain/members';
import { buildTranscript } from '../excel/transcript';
import { progressFor } from '../progress';
import type { StoredCredential } from '../store/credentials';
import { readTranscript, listTranscripts as storedList, storeTranscript } from '../store/transcripts';
import { apprenticeAccess, type On } from './access';
import type { Deps, Input } from './deps';
import { readForExport } from './export-reads';

export async function exportTranscript(
  { db, now }: Deps,
  member: Member,
  on: On,
  read: Input<TranscriptRequest>,
): Promise<TranscriptMeta> {
  const { sid, aid } = on;
  await apprenticeAccess(db, member, on, 'exporting a transcript');
  const body = read();
  const { sponsor, issued, record, framework } = await readForExport(db, sid, aid);
  const settings = settingsFrom(sponsor, now());
  const role = member.sponsors[sid]?.role ?? '';
  const asOf = requestedAsOf(body.asOf, role, settings.today, [record.apprentice.startDate]);
  const progress = await progressFor(db, sid, record, { asOf, timeZone: settings.timeZone }, [], settings.programs);
  const safeName = record.apprentice.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || aid;
  const meta = { frameworkId: framework.id, frameworkVersion: framework.version, asOf };
  return storeTranscript(
    db,
    sid,
    aid,
    member.email,
    { ...meta, fileName: `transcript-${safeName}-v{version}.xlsx` },
    (version, createdAt) =>
      buildTranscript({
        sponsor: { id: sid, name: sponsor.name ?? sid },
        framework,
        record,
        progress,
        program: settings.programs[framework.id],
        version,
        createdAt,
        createdBy: member.email,
        credentials: transcriptCredentials(framework.version, issued),
      }),
  );
}

/** The level credentials of this framework version, as the transcript names them. */
function transcriptCredentials(version: string, issued: StoredCredential[]) {
  return issued
    .filter((c) => c.frameworkVersion === version)
    .map((c) => ({ levelId: c.levelId, id: c.id, name: c.name, status: c.status, issuedAt: c.issuedAt }));
}

export async function listTranscripts({ db }: Deps, member: Member, on: On): Promise<TranscriptMeta[]> {
  await apprenticeAccess(db, member, on, 'listing transcripts');
  return storedList(db, on.sid, on.aid);
}

/** A stored transcript's file; its stored hash is checked on the way out: one that no longer matches is not served. */
export async function transcriptFile(
  { db }: Deps,
  member: Member,
  on: On & { tid: string },
): Promise<TranscriptMeta & { bytes: Buffer }> {
  const { sid, aid, tid } = on;
  await apprenticeAccess(db, member, on, 'downloading a transcript');
  const doc = await readTranscript(db, sid, aid, tid);
  if (!doc) throw new NotFound(`no transcript ${tid} for apprentice ${aid}`);
  if (sha256(doc.bytes) !== doc.sha256)
    throw new Error(`transcript ${tid} of ${aid} does not match its stored SHA-256`);
  return doc;
}
