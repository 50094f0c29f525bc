// The documents of one apprentice, as the zod model reads them: sponsors/{sid}/apprentices/{aid} (profile, audit head,
// transcript counter) and one document per sign-off and hours row (store/rows.ts).
import {
  Apprentice,
  CertificationHeld,
  ExamResult,
  HoursEntry,
  PriorCredit,
  SignOff,
  WageRaise,
} from '@qualcard/shared';
import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import * as z from 'zod';
import { paths } from '../db';
import { typed } from './convert';

export const AuditHeadDoc = z.object({ seq: z.number().int(), hash: z.string() });

export const ApprenticeDoc = z.object({
  apprentice: Apprentice.optional(),
  priorCredit: z.array(PriorCredit).optional(),
  exams: z.array(ExamResult).optional(),
  certifications: z.array(CertificationHeld).optional(),
  /** Wage raises an admin recorded (usecases/raise.ts); absent until the first. */
  raises: z.array(WageRaise).optional(),
  auditHead: AuditHeadDoc.optional(),
  /** The last transcript version exported (store/transcripts.ts). */
  transcriptVersion: z.number().int().optional(),
});
export type ApprenticeDoc = z.infer<typeof ApprenticeDoc>;
const apprenticeDoc = typed(ApprenticeDoc);

const RowDoc = <T extends z.ZodType>(data: T) => z.object({ key: z.string(), order: z.number(), data });
export const signOffRow = typed(RowDoc(SignOff));
export const hoursRow = typed(RowDoc(HoursEntry));

export const apprenticeRef = (db: Firestore, sid: string, aid: string): DocumentReference<ApprenticeDoc> =>
  db.doc(paths.apprentice(sid, aid)).withConverter(apprenticeDoc);

export const apprenticeDocs = (db: Firestore, sid: string) =>
  db.collection(paths.apprentices(sid)).withConverter(apprenticeDoc);
