// The names the `me` route shows: each sponsor's name and, for an apprentice, their own name as the roster last synced it.
// One batched read of sponsor and apprentice documents together; each is parsed here with its schema, leniently (a
// name that does not parse is absent, never an error of `me`).
import type { Firestore } from 'firebase-admin/firestore';
import { paths } from '../db';
import { ApprenticeDoc } from './apprentice-doc';
import { sponsorOf } from './sponsors';

export interface Names {
  sponsorName?: string;
  apprenticeName?: string;
}

/** For each `{sid, aid}` asked, in order: the sponsor's name and, when `aid` is given, that apprentice's. */
export async function readNames(db: Firestore, wanted: { sid: string; aid?: string | undefined }[]): Promise<Names[]> {
  if (!wanted.length) return [];
  const apprentices = wanted.flatMap((w, i) => (w.aid ? [{ i, ref: db.doc(paths.apprentice(w.sid, w.aid)) }] : []));
  const snaps = await db.getAll(...wanted.map((w) => db.doc(paths.sponsor(w.sid))), ...apprentices.map((a) => a.ref));
  const names: Names[] = wanted.map((_, i) => {
    const name = sponsorOf(snaps[i]!).name;
    return name ? { sponsorName: name } : {};
  });
  for (const [j, a] of apprentices.entries()) {
    const doc = ApprenticeDoc.safeParse(snaps[wanted.length + j]!.data() ?? {});
    const name = doc.success ? doc.data.apprentice?.name : undefined;
    if (name) names[a.i]!.apprenticeName = name;
  }
  return names;
}
