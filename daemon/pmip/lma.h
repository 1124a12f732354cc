/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Local Mobility Anchor (RFC 5213 5): Proxy Binding Updates in,
 * decisions from lmacache.h, a proxy-lma kernel binding per mobile node,
 * Proxy Binding Acknowledgements out, lifetimes. Its cache is rebuilt
 * from the kernel's proxy-lma bindings at start.
 */
#ifndef DHAD_PMIP_LMA_H
#define DHAD_PMIP_LMA_H

#include <json-c/json.h>

struct dhad;
struct lma;
struct pmip_config;

int lma_open(struct dhad *dhad, const struct pmip_config *config,
	     struct lma **out);
/* The kernel's bindings stay. NULL is ignored. */
void lma_close(struct lma *lma);
/* dha pmip show: the binding cache and the counters. */
void lma_show(struct lma *lma, json_object *result);

#endif /* DHAD_PMIP_LMA_H */
