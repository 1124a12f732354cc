#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A dha device stays in the namespace it was created in: its tables and the
# receive hook belong to that namespace, so moving it is refused, and its
# bindings stay usable afterwards.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
ns_add a
ns_add b
dha_dev a
dha_in a binding add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0

if nip a link set dha0 netns "$(nsn b)" 2>"$SCN_TMP/err"; then
	fail "dha0 moved to another namespace"
fi
log "move refused: $(cat "$SCN_TMP/err")"
nip a link show dha0 >/dev/null || fail "dha0 left namespace a"
nip b link show dha0 >/dev/null 2>&1 && fail "dha0 appeared in namespace b"
dha_in a binding show dev dha0 | grep_q 2001:db8:1::100 ||
	fail "the binding is gone after the refused move"
pass
