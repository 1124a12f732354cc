// SPDX-License-Identifier: GPL-2.0-only
/* The list of protocols (protocols.h). */
#include "global/global.h"
#include "loadbalance/loadbalance.h"
#include "mip6/mip6.h"
#include "pmip/pmip.h"
#include "protocols.h"
#include "reliability/reliability.h"

const struct protocol *const dhad_protocols[] = {
	&mip6_protocol,
	&reliability_protocol,
	&global_protocol,
	&pmip_protocol,
	&loadbalance_protocol,
};

const size_t dhad_protocol_count =
	sizeof(dhad_protocols) / sizeof(dhad_protocols[0]);
