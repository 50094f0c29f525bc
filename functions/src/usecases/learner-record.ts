// The apprentice's Comprehensive Learner Record (CLR 2.0), for the sponsor's admin and the apprentice themselves:
// built from the engine's progress and counted entries as of the sponsor's today (credentials/clr.ts), holding the
// level credentials already issued (active ones; a revoked credential is left out), signed with the sponsor's key.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { countedEntries } from '@qualcard/shared';
import { type ClrInput, clrCredential, clrParts, type SignedCredential } from '@qualcard/shared/credentials/clr';
import { VC_CONTEXT } from '@qualcard/shared/credentials/vocabulary';
import { sha256 } from '../canonical';
import { settingsFrom } from '../clock';
import { subjectId } from '../credentials/issue';
import { publicUrl } from '../credentials/key';
import { signDocument } from '../credentials/sign';
import type { Member } from '../domain/members';
import { progressFor } from '../progress';
import type { StoredCredential } from '../store/credentials';
import { type StoredLearnerRecord, storeLearnerRecord } from '../store/learner-records';
import { apprenticeAccess, type On } from './access';
import type { Deps } from './deps';
import { readForExport } from './export-reads';

/**
 * A level credential as the record embeds it: its Data Integrity form when it has one; a credential issued as a
 * VC-JWT only is embedded as VC 2.0's EnvelopedVerifiableCredential (the JWT in a data: URL, verified as it is).
 */
export function embedded(c: StoredCredential & { dataIntegrity?: string }): SignedCredential {
  if (c.dataIntegrity) return JSON.parse(c.dataIntegrity) as SignedCredential;
  return { '@context': [VC_CONTEXT], id: `data:application/vc+jwt,${c.jwt}`, type: 'EnvelopedVerifiableCredential' };
}

/** The ids of the credentials issued inside one record: name-based, from the record's own id. */
const idsWithin = (recordId: string) => (key: string) => {
  const h = createHash('sha256').update(`${recordId}\n${key}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export async function learnerRecord({ db, now }: Deps, member: Member, on: On): Promise<StoredLearnerRecord> {
  const { sid, aid } = on;
  await apprenticeAccess(db, member, on, 'downloading a learner record');
  const { sponsor, issued, record, framework } = await readForExport(db, sid, aid);
  const { apprentice } = record;
  const settings = settingsFrom(sponsor, now());
  const day = { asOf: settings.today, timeZone: settings.timeZone };
  const progress = await progressFor(db, sid, record, day, [], settings.programs);
  const salt = randomBytes(16).toString('hex');
  const id = `urn:uuid:${randomUUID()}`;
  const input: ClrInput = {
    id,
    idFor: idsWithin(id),
    baseUrl: publicUrl(),
    sponsor: { id: sid, name: sponsor.name ?? sid },
    framework,
    progress,
    counted: countedEntries(framework, record, day.asOf, day.timeZone),
    timeZone: day.timeZone,
    recipient: {
      id: subjectId(sid, aid),
      name: apprentice.name,
      startDate: apprentice.startDate,
      emailHash: `sha256$${sha256(apprentice.email + salt)}`,
      salt,
    },
    issuedAt: now().toISOString(),
  };
  const parts = clrParts(input);
  const signedParts = await Promise.all([parts.program, ...parts.competencies].map((c) => signDocument(db, sid, c)));
  const levels = issued.filter((c) => c.status === 'active' && c.frameworkVersion === framework.version).map(embedded);
  const clr = await signDocument(db, sid, clrCredential(input, [signedParts[0]!, ...levels, ...signedParts.slice(1)]));
  return storeLearnerRecord(db, sid, aid, {
    id,
    json: JSON.stringify(clr),
    asOf: day.asOf,
    issuedAt: input.issuedAt,
    issuedTo: member.email,
  });
}
