#!/bin/bash
# The installation an operator gets (issue 17), each step counted as a
# test, without touching the machine's own state:
#
#   - dpkg-buildpackage -us -uc -b builds dha-dkms, dhad and dha-tools
#     from a copy of the tree in build/pkg/src (it writes the packages to
#     the parent directory, build/pkg);
#   - each package holds exactly the files listed below, dhad depends on
#     the libraries it links, its unit is enabled and not started;
#   - lintian reports no tag (overridden ones aside);
#   - dha and dhad run from the packages' files unpacked in a scratch root,
#     and dhad without its configuration file says so;
#   - DKMS builds and installs dha.ko from the dha-dkms files for each
#     kernel of KDIRS_CHECK (Debian's 6.12 and 6.1 headers), in scratch
#     DKMS, source and module trees: "dkms build" and "dkms install" for the
#     first, "dkms autoinstall" (what a new kernel's hook runs) for the
#     others; modprobe then finds it by its link-kind and genl aliases;
#   - make install and make uninstall with DESTDIR leave nothing behind
#     but a changed configuration; make install-dkms installs what
#     dha-dkms holds, make uninstall-dkms removes it;
#   - systemd-analyze verify finds nothing to say about dhad.service, and
#     rates its sandbox OK.
#
# Ends with "N passed, N failed". The logs stay in build/pkg.
set -u
top=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$top" || exit 1
out=$top/build/pkg
version=$(sed -n 's/^VERSION := //p' daemon/Makefile)
passed=0
failed=0
log=$out/step.log

ok() {
	passed=$((passed + 1))
	echo "ok - $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -s "$log" ] && sed 's/^/#   /' "$log" | tail -n 40
}

# step NAME CMD...: one test, CMD's output shown only when it fails.
step() {
	local name=$1
	shift
	if "$@" >"$log" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

rm -rf "$out"
mkdir -p "$out/src"
: >"$log"

for tool in dpkg-buildpackage dh dh_dkms dkms lintian systemd-analyze depmod modprobe; do
	command -v "$tool" >/dev/null || { not_ok "$tool is installed (make deps)"; finish; }
done

# --- build -------------------------------------------------------------

# The files git knows, committed or not, as a fresh clone would hold them.
copy_tree() {
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf - | tar -xf - -C "$out/src"
}

build() {
	copy_tree && cd "$out/src" && dpkg-buildpackage -us -uc -b -j2
}
step "dpkg-buildpackage -us -uc -b" build
cd "$top" || exit 1
cp "$log" "$out/build.log"
deb_dkms=$out/dha-dkms_${version}_all.deb
deb_dhad=$out/dhad_${version}_amd64.deb
deb_tools=$out/dha-tools_${version}_amd64.deb
for deb in "$deb_dkms" "$deb_dhad" "$deb_tools"; do
	[ -f "$deb" ] || { : >"$log"; not_ok "$(basename "$deb") was built"; finish; }
done

# --- contents ----------------------------------------------------------

# Unpacked as dpkg would, in a scratch root.
root=$out/root
for deb in "$deb_dkms" "$deb_dhad" "$deb_tools"; do
	dpkg-deb -x "$deb" "$root"
done


# The regular files and links of a package, one path a line, sorted.
contents() {
	dpkg-deb -c "$1" | awk '$1 !~ /^d/ { sub(/^\.\//, "", $6); print $6 }' | sort
}

expect_dkms() {
	local f
	{
		echo "usr/src/dha-$version/dkms.conf"
		echo "usr/src/dha-$version/uapi/linux/dha.h"
		for f in kmod/*.c kmod/*.h kmod/Kbuild; do
			echo "usr/src/dha-$version/$f"
		done
		echo usr/share/doc/dha-dkms/changelog.gz
		echo usr/share/doc/dha-dkms/copyright
	} | sort
}

expect_dhad() {
	sort <<-EOF
	lib/systemd/system/dhad.service
	usr/sbin/dhad
	usr/share/doc/dhad/changelog.gz
	usr/share/doc/dhad/copyright
	usr/share/doc/dhad/examples/dhad.conf
	usr/share/lintian/overrides/dhad
	usr/share/man/man5/dhad.conf.5.gz
	usr/share/man/man8/dhad.8.gz
	EOF
}

expect_tools() {
	sort <<-EOF
	usr/bin/dha
	usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/wireshark/plugins/dha.lua
	usr/share/doc/dha-tools/changelog.gz
	usr/share/doc/dha-tools/copyright
	usr/share/man/man8/dha.8.gz
	EOF
}

same_contents() {
	diff -u <("$2") <(contents "$1")
}
step "dha-dkms holds the module's source, the uapi header and dkms.conf" \
	same_contents "$deb_dkms" expect_dkms
step "dhad holds dhad, its unit, man pages and example configuration" \
	same_contents "$deb_dhad" expect_dhad
step "dha-tools holds dha, its man page and the Wireshark dissector" same_contents "$deb_tools" expect_tools

# Every library dhad links (NEEDED) comes from a package it depends on.
links_are_dependencies() {
	local depends lib pkg ok=0
	depends=$(dpkg-deb -f "$deb_dhad" Depends) || return 1
	echo "Depends: $depends"
	for lib in $(objdump -p "$root/usr/sbin/dhad" | awk '$1 == "NEEDED" { print $2 }'); do
		pkg=$(dpkg -S "*/$lib" 2>/dev/null | grep -v -- '-dev:\|:i386' | head -n 1 | cut -d: -f1)
		case ", $depends" in
		*", $pkg "* | *", $pkg,"* | *", $pkg") echo "$lib: $pkg" ;;
		*) echo "$lib: no dependency on ${pkg:-its package}"; ok=1 ;;
		esac
	done
	return $ok
}
step "dhad depends on the packages of the libraries it links" links_are_dependencies

scripts_dir=$out/control
mkdir -p "$scripts_dir/dhad" "$scripts_dir/dkms"
dpkg-deb -e "$deb_dhad" "$scripts_dir/dhad"
dpkg-deb -e "$deb_dkms" "$scripts_dir/dkms"

enabled_not_started() {
	local s=$scripts_dir/dhad/postinst
	grep -q "deb-systemd-helper enable 'dhad.service'" "$s" &&
		! grep -E "deb-systemd-invoke (start|restart) " "$s" &&
		grep -q 'deb-systemd-invoke stop dhad.service' "$scripts_dir/dhad/prerm"
}
step "dhad's unit is enabled on install, not started, stopped on removal" \
	enabled_not_started
dkms_postinst() {
	local s=$scripts_dir/dkms/postinst
	grep -qx 'DKMS_NAME=dha' "$s" && grep -qx "DKMS_VERSION=$version" "$s" &&
		grep -q '/usr/lib/dkms/common.postinst' "$s" &&
		grep -qx "PACKAGE_VERSION=\"$version\"" "$root/usr/src/dha-$version/dkms.conf" &&
		grep -qx 'AUTOINSTALL="yes"' "$root/usr/src/dha-$version/dkms.conf"
}
step "dha-dkms's postinst has DKMS build dha $version, again for new kernels" \
	dkms_postinst

# --- lintian -----------------------------------------------------------

lintian_clean() {
	lintian -I -E --pedantic --show-overrides "$out/dha_${version}_amd64.changes" \
		2>&1 | grep -v 'running with root privileges' | tee "$out/lintian.log"
	! grep -E '^[EWIPX]: ' "$out/lintian.log"
}
step "lintian: no tag but the overridden ones" lintian_clean
sed 's/^/# lintian: /' "$out/lintian.log"

# --- the installed programs --------------------------------------------


# exits STATUS RE CMD...: CMD exits with STATUS, its output matching RE.
exits() {
	local status=$1 re=$2 text rc
	shift 2
	text=$("$@" 2>&1)
	rc=$?
	printf '%s\nexit status %s\n' "$text" "$rc"
	[ "$rc" = "$status" ] && echo "$text" | grep -Eq "$re"
}
step "/usr/bin/dha --help" exits 0 '^Usage: dha ' "$root/usr/bin/dha" --help
step "/usr/bin/dha -V" exits 0 "^dha $version " "$root/usr/bin/dha" -V
step "/usr/sbin/dhad --help" exits 0 '^Usage: dhad ' "$root/usr/sbin/dhad" --help
step "/usr/sbin/dhad -V" exits 0 "^dhad $version " "$root/usr/sbin/dhad" -V
step "dhad without its configuration file says so and exits 1" \
	exits 1 "^$root/etc/dha/dhad.conf: cannot open: No such file or directory \(dhad needs a configuration file: see dhad.conf\(5\)\)\$" \
	"$root/usr/sbin/dhad" -f -c "$root/etc/dha/dhad.conf"
step "tshark loads the packaged dissector" exits 0 '[[:space:]]dha$' \
	tshark -G protocols -X "lua_script:$root/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/wireshark/plugins/dha.lua"

# --- DKMS --------------------------------------------------------------

kdirs=$(make -s -p 2>/dev/null | sed -n 's/^KDIRS_CHECK := //p')
dk=$out/dkms
mkdir -p "$dk/tree" "$dk/lib/modules"
# The signing key DKMS makes when it finds none goes to scratch, not
# /var/lib/dkms.
export mok_signing_key=$dk/mok.key mok_certificate=$dk/mok.pub
trees=(--sourcetree "$root/usr/src" --dkmstree "$dk/tree" --installtree "$dk/lib/modules")

release_of() {
	sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$1/include/generated/utsrelease.h"
}

# The kernel's own modules (tunnel6, which dha.ko needs) beside the one
# DKMS installed, and the aliases modprobe resolves.
resolves() {
	local rel=$1 base=$dk/modroot m
	mkdir -p "$base/lib/modules/$rel"
	ln -sfn "/lib/modules/$rel/kernel" "$base/lib/modules/$rel/kernel"
	ln -sfn "$dk/lib/modules/$rel/updates" "$base/lib/modules/$rel/updates"
	cp /lib/modules/"$rel"/modules.order /lib/modules/"$rel"/modules.builtin* \
		"$base/lib/modules/$rel/"
	depmod -b "$base" "$rel" || return 1
	for m in rtnl-link-dha net-pf-16-proto-16-family-dha; do
		modprobe -d "$base" -S "$rel" --show-depends "$m" | tee "$dk/deps" &&
			grep -q '/tunnel6\.ko' "$dk/deps" &&
			grep -q "updates/dkms/dha\.ko" "$dk/deps" || return 1
	done
}

dkms_module() {
	local rel=$1 ko
	ko=$(ls "$dk/lib/modules/$rel/updates/dkms/"dha.ko* 2>/dev/null)
	[ -n "$ko" ] || { echo "no dha.ko in $dk/lib/modules/$rel"; return 1; }
	modinfo "$ko" >"$dk/modinfo" || return 1
	grep -v '^[[:space:]]\|^signature:' "$dk/modinfo"
	awk -v rel="$rel" '$1 == "vermagic:" && $2 == rel { found = 1 }
		END { exit !found }' "$dk/modinfo" &&
		grep -Eq '^alias: +rtnl-link-dha$' "$dk/modinfo" &&
		grep -Eq '^alias: +net-pf-16-proto-16-family-dha$' "$dk/modinfo" &&
		grep -Eq '^signer: +DKMS module signing key$' "$dk/modinfo"
}

build_install() {
	dkms build -m dha -v "$version" -k "$1" --kernelsourcedir "$2" "${trees[@]}" &&
		dkms install -m dha -v "$version" -k "$1" --kernelsourcedir "$2" \
			--no-depmod "${trees[@]}"
}

all_installed() {
	dkms status "${trees[@]}" | tee "$dk/status"
	[ "$(grep -c ': installed$' "$dk/status")" = "$1" ]
}

step "dkms add dha/$version" dkms add -m dha -v "$version" "${trees[@]}"
first=yes
for kdir in $kdirs; do
	rel=$(release_of "$kdir")
	mkdir -p "$dk/lib/modules/$rel"
	if [ $first = yes ]; then
		step "dkms build and install for $rel" build_install "$rel" "$kdir"
		first=no
	else
		step "dkms autoinstall for $rel, as for a new kernel" \
			dkms autoinstall -k "$rel" --kernelsourcedir "$kdir" --no-depmod "${trees[@]}"
	fi
	step "dha.ko for $rel: its vermagic, signed, with both aliases" dkms_module "$rel"
	step "modprobe finds dha.ko for $rel by ip link's and genl's aliases" resolves "$rel"
done
step "dkms status: installed for every kernel" all_installed "$(echo "$kdirs" | wc -w)"

# --- make install / uninstall ------------------------------------------

inst=$out/install
conf=$inst/etc/dha/dhad.conf

files_under() {
	(cd "$1" && find . ! -type d | sed 's|^\./||' | sort)
}

install_uninstall() {
	make -s install DESTDIR="$inst" PREFIX=/usr/local || return 1
	diff -u - <(files_under "$inst") <<-EOF || return 1
	etc/dha/dhad.conf
	usr/local/bin/dha
	usr/local/include/linux/dha.h
	usr/local/lib/systemd/system/dhad.service
	usr/local/sbin/dhad
	usr/local/share/man/man5/dhad.conf.5
	usr/local/share/man/man8/dha.8
	usr/local/share/man/man8/dhad.8
	EOF
	grep -qx 'ExecStart=/usr/local/sbin/dhad -f -c /etc/dha/dhad.conf' \
		"$inst/usr/local/lib/systemd/system/dhad.service" || return 1
	# The operator's configuration survives another install and uninstall.
	echo "# edited" >>"$conf"
	make -s install DESTDIR="$inst" PREFIX=/usr/local &&
		make -s uninstall DESTDIR="$inst" PREFIX=/usr/local || return 1
	diff -u - <(files_under "$inst") <<<"etc/dha/dhad.conf" || return 1
	grep -qx '# edited' "$conf" || return 1
	# The example itself is removed, with its directory.
	cp daemon/dhad.conf.example "$conf"
	make -s uninstall DESTDIR="$inst" PREFIX=/usr/local || return 1
	[ -z "$(files_under "$inst")" ] && [ ! -e "$inst/etc/dha" ]
}
step "make install, then uninstall, with DESTDIR and PREFIX" install_uninstall

# The same tree as dha-dkms's.
install_uninstall_dkms() {
	make -s install-dkms DESTDIR="$inst" || return 1
	diff -u <(expect_dkms | grep '^usr/src/') <(files_under "$inst") || return 1
	diff -u "$root/usr/src/dha-$version/dkms.conf" "$inst/usr/src/dha-$version/dkms.conf" ||
		return 1
	make -s uninstall-dkms DESTDIR="$inst" && [ -z "$(files_under "$inst")" ]
}
step "make install-dkms, then uninstall-dkms, with DESTDIR" install_uninstall_dkms

# --- systemd -----------------------------------------------------------

unit=$out/unit/dhad.service
mkdir -p "$out/unit"
sed "s|/usr/sbin/dhad|$root/usr/sbin/dhad|" "$root/lib/systemd/system/dhad.service" >"$unit"

# verify exits 0 on an unknown key too: any word from it is a failure.
verify_quiet() {
	local said
	said=$(systemd-analyze verify --man=no "$unit" 2>&1) || { echo "$said"; return 1; }
	echo "$said"
	[ -z "$said" ]
}
step "systemd-analyze verify dhad.service" verify_quiet

sandboxed() {
	local level
	systemd-analyze security --offline=yes "$unit" | tail -n 1 | tee "$out/exposure"
	level=$(sed -n 's/.*exposure level for dhad.service: \([0-9.]*\).*/\1/p' "$out/exposure")
	[ -n "$level" ] && awk -v l="$level" 'BEGIN { exit !(l < 4.0) }'
}
step "systemd-analyze security: dhad.service's exposure under 4.0" sandboxed
sed 's/^/# systemd-analyze security: /' "$out/exposure"

finish
