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
#                         a new standby, in 6.12 guests (not part of make
#                         check)
#   make uapi             regenerate uapi/linux/dha.h from the YAML spec
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
	uapi-check sparse checkpatch lint check demo bench vm-repro clean

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
		--host "scripts/fuzz.sh"

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

# Not part of make check: it takes minutes. DHA_VM_MTTCG=1
# DHA_VM_NO_TSTAMP_HOLD=1 bring back the runner that crashed.
REPRO_SECONDS ?= 600
vm-repro:
	@selftests/vm/run-vm.sh --kernel 6.12 --timeout $$(( $(REPRO_SECONDS) + 300 )) \
		-- selftests/vm/oops-repro.sh $(REPRO_SECONDS)

clean:
	rm -rf $(BUILD)
	$(MAKE) -C tools clean
	$(MAKE) -C daemon clean
	$(MAKE) -C daemon/wire clean
	$(MAKE) -C lib clean
