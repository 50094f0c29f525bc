// The confirm use case: the entries a sheet holds become entries that count. A coach of the apprentice confirms
// sign-offs and hours; an admin approves prior credit, records exam and certification results, and attests history.
// Audited like every change (commitApprentice).
import { type Apprentice, isOwnApprenticeship, OWN_APPRENTICESHIP_RULE, rowConfirmations } from '@qualcard/shared';
import type { ConfirmAnswer, ConfirmRequest } from '@qualcard/shared/api';
import { sponsorSettings, todayOf } from '../clock';
import type { Confirmer } from '../confirm/confirmation';
import { confirmEntries, type Outcome } from '../confirm/entries';
import { Forbidden } from '../domain/errors';
import type { Member, Role } from '../domain/members';
import { progressFor, storeProgress } from '../progress';
import { frameworkFor } from '../registry';
import { type ApprenticeState, commitApprentice, recordOf } from '../store/apprentice';
import { apprenticeAccess, type On } from './access';
import type { Deps, Input } from './deps';

function checkRoles(role: Role, email: string, apprentice: Apprentice, body: ConfirmRequest): void {
  if (isOwnApprenticeship(apprentice, email))
    throw new Forbidden(`${OWN_APPRENTICESHIP_RULE}; ${email} is apprentice ${apprentice.id}`);
  if (body.attest && role !== 'admin') throw new Forbidden(`attesting history needs role admin; ${email} is ${role}`);
  const adminOnly = [body.priorCredit, body.exams, body.certifications].some((l) => l?.length);
  if (adminOnly && role !== 'admin')
    throw new Forbidden(
      `approving prior credit and recording exam and certification results needs role admin; ${email} is ${role}`,
    );
  const coachOnly = [body.signOffs, body.hours].some((l) => l?.length);
  if (coachOnly && !body.attest && !apprentice.coachEmails.includes(email))
    throw new Forbidden(
      `${email} is not a coach of apprentice ${apprentice.id}: coaches confirm only their own apprentices`,
    );
}

const entriesOf = (s: ApprenticeState) => ({
  profile: s.profile!,
  signOffs: [...s.signOffs.values()],
  hours: [...s.hours.values()],
});

/** Confirms (or attests) entries; `created` says whether anything was confirmed (201) or all already were (200). */
export async function confirm(
  { db, now }: Deps,
  member: Member,
  on: On,
  read: Input<ConfirmRequest>,
): Promise<{ created: boolean; answer: ConfirmAnswer }> {
  const { sid, aid } = on;
  const access = await apprenticeAccess(db, member, on, 'confirming entries');
  const body = read();
  checkRoles(access.membership.role, member.email, access.apprentice, body);
  const { frameworkId, frameworkVersion } = access.apprentice;
  const framework = await frameworkFor(db, sid, frameworkId, frameworkVersion);
  const clock = await sponsorSettings(db, sid, now());
  const confirmer: Confirmer = { email: member.email, clock, ...(body.attest ? { attest: body.attest } : {}) };
  // The outcome of the last plan, the one whose transaction committed: a retried attempt (another request confirmed
  // the rows meanwhile) lists them in `already`, and a later commit of a large change tells this request's own
  // confirmations by their stamp (entries.ts). An invalid request throws in the first plan, before any write.
  let outcome: Outcome | undefined;
  const commit = await commitApprentice(db, sid, aid, member.email, (state) => {
    const step = confirmEntries(framework, entriesOf(state), body, confirmer);
    outcome = step.outcome;
    return step.target;
  });
  const record = recordOf(sid, commit.target);
  const saved = await storeProgress(
    db,
    sid,
    record,
    await progressFor(db, sid, record, todayOf(clock), [], clock.programs),
  );
  return {
    created: Object.values(outcome!.confirmed).some((l) => l.length),
    answer: { apprenticeId: aid, ...outcome!, progress: saved.progress, confirmations: rowConfirmations(record) },
  };
}
