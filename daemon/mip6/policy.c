// SPDX-License-Identifier: GPL-2.0-only
/* The binding policy (policy.h). */
#include <stdio.h>
#include <string.h>

#include "mip6/policy.h"

#define POLICY_WORDS_MAX 4
/* The longest word worth reading: a prefix. */
#define POLICY_WORD_MAX PREFIX_STRLEN

#define POLICY_SHAPE "not allow|deny HOME [coa PREFIX]"

bool policy_verdict_parse(const char *value, bool *deny)
{
	if (strcmp(value, "allow") == 0)
		*deny = false;
	else if (strcmp(value, "deny") == 0)
		*deny = true;
	else
		return false;
	return true;
}

/*
 * Splits value at blanks into at most POLICY_WORDS_MAX words; returns
 * their number, or -1 if there are more or one is too long.
 */
static int split(const char *value, char words[][POLICY_WORD_MAX])
{
	int count = 0;
	size_t len;

	for (;;) {
		value += strspn(value, " \t");
		if (!*value)
			return count;
		len = strcspn(value, " \t");
		if (count == POLICY_WORDS_MAX || len >= POLICY_WORD_MAX)
			return -1;
		memcpy(words[count], value, len);
		words[count++][len] = '\0';
		value += len;
	}
}

/* An address (a /128) or ADDRESS/LENGTH, host bits zero. */
static bool parse_address_or_prefix(const char *text, struct dhad_prefix *out,
				    const char **reason)
{
	if (strchr(text, '/'))
		return prefix_parse(text, out, reason);
	out->length = 128;
	return addr_parse_global(text, &out->address, reason);
}

bool policy_rule_parse(const char *value, struct policy_rule *rule,
		       char why[POLICY_REASON_MAX])
{
	char words[POLICY_WORDS_MAX][POLICY_WORD_MAX];
	int count = split(value, words);
	const char *reason;
	bool deny;

	memset(rule, 0, sizeof(*rule));
	if (count != 2 && !(count == 4 && strcmp(words[2], "coa") == 0)) {
		snprintf(why, POLICY_REASON_MAX, "%s", POLICY_SHAPE);
		return false;
	}
	if (!policy_verdict_parse(words[0], &deny)) {
		snprintf(why, POLICY_REASON_MAX, "\"%s\" is neither allow nor deny",
			 words[0]);
		return false;
	}
	rule->allow = !deny;
	/* "any": length 0, which every address is within. */
	if (strcmp(words[1], "any") != 0 &&
	    !parse_address_or_prefix(words[1], &rule->home, &reason)) {
		snprintf(why, POLICY_REASON_MAX, "home \"%s\": %s", words[1],
			 reason);
		return false;
	}
	if (count == 2)
		return true;
	if (!parse_address_or_prefix(words[3], &rule->care_of, &reason)) {
		snprintf(why, POLICY_REASON_MAX, "care-of \"%s\": %s", words[3],
			 reason);
		return false;
	}
	rule->has_care_of = true;
	return true;
}

bool policy_allows(const struct policy *policy,
		   const struct in6_addr *home_address,
		   const struct in6_addr *care_of_address)
{
	unsigned int i;

	for (i = 0; i < policy->rule_count; i++) {
		const struct policy_rule *rule = &policy->rules[i];

		if (prefix_contains(&rule->home, home_address) &&
		    (!rule->has_care_of ||
		     prefix_contains(&rule->care_of, care_of_address)))
			return rule->allow;
	}
	return !policy->default_deny;
}
