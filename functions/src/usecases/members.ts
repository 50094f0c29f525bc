// Sponsor administration: an admin lists the sponsor's people, gives a staff member (admin, coach, consultant) a role
// or removes it; the digest settings. Apprentices' roles come from the roster (sync) and are not changed here, and a
// sponsor always keeps an admin.
import {
  type DigestSettings,
  MEMBERS,
  type MeAnswer,
  type MemberAnswer,
  type MemberListAnswer,
  type MemberRemovedAnswer,
  type Role,
} from '@qualcard/shared/api';
import { Conflict, Forbidden, NotFound } from '../domain/errors';
import { type Member, requireRole, type SponsorMembership } from '../domain/members';
import { changeMembership, membershipsIn } from '../store/members';
import { readNames } from '../store/names';
import { readSponsor, setDigest } from '../store/sponsors';
import type { Deps, Input } from './deps';

type Sponsor = { sid: string; roles: Role[] };

/** What the sponsor's digest is when an admin never set it: off. */
export const DIGEST_OFF: DigestSettings = { enabled: false, weekday: 1 };

const APPRENTICE_ROLE = 'apprentices leave with the roster: remove their roster row';
const LAST_ADMIN = 'a sponsor keeps at least one admin: make someone else admin first';

/**
 * The checks every change of a staff role makes, on the state read in the change's transaction: the caller is still
 * an admin, the email is not an apprentice's, and the last admin stays one.
 */
function checkChange(
  member: Member,
  sid: string,
  email: string,
  current: SponsorMembership | undefined,
  admins: string[],
  next: Role | null,
): void {
  if (!admins.includes(member.email)) throw new Forbidden(`${member.email} is no longer an admin of sponsor ${sid}`);
  if (current?.role === 'apprentice')
    throw new Conflict(`${email} is an apprentice of sponsor ${sid}: ${APPRENTICE_ROLE}`);
  if (current?.role === 'admin' && next !== 'admin' && admins.length <= 1)
    throw new Conflict(`${email} is the only admin of sponsor ${sid}: ${LAST_ADMIN}`);
}

/** The caller's roles, with each sponsor's name and, where they are an apprentice, their own name. */
export async function whoAmI({ db }: Deps, member: Member): Promise<MeAnswer> {
  const entries = Object.entries(member.sponsors);
  const names = await readNames(
    db,
    entries.map(([sid, m]) => ({ sid, aid: m.role === 'apprentice' ? m.apprenticeId : undefined })),
  );
  return {
    email: member.email,
    sponsors: Object.fromEntries(entries.map(([sid, m], i) => [sid, { ...m, ...names[i] }])),
  };
}

/** Everyone with a role in the sponsor: staff first (admins, coaches, consultants), then apprentices; by email. */
export async function listMembers({ db }: Deps, member: Member, { sid, roles }: Sponsor): Promise<MemberListAnswer> {
  requireRole(member, sid, roles, 'listing members');
  const order = (r: Role) => MEMBERS.indexOf(r);
  const members = (await membershipsIn(db, sid))
    .map(([email, m]) => ({ email, role: m.role, ...(m.apprenticeId ? { apprenticeId: m.apprenticeId } : {}) }))
    .sort((a, b) => order(a.role) - order(b.role) || a.email.localeCompare(b.email));
  return { sponsorId: sid, members };
}

/** `email` is parsed by the route (it is a path segment) once the caller may set roles. */
export async function setRole(
  { db }: Deps,
  member: Member,
  { sid, roles }: Sponsor,
  read: Input<{ email: string; role: Exclude<Role, 'apprentice'> }>,
): Promise<MemberAnswer> {
  requireRole(member, sid, roles, 'setting roles');
  const { email, role } = read();
  await changeMembership(db, sid, email, (current, admins) => {
    checkChange(member, sid, email, current, admins, role);
    return { role };
  });
  return { email, sponsorId: sid, role };
}

/** Removes a staff role; the person's roles in other sponsors stay. */
export async function removeMember(
  { db }: Deps,
  member: Member,
  { sid, roles }: Sponsor,
  read: Input<string>,
): Promise<MemberRemovedAnswer> {
  requireRole(member, sid, roles, 'removing members');
  const email = read();
  let removed: Role | undefined;
  await changeMembership(db, sid, email, (current, admins) => {
    if (!current) throw new NotFound(`${email} has no role in sponsor ${sid}`);
    checkChange(member, sid, email, current, admins, null);
    removed = current.role;
    return null;
  });
  return { email, sponsorId: sid, removed: removed! };
}

export async function digestOf({ db }: Deps, member: Member, { sid, roles }: Sponsor): Promise<DigestSettings> {
  requireRole(member, sid, roles, 'reading the digest settings');
  return (await readSponsor(db, sid)).digest ?? DIGEST_OFF;
}

export async function digestSettings(
  { db }: Deps,
  member: Member,
  { sid, roles }: Sponsor,
  read: Input<DigestSettings>,
): Promise<DigestSettings> {
  requireRole(member, sid, roles, 'setting the digest');
  const digest = read();
  await setDigest(db, sid, digest);
  return digest;
}
