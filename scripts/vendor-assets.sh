#!/usr/bin/env bash
# Copy the front-end libraries pinned in package.json into picketline/static/vendor/.
#
# The copies are committed, so running the site never needs npm; run this after changing a
# version in package.json:  npm ci && bash scripts/vendor-assets.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULES="$ROOT/node_modules"
VENDOR="$ROOT/picketline/static/vendor"

if [ ! -d "$MODULES/leaflet" ] || [ ! -d "$MODULES/leaflet.markercluster" ] \
  || [ ! -d "$MODULES/htmx.org" ]; then
  echo "node_modules is missing a package: run 'npm ci' in $ROOT first." >&2
  exit 1
fi

# Source maps are not shipped, so the comment pointing at one goes too: the hashed static
# storage would otherwise fail on the missing .map file when collecting static files.
copy_js() {
  sed '/^\/\/# sourceMappingURL=/d' "$1" > "$2"
}

rm -rf "$VENDOR/leaflet" "$VENDOR/leaflet.markercluster" "$VENDOR/htmx.org"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/leaflet.markercluster" "$VENDOR/htmx.org"

copy_js "$MODULES/leaflet/dist/leaflet.js" "$VENDOR/leaflet/leaflet.js"
cp "$MODULES/leaflet/dist/leaflet.css" "$VENDOR/leaflet/"
cp "$MODULES/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$MODULES/leaflet/LICENSE" "$VENDOR/leaflet/LICENSE"

# Only the cluster icons' styles: the clusters themselves are counted on the server (map tiles).
cp "$MODULES/leaflet.markercluster/dist/MarkerCluster.css" \
  "$MODULES/leaflet.markercluster/dist/MarkerCluster.Default.css" \
  "$VENDOR/leaflet.markercluster/"
cp "$MODULES/leaflet.markercluster/MIT-LICENCE.txt" "$VENDOR/leaflet.markercluster/LICENSE"

copy_js "$MODULES/htmx.org/dist/htmx.min.js" "$VENDOR/htmx.org/htmx.min.js"
cp "$MODULES/htmx.org/LICENSE" "$VENDOR/htmx.org/LICENSE"

find "$VENDOR" -type f -exec chmod 644 {} +

# Record what was copied, so a reviewer can see the versions without node_modules.
node -e '
  const lock = require(process.argv[1]);
  const names = ["leaflet", "leaflet.markercluster", "htmx.org"];
  for (const name of names) {
    console.log(name + " " + lock.packages["node_modules/" + name].version);
  }
' "$ROOT/package-lock.json" > "$VENDOR/VERSIONS.txt"

echo "Vendored into $VENDOR:"
cat "$VENDOR/VERSIONS.txt"
