// The confirmation the functions write on an entry: who (verified identity), in what capacity, at server time, on
// the sponsor's calendar day. The only place one is made.
import { CONFIRMED_BY, type Confirmation, type EntryKind } from '@qualcard/shared';
import type { SponsorClock } from '../clock';

export interface Confirmer {
  email: string;
  clock: SponsorClock;
  /** Set when an admin attests history from before the sponsor used Qualcard. */
  attest?: { reason: string; evidence?: string | undefined };
}

export function confirmationFor(kind: EntryKind, who: Confirmer, evidence?: string): Confirmation {
  const at = who.clock.now.toISOString();
  const date = who.clock.today;
  if (who.attest) {
    const proof = evidence ?? who.attest.evidence;
    return {
      kind: 'attested',
      by: who.email,
      role: 'admin',
      at,
      date,
      reason: who.attest.reason,
      ...(proof ? { evidence: proof } : {}),
    };
  }
  return { kind: 'confirmed', by: who.email, role: CONFIRMED_BY[kind], at, date, ...(evidence ? { evidence } : {}) };
}

/**
 * Whether a stored confirmation is the one this request writes (same person, same server time): how a plan run again
 * after an earlier commit of the same request tells its own confirmations from someone else's.
 */
export const isFromThisRequest = (who: Confirmer, c: Confirmation | undefined): boolean =>
  c !== undefined && c.by === who.email && c.at === who.clock.now.toISOString();
