// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha peer": locators of peer home agents allowed to tunnel to a device.
 */
#include <errno.h>
#include <string.h>
#include <linux/dha.h>
#include <netlink/attr.h>

#include "dha.h"

const char peer_usage[] =
	"dha peer { add | del } ADDRESS dev DEV\n"
	"dha peer [ show ] [ dev DEV ]\n";

static const struct keyword verbs[] = {
	{ "add", VERB_ADD },
	{ "del", VERB_DEL },
	{ "delete", VERB_DEL },
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "ls", VERB_SHOW },
	{ "help", VERB_HELP },
};

static const struct keyword args[] = {
	{ "dev", 0 },
};

int peer_parse_args(int argc, char **argv, struct peer_request *req,
		    struct cli_error *err)
{
	enum parse_result result;
	bool takes_address;
	int i, verb;

	memset(req, 0, sizeof(*req));
	req->verb = VERB_SHOW;
	if (argc > 0) {
		verb = keyword_parse(argv[0], verbs,
				     sizeof(verbs) / sizeof(verbs[0]),
				     "command", err);
		if (verb < 0)
			return -1;
		req->verb = (enum verb)verb;
		argc--;
		argv++;
	}
	takes_address = req->verb == VERB_ADD || req->verb == VERB_DEL;

	for (i = 0; i < argc; i++) {
		if (req->verb != VERB_HELP &&
		    keyword_lookup(argv[i], args, 1) == 0) {
			if (req->dev)
				return cli_fail(err, "duplicate \"dev\"");
			if (i + 1 == argc)
				return cli_fail(err, "missing value for \"dev\"");
			result = parse_ifname(argv[++i]);
			if (result != PARSE_OK)
				return cli_fail_value(err, "device name",
						      argv[i], result);
			req->dev = argv[i];
			continue;
		}
		if (!takes_address || req->has_address)
			return cli_fail(err, "unknown argument \"%s\"", argv[i]);
		result = parse_unicast_in6(argv[i], &req->address);
		if (result != PARSE_OK)
			return cli_fail_value(err, "peer address", argv[i],
					      result);
		req->has_address = true;
	}

	if (takes_address && !req->has_address)
		return cli_fail(err, "missing peer address");
	if (takes_address && !req->dev)
		return cli_fail(err, "missing \"dev\"");
	return 0;
}

struct show_context {
	const struct options *opts;
	struct printer printer;
	struct ifname_cache names;
};

static int show_peer(const struct nlmsghdr *nlh, void *arg)
{
	struct show_context *ctx = arg;
	struct nlattr *tb[DHA_A_MAX + 1];
	struct peer_info peer;

	if (dha_msg_parse(nlh, tb) < 0 || peer_decode(tb, &peer))
		return -EBADMSG;
	ifname_lookup(&ctx->names, peer.ifindex, peer.ifname);
	if (ctx->opts->json)
		return printer_add_json(&ctx->printer,
					peer_json(&peer, ctx->opts->stats));
	peer_print(stdout, &peer, ctx->opts->stats);
	return 0;
}

static int send_request(struct dha_nl *nl, const struct peer_request *req,
			uint32_t ifindex, dha_nl_reply_fn reply, void *arg)
{
	static const struct {
		uint8_t cmd;
		int flags;
	} ops[] = {
		[VERB_ADD] = { DHA_CMD_PEER_NEW, NLM_F_CREATE | NLM_F_EXCL },
		[VERB_DEL] = { DHA_CMD_PEER_DEL, 0 },
		[VERB_SHOW] = { DHA_CMD_PEER_GET, NLM_F_DUMP },
	};
	struct nl_msg *msg;
	struct nlattr *nest;

	msg = dha_nl_request(nl, ops[req->verb].cmd, ops[req->verb].flags);
	if (!msg)
		return -ENOMEM;
	if (ifindex && nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0)
		goto err_free;
	if (req->has_address) {
		nest = nla_nest_start(msg, DHA_A_PEER);
		if (!nest || nla_put(msg, DHA_A_PEER_ADDRESS,
				     sizeof(req->address), &req->address) < 0)
			goto err_free;
		nla_nest_end(msg, nest);
	}
	return dha_nl_transact(nl, msg, reply, arg);

err_free:
	nlmsg_free(msg);
	return -ENOMEM;
}

static int show(struct dha_nl *nl, const struct peer_request *req,
		uint32_t ifindex, const struct options *opts)
{
	struct show_context ctx = { .opts = opts };
	int ret;

	ret = printer_init(&ctx.printer, stdout, opts);
	if (!ret)
		ret = send_request(nl, req, ifindex, show_peer, &ctx);
	if (!ret)
		ret = printer_finish(&ctx.printer);
	printer_discard(&ctx.printer);
	return ret;
}

int cmd_peer(int argc, char **argv, const struct options *opts)
{
	struct peer_request req;
	struct cli_error err;
	struct dha_nl own, *nl;
	uint32_t ifindex;
	int ret;

	if (peer_parse_args(argc, argv, &req, &err))
		return fail_usage(&err);
	if (req.verb == VERB_HELP) {
		fputs(peer_usage, stdout);
		return 0;
	}
	if (resolve_dev(req.dev, &ifindex))
		return 1;
	nl = family_get(opts, &own);
	if (!nl)
		return 1;

	if (req.verb == VERB_SHOW)
		ret = show(nl, &req, ifindex, opts);
	else
		ret = send_request(nl, &req, ifindex, NULL, NULL);
	if (ret)
		fail_request(ret, nl, req.dev, "peer");
	family_put(opts, nl);
	return ret ? 1 : 0;
}
