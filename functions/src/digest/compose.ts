// The weekly digests of one sponsor, as messages (pure: the runner, send.ts, reads and writes). Coaches get their
// own apprentices who are off track or at risk, the rows waiting for their confirmation, confirmed rows the sheet
// changed or deleted since, and their apprentices' open confirmation requests; admins and consultants get the sponsor's summary; when the sponsor turned it on, each
// apprentice gets their own progress and nothing about anyone else. Built from one sponsor's data only, so no
// message can hold another sponsor's.
import {
  type ApprenticeStatus,
  DAY_MS,
  isTheirsToConfirm,
  STATUS_LABEL,
  STATUS_LEVELS,
  type StatusLevel,
} from '@qualcard/shared';

/** A typed sign-off or hours row no coach has confirmed yet. */
export interface WaitingRow {
  /** The coach it is typed as, or undefined when the cell is blank (any of the apprentice's coaches). */
  typedBy: string | undefined;
  /** "Sign-off IT.1.2 dated 2026-03-01", "Hours 2026-03-02, 8 h". */
  label: string;
}

export interface DigestApprentice {
  id: string;
  name: string;
  coachEmails: string[];
  status: ApprenticeStatus;
  /** Entries of every kind waiting for any confirmation (the stored tallies). */
  pending: number;
  /** The sign-off and hours rows waiting for a coach. */
  waiting: WaitingRow[];
  /**
   * Confirmed entries the sheet changed or deleted since, in the engine's words (confirmed and typed values); absent:
   * none.
   */
  changed?: string[];
  /** Entries waiting for an admin (prior credit, exams, certifications). */
  pendingForAdmin: number;
  /** Progress per level, as stored. */
  levels: DigestLevel[];
  /** What is missing for the target level, in the engine's words. */
  gaps: string[];
  /** "eligible for step N since DATE" while a wage raise is owed (engine/wages.ts); absent otherwise. */
  wageEligible?: string;
}

export interface DigestLevel {
  title: string;
  percent: number;
  complete: boolean;
  items: { done: number; required: number };
  hours: { category: string; done: number; required: number }[];
}

/** An apprentice's open request that their coaches confirm entries (usecases/confirmation-requests.ts). */
export interface DigestAsk {
  apprenticeId: string;
  apprenticeName: string;
  /** The apprentice's coaches as now synced: whose digest lists it. */
  coachEmails: string[];
  /** The calendar day it was asked (UTC). */
  askedOn: string;
  /** The entries not confirmed yet, as the apprentice described them. */
  entries: string[];
}

/** An apprentice member of the sponsor (their sign-in) and the record that is theirs. */
export interface ApprenticeMember {
  email: string;
  apprenticeId: string;
}

export interface DigestInput {
  sponsorId: string;
  sponsorName: string;
  /** The ISO week the digest is for, "2026-W48". */
  week: string;
  sheetUrl: string | undefined;
  apprentices: DigestApprentice[];
  /** Members with the coach role in the sponsor: only they get a coach's message (not any address typed in a sheet). */
  coaches: string[];
  /** Admins and consultants of the sponsor. */
  staff: string[];
  /** The apprentices' open confirmation requests (none when absent). */
  asks?: DigestAsk[];
  /** The apprentices who get their own digest: none unless the sponsor turned it on (digest.apprentices). */
  apprenticeMembers?: ApprenticeMember[];
}

export interface DigestMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** One block of a message: a heading and lines, rendered to both text and HTML. */
interface Section {
  heading: string;
  lines: string[];
}

/**
 * Lines listed per section; the rest are counted and left to the sheet. Keeps a digest readable and a mail document
 * of a sponsor with thousands of apprentices far under Firestore's 1 MiB per document.
 */
export const MAX_DIGEST_LINES = 100;

/** A section of `lines`, the first MAX_DIGEST_LINES of them and a count of the others. */
function section(heading: string, lines: string[]): Section {
  const extra = lines.length - MAX_DIGEST_LINES;
  const shown = extra > 0 ? [...lines.slice(0, MAX_DIGEST_LINES), `and ${extra} more (see the sheet)`] : lines;
  return { heading: `${heading} (${lines.length})`, lines: shown };
}

const concerning = (a: DigestApprentice): boolean => a.status.status !== 'on-track';
const byName = (a: DigestApprentice, b: DigestApprentice): number =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
const statusLine = (a: DigestApprentice): string => `${a.name} (${a.id}): ${a.status.reason}`;

/** An apprentice's message points to their own sheet: the sponsor's admin spreadsheet is not theirs to open. */
const APPRENTICE_FOOTER = 'Open your Qualcard sheet for the details, and ask your coach about anything here.';

/** `footer` replaces the link to the sponsor's sheet. */
function render(
  input: DigestInput,
  to: string,
  subject: string,
  intro: string,
  sections: Section[],
  footer?: string,
): DigestMessage {
  const sheetUrl = footer ? undefined : input.sheetUrl;
  const link = sheetUrl
    ? `Open the sheet: ${sheetUrl}`
    : (footer ?? 'Open the sponsor admin spreadsheet to act on these.');
  const text = [intro, ...sections.flatMap((s) => ['', s.heading, ...s.lines.map((l) => `- ${l}`)]), '', link].join(
    '\n',
  );
  const htmlLink = sheetUrl
    ? `<p><a href="${escapeHtml(sheetUrl)}">Open the sheet</a></p>`
    : `<p>${escapeHtml(link)}</p>`;
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    ...sections.map(
      (s) => `<h3>${escapeHtml(s.heading)}</h3><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    ),
    htmlLink,
  ].join('\n');
  return { to, subject, text, html };
}

const askLine = (a: DigestAsk): string =>
  `${a.apprenticeName} (${a.apprenticeId}) asked on ${a.askedOn}: ${a.entries.join('; ')}`;

/** A coach's message, or null when none of their apprentices needs anything from them this week. */
export function coachDigest(input: DigestInput, coach: string): DigestMessage | null {
  const mine = input.apprentices.filter((a) => a.coachEmails.includes(coach)).sort(byName);
  const concerns = mine.filter(concerning).map(statusLine);
  const waiting = mine.flatMap((a) =>
    a.waiting.filter((w) => isTheirsToConfirm(w.typedBy, coach)).map((w) => `${a.name} (${a.id}): ${w.label}`),
  );
  const changed = mine.flatMap((a) => (a.changed ?? []).map((m) => `${a.name} (${a.id}): ${m}`));
  const asks = (input.asks ?? [])
    .filter((a) => a.coachEmails.includes(coach))
    .sort((a, b) => a.askedOn.localeCompare(b.askedOn) || a.apprenticeId.localeCompare(b.apprenticeId))
    .map(askLine);
  if (!concerns.length && !waiting.length && !asks.length && !changed.length) return null;
  const sections: Section[] = [];
  if (concerns.length) sections.push(section('Off track or at risk', concerns));
  if (asks.length) sections.push(section('Your apprentices asked you to confirm', asks));
  if (waiting.length) sections.push(section('Waiting for your confirmation', waiting));
  if (changed.length)
    sections.push(
      section('Changed or deleted on the sheet since confirmed (confirm the new values or withdraw)', changed),
    );
  const intro = `Your Qualcard digest for ${input.sponsorName}, week ${input.week}.`;
  const subject =
    `Qualcard ${input.week}: ${concerns.length} apprentice(s) need attention, ${waiting.length} row(s) to confirm` +
    (asks.length ? `, ${asks.length} request(s)` : '') +
    (changed.length ? `, ${changed.length} confirmed row(s) changed on the sheet` : '');
  return render(input, coach, subject, intro, sections);
}

/**
 * The sponsor's summary for an admin or a consultant: counts per status, who is off track or at risk, pending, and
 * who is owed a wage raise.
 */
export function summaryDigest(input: DigestInput, to: string): DigestMessage {
  const counts = Object.fromEntries(STATUS_LEVELS.map((s) => [s, 0])) as Record<StatusLevel, number>;
  for (const a of input.apprentices) counts[a.status.status]++;
  const pending = input.apprentices.reduce((n, a) => n + a.pending, 0);
  const concerns = input.apprentices.filter(concerning).sort(byName).map(statusLine);
  const sections: Section[] = [
    {
      heading: `Apprentices (${input.apprentices.length})`,
      lines: [
        ...STATUS_LEVELS.map((s) => `${STATUS_LABEL[s]}: ${counts[s]}`),
        `Entries waiting for a confirmation: ${pending}`,
      ],
    },
  ];
  if (concerns.length) sections.push(section('Off track or at risk', concerns));
  // Wage steps: each apprentice owed a raise until an admin records it.
  const owed = input.apprentices.filter((a) => a.wageEligible).sort(byName);
  if (owed.length)
    sections.push(
      section(
        'Wage raise owed',
        owed.map((a) => `${a.name} (${a.id}): ${a.wageEligible}`),
      ),
    );
  const intro = `The Qualcard summary of ${input.sponsorName}, week ${input.week}.`;
  const subject = `Qualcard ${input.week}: ${input.sponsorName}, ${counts['off-track']} off track, ${counts['at-risk']} at risk`;
  return render(input, to, subject, intro, sections);
}

const levelLine = (l: DigestLevel): string =>
  [
    `${l.title}: ${l.complete ? 'complete' : `${l.percent}%`}`,
    `items ${l.items.done}/${l.items.required}`,
    ...l.hours.map((h) => `${h.category} ${h.done}/${h.required} h`),
  ].join(', ');

/**
 * An apprentice's own message: their progress per level, what is missing, and their entries pending confirmation.
 * Composed from their record alone: nothing about any other apprentice. Sent every week (it is their progress).
 */
export function apprenticeDigest(input: DigestInput, a: DigestApprentice, to: string): DigestMessage {
  const sections: Section[] = [{ heading: 'Your progress', lines: a.levels.map(levelLine) }];
  if (a.gaps.length) sections.push(section('Still to do', a.gaps));
  const pending = a.waiting.map((w) => w.label);
  if (a.pendingForAdmin) pending.push(`${a.pendingForAdmin} prior credit, exam or certification entries (an admin's)`);
  if (pending.length) sections.push(section('Waiting for a confirmation', pending));
  const intro = `${a.name}, your Qualcard progress at ${input.sponsorName}, week ${input.week}: ${a.status.reason}`;
  const subject = `Qualcard ${input.week}: your progress at ${input.sponsorName}`;
  return render(input, to, subject, intro, sections, APPRENTICE_FOOTER);
}

/**
 * Every message of the sponsor's digest: one per coach with something to act on, one per admin or consultant, and
 * one per apprentice member when the sponsor turned apprentices' digests on.
 */
export function composeDigests(input: DigestInput): DigestMessage[] {
  const coaches = [...new Set(input.coaches)].sort();
  const forCoaches = coaches.flatMap((c) => coachDigest(input, c) ?? []);
  const staff = [...new Set(input.staff)].sort();
  const byId = new Map(input.apprentices.map((a) => [a.id, a]));
  const forApprentices = [...(input.apprenticeMembers ?? [])]
    .sort((a, b) => a.email.localeCompare(b.email))
    .flatMap((m) => {
      const a = byId.get(m.apprenticeId);
      return a ? [apprenticeDigest(input, a, m.email)] : [];
    });
  return [...forCoaches, ...staff.map((s) => summaryDigest(input, s)), ...forApprentices];
}

/** The ISO week of a calendar day ("2026-W48") and its ISO weekday (1 Monday .. 7 Sunday). */
export function isoWeek(day: string): { week: string; weekday: number } {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  // The week belongs to the year of its Thursday.
  const thursday = new Date(date.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { week: `${year}-W${String(week).padStart(2, '0')}`, weekday };
}
