// In the Apps Script bundle this module stands in for shared/src/frameworks-data.ts (addon/build.ts swaps them):
// the shipped frameworks as one gzipped, base64 JSON string that the build checked (checkShippedFrameworks), about
// 50 KB instead of 165 KB of object literals that every execution would evaluate. Decoded on first use only.
import type { Framework } from '@qualcard/shared';

/** Set by the build (esbuild `define`): base64 of the gzipped JSON array of the checked frameworks. */
declare const QUALCARD_SHIPPED_FRAMEWORKS: string;

export function loadShippedFrameworks(): Framework[] {
  const gzipped = Utilities.newBlob(Utilities.base64Decode(QUALCARD_SHIPPED_FRAMEWORKS), 'application/x-gzip');
  return JSON.parse(Utilities.ungzip(gzipped).getDataAsString('UTF-8')) as Framework[];
}
