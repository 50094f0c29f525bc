// The framework registry's use cases: list and read (any member), publish (admin). Migrating is usecases/migrate.ts.
import { type Framework, Id } from '@qualcard/shared';
import type { PublishAnswer, RegistryEntry, ResolvedFramework } from '@qualcard/shared/api';
import { invalidFromZod, NotFound } from '../domain/errors';
import { type Member, type Role, requireRole } from '../domain/members';
import { publishFramework, listFrameworks as registryList, resolveFramework } from '../registry';
import type { Deps, Input } from './deps';

/** Path segments name Firestore documents: each must be an id (Invalid naming the segment). */
export function checkIds(segments: Record<string, string | undefined>): void {
  for (const [field, value] of Object.entries(segments)) {
    const parsed = value === undefined ? undefined : Id.safeParse(value);
    if (parsed && !parsed.success) throw invalidFromZod(parsed.error, [field]);
  }
}

type Sponsor = { sid: string; roles: Role[] };

export async function listFrameworks({ db }: Deps, member: Member, { sid, roles }: Sponsor): Promise<RegistryEntry[]> {
  requireRole(member, sid, roles, 'listing frameworks');
  return registryList(db, sid);
}

export async function readFramework(
  { db }: Deps,
  member: Member,
  { sid, roles, fid, version }: Sponsor & { fid: string; version?: string },
): Promise<ResolvedFramework> {
  requireRole(member, sid, roles, 'reading a framework');
  checkIds({ frameworkId: fid, version });
  const found = await resolveFramework(db, sid, fid, version);
  if (!found) throw new NotFound(`no framework "${fid}"${version ? ` version "${version}"` : ''} for sponsor ${sid}`);
  return found;
}

export async function publish(
  { db }: Deps,
  member: Member,
  { sid, roles }: Sponsor,
  read: Input<{ framework: Framework }>,
): Promise<PublishAnswer> {
  requireRole(member, sid, roles, 'publishing a framework');
  return publishFramework(db, sid, read().framework, member.email);
}
