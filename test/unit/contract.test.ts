// The contract is the one definition of the API: the functions serve exactly its routes, each once, and the
// endpoint table in functions/README.md is generated from it.
import { readFileSync } from 'node:fs';
import { type AnyRoute, paramNames, pathOf, ROUTES } from '../../shared/src/api';
import { API_README, withTable } from '../../tools/write-api-table';

test('the functions serve every route of the contract, once, and nothing else', async () => {
  const { router } = await import('../../functions/src/app');
  const served = router.routes();
  expect(new Set(served)).toEqual(new Set(ROUTES));
  const keys = ROUTES.map((r: AnyRoute) => `${r.method} ${r.path}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(new Set(ROUTES.map((r: AnyRoute) => r.name)).size).toBe(ROUTES.length);
});

test('every route names its roles, answers at least one status, and bounds any body it takes', () => {
  for (const r of ROUTES as readonly AnyRoute[]) {
    expect(r.statuses.length).toBeGreaterThan(0);
    if (Array.isArray(r.roles)) expect(r.roles.length).toBeGreaterThan(0);
    if (r.body) expect(r.maxBodyBytes).toBeGreaterThan(0);
    if (r.method !== 'GET' && r.method !== 'DELETE' && !r.body)
      throw new Error(`${r.name}: a ${r.method} with no body schema`);
  }
});

test('paths are built from the pattern, every parameter encoded', () => {
  const [route] = ROUTES.filter((r: AnyRoute) => r.name === 'confirmations');
  expect(paramNames(route!.path)).toEqual(['sponsorId', 'apprenticeId']);
  expect(pathOf(route!, { sponsorId: 'acme', apprenticeId: 'A 1/2' } as never)).toBe(
    '/v1/sponsors/acme/apprentices/A%201%2F2/confirmations',
  );
  expect(() => pathOf(route!, { sponsorId: 'acme' } as never)).toThrow(/no value for :apprenticeId/);
});

test("functions/README.md's endpoint table is the one generated from the contract (npm run api-table)", () => {
  const readme = readFileSync(API_README, 'utf8');
  expect(readme).toBe(withTable(readme));
});
