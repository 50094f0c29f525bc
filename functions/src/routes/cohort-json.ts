// Route cohort: the cohort as JSON pages for the consultant's sheets (usecases/cohort.ts cohortPage).
import type { cohort } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import { cohortPage } from '../usecases/cohort';
import { signedIn } from './context';

export const cohortJsonRoute: Handler<typeof cohort> = async ({ req, roles, query }) => {
  const { deps, member } = await signedIn(req);
  return { body: await cohortPage(deps, member, roles, query()) };
};
