// The framework registry over HTTP: list and read (any member), publish and migrate (admin).

import { Id } from '@qualcard/shared';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { parseBody } from '../http/body';
import { fromZod, notFound } from '../http/errors';
import { requireRole } from '../membership';
import { migrate } from '../migrate';
import { listFrameworks, publishFramework, resolveFramework } from '../registry';
import { MAX_FRAMEWORK_BODY_BYTES, MAX_SMALL_BODY_BYTES, MigrationRequest, PublishRequest } from '../schemas';
import { who } from './context';

const MEMBERS = ['admin', 'coach', 'consultant', 'apprentice'] as const;

/** Path segments name Firestore documents: each must be an id (400 naming the segment). */
function checkIds(segments: Record<string, string | undefined>): void {
  for (const [field, value] of Object.entries(segments)) {
    const parsed = value === undefined ? undefined : Id.safeParse(value);
    if (parsed && !parsed.success) throw fromZod(parsed.error, [field]);
  }
}

export async function listFrameworksRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const sid = params.sponsorId!;
  requireRole(await who(req), sid, [...MEMBERS], 'listing frameworks');
  res.json({ frameworks: await listFrameworks(sid) });
}

export async function getFrameworkRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const {
    sponsorId: sid,
    frameworkId: fid,
    version,
  } = params as { sponsorId: string; frameworkId: string; version?: string };
  requireRole(await who(req), sid, [...MEMBERS], 'reading a framework');
  checkIds({ frameworkId: fid, version });
  const found = await resolveFramework(sid, fid, version);
  if (!found) throw notFound(`no framework "${fid}"${version ? ` version "${version}"` : ''} for sponsor ${sid}`);
  res.json(found);
}

export async function publishFrameworkRoute(
  req: Request,
  res: Response,
  params: Record<string, string>,
): Promise<void> {
  const sid = params.sponsorId!;
  const member = await who(req);
  requireRole(member, sid, ['admin'], 'publishing a framework');
  const body = parseBody(req, PublishRequest, MAX_FRAMEWORK_BODY_BYTES);
  const published = await publishFramework(sid, body.framework, member.email);
  res.status(published.created ? 201 : 200).json(published);
}

export async function migrationRoute(req: Request, res: Response, params: Record<string, string>): Promise<void> {
  const { sponsorId: sid, frameworkId: fid } = params as { sponsorId: string; frameworkId: string };
  const member = await who(req);
  requireRole(member, sid, ['admin'], 'moving apprentices to another framework version');
  checkIds({ frameworkId: fid });
  const body = parseBody(req, MigrationRequest, MAX_SMALL_BODY_BYTES);
  res.json(await migrate(sid, fid, body, member.email));
}
