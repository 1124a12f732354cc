# SPDX-License-Identifier: GPL-2.0-only
#
# What a Makefile needs to use libdha-nl; include it after setting
# nothing (it finds its own directory):
#   NL_CFLAGS   -I for the library's headers and uapi/ (linux/dha.h)
#   NL_LIB      the static library, built by $(MAKE) -C $(NL_DIR)
#   NL_SRCS     its sources, for builds that compile it in (sanitizers,
#               fuzzers) so that it is instrumented too
#   NL_HDRS     its headers, for dependencies
# Link libnl-genl-3.0 (pkg-config) either way.

NL_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
NL_CFLAGS := -I$(NL_DIR) -I$(abspath $(NL_DIR)/../uapi)
NL_LIB := $(NL_DIR)/libdha-nl.a
NL_SRCS := $(NL_DIR)/nlsock.c $(NL_DIR)/nlbuild.c $(NL_DIR)/genl.c
NL_HDRS := $(NL_DIR)/nlsock.h $(NL_DIR)/nlbuild.h $(NL_DIR)/genl.h
