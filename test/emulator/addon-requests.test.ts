// The add-on's own request builders and response parsing (addon/src/api/requests.ts) against the real API on the
// emulators: what UrlFetchApp would send, with an ID token like ScriptApp.getIdentityToken()'s.
import { createHash } from 'node:crypto';
import { ApprenticeRecord } from '@qualcard/shared';
import {
  ApiError,
  downloadRequest,
  parseResponse,
  progressRequest,
  type SignOffResponse,
  type SyncResponse,
  signOffRequest,
  syncRequest,
  type TranscriptMeta,
  transcriptRequest,
} from '../../addon/src/api/requests';
import { sendWithFetch } from '../../addon/test-support/node-send';
import { mintIdToken } from '../../scripts/emulator-key';
import { ADMIN, acme, ann as annAt, COACH, scenario } from './kit';
import { apiUrl } from './kit/env';

const endpoint = () => ({ baseUrl: apiUrl(), sponsorId: 'acme' });
const ann = () => ApprenticeRecord.parse(annAt({ signed: 5, hoursPerCategory: 16 }));

beforeEach(() => scenario(acme()));

test('sync, sign-off, progress, transcript export and download as the add-on sends them', async () => {
  const synced = await sendWithFetch<SyncResponse>(
    syncRequest(endpoint(), { idempotencyKey: 'addon-sync-0001', records: [ann()] }),
    mintIdToken({ email: ADMIN }),
  );
  expect(synced.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
  const signed = await sendWithFetch<SignOffResponse>(
    signOffRequest(endpoint(), 'ann', ['HD1.2.1']),
    mintIdToken({ email: COACH }),
  );
  expect(signed).toMatchObject({ signed: ['HD1.2.1'], coachEmail: COACH });
  const progress = await sendWithFetch<{ apprentices: { apprenticeId: string }[] }>(
    progressRequest(endpoint()),
    mintIdToken({ email: COACH }),
  );
  expect(progress.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
  const meta = await sendWithFetch<TranscriptMeta>(transcriptRequest(endpoint(), 'ann'), mintIdToken({ email: COACH }));
  const file = await sendWithFetch<{ base64: string; contentType: string }>(
    downloadRequest(endpoint(), 'ann', meta.id),
    mintIdToken({ email: 'ann@apprentice.example' }),
  );
  expect(file.contentType).toBe(meta.contentType);
  expect(Buffer.from(file.base64, 'base64').length).toBe(meta.size);
  expect(createHash('sha256').update(Buffer.from(file.base64, 'base64')).digest('hex')).toBe(
    (meta as TranscriptMeta & { sha256: string }).sha256,
  );
});

test("the add-on turns the API's errors into messages a person can act on", async () => {
  const err = await sendWithFetch(
    signOffRequest(endpoint(), 'ann', ['HD1.2.1']),
    mintIdToken({ email: 'stranger@else.example' }),
  ).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(403);
  expect((err as ApiError).message).toMatch(/not a member of sponsor acme.*no access/);
  const bad = await sendWithFetch(
    syncRequest(endpoint(), { idempotencyKey: 'short', records: [ann()] }),
    mintIdToken({ email: ADMIN }),
  ).catch((e: unknown) => e);
  expect((bad as ApiError).status).toBe(400);
  expect((bad as ApiError).message).toMatch(/idempotencyKey/);
  expect(() => parseResponse(500, 'not json')).toThrow(ApiError);
});
