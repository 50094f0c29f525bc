// What an export of one apprentice reads (the transcript, the learner record): the record as stored, the sponsor,
// the apprentice's credentials and the framework version the record is on, read together.
import type { Firestore } from 'firebase-admin/firestore';
import { frameworkFor } from '../registry';
import { readState, recordOf } from '../store/apprentice';
import { credentialsOf } from '../store/credentials';
import { readSponsor } from '../store/sponsors';

export async function readForExport(db: Firestore, sid: string, aid: string) {
  const [state, sponsor, issued] = await Promise.all([
    readState(db, sid, aid),
    readSponsor(db, sid),
    credentialsOf(db, sid, aid),
  ]);
  const record = recordOf(sid, {
    profile: state.profile!,
    signOffs: state.signOffs.values(),
    hours: state.hours.values(),
  });
  const { frameworkId, frameworkVersion } = record.apprentice;
  const framework = await frameworkFor(db, sid, frameworkId, frameworkVersion);
  return { sponsor, issued, record, framework };
}
