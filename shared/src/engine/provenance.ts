// The one rule for what counts: an entry counts when the functions confirmed it (the right role, verified
// identity) or an admin attested it, on or before the as-of date. Whatever a sheet holds is only typed: it is
// listed as pending and never counted. Integrity flags apply on top (a confirmed entry dated in the future
// still does not count).
import type { Confirmation } from '../model/record';
import { CONFIRMED_BY, type EntryKind } from './rules';

export type Standing = 'confirmed' | 'attested' | 'pending';

export function standing(kind: EntryKind, entry: { confirmation?: Confirmation }, asOf: string): Standing {
  const c = entry.confirmation;
  if (!c || c.date > asOf) return 'pending';
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
