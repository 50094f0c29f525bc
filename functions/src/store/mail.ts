// The mail documents the digests write (digest/mail.ts says their format), in the Trigger Email extension's
// collection: one per sponsor, week and recipient, written once.
import type { Firestore } from 'firebase-admin/firestore';
import { type MailDoc, mailId } from '../digest/mail';

/** Firestore's ALREADY_EXISTS status code, what `create` fails with when the document is there. */
const ALREADY_EXISTS = 6;

/** Writes each message unless this week's copy is there; returns [written, already there]. */
export async function writeMailOnce(
  db: Firestore,
  collection: string,
  [sid, week]: [string, string],
  docs: MailDoc[],
): Promise<readonly [number, number]> {
  const outcomes = await Promise.all(
    docs.map((m) =>
      db
        .collection(collection)
        .doc(mailId(sid, week, m.to))
        .create(m)
        .then(
          () => true,
          (e: { code?: number }) => {
            if (e.code === ALREADY_EXISTS) return false;
            throw e;
          },
        ),
    ),
  );
  const written = outcomes.filter(Boolean).length;
  return [written, outcomes.length - written] as const;
}
