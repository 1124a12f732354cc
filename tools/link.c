// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha link": settings and counts of dha devices. dev_query() is shared
 * with "dha stats", which reads the same reply.
 */
#include <errno.h>
#include <string.h>
#include <linux/dha.h>
#include <netlink/attr.h>

#include "dha.h"

const char link_usage[] =
	"dha link set dev DEV [ local { ADDRESS | none } ]\n"
	"                     [ home-link { IF | none } [ home-prefix PREFIX ]... ]\n"
	"dha link [ show ] [ dev DEV ]\n";

static const struct keyword verbs[] = {
	{ "set", VERB_SET },
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "ls", VERB_SHOW },
	{ "help", VERB_HELP },
};

enum link_arg {
	ARG_DEV,
	ARG_LOCAL,
	ARG_HOME_LINK,
	ARG_HOME_PREFIX,
};

static const struct keyword set_args[] = {
	{ "dev", ARG_DEV },
	{ "local", ARG_LOCAL },
	{ "home-link", ARG_HOME_LINK },
	{ "home-prefix", ARG_HOME_PREFIX },
};

static enum parse_result parse_local(const char *text, struct in6_addr *out)
{
	enum parse_result result;

	if (strcmp(text, "none") == 0) {
		memset(out, 0, sizeof(*out));
		return PARSE_OK;
	}
	/* "::" clears, as the kernel reads the unspecified address. */
	result = parse_unicast_in6(text, out);
	return result == PARSE_ERR_UNSPECIFIED ? PARSE_OK : result;
}

int link_parse_args(int argc, char **argv, struct link_request *req,
		    struct cli_error *err)
{
	enum parse_result result;
	size_t arg_count;
	int i, verb, arg;

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
	/* show takes only dev; help takes nothing */
	arg_count = req->verb == VERB_SET ? 4 : req->verb == VERB_SHOW ? 1 : 0;

	for (i = 0; i < argc; i++) {
		arg = keyword_parse(argv[i], set_args, arg_count, "argument",
				    err);
		if (arg < 0)
			return -1;
		if ((arg == ARG_DEV && req->dev) ||
		    (arg == ARG_LOCAL && req->has_local) ||
		    (arg == ARG_HOME_LINK && req->home_link))
			return cli_fail(err, "duplicate \"%s\"",
					set_args[arg].word);
		if (i + 1 == argc)
			return cli_fail(err, "missing value for \"%s\"",
					set_args[arg].word);
		i++;
		if (arg == ARG_DEV) {
			result = parse_ifname(argv[i]);
			if (result != PARSE_OK)
				return cli_fail_value(err, "device name",
						      argv[i], result);
			req->dev = argv[i];
		} else if (arg == ARG_LOCAL) {
			result = parse_local(argv[i], &req->local);
			if (result != PARSE_OK)
				return cli_fail_value(err, "local address",
						      argv[i], result);
			req->has_local = true;
		} else if (arg == ARG_HOME_LINK) {
			result = strcmp(argv[i], "none") ?
				 parse_ifname(argv[i]) : PARSE_OK;
			if (result != PARSE_OK)
				return cli_fail_value(err, "home link",
						      argv[i], result);
			req->home_link = argv[i];
		} else {
			if (req->home_prefix_count == HOME_PREFIXES_MAX)
				return cli_fail(err, "more than %d home prefixes",
						HOME_PREFIXES_MAX);
			result = parse_prefix(argv[i], &req->home_prefixes[
					      req->home_prefix_count]);
			if (result != PARSE_OK)
				return cli_fail_value(err, "home prefix",
						      argv[i], result);
			req->home_prefix_count++;
		}
	}

	if (req->verb == VERB_SET && !req->dev)
		return cli_fail(err, "missing \"dev\"");
	if (req->verb == VERB_SET && !req->has_local && !req->home_link)
		return cli_fail(err, "missing \"local\" or \"home-link\"");
	if (req->home_prefix_count &&
	    (!req->home_link || !strcmp(req->home_link, "none")))
		return cli_fail(err, "\"home-prefix\" needs a \"home-link\"");
	if (req->home_link && strcmp(req->home_link, "none") &&
	    !req->home_prefix_count)
		return cli_fail(err, "missing \"home-prefix\"");
	return 0;
}

struct query_context {
	dev_fn fn;
	void *arg;
};

static int query_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct query_context *ctx = arg;
	struct nlattr *tb[DHA_A_MAX + 1];
	struct dev_info dev;

	if (dha_msg_parse(nlh, tb) < 0 || dev_decode(tb, &dev) ||
	    dev_decode_home(nlh, &dev))
		return -EBADMSG;
	return ctx->fn ? ctx->fn(&dev, ctx->arg) : 0;
}

int dev_query(struct dha_nl *nl, uint32_t ifindex, dev_fn fn, void *arg)
{
	struct query_context ctx = { .fn = fn, .arg = arg };
	struct nl_msg *msg;

	msg = dha_nl_request(nl, DHA_CMD_DEV_GET, ifindex ? 0 : NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (ifindex && nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(nl, msg, query_reply, &ctx);
}

static int show_dev(const struct dev_info *dev, void *arg)
{
	struct printer *printer = arg;

	if (printer->opts->json)
		return printer_add_json(printer, dev_json(dev));
	dev_print(printer->out, dev);
	return 0;
}

static int set_local(struct dha_nl *nl, uint32_t ifindex,
		     const struct in6_addr *local)
{
	struct nl_msg *msg;

	msg = dha_nl_request(nl, DHA_CMD_DEV_SET, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0 ||
	    nla_put(msg, DHA_A_LOCAL, sizeof(*local), local) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(nl, msg, NULL, NULL);
}

/* Attaches the device to the request's home link, or ("none") detaches it. */
static int set_home(struct dha_nl *nl, uint32_t ifindex,
		    const struct link_request *req, uint32_t home_link)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	unsigned int i;

	msg = dha_nl_request(nl, DHA_CMD_DEV_SET, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0 ||
	    nla_put_u32(msg, DHA_A_HOME_LINK, home_link) < 0)
		goto nomem;
	for (i = 0; i < req->home_prefix_count; i++) {
		const struct ip6_prefix *p = &req->home_prefixes[i];

		nest = nla_nest_start(msg, DHA_A_HOME_PREFIX);
		if (!nest ||
		    nla_put(msg, DHA_A_PREFIX_ADDRESS, sizeof(p->address),
			    &p->address) < 0 ||
		    nla_put_u8(msg, DHA_A_PREFIX_LENGTH, p->length) < 0)
			goto nomem;
		nla_nest_end(msg, nest);
	}
	return dha_nl_transact(nl, msg, NULL, NULL);
nomem:
	nlmsg_free(msg);
	return -ENOMEM;
}

int cmd_link(int argc, char **argv, const struct options *opts)
{
	struct link_request req;
	struct printer printer;
	struct cli_error err;
	struct dha_nl own, *nl;
	uint32_t ifindex, home_link = 0;
	int ret = 0;

	if (link_parse_args(argc, argv, &req, &err))
		return fail_usage(&err);
	if (req.verb == VERB_HELP) {
		fputs(link_usage, stdout);
		return 0;
	}
	if (resolve_dev(req.dev, &ifindex) ||
	    (req.home_link && strcmp(req.home_link, "none") &&
	     resolve_dev(req.home_link, &home_link)))
		return 1;
	nl = family_get(opts, &own);
	if (!nl)
		return 1;

	if (req.verb == VERB_SET) {
		if (req.has_local)
			ret = set_local(nl, ifindex, &req.local);
		if (!ret && req.home_link)
			ret = set_home(nl, ifindex, &req, home_link);
	} else {
		ret = printer_init(&printer, stdout, opts);
		if (!ret)
			ret = dev_query(nl, ifindex, show_dev, &printer);
		if (!ret)
			ret = printer_finish(&printer);
		printer_discard(&printer);
	}
	if (ret)
		fail_request(ret, nl, req.dev, NULL);
	family_put(opts, nl);
	return ret ? 1 : 0;
}
