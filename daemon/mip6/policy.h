/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The binding policy: which home addresses may register, from which
 * care-of addresses ([home-agent] binding-policy and
 * binding-policy-default, dhad.conf(5)). Rules are tried in the order
 * of the file and the first that matches decides; when none does, the
 * default does. Pure functions, no allocation.
 */
#ifndef DHAD_MIP6_POLICY_H
#define DHAD_MIP6_POLICY_H

#include <stdbool.h>
#include <netinet/in.h>

#include "sys/addr.h"

/* binding-policy lines. */
#define POLICY_RULES_MAX 256

/*
 * "allow|deny HOME [coa CARE-OF-PREFIX]". HOME is a home address (a
 * /128), a prefix, or "any" (length 0); without coa, every care-of
 * address matches.
 */
struct policy_rule {
	bool allow;
	struct dhad_prefix home;	/* length 0: any home address */
	bool has_care_of;
	struct dhad_prefix care_of;
};

struct policy {
	bool default_deny;		/* zero: allow, as without a policy */
	unsigned int rule_count;
	struct policy_rule rules[POLICY_RULES_MAX];
};

/* A mistake's reason in a binding-policy value, with its NUL. */
#define POLICY_REASON_MAX 128

/*
 * Parses a binding-policy value into *rule. On a mistake returns false
 * with the reason (naming neither key nor value) in why.
 */
bool policy_rule_parse(const char *value, struct policy_rule *rule,
		       char why[POLICY_REASON_MAX]);

/* "allow" or "deny" into *deny; false for anything else. */
bool policy_verdict_parse(const char *value, bool *deny);

/* Whether a binding of home_address through care_of_address is allowed. */
bool policy_allows(const struct policy *policy,
		   const struct in6_addr *home_address,
		   const struct in6_addr *care_of_address);

#endif /* DHAD_MIP6_POLICY_H */
