// Inputs that once answered 500 or stored something else than was sent (issue 19): every one is the API's 400,
// answered at once, naming the field, and nothing is written.
import * as api from '@qualcard/shared/api/routes';
import { ADMIN, acme, ann, COACH, call, db, scenario } from './kit';

beforeAll(() => scenario(acme({ coaches: [COACH], apprentices: [ann({ signed: 2 })], sync: { asOf: null } })));

// Both parts of a page token become a Firestore cursor: "..", "." or "__x__" are not document ids.
test.each(['acme/..', 'acme/.', 'acme/__x__', '../ann', 'acme/ann/x'])(
  'a cohort pageToken %p is a 400 naming pageToken, answered at once',
  async (pageToken) => {
    const started = Date.now();
    const res = await call(api.cohort, { as: ADMIN, query: { sponsorId: 'acme', pageToken } });
    expect(res.status).toBe(400);
    expect(res.error.message).toMatch(/pageToken/);
    expect(Date.now() - started).toBeLessThan(2000);
  },
);

test('a cohort pageToken made of two ids still pages', async () => {
  const res = await call(api.cohort, { as: ADMIN, query: { sponsorId: 'acme', pageToken: 'acme/a' } });
  expect(res.status).toBe(200);
  expect(res.body.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
});

test('a digest sheetUrl holding half an emoji is a 400 naming sheetUrl, like every other text, and nothing is stored', async () => {
  const sheetUrl = 'https://docs.google.com/spreadsheets/d/acme\ud83d/edit';
  const res = await call(api.putDigest, {
    as: ADMIN,
    params: { sponsorId: 'acme' },
    body: { enabled: true, weekday: 2, sheetUrl },
  });
  expect(res.status).toBe(400);
  expect(res.error.message).toMatch(/^sheetUrl: .*lone UTF-16 surrogate/);
  expect((await db().doc('sponsors/acme').get()).get('digest')).toBeUndefined();
});
