#!/usr/bin/env sh
# The system libraries Qt's xcb platform plugin (a window on an X11 desktop) loads. PySide6's wheels bring Qt but
# not these; a minimal Debian/Ubuntu lacks some (libxcb-cursor0 first: "Could not load the Qt platform plugin
# xcb"). The package list was derived from `ldd` on PySide6/Qt/plugins/platforms/libqxcb.so and libQt6XcbQpa.so.6.
# Usage: tools/qt_system_libs.sh PYTHON — installs what is missing when root with apt-get, else prints the command.
set -u
PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxcb1 \
libxkbcommon-x11-0 libxkbcommon0 libx11-xcb1 libx11-6 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0"
[ "$(uname -s)" = "Linux" ] || exit 0
plugin=$("$1" -c "import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / 'Qt/plugins/platforms/libqxcb.so')" 2>/dev/null) || exit 0
[ -f "$plugin" ] || exit 0
missing=$(ldd "$plugin" "$(dirname "$plugin")/../../lib/libQt6XcbQpa.so.6" 2>/dev/null | grep "not found" | awk '{print $1}' | sort -u)
[ -n "$missing" ] || exit 0
echo "Qt's window system plugin (xcb) needs system libraries that are missing: $(echo $missing | tr '\n' ' ')"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
	echo "installing them with apt-get"
	# shellcheck disable=SC2086
	apt-get install -y -qq $PACKAGES >/dev/null 2>&1 || \
		(apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $PACKAGES >/dev/null 2>&1) || \
		echo "could not install them; run: sudo apt-get install $PACKAGES"
elif command -v apt-get >/dev/null 2>&1; then
	echo "run: sudo apt-get install $PACKAGES"
else
	echo "install your distribution's packages for: $(echo $missing | tr '\n' ' ')"
fi
