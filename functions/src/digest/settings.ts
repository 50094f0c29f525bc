// A sponsor's digest settings (sponsors/{sid}.digest), off until an admin turns them on (route putDigest).
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
