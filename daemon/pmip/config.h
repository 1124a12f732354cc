/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Proxy Mobile IPv6's settings: [pmip] (dhad.conf(5)). The section alone
 * is a whole configuration; its device and address are published as
 * the core's struct dhad_home (the dha device and its tunnel source),
 * so [pmip] and [home-agent] do not share a file.
 */
#ifndef DHAD_PMIP_CONFIG_H
#define DHAD_PMIP_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <limits.h>
#include <net/if.h>

#include "core/conf.h"
#include "core/home.h"

#define PMIP_DEFAULT_DEVICE "dha0"
/* RFC 5213 leaves the lifetime to policy; the home agent's default. */
#define PMIP_DEFAULT_MAX_LIFETIME 600
/* A PBA's lifetime is in 4-second units, 16 bits. */
#define PMIP_MAX_LIFETIME_LIMIT (0xffff * 4)
#define PMIP_MAGS_MAX 64
#define PMIP_ACCESS_LINKS_MAX 16
/* Home network prefixes are /64 (RFC 5213 2.2); a pool is wider. */
#define PMIP_HNP_LENGTH 64

enum pmip_role {
	PMIP_ROLE_NONE,			/* no [pmip] */
	PMIP_ROLE_LMA,
	PMIP_ROLE_MAG,
};

/* How a MAG names the mobile node behind a link-layer address. */
enum pmip_mn_id_mode {
	PMIP_MN_ID_MAC,			/* "mac-" and the address, a NAI */
	PMIP_MN_ID_FILE,		/* a file: LLADDR IDENTIFIER lines */
};

struct pmip_config {
	/* The core's settings while the file is read (mip6's note). */
	struct dhad_config *core;
	enum pmip_role role;
	/* device, address (LMA address or proxy care-of address). */
	struct dhad_home home;
	/* LMA */
	struct dhad_prefix hnp_pool;
	unsigned int mag_count;
	struct in6_addr mags[PMIP_MAGS_MAX];
	uint32_t max_lifetime;		/* seconds */
	/* MAG */
	struct in6_addr lma;
	unsigned int access_link_count;
	char access_links[PMIP_ACCESS_LINKS_MAX][IF_NAMESIZE];
	struct in6_addr link_local;
	enum pmip_mn_id_mode mn_id_mode;
	char mn_id_file[PATH_MAX];
};

extern const struct conf_section pmip_sections[];
void pmip_config_init(void *config, struct dhad_config *core);
void pmip_config_check(void *config, struct conf_check *check);
const char *pmip_config_fixed(const void *old, const void *now);

/* Whether addr is an authorized MAG's (LMA). Pure. */
bool pmip_config_mag_known(const struct pmip_config *config,
			   const struct in6_addr *addr);

#endif /* DHAD_PMIP_CONFIG_H */
