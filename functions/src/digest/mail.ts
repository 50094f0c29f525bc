// The documents Firebase's "Trigger Email from Firestore" extension (firestore-send-email) sends: one per message,
// `{ to, message: { subject, text, html } }`, in the collection the extension is installed on ("mail" by default).
// Format as documented in the extension's POSTINSTALL.md (github.com/firebase/extensions,
// firestore-send-email/POSTINSTALL.md, "Sender and recipient fields" and "Message field": `to` a single address or
// an array; `message.subject`, `message.text` the plaintext body, `message.html` the HTML body). The extension adds a
// `delivery` field as it sends; a project without the extension keeps the documents and sends nothing.
import { createHash } from 'node:crypto';
import type { DigestMessage } from './compose';

/** The extension's default "Email documents collection"; QUALCARD_MAIL_COLLECTION (config.ts) overrides it. */
export const DEFAULT_MAIL_COLLECTION = 'mail';

export interface MailDoc {
  to: string;
  message: { subject: string; text: string; html: string };
}

export const mailDoc = (m: DigestMessage): MailDoc => ({
  to: m.to,
  message: { subject: m.subject, text: m.text, html: m.html },
});

/** One document per sponsor, week and recipient: a rerun the same week finds it there and writes nothing. */
export const mailId = (sid: string, week: string, to: string): string =>
  `digest-${createHash('sha256').update(`${sid}\n${week}\n${to}`).digest('hex').slice(0, 40)}`;
