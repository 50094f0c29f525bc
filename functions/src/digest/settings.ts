// A sponsor's digest settings (sponsors/{sid}.digest), off until an admin turns them on (PUT /v1/sponsors/:sid/digest).
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import * as z from 'zod';

/** The admin's spreadsheet, the link every message carries. */
export const SheetUrl = z
  .string()
  .max(2000)
  .regex(/^https:\/\/docs\.google\.com\/spreadsheets\/\S+$/, 'must be a https://docs.google.com/spreadsheets/... URL');

export const DigestSettings = z
  .object({
    enabled: z.boolean(),
    /** ISO weekday in the sponsor's time zone: 1 Monday .. 7 Sunday. */
    weekday: z.number().int().min(1).max(7),
    sheetUrl: SheetUrl.optional(),
  })
  .strict();
export type DigestSettings = z.infer<typeof DigestSettings>;

/** The stored settings, or undefined (off) when there are none or they do not parse. */
export function digestOf(snap: DocumentSnapshot): DigestSettings | undefined {
  const parsed = DigestSettings.safeParse(snap.get('digest'));
  return parsed.success ? parsed.data : undefined;
}
