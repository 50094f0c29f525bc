// The admin's Weekly digests section: the service's settings as they are, and saving them (the service validates:
// an error names the field).
import { adminEndpoint } from './admin-check';
import { send } from './api/client';
import { type DigestBody, type DigestResponse, digestRequest, putDigestRequest } from './api/requests';
import type { DigestForm } from './sidebar-api';

const formOf = ({ digest }: DigestResponse): DigestForm => ({
  enabled: digest.enabled,
  weekday: digest.weekday,
  sheetUrl: digest.sheetUrl ?? '',
  apprentices: digest.apprentices ?? false,
});

export function getDigest(): DigestForm {
  return formOf(send<DigestResponse>(digestRequest(adminEndpoint('Weekly digests'))));
}

export function saveDigest(input: unknown): DigestForm {
  const i = (input ?? {}) as Partial<DigestForm>;
  const sheetUrl = typeof i.sheetUrl === 'string' ? i.sheetUrl.trim() : '';
  // Sent as typed: the contract's schema checks each field and the service's error names it.
  const body = {
    enabled: i.enabled,
    weekday: i.weekday,
    apprentices: i.apprentices,
    ...(sheetUrl ? { sheetUrl } : {}),
  } as DigestBody;
  return formOf(send<DigestResponse>(putDigestRequest(adminEndpoint('Save weekly digests'), body)));
}
