// The target state of one apprentice after a sync: the sheet's typed entries merged with what the functions
// confirmed (the shared merge rule), as rows keyed the way the sheet identifies them.
import { mergeSheetRecord, type SheetRecord } from '@qualcard/shared';
import { type ApprenticeState, recordOf, type Target } from '../store/apprentice';
import { hoursKeys, signOffKeys } from '../store/rows';

export function planSync(sid: string, sheet: SheetRecord, state: ApprenticeState): Target {
  const stored = state.profile
    ? recordOf(sid, { profile: state.profile, signOffs: state.signOffs.values(), hours: state.hours.values() })
    : undefined;
  const merged = mergeSheetRecord(sheet, stored);
  const sKeys = signOffKeys(merged.signOffs);
  const hKeys = hoursKeys(merged.hours);
  const { priorCredit, exams, certifications, raises } = merged;
  // The stored version wins over the one pinned before this transaction: a migration committed in between stays.
  const before = state.profile?.apprentice;
  const version = before?.frameworkId === merged.apprentice.frameworkId ? before.frameworkVersion : undefined;
  const apprentice = version ? { ...merged.apprentice, frameworkVersion: version } : merged.apprentice;
  return {
    profile: { apprentice, priorCredit, exams, certifications, ...(raises ? { raises } : {}) },
    signOffs: merged.signOffs.map((data, i) => ({ key: sKeys[i]!, order: i, data })),
    hours: merged.hours.map((data, i) => ({ key: hKeys[i]!, order: i, data })),
  };
}
