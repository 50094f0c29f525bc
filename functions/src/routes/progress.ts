// GET progress and gaps: one apprentice, or every apprentice of a sponsor the caller may see.
import type { apprenticeProgress, sponsorProgress } from '@qualcard/shared/api';
import { firestore, paths } from '../db';
import { notFound } from '../http/errors';
import type { Handler } from '../http/router';
import { canSeeApprentice, requireRole } from '../membership';
import type { StoredProgress } from '../progress';
import { apprenticeAccess } from './access';
import { who } from './context';

export const apprenticeProgressRoute: Handler<typeof apprenticeProgress> = async ({ req, params, roles }) => {
  const { sponsorId: sid, apprenticeId: aid } = params;
  await apprenticeAccess(await who(req), sid, aid, roles, 'reading progress');
  const snap = await firestore()
    .doc(`${paths.progress(sid)}/${aid}`)
    .get();
  if (!snap.exists) throw notFound(`no progress stored for apprentice ${aid} yet: sync first`);
  return { body: snap.data() as StoredProgress };
};

export const sponsorProgressRoute: Handler<typeof sponsorProgress> = async ({ req, params, roles }) => {
  const sid = params.sponsorId;
  const member = await who(req);
  const membership = requireRole(member, sid, roles, 'reading progress');
  const db = firestore();
  let docs: StoredProgress[];
  if (membership.role === 'apprentice') {
    const snap = membership.apprenticeId
      ? await db.doc(`${paths.progress(sid)}/${membership.apprenticeId}`).get()
      : undefined;
    docs = snap?.exists ? [snap.data() as StoredProgress] : [];
  } else if (membership.role === 'coach') {
    const snap = await db.collection(paths.progress(sid)).where('coachEmails', 'array-contains', member.email).get();
    docs = snap.docs.map((d) => d.data() as StoredProgress);
  } else {
    docs = (await db.collection(paths.progress(sid)).get()).docs.map((d) => d.data() as StoredProgress);
  }
  const visible = docs.filter((d) =>
    canSeeApprentice(membership, member.email, { id: d.apprenticeId, coachEmails: d.coachEmails }),
  );
  return {
    body: { sponsorId: sid, apprentices: visible.sort((a, b) => a.apprenticeId.localeCompare(b.apprenticeId)) },
  };
};
