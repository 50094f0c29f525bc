// The transcript's "Credentials" sheet: for each level, the signed credential issued for it (its id, status and the
// day it was issued, in the sponsor's calendar) and how anyone verifies it with the sponsor's published keys and
// status list, without Qualcard. No download URL: it carries the service's internal id, and paper cannot be clicked.
import { localDate } from '@qualcard/shared/model/time-zone';
import type { Worksheet } from 'exceljs';
import { zoneOf } from './provenance';
import { addTableRow, type Column, setupTable } from './sheet';
import type { Transcript } from './transcript';

export const CREDENTIALS_SHEET = 'Credentials';

/** A level's credential as the transcript names it (the caller reads them; nothing here is fetched). */
export interface TranscriptCredential {
  levelId: string;
  /** The credential's own id (urn:uuid:…), printed in it and by `qualcard verify`. */
  id: string;
  name: string;
  status: 'active' | 'revoked';
  issuedAt: string;
}

const COLUMNS: Column[] = [
  { header: 'Level', key: 'level', width: 10 },
  { header: 'Credential', key: 'name', width: 34, wrap: true },
  { header: 'Credential id', key: 'id', width: 46 },
  { header: 'Status', key: 'status', width: 10 },
  { header: 'Issued', key: 'issued', width: 12 },
];

export const VERIFY_HOW =
  "How to verify: save the credential (.json, from the sponsor admin's Credentials section of the Qualcard sidebar, or inside the apprentice's learner record from their home), then run `npx qualcard verify <file>`: it checks the signature with the keys the sponsor publishes at its issuer URL and reads the sponsor's status list; exit 0 means valid and not revoked.";

export function credentialsSheet(ws: Worksheet, t: Transcript): Column[] {
  const timeZone = zoneOf(t);
  setupTable(ws, COLUMNS);
  for (const l of t.progress.levels) {
    const c =
      t.credentials?.find((x) => x.levelId === l.levelId && x.status === 'active') ??
      t.credentials?.find((x) => x.levelId === l.levelId);
    addTableRow(ws, {
      level: l.levelId,
      name: c?.name ?? (l.complete ? 'complete: the credential is being issued' : 'none yet (level not complete)'),
      id: c?.id ?? '',
      status: c?.status ?? '',
      issued: c ? localDate(new Date(c.issuedAt), timeZone) : '',
    });
  }
  ws.addRow([]);
  ws.addRow([VERIFY_HOW]);
  return COLUMNS;
}
