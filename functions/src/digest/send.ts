// The weekly digests: for each sponsor whose digest is on and whose weekday it is today (in the sponsor's time zone),
// compose its messages from its stored progress and write them as mail documents, once per week and recipient.
import { isArchived, standing } from '@qualcard/shared';
import type { StoredProgress } from '@qualcard/shared/api';
import type { Firestore } from 'firebase-admin/firestore';
import { clockFor } from '../clock';
import { readRecord } from '../store/apprentice';
import { writeMailOnce } from '../store/mail';
import { membersWithRole } from '../store/members';
import { progressPages } from '../store/progress';
import { sponsorsWithDigest } from '../store/sponsors';
import { composeDigests, type DigestApprentice, isoWeek, type WaitingRow } from './compose';
import { DEFAULT_MAIL_COLLECTION, mailDoc } from './mail';

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
  const page = progressPages(db, sid, { size });
  for (let docs = await page(); docs.length; docs = await page(docs.at(-1)!.apprenticeId)) {
    all.push(...(await Promise.all(docs.map((p) => digestApprentice(db, sid, p, today)))));
    if (docs.length < size) break;
  }
  return all;
}

/** Who of the sponsor's members gets which message: coaches theirs, admins and consultants the summary. */
async function recipientsOf(db: Firestore, sid: string): Promise<{ coaches: string[]; staff: string[] }> {
  const members = await membersWithRole(db, sid, ['admin', 'consultant', 'coach']);
  return {
    coaches: members.filter(([, role]) => role === 'coach').map(([email]) => email),
    staff: members.filter(([, role]) => role !== 'coach').map(([email]) => email),
  };
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
  for (const sponsor of await sponsorsWithDigest(db)) {
    const { digest } = sponsor;
    if (!digest?.enabled) continue;
    stats.enabled++;
    const { today } = clockFor(sponsor.timeZone, now);
    const { week, weekday } = isoWeek(today);
    if (weekday !== digest.weekday) continue;
    stats.due++;
    const sid = sponsor.id;
    const [apprentices, recipients] = await Promise.all([apprenticesOf(db, sid, today), recipientsOf(db, sid)]);
    const messages = composeDigests({
      sponsorId: sid,
      sponsorName: sponsor.name ?? sid,
      week,
      sheetUrl: digest.sheetUrl,
      apprentices,
      ...recipients,
    });
    const [written, already] = await writeMailOnce(db, collection, [sid, week], messages.map(mailDoc));
    stats.written += written;
    stats.alreadySent += already;
  }
  return stats;
}
