import { apiUrl } from './kit/env';

test('the api function answers through the functions emulator', async () => {
  const res = await fetch(`${apiUrl()}/v1/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true });
});
