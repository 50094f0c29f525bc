// Every method the contract uses goes out as itself: UrlFetchApp's lower-case name in the add-on, the method as it
// is through Node's fetch (the emulator tests), and the functions' router matches it. A removal (DELETE) is sent
// once, never retried: a second send of it would be answered 404.
import { installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { type AnyRoute, ROUTES } from '../../shared/src/api';
import { requestFor } from '../../shared/src/api/client/request';
import { sendWithUrlFetch } from '../../shared/src/api/client/urlfetch';
import * as api from '../../shared/src/api/routes';

const BASE = 'https://us-central1-demo.cloudfunctions.net/api';

test("UrlFetchApp is asked for each of the contract's methods by its own name", () => {
  const fake = installFakeAppsScript({ fetch: () => ({ status: 200, body: '{}' }) });
  try {
    const methods = [...new Set((ROUTES as readonly AnyRoute[]).map((r) => r.method))].sort();
    expect(methods).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
    for (const method of methods) sendWithUrlFetch({ method, url: `${BASE}/x`, route: 'x' });
    expect(fake.fetches.map((f) => f.params.method)).toEqual(['delete', 'get', 'post', 'put']);
  } finally {
    fake.uninstall();
  }
});

test('removing a member is a DELETE of its path, sent once even when the service is busy', () => {
  const fake = installFakeAppsScript({ fetch: () => ({ status: 503, body: '{"error":{"message":"busy"}}' }) });
  try {
    const req = requestFor(BASE, api.deleteMember, { params: { sponsorId: 'acme', email: 'a.b@acme.example' } });
    expect(req).toEqual({
      method: 'DELETE',
      url: `${BASE}/v1/sponsors/acme/members/a.b%40acme.example`,
      route: 'delete-member',
    });
    expect(() => sendWithUrlFetch(req)).toThrow(/503/);
    expect(fake.fetches.map((f) => [f.params.method, f.params.payload])).toEqual([['delete', undefined]]);
  } finally {
    fake.uninstall();
  }
});

test("the functions' router serves DELETE on the member's path and refuses other methods there", async () => {
  const { router } = await import('../../functions/src/app');
  const onPath = router.routes().filter((r) => r.path === api.deleteMember.path);
  expect(onPath.map((r) => r.method).sort()).toEqual(['DELETE', 'PUT']);
});
