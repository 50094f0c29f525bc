// Runs the Digital Credentials Consortium's verifier (@digitalcredentials/verifier-core, what the Learner Credential
// Wallet uses) on one credential file and prints its answer as JSON: a separate Node process, because the package is
// ESM with a deep ESM dependency tree that Jest cannot load. It fetches what it needs over HTTP (the issuer's key and
// issuer document from the emulator); its contexts are its own bundled copies. No issuer registries are given.
import { readFileSync } from 'node:fs';

// It logs as it goes (a schema it cannot fetch, say): to stderr, so stdout is only the answer.
console.log = (...args) => console.error(...args);
const { verifyCredential } = await import('@digitalcredentials/verifier-core');

const credential = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const result = await verifyCredential({ credential, knownDIDRegistries: [] });
const plain = JSON.stringify(result, (key, value) =>
  key === 'stackTrace' ? String(value?.message ?? value) : key === 'credential' ? undefined : value,
);
process.stdout.write(`${plain}\n`);
