# dha: distributed Mobile IPv6 home agent.
#
#   make                  module (Debian's 6.12 headers) and tools
#   make KDIR=/lib/modules/<release>/build   module against other headers
#   make check            every test, in QEMU guests on 6.12 and 6.1
#   make demo             the datapath on an example topology, and a home
#                         agent failover, in a guest
#   make bench            BU/s accepted at 10k and 100k bindings, memory per
#                         binding, the traffic outage of a home agent
#                         failover, bulk synchronization of 100k bindings to
#                         a new standby, the packet rate of dha beside
#                         plain forwarding and ip6_tunnel, in 6.12 guests
#                         (not part of make check)
#   make uapi             regenerate uapi/linux/dha.h from the YAML spec
#   make install          dha, dhad, the man pages, the systemd unit, an
#                         example /etc/dha/dhad.conf and the uapi header
#                         (PREFIX=/usr/local, DESTDIR); make uninstall
#   make install-dkms     the module's source and dkms.conf in
#                         /usr/src/dha-VERSION, for "dkms install dha/VERSION";
#                         make uninstall-dkms
#   make vm-repro         the test guest's own crash reproducer (issue 18):
#                         REPRO_SECONDS (600) of short pings in a 6.12
#                         guest, no dha; see selftests/vm/README.md

TOP := $(CURDIR)
BUILD := $(TOP)/build

# Debian's headers for a series, newest first: 6.12 -> /usr/src/linux-headers-6.12.x+debN-amd64
headers_of = $(lastword $(sort $(wildcard /usr/src/linux-headers-$(1)*-amd64)))
KDIR ?= $(call headers_of,6.12.)
KDIRS_CHECK := $(call headers_of,6.12.) $(call headers_of,6.1.0-)
release_of = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(1)/include/generated/utsrelease.h 2>/dev/null)

KMOD_SRC := $(wildcard kmod/*.c kmod/*.h) kmod/Kbuild uapi/linux/dha.h

.PHONY: all module modules-all lib tools daemon selftests deps ksrc uapi \
	uapi-check sparse checkpatch lint check demo bench vm-repro clean \
	install uninstall install-dkms uninstall-dkms

all: module lib tools daemon

# Build in build/<release>/kmod, a tree of links to kmod/, so that several
# kernels can be built side by side without cleaning.
define build_module
	@rel='$(call release_of,$(1))'; [ -n "$$rel" ] || { echo "no kernel headers in $(1)" >&2; exit 1; }; \
	out=$(BUILD)/$$rel/kmod; mkdir -p $$out; \
	for f in $(TOP)/kmod/*.c $(TOP)/kmod/*.h $(TOP)/kmod/Kbuild; do ln -sf $$f $$out/; done; \
	find $$out -xtype l -delete; \
	$(MAKE) -C $(1) M=$$out W=1 $(2) modules && cp $$out/dha.ko $(BUILD)/$$rel/dha.ko && \
	echo "built $(BUILD)/$$rel/dha.ko"
endef

module:
	$(call build_module,$(KDIR),KCFLAGS=-Werror)

modules-all:
	@for k in $(KDIRS_CHECK); do $(MAKE) -s module KDIR=$$k || exit 1; done

lib:
	$(MAKE) -C lib

# Both link lib/'s library: built once, before them, under make -j.
tools daemon: lib

tools:
	$(MAKE) -C tools

daemon:
	$(MAKE) -C daemon

selftests: ksrc
	$(MAKE) -C selftests/netlink TOP=$(TOP)
	$(MAKE) -C selftests/mnemu

deps:
	@scripts/deps.sh

ksrc:
	@scripts/ksrc.sh

# The uapi header is generated from the spec with the kernel's own YNL
# generator, taken from Debian's linux-source at build time.
uapi: ksrc
	@scripts/uapi.sh uapi/linux/dha.h

uapi-check: ksrc
	@scripts/uapi.sh $(BUILD)/dha.h.generated && \
	diff -u uapi/linux/dha.h $(BUILD)/dha.h.generated && \
	echo "uapi/linux/dha.h matches Documentation/netlink/specs/dha.yaml"

sparse:
	$(call build_module,$(KDIR),C=2 CHECKFLAGS=-Wsparse-error)

# compat.h exists to hold the version tests checkpatch warns about.
# Kernel types such as struct Qdisc are CamelCase; --no-tree cannot know them.
CHECKPATCH = perl $(BUILD)/ksrc/scripts/checkpatch.pl --strict --no-tree --quiet --ignore CAMELCASE
checkpatch: ksrc
	@$(CHECKPATCH) -f $(filter-out kmod/compat.h,$(wildcard kmod/*.c kmod/*.h)) && \
	$(CHECKPATCH) --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON,MACRO_ARG_UNUSED \
		-f kmod/compat.h && echo "checkpatch: kmod is clean"

lint:
	@scripts/lint.sh

check: deps
	@$(MAKE) -s ksrc modules-all lib tools daemon selftests
	@selftests/check.sh --host "scripts/lint.sh" --host "$(MAKE) -s -C lib test" \
		--host "$(MAKE) -s -C tools test" --host "$(MAKE) -s -C daemon test" \
		--host "$(MAKE) -s -C daemon/wire test" --host "$(MAKE) -s -C tools/wireshark test" \
		--host "scripts/fuzz.sh" --host "scripts/package-test.sh"

demo: deps
	@$(MAKE) -s ksrc module tools daemon selftests
	@selftests/vm/run-vm.sh --kernel 6.12 -- selftests/demo.sh

# Figures, not pass/fail: see Documentation/testing.md.
bench: deps
	@$(MAKE) -s ksrc module tools daemon selftests
	@$(MAKE) -s -C selftests/bench
	@echo "host: $$(nproc) CPUs, load average $$(cut -d' ' -f1-3 /proc/loadavg) (other guests slow this one)"
	@selftests/vm/run-vm.sh --kernel 6.12 --timeout 3600 -- selftests/bench/bench.sh
	@selftests/vm/run-vm.sh --kernel 6.12 --timeout 1200 -- selftests/bench/failover.sh
	@selftests/vm/run-vm.sh --kernel 6.12 --timeout 3600 -- selftests/bench/sync.sh
	@selftests/vm/run-vm.sh --kernel 6.12 --timeout 1200 -- selftests/bench/pps.sh

# Not part of make check: it takes minutes. DHA_VM_MTTCG=1
# DHA_VM_NO_TSTAMP_HOLD=1 bring back the runner that crashed.
REPRO_SECONDS ?= 600
vm-repro:
	@selftests/vm/run-vm.sh --kernel 6.12 --timeout $$(( $(REPRO_SECONDS) + 300 )) \
		-- selftests/vm/oops-repro.sh $(REPRO_SECONDS)

# GNU directory names; the configuration stays in /etc whatever PREFIX is,
# where dhad.service and the man pages look for it. The Debian packages
# (debian/rules) use these with DESTDIR.
VERSION := $(shell sed -n 's/^VERSION := //p' daemon/Makefile)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
INCLUDEDIR ?= $(PREFIX)/include
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc
DKMS_SRC = $(DESTDIR)/usr/src/dha-$(VERSION)
INSTALLED := $(BINDIR)/dha $(SBINDIR)/dhad $(MANDIR)/man8/dha.8 \
	$(MANDIR)/man8/dhad.8 $(MANDIR)/man5/dhad.conf.5 $(UNITDIR)/dhad.service \
	$(INCLUDEDIR)/linux/dha.h
CONF := $(DESTDIR)$(SYSCONFDIR)/dha/dhad.conf

# The example configuration only where there is none: never overwritten.
install:
	$(MAKE) -C tools dha
	$(MAKE) -C daemon dhad
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(INCLUDEDIR)/linux \
		$(DESTDIR)$(SYSCONFDIR)/dha
	install -m 0755 tools/dha $(DESTDIR)$(BINDIR)/dha
	install -m 0755 daemon/dhad $(DESTDIR)$(SBINDIR)/dhad
	install -m 0644 tools/dha.8 daemon/dhad.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 daemon/dhad.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 uapi/linux/dha.h $(DESTDIR)$(INCLUDEDIR)/linux/dha.h
	sed -e 's|/usr/sbin/dhad|$(SBINDIR)/dhad|' -e 's|/etc/dha/|$(SYSCONFDIR)/dha/|' \
		daemon/dhad.service >$(DESTDIR)$(UNITDIR)/dhad.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/dhad.service
	[ -e $(CONF) ] || install -m 0640 daemon/dhad.conf.example $(CONF)

# A configuration that differs from the example is the operator's: kept.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	! cmp -s daemon/dhad.conf.example $(CONF) || rm -f $(CONF)
	! [ -d $(DESTDIR)$(SYSCONFDIR)/dha ] || rmdir --ignore-fail-on-non-empty $(DESTDIR)$(SYSCONFDIR)/dha

# The tree dkms.conf expects: kmod/ beside uapi/, as here.
install-dkms:
	install -d $(DKMS_SRC)/kmod $(DKMS_SRC)/uapi/linux
	install -m 0644 kmod/*.c kmod/*.h kmod/Kbuild $(DKMS_SRC)/kmod/
	install -m 0644 uapi/linux/dha.h $(DKMS_SRC)/uapi/linux/
	sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf >$(DKMS_SRC)/dkms.conf

# After "dkms remove dha/VERSION --all".
uninstall-dkms:
	rm -rf $(DKMS_SRC)

clean:
	rm -rf $(BUILD)
	$(MAKE) -C tools clean
	$(MAKE) -C daemon clean
	$(MAKE) -C daemon/wire clean
	$(MAKE) -C lib clean
