// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over everything in the tool that reads outside input:
 * the text parsers, the argv -> request parsers, the reply decoders (with
 * the printers behind them) and the printers of dhad's control socket
 * replies, and the batch line splitter. The first input byte picks the
 * target; the rest is its input.
 * (The ack parser is lib/'s, fuzzed by lib/fuzz/ack_fuzz.c.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/dha.h>
#include <linux/genetlink.h>

#include "dha.h"

#define MAX_ARGS 32

enum target {
	TARGET_TEXT,
	TARGET_ARGV,
	TARGET_REPLY,
	TARGET_BATCH,		/* was the ack parser, now lib/'s */
	TARGET_CONTROL,
	TARGET_COUNT,
};

static void require(bool condition)
{
	if (!condition)
		abort();
}

static void fuzz_text(const char *text)
{
	static const struct keyword words[] = {
		{ "add", 1 }, { "del", 2 }, { "delete", 2 }, { "dev", 3 },
	};
	struct ip6_prefix prefix, again;
	char formatted[PREFIX_STRLEN];
	struct in6_addr address;
	uint32_t value;
	bool forever;

	parse_in6(text, &address);
	parse_unicast_in6(text, &address);
	parse_lifetime(text, &value, &forever);
	parse_ifname(text);
	keyword_lookup(text, words, sizeof(words) / sizeof(words[0]));
	if (parse_prefix(text, &prefix) == PARSE_OK) {
		/* What the tool prints must parse back to the same prefix. */
		format_prefix(&prefix, formatted, sizeof(formatted));
		require(parse_prefix(formatted, &again) == PARSE_OK);
		require(again.length == prefix.length &&
			!memcmp(&again.address, &prefix.address,
				sizeof(prefix.address)));
	}
}

static void fuzz_argv(char *text, size_t len)
{
	struct binding_request binding;
	struct peer_request peer;
	struct link_request link;
	struct ha_switch_request ha_switch;
	struct ha_sync_request ha_sync;
	char *argv[MAX_ARGS];
	struct cli_error err;
	const char *dev;
	enum verb verb;
	int argc = 0;
	size_t i, start = 0;

	/* NUL-separated words, as the kernel hands argv to main(). */
	for (i = 0; i <= len && argc < MAX_ARGS; i++) {
		if (i == len || text[i] == '\0') {
			text[i] = '\0';
			argv[argc++] = text + start;
			start = i + 1;
		}
	}
	if (binding_parse_args(DHA_BINDING_KIND_HOME, argc, argv, &binding,
			       &err) == 0 && binding.verb == VERB_ADD)
		/* A home address, or a proxy binding's prefix and kind. */
		require(binding.dev && binding.has_target &&
			binding.has_home_address != binding.proxy &&
			(!binding.proxy ||
			 (binding.kind != DHA_BINDING_KIND_HOME &&
			  binding.hnp.length <= 64)));
	if (binding_parse_args(DHA_BINDING_KIND_GLOBAL, argc, argv, &binding,
			       &err) == 0 && binding.verb == VERB_FLUSH)
		require(binding.dev != NULL);
	peer_parse_args(argc, argv, &peer, &err);
	proxy_peer_parse_args(argc, argv, &verb, &dev, &err);
	link_parse_args(argc, argv, &link, &err);
	stats_parse_args(argc, argv, &verb, &dev, &err);
	ha_verb_parse(argc, argv, &err);
	if (ha_switch_parse_args(argc, argv, &ha_switch, &err) == 0) {
		require(ha_switch.home_agent_count >= 1 &&
			ha_switch.home_agent_count <= HA_SWITCH_HOME_AGENTS_MAX);
		json_object_put(ha_switch_request_json(&ha_switch));
	}
	if (ha_sync_parse_args(argc, argv, &ha_sync, &err) == 0) {
		require(ha_sync.home_address_count <= HA_SYNC_ADDRESSES_MAX &&
			ha_sync.prefix_count <= HA_SYNC_PREFIXES_MAX);
		json_object_put(ha_sync_request_json(&ha_sync));
	}
}

static void fuzz_reply(const uint8_t *data, size_t len)
{
	struct options opts = { .stats = true };
	struct nlattr *tb[DHA_A_MAX + 1];
	struct binding_info binding;
	struct dev_info dev;
	struct peer_info peer;
	struct proxy_peer_info proxy_peer;
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	FILE *sink;

	if (len > 4096)
		return;
	nlh = calloc(1, NLMSG_SPACE(GENL_HDRLEN + len));
	nlh->nlmsg_len = (uint32_t)NLMSG_LENGTH(GENL_HDRLEN + len);
	genl = NLMSG_DATA(nlh);
	memcpy((char *)genl + GENL_HDRLEN, data, len);

	sink = fopen("/dev/null", "w");
	if (dha_msg_parse(nlh, tb) >= 0) {
		if (binding_decode(tb, &binding) == 0) {
			binding_print(sink, &binding, opts.stats);
			event_print(sink, DHA_CMD_BINDING_DEL_NTF, &binding, true);
			json_object_put(binding_json(&binding, true));
		}
		if (dev_decode(tb, &dev) == 0 &&
		    dev_decode_home(nlh, &dev) == 0) {
			dev_print(sink, &dev);
			json_object_put(dev_json(&dev));
			dev_stats_print(sink, &dev);
			json_object_put(dev_stats_json(&dev));
		}
		if (peer_decode(tb, &peer) == 0)
			peer_print(sink, &peer, true);
		if (proxy_peer_decode(tb, &proxy_peer) == 0) {
			proxy_peer_print(sink, &proxy_peer, true);
			json_object_put(proxy_peer_json(&proxy_peer, true));
		}
	}
	fclose(sink);
	free(nlh);
}

/* A result object from dhad, whatever its shape, as the tool prints it. */
static void fuzz_control(const char *text)
{
	json_object *result = json_tokener_parse(text);
	FILE *sink;

	if (!result)
		return;
	sink = fopen("/dev/null", "w");
	ha_print(sink, result);
	ha_print_stats(sink, result);
	ha_handover_print(sink, result);
	cache_print(sink, result);
	fclose(sink);
	json_object_put(result);
}

/* Appends word single-quoted ('\'' for a quote), so it splits back as is. */
static char *quote_word(char *out, const char *word)
{
	*out++ = '\'';
	for (; *word; word++) {
		if (*word == '\'') {
			memcpy(out, "'\\''", 4);
			out += 4;
		} else {
			*out++ = *word;
		}
	}
	*out++ = '\'';
	*out++ = ' ';
	return out;
}

static void fuzz_batch(char *line, size_t len)
{
	char *argv[BATCH_WORDS_MAX], *again[BATCH_WORDS_MAX], *quoted, *out;
	int argc, argc_again, i;
	struct cli_error err;

	if (batch_split(line, argv, BATCH_WORDS_MAX, &argc, &err))
		return;
	require(argc >= 0 && argc <= BATCH_WORDS_MAX);
	/* Every word, requoted, must split back to itself. */
	quoted = malloc(4 * len + 3 * BATCH_WORDS_MAX + 2);
	out = quoted;
	for (i = 0; i < argc; i++) {
		require(argv[i] >= line && argv[i] + strlen(argv[i]) < line + len + 1);
		out = quote_word(out, argv[i]);
	}
	*out = '\0';
	require(!batch_split(quoted, again, BATCH_WORDS_MAX, &argc_again, &err));
	require(argc_again == argc);
	for (i = 0; i < argc; i++)
		require(strcmp(again[i], argv[i]) == 0);
	free(quoted);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1)
		return 0;
	switch (data[0] % TARGET_COUNT) {
	case TARGET_TEXT:
	case TARGET_ARGV:
	case TARGET_CONTROL:
	case TARGET_BATCH:
		text = malloc(size);
		memcpy(text, data + 1, size - 1);
		text[size - 1] = '\0';
		if (data[0] % TARGET_COUNT == TARGET_TEXT)
			fuzz_text(text);
		else if (data[0] % TARGET_COUNT == TARGET_ARGV)
			fuzz_argv(text, size - 1);
		else if (data[0] % TARGET_COUNT == TARGET_BATCH)
			fuzz_batch(text, size - 1);
		else
			fuzz_control(text);
		free(text);
		break;
	case TARGET_REPLY:
		fuzz_reply(data + 1, size - 1);
		break;
	}
	return 0;
}
