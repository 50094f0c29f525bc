// POST /v1/sponsors/:sponsorId/apprentices/:apprenticeId/raises {step, effectiveDate, note?}: a sponsor admin records
// that the apprentice was raised to a step of the program's wage schedule from a date. Only a step the apprentice
// has reached (engine/wages.ts, on counted entries) and above the last recorded one; stored on the apprentice with
// an audit record in the same transaction. The recorded raises are the wage history and clear "eligible for step N".
import {
  type Framework,
  type ProgramChoice,
  RecordMismatchError,
  type WageRaise,
  type WageSchedule,
  type WageStatus,
  wageStatus,
  workFunctionsRun,
} from '@qualcard/shared';
import type { RaiseRequest, raises } from '@qualcard/shared/api';
import { appendAudit } from '../audit';
import { type SponsorSettings, sponsorSettings } from '../clock';
import { firestore, paths } from '../db';
import { badRequest, conflict } from '../http/errors';
import type { Handler } from '../http/router';
import { progressFor, storeProgress } from '../progress';
import { frameworkFor } from '../registry';
import { readState, recordOf } from '../store/apprentice';
import { apprenticeAccess } from './access';
import { who } from './context';

const field = (path: string, message: string) => badRequest(`${path}: ${message}`, { issues: [{ path, message }] });

/** The schedule the raise is on; 409 without one, 400 naming the field for a step it lacks or a future date. */
function scheduleFor(framework: Framework, settings: SponsorSettings, body: RaiseRequest): WageSchedule {
  const schedule = settings.programs[framework.id]?.wageSchedule;
  if (!schedule)
    throw conflict(`the program for ${framework.id} has no wage schedule: an admin's sync sends it from the sheet`);
  if (body.step > schedule.steps.length)
    throw field('step', `the wage schedule for ${framework.id} has ${schedule.steps.length} steps`);
  if (body.effectiveDate > settings.today)
    throw field('effectiveDate', `${body.effectiveDate} is after today (${settings.today}, ${settings.timeZone})`);
  return schedule;
}

/** 409 unless the step is reached, on or before the date, and above the last recorded raise. */
function checkRaise(wage: WageStatus, raise: WageRaise, last: WageRaise | undefined): void {
  if (raise.step <= wage.recordedStep)
    throw conflict(`step: the apprentice is recorded at step ${wage.recordedStep}; a raise is to a step above it`);
  if (last && raise.effectiveDate < last.effectiveDate)
    throw conflict(`effectiveDate: ${raise.effectiveDate} is before the last raise (${last.effectiveDate})`);
  const step = wage.steps[raise.step - 1]!;
  if (!step.reached) {
    const left = wage.next?.step === raise.step ? `: ${wage.next.text}` : '';
    throw conflict(
      `step: the apprentice is not eligible for step ${raise.step} (reached: step ${wage.currentStep})${left}`,
    );
  }
  if (raise.effectiveDate < step.eligibleSince!)
    throw conflict(`effectiveDate: eligible for step ${raise.step} only since ${step.eligibleSince}`);
}

/** The engine's wage status; a schedule naming a level this apprentice's framework version lacks is a 409. */
function statusOf(...args: Parameters<typeof wageStatus>): WageStatus {
  try {
    return wageStatus(...args);
  } catch (e) {
    if (e instanceof RecordMismatchError) throw conflict(`${e.message} (the apprentice's framework version)`);
    throw e;
  }
}

export const raiseRoute: Handler<typeof raises> = async (call) => {
  const { sponsorId: sid, apprenticeId: aid } = call.params;
  const member = await who(call.req);
  const access = await apprenticeAccess(member, sid, aid, call.roles, 'recording a wage raise');
  const body = call.body();
  const framework = await frameworkFor(sid, access.apprentice.frameworkId, access.apprentice.frameworkVersion);
  const settings = await sponsorSettings(sid);
  const schedule = scheduleFor(framework, settings, body);
  const at = settings.now.toISOString();
  const raise: WageRaise = { step: body.step, effectiveDate: body.effectiveDate, by: member.email, at };
  if (body.note) raise.note = body.note;
  const program = settings.programs[framework.id] as ProgramChoice;
  const db = firestore();
  const record = await db.runTransaction(async (tx) => {
    const state = await readState(db, sid, aid, tx);
    const current = recordOf(sid, {
      profile: state.profile!,
      signOffs: state.signOffs.values(),
      hours: state.hours.values(),
    });
    const run = workFunctionsRun(framework, current.apprentice, program);
    const last = current.raises?.at(-1);
    checkRaise(statusOf(framework, current, schedule, settings.today, run), raise, last);
    const raises = [...(current.raises ?? []), raise];
    const audit = { at, who: member.email, entity: 'wage-raise' as const, key: `step-${raise.step}` };
    const head = appendAudit(tx, db, sid, aid, state.head, [
      { ...audit, action: 'create', before: null, after: raise },
    ]);
    tx.set(db.doc(paths.apprentice(sid, aid)), { raises, auditHead: head, updatedAt: at }, { merge: true });
    return { ...current, raises };
  });
  const saved = await storeProgress(
    db,
    sid,
    record,
    await progressFor(sid, record, settings.today, [], settings.programs),
  );
  return { body: { apprenticeId: aid, raise, wage: saved.progress.wage ?? null } };
};
