#!/usr/bin/env bash
# Adds to jpackage's .deb what it leaves out: jpackage packs only bin/ and lib/ of the app-image, and nothing
# outside /opt/wsmon. So this adds
#   /opt/wsmon/share/                     the app-image's share/ (LICENSE, THIRD-PARTY, fleet.md, rules, dashboard)
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

share=$(dirname "$deb")/wsmon/share
[[ -d $share ]] || { echo "deb-extras: no app-image share/ at $share" >&2; exit 1; }

dpkg-deb --raw-extract "$deb" "$root"
mkdir -p "$root/opt/wsmon/share"
cp -R "$share/." "$root/opt/wsmon/share/"
install -D -m 0644 systemd/wsmon@.service "$root/lib/systemd/system/wsmon@.service"
install -D -m 0644 deb/copyright "$root/usr/share/doc/wsmon/copyright"

# md5sums of every file, for dpkg --verify and debsums (jpackage writes none)
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$tmp/md5sums"
mv "$tmp/md5sums" "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$root/DEBIAN/control"

dpkg-deb --root-owner-group --build "$root" "$tmp/out.deb" > /dev/null
mv "$tmp/out.deb" "$deb"
echo "deb-extras: added /opt/wsmon/share/, /lib/systemd/system/wsmon@.service and /usr/share/doc/wsmon/copyright to $deb"
