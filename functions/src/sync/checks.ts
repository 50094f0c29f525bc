// Everything a sync must pass before its first write: sponsor and duplicate ids, framework fit, what a coach may
// change, and document sizes (Firestore refuses a document over 1 MiB only at write time, mid-sync).
import {
  type Apprentice,
  canonicalJson,
  checkOptionalWorkFunctions,
  checkWageSchedule,
  mergeSheetRecord,
  type Programs,
  RecordMismatchError,
  type SheetRecord,
} from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import type { AsOfDay } from '../clock';
import { Forbidden, Invalid, TooLarge } from '../domain/errors';
import { progressFor } from '../progress';
import { resolveFramework } from '../registry';
import type { ApprenticeDoc } from '../store/apprentice-doc';

/** The profile document (roster fields, prior credit, exams, certifications); its audit record holds two copies. */
export const MAX_PROFILE_BYTES = 256 * 1024;

/**
 * Each program is for a framework in the registry and names only its optional work functions, and its wage
 * schedule only its levels (latest version).
 */
export async function checkPrograms(db: Firestore, sid: string, programs: Programs): Promise<void> {
  for (const [fid, program] of Object.entries(programs)) {
    const framework = (await resolveFramework(db, sid, fid))?.framework;
    const at = `programs.${fid}`;
    if (!framework)
      throw new Invalid(`${at}: unknown framework "${fid}"`, { issues: [{ path: at, message: 'unknown framework' }] });
    try {
      checkOptionalWorkFunctions(framework, program.optionalWorkFunctionIds, `${at}.optionalWorkFunctionIds`);
      if (program.wageSchedule) checkWageSchedule(framework, program.wageSchedule, `${at}.wageSchedule`);
    } catch (e) {
      if (!(e instanceof RecordMismatchError)) throw e;
      throw new Invalid(e.message, { issues: [{ path: e.field, message: e.message }] });
    }
  }
}

export function checkRecords(sid: string, records: SheetRecord[]): void {
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    if (record.sponsorId !== undefined && record.sponsorId !== sid) {
      throw new Invalid(`records.${i}.sponsorId: record is for sponsor "${record.sponsorId}", not "${sid}"`, {
        issues: [{ path: `records.${i}.sponsorId`, message: 'sponsor mismatch' }],
      });
    }
    const first = seen.get(record.apprentice.id);
    if (first !== undefined)
      throw new Invalid(`records.${i}.apprentice.id: apprentice "${record.apprentice.id}" is also records.${first}`, {
        issues: [{ path: `records.${i}.apprentice.id`, message: 'duplicate apprentice' }],
      });
    seen.set(record.apprentice.id, i);
  });
}

/** Each record's framework (at its version), level and plan must fit. */
export async function checkFrameworks(
  db: Firestore,
  sid: string,
  records: SheetRecord[],
  day: AsOfDay,
  programs: Programs = {},
): Promise<void> {
  for (const [i, record] of records.entries()) await progressFor(db, sid, record, day, ['records', i], programs);
}

/**
 * A coach syncs only apprentices already on the roster with them as coach, and changes none of the roster fields
 * (coaches, level, framework, dates, limits): those are the admin's, through the admin's own sync.
 */
export function checkCoachRecords(email: string, records: SheetRecord[], stored: (ApprenticeDoc | undefined)[]): void {
  stored.forEach((doc, i) => {
    const before = doc?.apprentice;
    const incoming = records[i]!.apprentice;
    if (!before?.coachEmails.includes(email))
      throw new Forbidden(
        `records.${i}: coach ${email} may sync only their own apprentices; ${incoming.id} is not one`,
      );
    const fields = new Set([...Object.keys(before), ...Object.keys(incoming)]) as Set<keyof Apprentice>;
    // The version is pinned before this check (sync/versions.ts refuses any change of it, whoever asks).
    fields.delete('frameworkVersion');
    for (const field of fields) {
      if (canonicalJson(before[field]) !== canonicalJson(incoming[field]))
        throw new Forbidden(
          `records.${i}.apprentice.${field}: only a sponsor admin changes an apprentice's ${field}; ${email} is a coach (sync from the admin's account, or restore the roster row)`,
        );
    }
  });
}

const bytes = (value: unknown): number => Buffer.byteLength(canonicalJson(value));

/** The profile each record would store, merged with what is confirmed, must fit well inside one document. */
export function checkSizes(sid: string, records: SheetRecord[], stored: (ApprenticeDoc | undefined)[]): void {
  records.forEach((record, i) => {
    const profile = stored[i];
    const storedRecord = profile?.apprentice && {
      schemaVersion: 1 as const,
      sponsorId: sid,
      apprentice: profile.apprentice,
      priorCredit: profile.priorCredit ?? [],
      exams: profile.exams ?? [],
      certifications: profile.certifications ?? [],
      ...(profile.raises ? { raises: profile.raises } : {}),
      signOffs: [],
      hours: [],
    };
    const merged = mergeSheetRecord({ ...record, signOffs: [], hours: [] }, storedRecord);
    const size = bytes({
      apprentice: merged.apprentice,
      priorCredit: merged.priorCredit,
      exams: merged.exams,
      certifications: merged.certifications,
    });
    if (size > MAX_PROFILE_BYTES)
      throw new TooLarge(
        `records.${i}: apprentice ${record.apprentice.id}'s roster row, prior credit, exams and certifications take ${size} bytes; at most ${MAX_PROFILE_BYTES} bytes (shorten the descriptions)`,
      );
  });
}
