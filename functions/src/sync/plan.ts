// The target state of one apprentice after a sync: the sheet's typed entries merged with what the functions
// confirmed (the shared merge rule), as rows keyed the way the sheet identifies them.
import {
  type ApprenticeRecord,
  type HoursEntry,
  isTheirsToConfirm,
  mergeSheetRecord,
  type SheetRecord,
  type SignOff,
} from '@qualcard/shared';
import { type ApprenticeState, recordOf, type Target } from '../store/apprentice';
import { hoursKeys, signOffKeys } from '../store/rows';

/**
 * A typed "Signed by" / "Verified by" naming another coach is theirs (isTheirsToConfirm): a coach's sync that blanks
 * or changes it keeps the stored claim, so no coach takes over another's tick by re-syncing it (then confirming it).
 */
function keepOthersClaims(merged: ApprenticeRecord, stored: ApprenticeRecord, coach: string): ApprenticeRecord {
  const claims = (rows: { key: string | undefined; claim: string | undefined; confirmed: boolean }[]) =>
    new Map(
      rows
        .filter((r) => r.key && !r.confirmed && r.claim && !isTheirsToConfirm(r.claim, coach))
        .map((r) => [r.key!, r.claim!]),
    );
  const signed = claims(
    stored.signOffs.map((s) => ({ key: s.itemId, claim: s.coachEmail, confirmed: !!s.confirmation })),
  );
  const verified = claims(stored.hours.map((h) => ({ key: h.id, claim: h.verifiedBy, confirmed: !!h.confirmation })));
  const signOffs = merged.signOffs.map((s): SignOff => {
    const claim = s.confirmation ? undefined : signed.get(s.itemId);
    return claim ? { ...s, coachEmail: claim } : s;
  });
  const hours = merged.hours.map((h): HoursEntry => {
    const claim = h.confirmation || !h.id ? undefined : verified.get(h.id);
    return claim ? { ...h, verifiedBy: claim } : h;
  });
  return { ...merged, signOffs, hours };
}

/** `coach`: the syncing coach's email (an admin's sync may change any claim). */
export function planSync(sid: string, sheet: SheetRecord, state: ApprenticeState, coach?: string): Target {
  const stored = state.profile
    ? recordOf(sid, { profile: state.profile, signOffs: state.signOffs.values(), hours: state.hours.values() })
    : undefined;
  const sheetMerged = mergeSheetRecord(sheet, stored);
  const merged = coach && stored ? keepOthersClaims(sheetMerged, stored, coach) : sheetMerged;
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
