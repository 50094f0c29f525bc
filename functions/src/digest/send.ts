// The weekly digests: for each sponsor whose digest is on and whose weekday it is today (in the sponsor's time zone),
// compose its messages from its stored progress and its apprentices' open confirmation requests, and write them as
// mail documents, once per week and recipient.
import {
  HOURS_CATEGORY_LABEL,
  isArchived,
  isChangedSinceConfirmed,
  isPendingFinding,
  standing,
} from '@qualcard/shared';
import type { StoredProgress } from '@qualcard/shared/api';
import type { Firestore } from 'firebase-admin/firestore';
import { type AsOfDay, clockFor, todayOf } from '../clock';
import { withConfirmed } from '../confirm/asks';
import { readRecord } from '../store/apprentice';
import { type ConfirmationRequestDoc, openRequestsIn } from '../store/confirmation-requests';
import { writeMailOnce } from '../store/mail';
import { membershipsIn } from '../store/members';
import { progressPages } from '../store/progress';
import { sponsorsWithDigest } from '../store/sponsors';
import {
  type ApprenticeMember,
  composeDigests,
  type DigestApprentice,
  type DigestAsk,
  isoWeek,
  type WaitingRow,
} from './compose';
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
async function waitingRows(db: Firestore, sid: string, p: StoredProgress, today: AsOfDay): Promise<WaitingRow[]> {
  const e = p.progress.entries;
  if (!e['sign-off'].pending && !e['hours-entry'].pending) return [];
  const record = await readRecord(db, sid, p.apprenticeId);
  if (!record) return [];
  const open = <T extends object>(kind: 'sign-off' | 'hours-entry', rows: T[]) =>
    rows.filter((r) => !isArchived(r) && standing(kind, r, today.asOf, today.timeZone) === 'pending');
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

const digestApprentice = async (
  db: Firestore,
  sid: string,
  p: StoredProgress,
  today: AsOfDay,
): Promise<DigestApprentice> => {
  const { entries, levels, gaps, integrity, wage } = p.progress;
  const changed = integrity.filter(isChangedSinceConfirmed).map((f) => f.message);
  return {
    id: p.apprenticeId,
    name: p.name,
    coachEmails: p.coachEmails,
    status: p.progress.status,
    pending: Object.values(entries).reduce((n, c) => n + c.pending, 0),
    waiting: await waitingRows(db, sid, p, today),
    pendingForAdmin: entries['prior-credit'].pending + entries.exam.pending + entries.certification.pending,
    levels: levels.map((l) => ({
      title: l.title,
      percent: l.percent,
      complete: l.complete,
      items: { done: l.items.done, required: l.items.required },
      hours: l.hours.map((h) => ({ category: HOURS_CATEGORY_LABEL[h.category], done: h.done, required: h.required })),
    })),
    // Pending entries have their own section; the gaps are what is still to do.
    gaps: gaps.filter((g) => !isPendingFinding(g)).map((g) => g.message),
    ...(changed.length ? { changed } : {}),
    ...(wage?.eligible ? { wageEligible: wage.eligible.text } : {}),
  };
};

/** The sponsor's apprentices as the digest needs them, in id order, from its stored progress, page by page. */
export async function apprenticesOf(
  db: Firestore,
  sid: string,
  today: AsOfDay,
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

/**
 * The sponsor's open confirmation requests as the coaches' digests list them: the entries not yet confirmed, to the
 * apprentice's coaches as now synced. Read only (the lists mark answered requests; a digest does not need to).
 */
export async function asksOf(db: Firestore, sid: string): Promise<DigestAsk[]> {
  const byApprentice = new Map<string, ConfirmationRequestDoc[]>();
  for (const r of await openRequestsIn(db, sid))
    byApprentice.set(r.apprenticeId, [...(byApprentice.get(r.apprenticeId) ?? []), r]);
  const perApprentice = await Promise.all(
    [...byApprentice].map(async ([aid, requests]) => {
      const record = await readRecord(db, sid, aid);
      if (!record) return [];
      return requests.flatMap((r) => {
        const open = withConfirmed(record, r.entries).filter((e) => !e.confirmed);
        if (!open.length) return [];
        return [
          {
            apprenticeId: aid,
            apprenticeName: record.apprentice.name,
            coachEmails: record.apprentice.coachEmails,
            askedOn: r.createdAt.slice(0, 10),
            entries: open.map((e) => e.summary ?? `${e.kind === 'signOff' ? 'sign-off' : 'hours'} ${e.id}`),
          },
        ];
      });
    }),
  );
  return perApprentice.flat();
}

interface Recipients {
  coaches: string[];
  staff: string[];
  apprenticeMembers: ApprenticeMember[];
}

/**
 * Who of the sponsor's members gets which message: coaches theirs, admins and consultants the summary, and
 * apprentices their own when the sponsor turned that on.
 */
async function recipientsOf(db: Firestore, sid: string, apprentices: boolean): Promise<Recipients> {
  const members = await membershipsIn(db, sid);
  const withRole = (role: string) => members.filter(([, m]) => m.role === role).map(([email]) => email);
  return {
    coaches: withRole('coach'),
    staff: [...withRole('admin'), ...withRole('consultant')],
    apprenticeMembers: apprentices
      ? members.flatMap(([email, m]) =>
          m.role === 'apprentice' && m.apprenticeId ? [{ email, apprenticeId: m.apprenticeId }] : [],
        )
      : [],
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
    const clock = clockFor(sponsor.timeZone, now);
    const { week, weekday } = isoWeek(clock.today);
    if (weekday !== digest.weekday) continue;
    stats.due++;
    const sid = sponsor.id;
    const [apprentices, recipients, asks] = await Promise.all([
      apprenticesOf(db, sid, todayOf(clock)),
      recipientsOf(db, sid, digest.apprentices === true),
      asksOf(db, sid),
    ]);
    const messages = composeDigests({
      sponsorId: sid,
      sponsorName: sponsor.name ?? sid,
      week,
      sheetUrl: digest.sheetUrl,
      apprentices,
      asks,
      ...recipients,
    });
    const [written, already] = await writeMailOnce(db, collection, [sid, week], messages.map(mailDoc));
    stats.written += written;
    stats.alreadySent += already;
  }
  return stats;
}
