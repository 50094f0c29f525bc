#!/usr/bin/env bash
# Runs a command inside `firebase emulators:exec` (Firestore + Functions, project demo-qualcard), after building the
# functions bundle, the Firestore emulator wrapper jar, the emulator-only token signing key and (in the git-ignored
# functions/.secret.local, where the Functions emulator reads secrets) a credential signing key.
# Usage: scripts/with-emulators.sh "<command>"
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
exec npx firebase emulators:exec --only firestore,functions --project demo-qualcard "$1"
