#!/usr/bin/env bash
# Installs the Debian packages a command needs, only those missing. Usage: install-system-deps.sh demo|test
#   demo: a JDK (the Firestore emulator is a Java program; `jar` builds its wrapper, see scripts/emulator-wrapper.sh)
#   test: the JDK, Chromium (the sidebar in a real browser), LibreOffice Calc (opens exported .xlsx files) and
#         poppler-utils (pdfinfo, pdftotext: the office tier counts and reads the pages LibreOffice prints)
set -euo pipefail
what="${1:-test}"
need=()
command -v java >/dev/null && command -v jar >/dev/null || need+=(openjdk-17-jdk-headless)
case "$what" in
  demo) ;;
  test)
    command -v chromium >/dev/null || need+=(chromium)
    command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
    command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || need+=(poppler-utils)
    ;;
  *) echo "install-system-deps: unknown set '$what' (demo or test)" >&2; exit 2 ;;
esac
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || { echo "install-system-deps: missing ${need[*]} and no apt-get; install them by hand" >&2; exit 1; }
  echo "installing Debian packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "system dependencies for '$what' present"
