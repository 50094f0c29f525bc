// Stored transcripts: each export is a new version document holding the .xlsx bytes, their SHA-256, when and by
// whom it was made. A Firestore document holds at most 1 MiB and the emulator does not check, so we do.
import { TranscriptMeta } from '@qualcard/shared/api';
import type { Firestore } from 'firebase-admin/firestore';
import * as z from 'zod';
import { sha256 } from '../canonical';
import { MAX_DOCUMENT_BYTES, paths } from '../db';
import { TooLarge } from '../domain/errors';
import { apprenticeRef } from './apprentice-doc';
import { typed } from './convert';

export type { TranscriptMeta } from '@qualcard/shared/api';

const meta = typed(TranscriptMeta);
const StoredTranscript = TranscriptMeta.extend({ bytes: z.instanceof(Uint8Array) });
const file = typed(StoredTranscript);

export const transcriptId = (version: number): string => `v${String(version).padStart(5, '0')}`;

/** Firestore's documented size rules: name bytes + 1 per string, 8 per number, bytes as is, +32 per document. */
export function documentSize(path: string, data: Record<string, unknown>): number {
  const value = (v: unknown): number => {
    if (v === null || v === undefined || typeof v === 'boolean') return 1;
    if (typeof v === 'number') return 8;
    if (typeof v === 'string') return Buffer.byteLength(v) + 1;
    if (Buffer.isBuffer(v)) return v.length;
    if (Array.isArray(v)) return v.reduce((s: number, x) => s + value(x), 0);
    return Object.entries(v as Record<string, unknown>).reduce(
      (s, [k, x]) => s + Buffer.byteLength(k) + 1 + value(x),
      0,
    );
  };
  const name = path.split('/').reduce((s, seg) => s + Buffer.byteLength(seg) + 1, 0) + 16;
  return name + value(data) + 32;
}

export function assertFitsDocument(path: string, data: Record<string, unknown>, what: string): void {
  const size = documentSize(path, data);
  if (size > MAX_DOCUMENT_BYTES) {
    throw new TooLarge(
      `${what} is ${size} bytes as a Firestore document; a document holds at most ${MAX_DOCUMENT_BYTES} bytes (1 MiB). Shorten evidence or notes texts, or split the record.`,
    );
  }
}

/**
 * Allocates the next version in a transaction, builds the file for that version and stores it. `build` may run again
 * if the transaction retries (another export took the version number first).
 */
export async function storeTranscript(
  db: Firestore,
  sid: string,
  aid: string,
  who: string,
  meta: Pick<TranscriptMeta, 'frameworkId' | 'frameworkVersion' | 'asOf' | 'fileName'>,
  build: (version: number, createdAt: string) => Promise<Buffer>,
): Promise<TranscriptMeta> {
  const apprentice = apprenticeRef(db, sid, aid);
  return db.runTransaction(async (tx) => {
    const version = ((await tx.get(apprentice)).data()?.transcriptVersion ?? 0) + 1;
    const createdAt = new Date().toISOString();
    const bytes = await build(version, createdAt);
    const id = transcriptId(version);
    const doc: TranscriptMeta & { bytes: Buffer } = {
      id,
      sponsorId: sid,
      apprenticeId: aid,
      version,
      sha256: sha256(bytes),
      size: bytes.length,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      createdAt,
      createdBy: who,
      ...meta,
      fileName: meta.fileName.replace('{version}', String(version)),
      bytes,
    };
    const path = `${paths.transcripts(sid, aid)}/${id}`;
    assertFitsDocument(
      path,
      doc as unknown as Record<string, unknown>,
      `transcript version ${version} (${bytes.length} bytes of .xlsx)`,
    );
    tx.create(db.doc(path), doc);
    tx.update(db.doc(paths.apprentice(sid, aid)), { transcriptVersion: version });
    const { bytes: _b, ...rest } = doc;
    return rest;
  });
}

/** The apprentice's transcript versions, newest first, without their bytes. */
export async function listTranscripts(db: Firestore, sid: string, aid: string): Promise<TranscriptMeta[]> {
  const fields = Object.keys(TranscriptMeta.shape);
  const snap = await db
    .collection(paths.transcripts(sid, aid))
    .orderBy('version', 'desc')
    .select(...fields)
    .withConverter(meta)
    .get();
  return snap.docs.map((d) => d.data());
}

/** One stored transcript with its bytes, or undefined. */
export async function readTranscript(
  db: Firestore,
  sid: string,
  aid: string,
  tid: string,
): Promise<(TranscriptMeta & { bytes: Buffer }) | undefined> {
  const doc = (
    await db
      .doc(`${paths.transcripts(sid, aid)}/${tid}`)
      .withConverter(file)
      .get()
  ).data();
  return doc && { ...doc, bytes: Buffer.from(doc.bytes) };
}
