// Route learnerRecord (usecases/learner-record.ts): the signed CLR as a JSON-LD file.
import { CLR_FILE_TYPE, type learnerRecord } from '@qualcard/shared/api';
import type { Handler } from '../http/router';
import * as usecase from '../usecases/learner-record';
import { signedIn } from './context';

export const learnerRecordRoute: Handler<typeof learnerRecord> = async ({ req, res, params, roles }) => {
  const { deps, member } = await signedIn(req);
  const on = { sid: params.sponsorId, aid: params.apprenticeId, roles };
  const r = await usecase.learnerRecord(deps, member, on);
  const file = `learner-record-${on.aid}-${r.asOf}.json`.replace(/[^A-Za-z0-9._-]+/g, '-');
  res.set({
    'Content-Type': CLR_FILE_TYPE,
    'Content-Disposition': `attachment; filename="${file}"`,
    'X-Qualcard-SHA256': r.sha256,
  });
  res.status(200).send(r.json);
  return undefined;
};
