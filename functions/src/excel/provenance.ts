// The columns every transcript row of an entry ends with: how it was established (confirmed by whom and when, or
// attested by an admin and why, with its proof), whether it counted, and its earlier confirmations that were
// withdrawn (who, when, why).
import {
  type Confirmation,
  confirmedOn,
  DEFAULT_TIME_ZONE,
  type EndedConfirmation,
  type EntryKind,
} from '@qualcard/shared';
import { endedText, historyText } from '@qualcard/shared/sheets/status';
import type { Row } from './entries';
import type { Column } from './sheet';

export const PROVENANCE_COLUMNS: Column[] = [
  { header: 'Provenance', key: 'provenance', width: 17 },
  { header: 'Confirmed or attested by', key: 'by', width: 26 },
  { header: 'On', key: 'on', width: 11 },
  { header: 'Attested because', key: 'reason', width: 24, wrap: true },
  { header: 'Proof', key: 'proof', width: 22, wrap: true },
  { header: 'Counted', key: 'counted', width: 24, wrap: true },
  { header: 'Earlier confirmations', key: 'history', width: 30, wrap: true },
];
/** The sponsor's time zone: every date and time the transcript prints is on its calendar. */
export const zoneOf = (t: { progress: { timeZone?: string | undefined } }): string =>
  t.progress.timeZone ?? DEFAULT_TIME_ZONE;

type Provenanced = { confirmation?: Confirmation; history?: EndedConfirmation[] };

export function provenanceLabel(c: Confirmation | undefined): string {
  if (!c) return 'Typed, not confirmed';
  return c.kind === 'attested' ? 'Attested (admin)' : `Confirmed (${c.role})`;
}

/** What the engine waits for before an entry of each kind counts (`CONFIRMED_BY`, in words). */
const AWAITS: Record<EntryKind, string> = {
  'sign-off': 'confirmed by a coach',
  'hours-entry': 'verified by a coach',
  'prior-credit': 'approved by a sponsor admin',
  exam: 'recorded by a sponsor admin',
  certification: 'recorded by a sponsor admin',
};

/**
 * Why a pending entry does not count yet, and its integrity flags if it has any: their messages, or only their codes
 * where rows are gathered (a message names its row).
 */
export function pendingWhy(
  kind: EntryKind,
  row: Row<Provenanced>,
  { asOf, timeZone }: { asOf: string; timeZone?: string | undefined },
  flags: 'messages' | 'codes' = 'messages',
): string {
  const c = row.entry.confirmation;
  const last = row.entry.history?.at(-1);
  // The engine's rule (standing): the instant of the confirmation, read in the sponsor's time zone.
  const on = c ? confirmedOn(c, timeZone ?? DEFAULT_TIME_ZONE) : '';
  const why = !c
    ? `Not ${AWAITS[kind]}${last ? ` (${endedText(last, timeZone ?? DEFAULT_TIME_ZONE)})` : ''}.`
    : on > asOf
      ? `${c.kind === 'attested' ? 'Attested' : 'Confirmed'} on ${on}, after the as-of date ${asOf}.`
      : `Confirmed as ${c.role}: it must be ${AWAITS[kind]}.`;
  if (flags === 'codes' && row.flags.length) return `${why} Flagged: ${flagCodes(row)}.`;
  return [why, ...row.flags.map((f) => f.message)].join(' ');
}

/** The codes of a row's integrity flags, each once. */
export const flagCodes = (row: Row<unknown>): string => [...new Set(row.flags.map((f) => f.code))].join(', ');

/** "Yes", or why not: the integrity flags, or a result that was not a pass. */
export function countedText(row: Row<unknown>): string {
  switch (row.status) {
    case 'confirmed':
    case 'attested':
      return 'Yes';
    case 'not-passed':
      return 'No: not passed.';
    case 'archived': {
      const a = (row.entry as { archived?: { fromVersion: string; toVersion: string } }).archived;
      return `No: archived, the item left the framework in version ${a?.toVersion} (was in ${a?.fromVersion}).`;
    }
    default:
      return `No: ${row.flags.map((f) => f.message).join(' ') || 'not confirmed.'}`;
  }
}

/** The cells of how an entry was established; its days on the sponsor's calendar (`timeZone`), as the engine reads them. */
export function provenanceCells(row: Row<Provenanced>, timeZone = DEFAULT_TIME_ZONE): Record<string, string> {
  const c = row.entry.confirmation;
  return {
    provenance: provenanceLabel(c),
    by: c?.by ?? '',
    on: c ? confirmedOn(c, timeZone) : '',
    reason: c?.kind === 'attested' ? c.reason : '',
    proof: c?.evidence ?? '',
    counted: countedText(row),
    history: historyText(row.entry.history, timeZone),
  };
}
