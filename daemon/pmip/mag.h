/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Mobile Access Gateway (RFC 5213 6): a mobile node attaches when a
 * Router Solicitation from a new link-layer address arrives on an
 * access link (or an operator says so, pmip-attach); the MAG registers
 * it with the LMA (PBU, retransmitted), and after the PBA binds its
 * home network prefix in the kernel (a proxy-mag binding: the uplink to
 * the LMA), puts the prefix on-link on the access link and advertises
 * it to the node alone from the shared link-local address. The node
 * detaches when its access link loses its carrier or an operator says
 * so (pmip-detach): the MAG deregisters it and undoes the rest.
 */
#ifndef DHAD_PMIP_MAG_H
#define DHAD_PMIP_MAG_H

#include <json-c/json.h>

#include "core/control.h"

struct dhad;
struct mag;
struct pmip_config;

int mag_open(struct dhad *dhad, const struct pmip_config *config,
	     struct mag **out);
/* Bindings stay in the kernel. NULL is ignored. */
void mag_close(struct mag *mag);
void mag_show(struct mag *mag, json_object *result);
/* pmip-attach {"mn-id", "dev"} and pmip-detach {"mn-id"}. */
void mag_run_attach(struct mag *mag, struct control_call *call);
void mag_run_detach(struct mag *mag, struct control_call *call);

#endif /* DHAD_PMIP_MAG_H */
