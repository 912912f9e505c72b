#!/bin/sh
# TNE Médiation: installation pour l'utilisateur courant (sans droits administrateur).
#
#   ./install.sh               installe dans ~/.local (ou dans $PREFIX)
#   ./install.sh --uninstall   désinstalle ; les données (~/.local/share/tne-mediation) restent
#
# Program: $PREFIX/lib/tne-mediation/, command: $PREFIX/bin/mediator-app, menu entry,
# icons and AppStream metadata under $PREFIX/share. The user's data folder is never touched.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-"$HOME/.local"}
APP_ID=fr.tne.Mediation
APP_DIR="$PREFIX/lib/tne-mediation"
BIN_DIR="$PREFIX/bin"
SHARE="$PREFIX/share"
DATA_DIR=${XDG_DATA_HOME:-"$HOME/.local/share"}/tne-mediation

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    rm -rf "$APP_DIR"
    if [ -L "$BIN_DIR/mediator-app" ]; then rm -f "$BIN_DIR/mediator-app"; fi
    rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
    find "$SHARE/icons/hicolor" -name "$APP_ID.*" -path '*/apps/*' -exec rm -f {} + 2>/dev/null || true
    refresh_caches
    echo "TNE Médiation est désinstallé."
    echo "Vos données sont conservées dans : $DATA_DIR"
}

# The system libraries the Qt xcb plugin loads from the computer (docs/linux.md).
check_libraries() {
    plugin="$APP_DIR/_internal/PySide6/Qt/plugins/platforms/libqxcb.so"
    command -v ldd >/dev/null 2>&1 && [ -f "$plugin" ] || return 0
    missing=$(LD_LIBRARY_PATH="$APP_DIR/_internal:$APP_DIR/_internal/PySide6/Qt/lib" \
        ldd "$plugin" 2>/dev/null | awk '/not found/ {print $1}' | sort -u)
    if [ -n "$missing" ]; then
        echo
        echo "Attention : des bibliothèques du système manquent pour l'affichage :"
        echo "$missing" | sed 's/^/  - /'
        echo "Sur Debian ou Ubuntu, installez-les avec :"
        echo "  sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 \\"
        echo "    libxcb-shape0 libxcb-render-util0 libxcb-image0 libegl1 libfontconfig1 libdbus-1-3"
    fi
}

install_app() {
    [ -x "$HERE/tne-mediation/mediator-app" ] || {
        echo "Dossier tne-mediation/ introuvable à côté de install.sh." >&2
        exit 1
    }
    mkdir -p "$APP_DIR" "$BIN_DIR" "$SHARE/applications" "$SHARE/metainfo"
    # A fresh copy: files of an older version must not linger in _internal/.
    rm -rf "$APP_DIR"
    cp -R "$HERE/tne-mediation" "$APP_DIR"
    ln -sfn "$APP_DIR/mediator-app" "$BIN_DIR/mediator-app"
    # The menu entry starts the program by its full path: ~/.local/bin is not always in PATH.
    sed -e "s|^Exec=.*|Exec=\"$APP_DIR/mediator-app\"|" \
        -e "s|^TryExec=.*|TryExec=$APP_DIR/mediator-app|" \
        "$HERE/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
    chmod 644 "$SHARE/applications/$APP_ID.desktop"
    cp "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
    (cd "$HERE/icons" && find hicolor -type f) | while read -r icon; do
        mkdir -p "$SHARE/icons/$(dirname "$icon")"
        cp "$HERE/icons/$icon" "$SHARE/icons/$icon"
    done
    refresh_caches
    echo "TNE Médiation est installé dans $APP_DIR."
    echo "Lancez-le depuis le menu des applications, ou avec la commande : $BIN_DIR/mediator-app"
    echo "Vos données seront enregistrées dans : $DATA_DIR"
    check_libraries
}

case "${1:-}" in
    --uninstall) uninstall ;;
    "") install_app ;;
    *)
        echo "Usage : $0 [--uninstall]" >&2
        exit 2
        ;;
esac
