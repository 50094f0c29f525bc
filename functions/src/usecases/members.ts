// Sponsor administration: an admin gives a staff member (admin, coach, consultant) a role; the digest settings.
import type { DigestSettings, Role } from '@qualcard/shared/api';
import { type Member, requireRole } from '../domain/members';
import { setRole as storeRole } from '../store/members';
import { setDigest } from '../store/sponsors';
import type { Deps, Input } from './deps';

type Sponsor = { sid: string; roles: Role[] };

/** `email` is parsed by the route (it is a path segment) once the caller may set roles. */
export async function setRole(
  { db }: Deps,
  member: Member,
  { sid, roles }: Sponsor,
  read: Input<{ email: string; role: Role }>,
): Promise<{ email: string; sponsorId: string; role: Role }> {
  requireRole(member, sid, roles, 'setting roles');
  const { email, role } = read();
  await storeRole(db, email, sid, { role });
  return { email, sponsorId: sid, role };
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
