#!/usr/bin/env bash
# Runs a command inside `firebase emulators:exec` (Firestore + Functions, project demo-qualcard), after building the
# functions bundle, the Firestore emulator wrapper jar, the emulator-only token signing key and (in the git-ignored
# functions/.secret.local, where the Functions emulator reads secrets) a credential signing key.
# Usage: scripts/with-emulators.sh "<command>"
# QUALCARD_EMULATOR_PORT_OFFSET=N (1-99) shifts every emulator port by N (Firestore 8080+N, Functions 5001+N,
# hub 4400+N, logging 4500+N, Firestore websocket 9150+N; under 100, so that no shifted port is another's default) through a temporary copy of firebase.json, so that a long run (the full
# robustness suite) leaves the default ports to other runs; the command finds the Functions emulator through
# FUNCTIONS_EMULATOR_HOST (emulators:exec sets FIRESTORE_EMULATOR_HOST itself). Unset or 0: firebase.json as is.
# Pick an offset no other run uses (`ss -ltn`): another session's copy of firebase.json held hub 4410 once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
node functions/build.mjs
wrapper="$(scripts/emulator-wrapper.sh)"
if [ -n "$wrapper" ]; then export FIRESTORE_EMULATOR_BINARY_PATH="$wrapper"; fi
# Nothing here runs on Google Cloud: stop the Admin SDK in scripts and tests probing for a metadata server.
export METADATA_SERVER_DETECTION=none
# The functions emulator accepts tokens signed with this key (and only there: the code checks FUNCTIONS_EMULATOR).
export QUALCARD_EMULATOR_KEY_FILE="$(npx tsx scripts/emulator-key.ts)"
npx tsx scripts/credential-key.ts
# QUALCARD_EMULATOR_LOG_VERBOSITY (DEBUG, INFO, QUIET, SILENT) is passed to emulators:exec when set: QUIET keeps a
# long run's output to the command's own (no three lines per function call).
verbosity=()
if [ -n "${QUALCARD_EMULATOR_LOG_VERBOSITY:-}" ]; then verbosity=(--log-verbosity "$QUALCARD_EMULATOR_LOG_VERBOSITY"); fi
offset="${QUALCARD_EMULATOR_PORT_OFFSET:-0}"
if [ "$offset" = 0 ]; then
  exec npx firebase emulators:exec "${verbosity[@]}" --only firestore,functions --project demo-qualcard "$1"
fi
# The copy sits next to firebase.json: the paths in it (functions source, rules) are relative to its folder.
config="$root/.firebase.offset-$$.json"
trap 'rm -f "$config"' EXIT
node -e '
const [file, out, n] = process.argv.slice(1);
const c = JSON.parse(require("fs").readFileSync(file, "utf8"));
const off = Number(n);
if (!Number.isInteger(off) || off <= 0 || off > 99) throw new Error(`bad QUALCARD_EMULATOR_PORT_OFFSET ${n}`);
const e = c.emulators;
e.firestore = { ...e.firestore, port: e.firestore.port + off, websocketPort: 9150 + off };
e.functions = { ...e.functions, port: e.functions.port + off };
e.hub = { host: "127.0.0.1", port: 4400 + off };
e.logging = { host: "127.0.0.1", port: 4500 + off };
// Also pinned by emulators:exec when free: the Eventarc and Tasks emulators (started for function triggers).
e.eventarc = { host: "127.0.0.1", port: 9299 + off };
e.tasks = { host: "127.0.0.1", port: 9499 + off };
require("fs").writeFileSync(out, JSON.stringify(c, null, 2));
' firebase.json "$config" "$offset"
export FUNCTIONS_EMULATOR_HOST="127.0.0.1:$((5001 + offset))"
npx firebase --config "$config" emulators:exec "${verbosity[@]}" --only firestore,functions --project demo-qualcard "$1"
