// The withdraw use case: confirmations made by mistake are undone, with a reason. A coach of the apprentice
// withdraws sign-offs and hours they confirmed themselves; an admin withdraws any confirmation, attestation,
// result or approval. Audited per entry (commitApprentice); progress is stored again, so a level that stops being
// complete flags its credential (storeProgress).
import { rowConfirmations } from '@qualcard/shared';
import type { WithdrawAnswer, WithdrawRequest } from '@qualcard/shared/api';
import { sponsorSettings, todayOf } from '../clock';
import { type WithdrawOutcome, withdrawEntries } from '../confirm/withdraw';
import { Forbidden } from '../domain/errors';
import type { Member } from '../domain/members';
import { progressFor, storeProgress } from '../progress';
import { type ApprenticeState, commitApprentice, recordOf } from '../store/apprentice';
import { apprenticeAccess, type On } from './access';
import type { Deps, Input } from './deps';

const entriesOf = (s: ApprenticeState) => ({
  profile: s.profile!,
  signOffs: [...s.signOffs.values()],
  hours: [...s.hours.values()],
});

export async function withdraw(
  { db, now }: Deps,
  member: Member,
  on: On,
  read: Input<WithdrawRequest>,
): Promise<WithdrawAnswer> {
  const { sid, aid } = on;
  const access = await apprenticeAccess(db, member, on, 'withdrawing confirmations');
  const role = access.membership.role;
  // The route admits only these two (apprenticeAccess checked it); narrowed here for the withdrawal's `role`.
  if (role !== 'admin' && role !== 'coach')
    throw new Forbidden(`withdrawing confirmations needs role admin or coach; ${member.email} is ${role}`);
  const { reason, ...body } = read();
  if (role !== 'admin' && [body.priorCredit, body.exams, body.certifications].some((l) => l?.length))
    throw new Forbidden(
      `withdrawing prior credit approvals and exam and certification results needs role admin; ${member.email} is ${role}`,
    );
  const clock = await sponsorSettings(db, sid, now());
  const who = { email: member.email, role, at: clock.now.toISOString(), reason };
  // The outcome of the last plan, the one whose transaction committed (as confirm): a retried attempt after another
  // request withdrew the same entries lists them as not confirmed. An invalid request throws before any write.
  let outcome: WithdrawOutcome | undefined;
  const commit = await commitApprentice(db, sid, aid, member.email, (state) => {
    const step = withdrawEntries(entriesOf(state), body, who);
    outcome = step.outcome;
    return { ...step.target, profileEntries: step.profileChanges };
  });
  const record = recordOf(sid, commit.target);
  const progress = await progressFor(db, sid, record, todayOf(clock), [], clock.programs);
  const saved = await storeProgress(db, sid, record, progress);
  return { apprenticeId: aid, ...outcome!, progress: saved.progress, confirmations: rowConfirmations(record) };
}
