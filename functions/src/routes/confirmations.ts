// POST /v1/sponsors/:sponsorId/apprentices/:apprenticeId/confirmations: the entries a sheet holds become entries
// that count. A coach of the apprentice confirms sign-offs and hours; an admin approves prior credit, records
// exam and certification results, and attests history. Audited like every change (commitApprentice).
import { type Apprentice, rowConfirmations } from '@qualcard/shared';
import type { ConfirmRequest, confirmations } from '@qualcard/shared/api';
import { sponsorSettings } from '../clock';
import type { Confirmer } from '../confirm/confirmation';
import { confirmEntries, type Outcome } from '../confirm/entries';
import { firestore } from '../db';
import { forbidden } from '../http/errors';
import type { Handler } from '../http/router';
import type { Role } from '../membership';
import { progressFor, storeProgress } from '../progress';
import { frameworkFor } from '../registry';
import { type ApprenticeState, commitApprentice, recordOf } from '../store/apprentice';
import { apprenticeAccess } from './access';
import { who } from './context';

function checkRoles(role: Role, email: string, apprentice: Apprentice, body: ConfirmRequest): void {
  if (body.attest && role !== 'admin') throw forbidden(`attesting history needs role admin; ${email} is ${role}`);
  const adminOnly = [body.priorCredit, body.exams, body.certifications].some((l) => l?.length);
  if (adminOnly && role !== 'admin')
    throw forbidden(
      `approving prior credit and recording exam and certification results needs role admin; ${email} is ${role}`,
    );
  const coachOnly = [body.signOffs, body.hours].some((l) => l?.length);
  if (coachOnly && !body.attest && !apprentice.coachEmails.includes(email))
    throw forbidden(
      `${email} is not a coach of apprentice ${apprentice.id}: coaches confirm only their own apprentices`,
    );
}

const entriesOf = (s: ApprenticeState) => ({
  profile: s.profile!,
  signOffs: [...s.signOffs.values()],
  hours: [...s.hours.values()],
});

export const confirmationsRoute: Handler<typeof confirmations> = async (call) => {
  const { sponsorId: sid, apprenticeId: aid } = call.params;
  const member = await who(call.req);
  const access = await apprenticeAccess(member, sid, aid, call.roles, 'confirming entries');
  const body = call.body();
  checkRoles(access.membership.role, member.email, access.apprentice, body);
  const { frameworkId, frameworkVersion } = access.apprentice;
  const framework = await frameworkFor(sid, frameworkId, frameworkVersion);
  const clock = await sponsorSettings(sid);
  const confirmer: Confirmer = { email: member.email, clock, ...(body.attest ? { attest: body.attest } : {}) };
  const db = firestore();
  // Checked and counted on the first state the commit reads (a later commit of a large change sees the entries
  // already confirmed); an invalid request throws there, before anything is written.
  let outcome: Outcome | undefined;
  const commit = await commitApprentice(db, sid, aid, member.email, (state) => {
    const step = confirmEntries(framework, entriesOf(state), body, confirmer);
    outcome ??= step.outcome;
    return step.target;
  });
  const record = recordOf(sid, commit.target);
  const saved = await storeProgress(db, sid, record, await progressFor(sid, record, clock.today, [], clock.programs));
  const any = Object.values(outcome!.confirmed).some((l) => l.length);
  return {
    status: any ? 201 : 200,
    body: { apprenticeId: aid, ...outcome!, progress: saved.progress, confirmations: rowConfirmations(record) },
  };
};
