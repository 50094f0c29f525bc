// The sponsor's people through the real API: an admin lists them, gives and removes staff roles; apprentices' roles
// come from the roster and are not changed here; a sponsor always keeps an admin, even when two admins act at once.
// Also the digest settings read, and /v1/me naming the sponsor and the apprentice.
import * as api from '@qualcard/shared/api/routes';
import {
  ADMIN,
  acme,
  ann,
  apprenticeEmail,
  COACH,
  CONSULTANT,
  call,
  db,
  GLOBEX_ADMIN,
  globex,
  type Reply,
  refusedUnchanged,
  scenario,
  seedOnce,
} from './kit';

const ANN = apprenticeEmail('ann');
const ADMIN2 = 'second.admin@acme.example';
const acmeId = { sponsorId: 'acme' };

const fixture = seedOnce(() =>
  scenario(
    acme({ coaches: [COACH], consultants: [CONSULTANT], apprentices: [ann({ signed: 2 })] }),
    globex({ consultants: [CONSULTANT] }),
  ),
);

const list = (as: string) => call(api.listMembers, { as, params: acmeId });
const put = (as: string, email: string, role: 'admin' | 'coach' | 'consultant') =>
  call(api.putMember, { as, params: { sponsorId: 'acme', email }, body: { role } });
const remove = (as: string, email: string) => call(api.deleteMember, { as, params: { sponsorId: 'acme', email } });
const rolesOf = async (email: string) => (await db().doc(`members/${email}`).get()).get('sponsors');

/** Sends a request that must be refused with `status`, and checks that it wrote nothing. */
const refused = (status: number, send: () => Promise<Reply>): Promise<Reply> => refusedUnchanged(status, send);

describe('list members', () => {
  test('an admin sees everyone with a role: staff first, then apprentices with their record', async () => {
    const res = await list(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sponsorId: 'acme',
      members: [
        { email: ADMIN, role: 'admin' },
        { email: COACH, role: 'coach' },
        { email: CONSULTANT, role: 'consultant' },
        { email: ANN, role: 'apprentice', apprenticeId: 'ann' },
      ],
    });
  });
  test('nobody else lists them: coach, consultant, apprentice, another sponsor', async () => {
    for (const as of [COACH, CONSULTANT, ANN, GLOBEX_ADMIN])
      expect({ as, status: (await list(as)).status }).toEqual({ as, status: 403 });
  });
});

describe('set a role', () => {
  test('an admin gives a staff role and changes it; the person shows in the list', async () => {
    fixture.changes();
    expect((await put(ADMIN, ADMIN2, 'coach')).body).toEqual({ email: ADMIN2, sponsorId: 'acme', role: 'coach' });
    expect((await put(ADMIN, ADMIN2, 'admin')).status).toBe(200);
    expect(await rolesOf(ADMIN2)).toEqual({ acme: { role: 'admin' } });
    expect((await list(ADMIN)).body.members.filter((m) => m.role === 'admin').map((m) => m.email)).toEqual(
      [ADMIN, ADMIN2].sort(),
    );
  });
  test("an apprentice's role is the roster's: 409, and it stays", async () => {
    const res = await refused(409, () => put(ADMIN, ANN, 'coach'));
    expect(res.error.message).toContain('apprentices leave with the roster: remove their roster row');
    expect(await rolesOf(ANN)).toEqual({ acme: { role: 'apprentice', apprenticeId: 'ann' } });
  });
  test('the only admin cannot be demoted: 409 saying to make someone else admin first', async () => {
    const res = await refused(409, () => put(ADMIN, ADMIN, 'coach'));
    expect(res.error.message).toContain('a sponsor keeps at least one admin: make someone else admin first');
  });
  test('a bad email is a 400 naming it; a coach may not set roles', async () => {
    const bad = await refused(400, () => put(ADMIN, 'not-an-email', 'coach'));
    expect(bad.error.details.issues[0]!.path).toBe('email');
    await refused(403, () => put(COACH, 'x@acme.example', 'coach'));
  });
});

describe('remove a member', () => {
  test('an admin removes a staff role; the roles in other sponsors stay, and the access goes', async () => {
    fixture.changes();
    const res = await remove(ADMIN, CONSULTANT);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: CONSULTANT, sponsorId: 'acme', removed: 'consultant' });
    expect(await rolesOf(CONSULTANT)).toEqual({ globex: { role: 'consultant' } });
    expect((await call(api.sponsorProgress, { as: CONSULTANT, params: acmeId })).status).toBe(403);
    expect((await call(api.sponsorProgress, { as: CONSULTANT, params: { sponsorId: 'globex' } })).status).toBe(200);
    expect((await list(ADMIN)).body.members.map((m) => m.email)).not.toContain(CONSULTANT);
  });
  test('404 for an email with no role in the sponsor (none at all, or only in another sponsor)', async () => {
    for (const email of ['nobody@acme.example', GLOBEX_ADMIN]) {
      const res = await refused(404, () => remove(ADMIN, email));
      expect(res.error.message).toContain(`${email} has no role in sponsor acme`);
    }
  });
  test('409 for an apprentice and for the last admin, with what to do instead', async () => {
    const apprentice = await refused(409, () => remove(ADMIN, ANN));
    expect(apprentice.error.message).toContain('apprentices leave with the roster: remove their roster row');
    const last = await refused(409, () => remove(ADMIN, ADMIN));
    expect(last.error.message).toContain('a sponsor keeps at least one admin: make someone else admin first');
  });
  test('403 for anyone but an admin of the sponsor; 400 naming a bad email', async () => {
    for (const as of [COACH, CONSULTANT, ANN, GLOBEX_ADMIN]) await refused(403, () => remove(as, COACH));
    const bad = await refused(400, () => remove(ADMIN, 'not-an-email'));
    expect(bad.error.details.issues[0]!.path).toBe('email');
  });
});

describe('two admins at once never leave the sponsor without one', () => {
  const admins = async () => (await list(ADMIN2)).body.members.filter((m) => m.role === 'admin').map((m) => m.email);

  test('each demotes themselves at the same time: one succeeds, the other is the last admin (409)', async () => {
    fixture.changes();
    expect((await put(ADMIN, ADMIN2, 'admin')).status).toBe(200);
    const [a, b] = await Promise.all([put(ADMIN, ADMIN, 'coach'), put(ADMIN2, ADMIN2, 'coach')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.error.message).toContain('a sponsor keeps at least one admin');
    const left = (await list(a.status === 409 ? ADMIN : ADMIN2)).body.members.filter((m) => m.role === 'admin');
    expect(left).toHaveLength(1);
  });
  test('each removes the other at the same time: exactly one admin is left', async () => {
    fixture.changes();
    expect((await put(ADMIN, ADMIN2, 'admin')).status).toBe(200);
    expect(await admins()).toEqual([ADMIN, ADMIN2].sort());
    const [a, b] = await Promise.all([remove(ADMIN, ADMIN2), remove(ADMIN2, ADMIN)]);
    // The loser's transaction is retried after the winner's: by then the loser is no admin (403) or the other is the
    // last one (409); never both removed.
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    expect([403, 409]).toContain(a.status === 200 ? b.status : a.status);
    const winner = a.status === 200 ? ADMIN : ADMIN2;
    const snap = await db().collection('members').where('sponsors.acme.role', '==', 'admin').get();
    expect(snap.docs.map((d) => d.id)).toEqual([winner]);
  });
});

describe('digest settings', () => {
  test('off when never set; then what the admin set; only an admin reads them', async () => {
    fixture.changes();
    const get = (as: string) => call(api.getDigest, { as, params: acmeId });
    expect((await get(ADMIN)).body).toEqual({ sponsorId: 'acme', digest: { enabled: false, weekday: 1 } });
    const digest = { enabled: true, weekday: 3, apprentices: true };
    expect((await call(api.putDigest, { as: ADMIN, params: acmeId, body: digest })).status).toBe(200);
    expect((await get(ADMIN)).body).toEqual({ sponsorId: 'acme', digest });
    for (const as of [COACH, CONSULTANT, ANN, GLOBEX_ADMIN]) expect((await get(as)).status).toBe(403);
  });
});

describe('/v1/me', () => {
  test("names each sponsor, and an apprentice's own name as the roster synced it", async () => {
    expect((await call(api.me, { as: ANN })).body).toEqual({
      email: ANN,
      sponsors: {
        acme: { role: 'apprentice', apprenticeId: 'ann', sponsorName: 'Acme IT', apprenticeName: 'Apprentice ann' },
      },
    });
    expect((await call(api.me, { as: ADMIN })).body.sponsors).toEqual({
      acme: { role: 'admin', sponsorName: 'Acme IT' },
    });
  });
  test('no name where there is none: a sponsor without a document, an apprentice not synced yet', async () => {
    fixture.changes();
    const cal = apprenticeEmail('cal');
    await db()
      .doc(`members/${cal}`)
      .set({ email: cal, sponsors: { acme: { role: 'apprentice', apprenticeId: 'cal' }, ghost: { role: 'coach' } } });
    expect((await call(api.me, { as: cal })).body.sponsors).toEqual({
      acme: { role: 'apprentice', apprenticeId: 'cal', sponsorName: 'Acme IT' },
      ghost: { role: 'coach' },
    });
  });
});
