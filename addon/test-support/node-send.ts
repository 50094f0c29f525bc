// For integration tests against the functions emulator: the add-on's ApiRequests sent by the shared client core's
// Node transport (fetch), with the same retries and answer parsing as the add-on's UrlFetchApp transport.
import { sendWithFetch as send } from '@qualcard/shared/api/client/fetch';
import { RETRY_POLICY, type RetryPolicy } from '@qualcard/shared/api/client/retry';
import type { ApiRequest } from '../src/api/requests';

export const sendWithFetch = <T>(req: ApiRequest, idToken: string, policy: RetryPolicy = RETRY_POLICY): Promise<T> =>
  send<T>(req, idToken, { policy });
