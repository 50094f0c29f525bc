// The raise use case: a sponsor admin records that the apprentice was raised to a step of the program's wage
// schedule from a date. Only a step the apprentice has reached (engine/wages.ts, on counted entries) and above the
// last recorded one; stored on the apprentice with an audit record in the same transaction. The recorded raises are
// the wage history and clear "eligible for step N".
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
import type { RaiseAnswer, RaiseRequest } from '@qualcard/shared/api';
import { type SponsorSettings, sponsorSettings, todayOf } from '../clock';
import { Conflict, invalidField } from '../domain/errors';
import type { Member } from '../domain/members';
import { progressFor, storeProgress } from '../progress';
import { frameworkFor } from '../registry';
import { commitProfileFields, recordOf } from '../store/apprentice';
import { apprenticeAccess, type On } from './access';
import type { Deps, Input } from './deps';

/** The schedule the raise is on; Conflict without one, Invalid naming the field for a step it lacks or a future date. */
function scheduleFor(framework: Framework, settings: SponsorSettings, body: RaiseRequest): WageSchedule {
  const schedule = settings.programs[framework.id]?.wageSchedule;
  if (!schedule)
    throw new Conflict(`the program for ${framework.id} has no wage schedule: an admin's sync sends it from the sheet`);
  if (body.step > schedule.steps.length)
    throw invalidField('step', `the wage schedule for ${framework.id} has ${schedule.steps.length} steps`);
  if (body.effectiveDate > settings.today)
    throw invalidField(
      'effectiveDate',
      `${body.effectiveDate} is after today (${settings.today}, ${settings.timeZone})`,
    );
  return schedule;
}

/** Conflict unless the step is reached, on or before the date, and above the last recorded raise. */
function checkRaise(wage: WageStatus, raise: WageRaise, last: WageRaise | undefined): void {
  if (raise.step <= wage.recordedStep)
    throw new Conflict(`step: the apprentice is recorded at step ${wage.recordedStep}; a raise is to a step above it`);
  if (last && raise.effectiveDate < last.effectiveDate)
    throw new Conflict(`effectiveDate: ${raise.effectiveDate} is before the last raise (${last.effectiveDate})`);
  const step = wage.steps[raise.step - 1]!;
  if (!step.reached) {
    const left = wage.next?.step === raise.step ? `: ${wage.next.text}` : '';
    throw new Conflict(
      `step: the apprentice is not eligible for step ${raise.step} (reached: step ${wage.currentStep})${left}`,
    );
  }
  if (raise.effectiveDate < step.eligibleSince!)
    throw new Conflict(`effectiveDate: eligible for step ${raise.step} only since ${step.eligibleSince}`);
}

/** The engine's wage status; a schedule naming a level this apprentice's framework version lacks is a Conflict. */
function statusOf(...args: Parameters<typeof wageStatus>): WageStatus {
  try {
    return wageStatus(...args);
  } catch (e) {
    if (e instanceof RecordMismatchError) throw new Conflict(`${e.message} (the apprentice's framework version)`);
    throw e;
  }
}

export async function raise(
  { db, now }: Deps,
  member: Member,
  on: On,
  read: Input<RaiseRequest>,
): Promise<RaiseAnswer> {
  const { sid, aid } = on;
  const access = await apprenticeAccess(db, member, on, 'recording a wage raise');
  const body = read();
  const framework = await frameworkFor(db, sid, access.apprentice.frameworkId, access.apprentice.frameworkVersion);
  const settings = await sponsorSettings(db, sid, now());
  const schedule = scheduleFor(framework, settings, body);
  const at = settings.now.toISOString();
  const raise: WageRaise = { step: body.step, effectiveDate: body.effectiveDate, by: member.email, at };
  if (body.note) raise.note = body.note;
  const program = settings.programs[framework.id] as ProgramChoice;
  const state = await commitProfileFields(db, sid, aid, (state) => {
    const current = recordOf(sid, {
      profile: state.profile!,
      signOffs: state.signOffs.values(),
      hours: state.hours.values(),
    });
    const run = workFunctionsRun(framework, current.apprentice, program);
    checkRaise(statusOf(framework, current, schedule, settings.today, run), raise, current.raises?.at(-1));
    const audit = { at, who: member.email, entity: 'wage-raise' as const, key: `step-${raise.step}` };
    return {
      fields: { raises: [...(current.raises ?? []), raise] },
      audits: [{ ...audit, action: 'create', before: null, after: raise }],
      at,
    };
  });
  const record = recordOf(sid, {
    profile: state.profile!,
    signOffs: state.signOffs.values(),
    hours: state.hours.values(),
  });
  const progress = await progressFor(db, sid, record, todayOf(settings), [], settings.programs);
  const saved = await storeProgress(db, sid, record, progress);
  return { apprenticeId: aid, raise, wage: saved.progress.wage ?? null };
}
