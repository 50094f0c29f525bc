// The framework registry's routes: list and read (any member), publish and migrate (admin); usecases/frameworks.ts
// and usecases/migrate.ts.
import type {
  getFramework,
  getFrameworkVersion,
  listFrameworks as listRoute,
  migration,
  publishFramework as publishRoute,
} from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { listFrameworks, publish, readFramework } from '../usecases/frameworks';
import { migrate } from '../usecases/migrate';
import { signedIn } from './context';

export const listFrameworksRoute: Handler<typeof listRoute> = async ({ req, params, roles }) => {
  const { deps, member } = await signedIn(req);
  return { body: { frameworks: await listFrameworks(deps, member, { sid: params.sponsorId, roles }) } };
};

export const getFrameworkRoute: Handler<typeof getFramework | typeof getFrameworkVersion> = async (call) => {
  const { sponsorId: sid, frameworkId: fid } = call.params;
  const version = 'version' in call.params ? call.params.version : undefined;
  const { deps, member } = await signedIn(call.req);
  return { body: await readFramework(deps, member, { sid, roles: call.roles, fid, version }) };
};

export const publishFrameworkRoute: Handler<typeof publishRoute> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  const published = await publish(deps, member, { sid: params.sponsorId, roles }, body);
  return { status: published.created ? 201 : 200, body: published };
};

export const migrationRoute: Handler<typeof migration> = async ({ req, params, roles, body }) => {
  const { deps, member } = await signedIn(req);
  return { body: await migrate(deps, member, { sid: params.sponsorId, fid: params.frameworkId, roles }, body) };
};
