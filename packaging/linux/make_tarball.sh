#!/usr/bin/env bash
# Release tarball of the Linux bundle (after `make bundle`):
#   dist/tne-mediation-<version>-linux-x86_64.tar.gz
# holding one top folder: the bundle (tne-mediation/), the .desktop file, the AppStream
# metainfo, the hicolor icons, install.sh (user-local install into ~/.local) and LISEZMOI.txt.
#
# Usage: packaging/linux/make_tarball.sh [BUNDLE_DIR [OUT_DIR]]
#        (defaults: dist/tne-mediation and dist). Prints the tarball's path.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/dist/tne-mediation}" && pwd)
OUT_DIR=${2:-$ROOT/dist}
HERE="$ROOT/packaging/linux"
ICONS="$ROOT/mediator_app/resources/icons"
APP_ID=fr.tne.Mediation

# The project's one version string (pyproject.toml reads it as dynamic metadata).
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/mediator_app/__init__.py" | head -n 1)
[ -n "$VERSION" ] || { echo "no __version__ in mediator_app/__init__.py" >&2; exit 1; }
[ -x "$BUNDLE/mediator-app" ] || { echo "no bundle in $BUNDLE (run make bundle)" >&2; exit 1; }

NAME="tne-mediation-$VERSION-linux-x86_64"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
TOP="$STAGE/$NAME"

mkdir -p "$TOP"
cp -a "$BUNDLE" "$TOP/tne-mediation"
install -m 644 "$HERE/$APP_ID.desktop" "$HERE/$APP_ID.metainfo.xml" "$HERE/LISEZMOI.txt" "$TOP/"
install -m 755 "$HERE/install.sh" "$TOP/"
for size in 16 32 48 64 128 256 512; do
    install -D -m 644 "$ICONS/$APP_ID-$size.png" "$TOP/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -D -m 644 "$ICONS/$APP_ID.svg" "$TOP/icons/hicolor/scalable/apps/$APP_ID.svg"

mkdir -p "$OUT_DIR"
TARBALL="$(cd "$OUT_DIR" && pwd)/$NAME.tar.gz"
# Reproducible-ish: sorted names, no owner names, files owned by root in the archive.
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$STAGE" -czf "$TARBALL" "$NAME"
echo "$TARBALL"
