#!/usr/bin/env bash
# Adds to jpackage's .deb the files Debian expects outside the app's /opt/wsmon, which jpackage cannot place:
#   /lib/systemd/system/wsmon@.service   the probe's template unit (installer/systemd/)
#   /usr/share/doc/wsmon/copyright        the machine-readable copyright file (installer/deb/copyright)
# Unpacks the .deb, adds them, fixes Installed-Size and md5sums, and packs it again with root as owner.
#   installer/deb-extras.sh target/wsmon_VERSION-1_amd64.deb
set -euo pipefail
cd "$(dirname "$0")"
deb=$1
[[ -f $deb ]] || { echo "deb-extras: no $deb" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

dpkg-deb --raw-extract "$deb" "$root"
install -D -m 0644 systemd/wsmon@.service "$root/lib/systemd/system/wsmon@.service"
install -D -m 0644 deb/copyright "$root/usr/share/doc/wsmon/copyright"

# md5sums lists every file, as dpkg --verify reads it (jpackage writes none; keep one if it ever does)
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$tmp/md5sums"
mv "$tmp/md5sums" "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$root/DEBIAN/control"

dpkg-deb --root-owner-group --build "$root" "$tmp/out.deb" > /dev/null
mv "$tmp/out.deb" "$deb"
echo "deb-extras: added /lib/systemd/system/wsmon@.service and /usr/share/doc/wsmon/copyright to $deb"
