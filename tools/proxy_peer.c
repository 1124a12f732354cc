// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha proxy-peer": the far ends of the PMIPv6 proxy bindings (the MAGs an
 * LMA tunnels to, the LMAs a MAG tunnels to), how many bindings use each
 * and, with -s, the traffic through each. The kernel keeps them while a
 * binding names them; there is nothing to add or delete.
 */
#include <errno.h>
#include <string.h>
#include <linux/dha.h>
#include <netlink/attr.h>

#include "dha.h"

const char proxy_peer_usage[] =
	"dha proxy-peer [ show ] [ dev DEV ]\n";

static const struct keyword verbs[] = {
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "ls", VERB_SHOW },
	{ "help", VERB_HELP },
};

static const struct keyword args[] = {
	{ "dev", 0 },
};

int proxy_peer_parse_args(int argc, char **argv, enum verb *verb,
			  const char **dev, struct cli_error *err)
{
	enum parse_result result;
	int i, id;

	*verb = VERB_SHOW;
	*dev = NULL;
	if (argc > 0) {
		id = keyword_parse(argv[0], verbs, sizeof(verbs) / sizeof(verbs[0]),
				   "command", err);
		if (id < 0)
			return -1;
		*verb = (enum verb)id;
		argc--;
		argv++;
	}
	for (i = 0; i < argc; i++) {
		if (*verb == VERB_HELP || keyword_lookup(argv[i], args, 1) != 0)
			return cli_fail(err, "unknown argument \"%s\"", argv[i]);
		if (*dev)
			return cli_fail(err, "duplicate \"dev\"");
		if (i + 1 == argc)
			return cli_fail(err, "missing value for \"dev\"");
		result = parse_ifname(argv[++i]);
		if (result != PARSE_OK)
			return cli_fail_value(err, "device name", argv[i], result);
		*dev = argv[i];
	}
	return 0;
}

struct show_context {
	const struct options *opts;
	struct printer printer;
	struct ifname_cache names;
};

static int show_proxy_peer(const struct nlmsghdr *nlh, void *arg)
{
	struct show_context *ctx = arg;
	struct nlattr *tb[DHA_A_MAX + 1];
	struct proxy_peer_info peer;

	if (dha_msg_parse(nlh, tb) < 0 || proxy_peer_decode(tb, &peer))
		return -EBADMSG;
	ifname_lookup(&ctx->names, peer.ifindex, peer.ifname);
	if (ctx->opts->json)
		return printer_add_json(&ctx->printer,
					proxy_peer_json(&peer, ctx->opts->stats));
	proxy_peer_print(stdout, &peer, ctx->opts->stats);
	return 0;
}

static int show(struct dha_nl *nl, uint32_t ifindex, const struct options *opts)
{
	struct show_context ctx = { .opts = opts };
	struct nl_msg *msg;
	int ret;

	ret = printer_init(&ctx.printer, stdout, opts);
	if (ret)
		return ret;
	msg = dha_nl_request(nl, DHA_CMD_PROXY_PEER_GET, NLM_F_DUMP);
	if (!msg || (ifindex && nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0)) {
		nlmsg_free(msg);
		ret = -ENOMEM;
	} else {
		ret = dha_nl_transact(nl, msg, show_proxy_peer, &ctx);
	}
	if (!ret)
		ret = printer_finish(&ctx.printer);
	printer_discard(&ctx.printer);
	return ret;
}

int cmd_proxy_peer(int argc, char **argv, const struct options *opts)
{
	struct dha_nl own, *nl;
	struct cli_error err;
	const char *dev;
	uint32_t ifindex;
	enum verb verb;
	int ret;

	if (proxy_peer_parse_args(argc, argv, &verb, &dev, &err))
		return fail_usage(&err);
	if (verb == VERB_HELP) {
		fputs(proxy_peer_usage, stdout);
		return 0;
	}
	if (resolve_dev(dev, &ifindex))
		return 1;
	nl = family_get(opts, &own);
	if (!nl)
		return 1;
	ret = show(nl, ifindex, opts);
	if (ret)
		fail_request(ret, nl, dev, "proxy peer");
	family_put(opts, nl);
	return ret ? 1 : 0;
}
