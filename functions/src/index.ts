// Cloud Functions entry point: one HTTPS function, `api`, routing everything under /v1.
import { onRequest } from 'firebase-functions/v2/https';

export const api = onRequest({ region: 'us-central1', memory: '512MiB', timeoutSeconds: 120 }, (req, res) => {
  res.json({ ok: true, path: req.path });
});
