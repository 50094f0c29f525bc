// The weekly digests: for each sponsor whose digest is on and whose weekday it is today (in the sponsor's time zone),
// compose its messages from its stored progress and write them as mail documents, once per week and recipient.
import { isArchived, standing } from '@qualcard/shared';
import type { Firestore } from 'firebase-admin/firestore';
import { clockFor, settingsOf } from '../clock';
import { adminFirestore, paths } from '../db';
import type { StoredProgress } from '../progress';
import { readRecord } from '../store/apprentice';
import { composeDigests, type DigestApprentice, isoWeek, type WaitingRow } from './compose';
import { DEFAULT_MAIL_COLLECTION, mailDoc, mailId } from './mail';
import { digestOf } from './settings';

export interface DigestStats {
  /** Sponsors with the digest on. */
  enabled: number;
  /** Of those, the ones whose weekday it is today. */
  due: number;
  /** Mail documents written. */
  written: number;
  /** Messages already written earlier this week (a rerun). */
  alreadySent: number;
}

/** Firestore's ALREADY_EXISTS status code, what `create` fails with when the document is there. */
const ALREADY_EXISTS = 6;

/** The sign-off and hours rows of one apprentice that wait for a coach, read only when the tallies say there are some. */
async function waitingRows(db: Firestore, sid: string, p: StoredProgress, today: string): Promise<WaitingRow[]> {
  const e = p.progress.entries;
  if (!e['sign-off'].pending && !e['hours-entry'].pending) return [];
  const record = await readRecord(db, sid, p.apprenticeId);
  if (!record) return [];
  const open = <T extends object>(kind: 'sign-off' | 'hours-entry', rows: T[]) =>
    rows.filter((r) => !isArchived(r) && standing(kind, r, today) === 'pending');
  return [
    ...open('sign-off', record.signOffs).map((s) => ({
      typedBy: s.coachEmail || undefined,
      label: `sign-off ${s.itemId}${s.date ? ` dated ${s.date}` : ' (no date)'}`,
    })),
    ...open('hours-entry', record.hours).map((h) => ({
      typedBy: h.verifiedBy || undefined,
      label: `hours ${h.date}, ${h.hours} h`,
    })),
  ];
}

/** Progress documents read per page: memory stays bounded by the page, not the sponsor's size. */
const PAGE = 200;

const digestApprentice = async (db: Firestore, sid: string, p: StoredProgress, today: string) => ({
  id: p.apprenticeId,
  name: p.name,
  coachEmails: p.coachEmails,
  status: p.progress.status,
  pending: Object.values(p.progress.entries).reduce((n, c) => n + c.pending, 0),
  waiting: await waitingRows(db, sid, p, today),
  ...(p.progress.wage?.eligible ? { wageEligible: p.progress.wage.eligible.text } : {}),
});

/** The sponsor's apprentices as the digest needs them, in id order, from its stored progress, page by page. */
export async function apprenticesOf(
  db: Firestore,
  sid: string,
  today: string,
  size = PAGE,
): Promise<DigestApprentice[]> {
  const all: DigestApprentice[] = [];
  const query = db.collection(paths.progress(sid)).orderBy(adminFirestore().FieldPath.documentId()).limit(size);
  for (let page = await query.get(); !page.empty; page = await query.startAfter(page.docs.at(-1)!).get()) {
    const rows = await Promise.all(page.docs.map((d) => digestApprentice(db, sid, d.data() as StoredProgress, today)));
    all.push(...rows);
    if (page.size < size) break;
  }
  return all;
}

/** Who of the sponsor's members gets which message: coaches theirs, admins and consultants the summary. */
async function recipientsOf(db: Firestore, sid: string): Promise<{ coaches: string[]; staff: string[] }> {
  const role = new (adminFirestore().FieldPath)('sponsors', sid, 'role');
  const snap = await db.collection('members').where(role, 'in', ['admin', 'consultant', 'coach']).get();
  const roleOf = (d: (typeof snap.docs)[number]) => d.get(role) as string;
  return {
    coaches: snap.docs.filter((d) => roleOf(d) === 'coach').map((d) => d.id),
    staff: snap.docs.filter((d) => roleOf(d) !== 'coach').map((d) => d.id),
  };
}

/** Writes each message unless this week's copy is there; returns [written, already there]. */
async function writeOnce(
  db: Firestore,
  collection: string,
  [sid, week]: [string, string],
  messages: ReturnType<typeof composeDigests>,
) {
  const outcomes = await Promise.all(
    messages.map((m) =>
      db
        .collection(collection)
        .doc(mailId(sid, week, m.to))
        .create(mailDoc(m))
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

/**
 * The scheduled handler's work at `now`: each due sponsor's messages as documents in `collection` (the Trigger Email
 * extension's, `mail` unless QUALCARD_MAIL_COLLECTION says otherwise). Sponsors one after another, each paged.
 */
export async function sendDigests(
  db: Firestore,
  now: Date,
  collection: string = DEFAULT_MAIL_COLLECTION,
): Promise<DigestStats> {
  const stats: DigestStats = { enabled: 0, due: 0, written: 0, alreadySent: 0 };
  const sponsors = await db.collection('sponsors').where('digest.enabled', '==', true).get();
  for (const snap of sponsors.docs) {
    const digest = digestOf(snap);
    if (!digest?.enabled) continue;
    stats.enabled++;
    const { today } = clockFor(settingsOf(snap).timeZone, now);
    const { week, weekday } = isoWeek(today);
    if (weekday !== digest.weekday) continue;
    stats.due++;
    const sid = snap.id;
    const [apprentices, recipients] = await Promise.all([apprenticesOf(db, sid, today), recipientsOf(db, sid)]);
    const messages = composeDigests({
      sponsorId: sid,
      sponsorName: (snap.get('name') as string | undefined) ?? sid,
      week,
      sheetUrl: digest.sheetUrl,
      apprentices,
      ...recipients,
    });
    const [written, already] = await writeOnce(db, collection, [sid, week], messages);
    stats.written += written;
    stats.alreadySent += already;
  }
  return stats;
}
