// Sends an ApiRequest with UrlFetchApp (the shared client core's Apps Script transport).
import type { RetryPolicy } from '@qualcard/shared/api/client/retry';
import { sendWithUrlFetch } from '@qualcard/shared/api/client/urlfetch';
import type { ApiRequest } from './requests';

export const send = <T>(req: ApiRequest, policy?: RetryPolicy): T => sendWithUrlFetch<T>(req, policy);
