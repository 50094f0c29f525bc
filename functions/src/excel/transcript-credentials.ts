// The transcript's "Credentials" sheet: for each level, the signed credential issued for it (its id, status and where
// to download it) and how anyone verifies it with the sponsor's published keys and revocation list, without Qualcard.
import type { Worksheet } from 'exceljs';
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
  /** The API URL its holder (or the sponsor's admin) downloads it from, signed in. */
  download: string;
}

const COLUMNS: Column[] = [
  { header: 'Level', key: 'level', width: 10 },
  { header: 'Credential', key: 'name', width: 34, wrap: true },
  { header: 'Credential id', key: 'id', width: 46 },
  { header: 'Status', key: 'status', width: 10 },
  { header: 'Issued', key: 'issued', width: 12 },
  { header: 'Download (signed in)', key: 'download', width: 60, wrap: true },
];

export const VERIFY_HOW =
  "How to verify: save the credential (.json, from the Credentials section of the sidebar or the download URL above), then run `npx qualcard verify <file>`: it checks the signature with the keys the sponsor publishes at its issuer URL and reads the sponsor's revocation list; exit 0 means valid and not revoked.";

export function credentialsSheet(ws: Worksheet, t: Transcript): Column[] {
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
      issued: c?.issuedAt.slice(0, 10) ?? '',
      download: c?.download ?? '',
    });
  }
  ws.addRow([]);
  ws.addRow([VERIFY_HOW]);
  return COLUMNS;
}
