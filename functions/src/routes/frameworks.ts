// The framework registry over HTTP: list and read (any member), publish and migrate (admin).
import { Id } from '@qualcard/shared';
import type {
  getFramework,
  getFrameworkVersion,
  listFrameworks as listRoute,
  migration,
  publishFramework as publishRoute,
} from '@qualcard/shared/api';
import { fromZod, notFound } from '../http/errors';
import type { Handler } from '../http/router';
import { requireRole } from '../membership';
import { migrate } from '../migrate';
import { listFrameworks, publishFramework, resolveFramework } from '../registry';
import { who } from './context';

/** Path segments name Firestore documents: each must be an id (400 naming the segment). */
function checkIds(segments: Record<string, string | undefined>): void {
  for (const [field, value] of Object.entries(segments)) {
    const parsed = value === undefined ? undefined : Id.safeParse(value);
    if (parsed && !parsed.success) throw fromZod(parsed.error, [field]);
  }
}

export const listFrameworksRoute: Handler<typeof listRoute> = async ({ req, params, roles }) => {
  requireRole(await who(req), params.sponsorId, roles, 'listing frameworks');
  return { body: { frameworks: await listFrameworks(params.sponsorId) } };
};

export const getFrameworkRoute: Handler<typeof getFramework | typeof getFrameworkVersion> = async (call) => {
  const { sponsorId: sid, frameworkId: fid } = call.params;
  const version = 'version' in call.params ? call.params.version : undefined;
  requireRole(await who(call.req), sid, call.roles, 'reading a framework');
  checkIds({ frameworkId: fid, version });
  const found = await resolveFramework(sid, fid, version);
  if (!found) throw notFound(`no framework "${fid}"${version ? ` version "${version}"` : ''} for sponsor ${sid}`);
  return { body: found };
};

export const publishFrameworkRoute: Handler<typeof publishRoute> = async ({ req, params, roles, body }) => {
  const sid = params.sponsorId;
  const member = await who(req);
  requireRole(member, sid, roles, 'publishing a framework');
  const published = await publishFramework(sid, body().framework, member.email);
  return { status: published.created ? 201 : 200, body: published };
};

export const migrationRoute: Handler<typeof migration> = async ({ req, params, roles, body }) => {
  const { sponsorId: sid, frameworkId: fid } = params;
  const member = await who(req);
  requireRole(member, sid, roles, 'moving apprentices to another framework version');
  checkIds({ frameworkId: fid });
  return { body: await migrate(sid, fid, body(), member.email) };
};
