#!/usr/bin/env bash
# Prints the value for FIRESTORE_EMULATOR_BINARY_PATH (empty when firebase-tools should download its own copy).
# Debian's google-cloud-cli-firestore-emulator jar has no Main-Class and firebase-tools starts it with `java -jar`,
# so we build a manifest-only wrapper jar whose Class-Path points at it (docs/development.md, "The emulators").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
debian_jar="${QUALCARD_FIRESTORE_JAR:-/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar}"
if [ ! -f "$debian_jar" ]; then
  echo "emulator-wrapper: $debian_jar not found; firebase-tools will download its own emulator" >&2
  exit 0
fi
out_dir="$root/.cache/firestore-emulator"
wrapper="$out_dir/cloud-firestore-emulator-wrapper.jar"
manifest="$out_dir/MANIFEST.MF"
mkdir -p "$out_dir"
expected="Main-Class: com.google.cloud.datastore.emulator.firestore.CloudFirestore
Class-Path: file:$debian_jar
"
# Rebuild only when the manifest would change (another jar location) or the wrapper is missing.
if [ ! -f "$wrapper" ] || [ "$(cat "$manifest" 2>/dev/null)" != "$(printf '%s' "$expected")" ]; then
  printf '%s' "$expected" > "$manifest"
  command -v jar >/dev/null || { echo "emulator-wrapper: the JDK's 'jar' tool is missing (run: bash scripts/install-system-deps.sh demo)" >&2; exit 1; }
  (cd "$out_dir" && rm -f "$wrapper" && jar cfm "$wrapper" "$manifest")
fi
echo "$wrapper"
