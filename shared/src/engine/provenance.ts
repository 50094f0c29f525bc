// The one rule for what counts: an entry counts when the functions confirmed it (the right role, verified
// identity) or an admin attested it, by the end of the as-of day. Whatever a sheet holds is only typed: it is
// listed as pending and never counted. Integrity flags apply on top (a confirmed entry dated in the future
// still does not count).
import type { Apprentice, Confirmation } from '../model/record';
import { DEFAULT_TIME_ZONE, localDate } from '../model/time-zone';
import { CONFIRMED_BY, type EntryKind } from './rules';

export type Standing = 'confirmed' | 'attested' | 'pending';

/**
 * The day a confirmation was made on the sponsor's calendar as it is now: its instant (`at`) in `timeZone`. Its
 * stored `date` is the day in the zone of the time it was made, so comparing that would un-count today's
 * confirmations after the sponsor moves west (confirmed at 23:30 UTC: the 8th in Auckland, still the 7th in Los
 * Angeles).
 */
export const confirmedOn = (c: Confirmation, timeZone: string): string => localDate(new Date(c.at), timeZone);

/**
 * The one as-of rule: an entry counts as of a day when it was confirmed by the end of that day in the sponsor's
 * time zone, by the role its kind needs (or attested by an admin).
 */
export function standing(
  kind: EntryKind,
  entry: { confirmation?: Confirmation },
  asOf: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): Standing {
  const c = entry.confirmation;
  if (!c || confirmedOn(c, timeZone) > asOf) return 'pending';
  if (c.kind === 'attested') return 'attested';
  return c.role === CONFIRMED_BY[kind] ? 'confirmed' : 'pending';
}

/**
 * A sign-off a migration archived (its item left the framework) is history: it never counts and is neither
 * pending nor flagged. The engine (counted.ts) and the sync merge (merge.ts) both ask this one question.
 */
export const isArchived = (entry: object): boolean => 'archived' in entry && entry.archived !== undefined;

export const ENTRY_KINDS = Object.keys(CONFIRMED_BY) as EntryKind[];

export const PENDING_CODE = (kind: EntryKind): string => `pending.${kind}`;
export const isPendingFinding = (f: { code: string }): boolean => f.code.startsWith('pending.');

/**
 * Whose a typed sign-off or hours row is to confirm: the coach it is typed as ("Signed by" / "Verified by"), or any
 * of the apprentice's coaches when that cell is blank (confirming fills it in with the confirming coach). Confirm my
 * ticks and the weekly digests both ask this.
 */
export const isTheirsToConfirm = (typedBy: string | undefined, coach: string): boolean => !typedBy || typedBy === coach;

/**
 * Separation of duties, the one rule for who may stand behind an entry: nobody confirms, attests, approves or records
 * a result for an entry of their own apprenticeship, whatever other roles they hold. The functions refuse such a
 * request (403 with this message) and the engine does not count such an entry (`confirmation.own-apprenticeship`).
 */
export const isOwnApprenticeship = (apprentice: Pick<Apprentice, 'email'>, email: string): boolean =>
  email.toLowerCase() === apprentice.email.toLowerCase();
export const OWN_APPRENTICESHIP_RULE = 'separation of duties: nobody confirms entries of their own apprenticeship';

/**
 * Why a confirmation does not stand, or undefined when it does (the one rule the engine applies to every kind of
 * entry): it is the apprentice's own (separation of duties), or a coach confirmed it who is no longer on the
 * apprentice's roster. A coach's confirmation holds while they coach the apprentice: removing a coach from the
 * roster un-counts the sign-offs and hours they confirmed (putting them back counts them again); an admin's
 * attestation is what keeps a former coach's history.
 */
export function confirmationBar(
  apprentice: Pick<Apprentice, 'email' | 'coachEmails' | 'name'>,
  c: Confirmation | undefined,
): { code: string; message: string } | undefined {
  if (!c) return undefined;
  if (isOwnApprenticeship(apprentice, c.by))
    return {
      code: 'confirmation.own-apprenticeship',
      message: `was ${c.kind} by ${c.by}, the apprentice: ${OWN_APPRENTICESHIP_RULE}.`,
    };
  if (c.kind === 'confirmed' && c.role === 'coach' && !apprentice.coachEmails.includes(c.by))
    return {
      code: 'confirmation.former-coach',
      message: `was confirmed by ${c.by}, who is no longer a coach of ${apprentice.name}.`,
    };
  return undefined;
}
