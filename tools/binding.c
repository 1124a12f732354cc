// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha binding" (home bindings: home address -> care-of address; PMIPv6
 * proxy bindings: home network prefix -> serving MAG on an LMA, or -> LMA
 * on a MAG) and "dha global" (global bindings: home address -> primary
 * home agent). All are rows of the same kernel table told apart by their
 * kind.
 */
#include <errno.h>
#include <string.h>
#include <linux/dha.h>
#include <netlink/attr.h>

#include "dha.h"

const char binding_usage[] =
	"dha binding { add | replace | change } HOA coa COA dev DEV\n"
	"            [ lifetime { SECONDS | forever } ] [ mnp PREFIX ]...\n"
	"dha binding { add | replace | change } hnp PREFIX { mag ADDR | lma ADDR }\n"
	"            [ local ADDR ] dev DEV [ lifetime { SECONDS | forever } ]\n"
	"dha binding del { HOA | hnp PREFIX } dev DEV\n"
	"dha binding [ show ] [ dev DEV ]\n"
	"dha binding flush dev DEV\n";

const char global_usage[] =
	"dha global { add | replace | change } HOA ha LOCATOR dev DEV\n"
	"            [ lifetime { SECONDS | forever } ] [ mnp PREFIX ]...\n"
	"dha global del HOA dev DEV\n"
	"dha global [ show ] [ dev DEV ]\n"
	"dha global flush dev DEV\n";

static const struct keyword verbs[] = {
	{ "add", VERB_ADD },
	{ "replace", VERB_REPLACE },
	{ "change", VERB_CHANGE },
	{ "del", VERB_DEL },
	{ "delete", VERB_DEL },
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "ls", VERB_SHOW },
	{ "flush", VERB_FLUSH },
	{ "help", VERB_HELP },
};

enum binding_arg {
	ARG_TARGET,
	ARG_DEV,
	ARG_LIFETIME,
	ARG_MNP,
	ARG_HNP,
	ARG_MAG,
	ARG_LMA,
	ARG_LOCAL,
};

/*
 * The proxy binding words, matched exactly: abbreviated, "l" and "m"
 * would stop meaning "lifetime" and "mnp".
 */
static const struct keyword proxy_new_args[] = {
	{ "hnp", ARG_HNP },
	{ "mag", ARG_MAG },
	{ "lma", ARG_LMA },
	{ "local", ARG_LOCAL },
};

static const struct keyword proxy_del_args[] = {
	{ "hnp", ARG_HNP },
};

/* Which arguments each verb takes; the home address is positional. */
static const struct keyword new_args_home[] = {
	{ "coa", ARG_TARGET },
	{ "dev", ARG_DEV },
	{ "lifetime", ARG_LIFETIME },
	{ "mnp", ARG_MNP },
};

static const struct keyword new_args_global[] = {
	{ "ha", ARG_TARGET },
	{ "dev", ARG_DEV },
	{ "lifetime", ARG_LIFETIME },
	{ "mnp", ARG_MNP },
};

static const struct keyword dev_only_args[] = {
	{ "dev", ARG_DEV },
};

static bool verb_is_new(enum verb verb)
{
	return verb == VERB_ADD || verb == VERB_REPLACE || verb == VERB_CHANGE;
}

static const char *arg_name(const struct keyword *table, size_t count,
			    int id)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (table[i].id == id)
			return table[i].word;
	}
	for (i = 0; i < sizeof(proxy_new_args) / sizeof(proxy_new_args[0]); i++) {
		if (proxy_new_args[i].id == id)
			return proxy_new_args[i].word;
	}
	return "?";
}

/* An exact proxy word of the verb, or KEYWORD_UNKNOWN. */
static int proxy_arg(const char *word, enum verb verb, uint32_t kind)
{
	const struct keyword *table = proxy_new_args;
	size_t i, count = sizeof(proxy_new_args) / sizeof(proxy_new_args[0]);

	if (kind != DHA_BINDING_KIND_HOME)
		return KEYWORD_UNKNOWN;
	if (verb == VERB_DEL) {
		table = proxy_del_args;
		count = sizeof(proxy_del_args) / sizeof(proxy_del_args[0]);
	} else if (!verb_is_new(verb)) {
		return KEYWORD_UNKNOWN;
	}
	for (i = 0; i < count; i++) {
		if (strcmp(word, table[i].word) == 0)
			return table[i].id;
	}
	return KEYWORD_UNKNOWN;
}

static int parse_mnp(struct binding_request *req, const char *value,
		     struct cli_error *err)
{
	struct ip6_prefix *prefix;
	enum parse_result result;
	unsigned int i;

	if (req->prefix_count == BINDING_PREFIXES_MAX)
		return cli_fail(err, "too many \"mnp\" (at most %d)",
				BINDING_PREFIXES_MAX);
	prefix = &req->prefixes[req->prefix_count];
	result = parse_prefix(value, prefix);
	if (result != PARSE_OK)
		return cli_fail_value(err, "prefix", value, result);
	for (i = 0; i < req->prefix_count; i++) {
		if (req->prefixes[i].length == prefix->length &&
		    !memcmp(&req->prefixes[i].address, &prefix->address,
			    sizeof(prefix->address)))
			return cli_fail(err, "duplicate mnp \"%s\"", value);
	}
	req->prefix_count++;
	return 0;
}

static int parse_arg_value(struct binding_request *req, enum binding_arg arg,
			   const char *value, struct cli_error *err)
{
	enum parse_result result;
	bool forever;

	switch (arg) {
	case ARG_TARGET:
		result = parse_unicast_in6(value, &req->target);
		if (result != PARSE_OK)
			return cli_fail_value(err,
					      req->kind == DHA_BINDING_KIND_HOME ?
						      "care-of address" :
						      "home agent address",
					      value, result);
		req->has_target = true;
		return 0;
	case ARG_DEV:
		result = parse_ifname(value);
		if (result != PARSE_OK)
			return cli_fail_value(err, "device name", value, result);
		req->dev = value;
		return 0;
	case ARG_LIFETIME:
		result = parse_lifetime(value, &req->lifetime, &forever);
		if (result != PARSE_OK)
			return cli_fail_value(err, "lifetime", value, result);
		req->has_lifetime = !forever;
		return 0;
	case ARG_HNP:
		result = parse_prefix(value, &req->hnp);
		if (result == PARSE_OK && req->hnp.length > 64)
			return cli_fail(err,
					"invalid prefix \"%s\" (longer than 64 bits)",
					value);
		if (result != PARSE_OK)
			return cli_fail_value(err, "prefix", value, result);
		req->proxy = true;
		return 0;
	case ARG_MAG:
	case ARG_LMA:
		result = parse_unicast_in6(value, &req->target);
		if (result != PARSE_OK)
			return cli_fail_value(err, arg == ARG_MAG ?
					      "MAG address" : "LMA address",
					      value, result);
		req->has_target = true;
		return 0;
	case ARG_LOCAL:
		result = parse_unicast_in6(value, &req->local);
		if (result != PARSE_OK)
			return cli_fail_value(err, "local address", value,
					      result);
		req->has_local = true;
		return 0;
	case ARG_MNP:
		break;
	}
	return parse_mnp(req, value, err);
}

#define SEEN(arg) (1u << (arg))

/*
 * A proxy binding takes hnp, one of mag (an LMA's binding: kind
 * proxy-lma) and lma (a MAG's: proxy-mag), and none of the home
 * binding's words; a del names the prefix alone.
 */
static int proxy_check(struct binding_request *req, unsigned int seen,
		       struct cli_error *err)
{
	if (req->has_home_address)
		return cli_fail(err, "a proxy binding has no home address");
	if (seen & SEEN(ARG_TARGET))
		return cli_fail(err, "\"coa\" is for home bindings: give \"mag\" or \"lma\"");
	if (seen & SEEN(ARG_MNP))
		return cli_fail(err, "\"mnp\" is for home bindings");
	if ((seen & SEEN(ARG_MAG)) && (seen & SEEN(ARG_LMA)))
		return cli_fail(err, "\"mag\" and \"lma\" exclude each other");
	if (!(seen & SEEN(ARG_HNP)))
		return cli_fail(err, "missing \"hnp\"");
	if (verb_is_new(req->verb) && !req->has_target)
		return cli_fail(err, "missing \"mag\" or \"lma\"");
	if (seen & SEEN(ARG_MAG))
		req->kind = DHA_BINDING_KIND_PROXY_LMA;
	else if (seen & SEEN(ARG_LMA))
		req->kind = DHA_BINDING_KIND_PROXY_MAG;
	else
		req->kind = 0;
	req->proxy = true;
	return 0;
}

int binding_parse_args(uint32_t kind, int argc, char **argv,
		       struct binding_request *req, struct cli_error *err)
{
	const struct keyword *args = NULL;
	size_t arg_count = 0;
	unsigned int seen = 0;
	bool takes_address;
	int i, verb, arg;

	memset(req, 0, sizeof(*req));
	req->kind = kind;
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

	if (verb_is_new(req->verb)) {
		args = kind == DHA_BINDING_KIND_HOME ? new_args_home :
						       new_args_global;
		arg_count = sizeof(new_args_home) / sizeof(new_args_home[0]);
	} else if (req->verb != VERB_HELP) {
		args = dev_only_args;
		arg_count = 1;
	}
	takes_address = verb_is_new(req->verb) || req->verb == VERB_DEL;

	for (i = 0; i < argc; i++) {
		arg = proxy_arg(argv[i], req->verb, kind);
		if (arg == KEYWORD_UNKNOWN)
			arg = keyword_lookup(argv[i], args, arg_count);
		if (arg == KEYWORD_AMBIGUOUS)
			return cli_fail(err, "ambiguous argument \"%s\"", argv[i]);
		if (arg == KEYWORD_UNKNOWN) {
			enum parse_result result;

			if (!takes_address || req->has_home_address ||
			    req->proxy)
				return cli_fail(err, "unknown argument \"%s\"",
						argv[i]);
			result = parse_unicast_in6(argv[i], &req->home_address);
			if (result != PARSE_OK)
				return cli_fail_value(err, "home address",
						      argv[i], result);
			req->has_home_address = true;
			continue;
		}
		if (arg != ARG_MNP && (seen & (1u << arg)))
			return cli_fail(err, "duplicate \"%s\"",
					arg_name(args, arg_count, arg));
		seen |= 1u << arg;
		if (i + 1 == argc)
			return cli_fail(err, "missing value for \"%s\"",
					arg_name(args, arg_count, arg));
		if (parse_arg_value(req, (enum binding_arg)arg, argv[++i], err))
			return -1;
	}

	if (seen & (SEEN(ARG_HNP) | SEEN(ARG_MAG) | SEEN(ARG_LMA) |
		    SEEN(ARG_LOCAL))) {
		if (proxy_check(req, seen, err))
			return -1;
		if (!req->dev)
			return cli_fail(err, "missing \"dev\"");
		return 0;
	}
	if (takes_address && !req->has_home_address)
		return cli_fail(err, "missing home address");
	if (verb_is_new(req->verb) && !req->has_target)
		return cli_fail(err, "missing \"%s\"",
				arg_name(args, arg_count, ARG_TARGET));
	if ((takes_address || req->verb == VERB_FLUSH) && !req->dev)
		return cli_fail(err, "missing \"dev\"");
	return 0;
}

uint8_t binding_request_cmd(const struct binding_request *req)
{
	switch (req->verb) {
	case VERB_DEL:
		return DHA_CMD_BINDING_DEL;
	case VERB_FLUSH:
		return DHA_CMD_BINDING_FLUSH;
	case VERB_SHOW:
		return DHA_CMD_BINDING_GET;
	default:
		return DHA_CMD_BINDING_NEW;
	}
}

int binding_request_flags(const struct binding_request *req)
{
	switch (req->verb) {
	case VERB_ADD:
		return NLM_F_CREATE | NLM_F_EXCL;
	case VERB_REPLACE:
		return NLM_F_CREATE | NLM_F_REPLACE;
	case VERB_CHANGE:
		return NLM_F_REPLACE;
	case VERB_SHOW:
		return NLM_F_DUMP;
	default:
		return 0;
	}
}

static int target_attr(uint32_t kind)
{
	switch (kind) {
	case DHA_BINDING_KIND_GLOBAL:
		return DHA_A_BINDING_HOME_AGENT;
	case DHA_BINDING_KIND_PROXY_MAG:
		return DHA_A_BINDING_LMA_ADDRESS;
	default:
		return DHA_A_BINDING_CARE_OF_ADDRESS;
	}
}

int binding_request_put(struct nl_msg *msg, const struct binding_request *req,
			uint32_t ifindex)
{
	struct nlattr *nest;
	unsigned int i;

	if (ifindex && nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0)
		return -ENOMEM;
	nest = nla_nest_start(msg, DHA_A_BINDING);
	if (!nest)
		return -ENOMEM;
	if (req->has_home_address &&
	    nla_put(msg, DHA_A_BINDING_HOME_ADDRESS, sizeof(req->home_address),
		    &req->home_address) < 0)
		return -ENOMEM;
	/*
	 * Also the flush filter, and a guard for del; "binding show" lists
	 * home and proxy bindings, so it filters itself.
	 */
	if (!(req->verb == VERB_SHOW && req->kind == DHA_BINDING_KIND_HOME) &&
	    nla_put_u32(msg, DHA_A_BINDING_KIND, req->kind) < 0)
		return -ENOMEM;
	if (req->has_target &&
	    nla_put(msg, target_attr(req->kind), sizeof(req->target),
		    &req->target) < 0)
		return -ENOMEM;
	if (req->proxy &&
	    dha_nl_put_prefix(msg, DHA_A_BINDING_PREFIX, &req->hnp.address,
			      req->hnp.length))
		return -ENOMEM;
	if (req->has_local &&
	    nla_put(msg, DHA_A_BINDING_LOCAL_ADDRESS, sizeof(req->local),
		    &req->local) < 0)
		return -ENOMEM;
	if (req->has_lifetime &&
	    nla_put_u32(msg, DHA_A_BINDING_LIFETIME, req->lifetime) < 0)
		return -ENOMEM;
	for (i = 0; i < req->prefix_count; i++) {
		if (dha_nl_put_prefix(msg, DHA_A_BINDING_PREFIX,
				      &req->prefixes[i].address,
				      req->prefixes[i].length))
			return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return 0;
}

struct show_context {
	const struct options *opts;
	struct printer printer;
	struct ifname_cache names;
	uint32_t kind;
};

static int show_binding(const struct nlmsghdr *nlh, void *arg)
{
	struct show_context *ctx = arg;
	struct nlattr *tb[DHA_A_MAX + 1];
	struct binding_info binding;

	if (dha_msg_parse(nlh, tb) < 0 || binding_decode(tb, &binding))
		return -EBADMSG;
	/* "binding" lists all but global bindings, "global" those only. */
	if ((binding.kind == DHA_BINDING_KIND_GLOBAL) !=
	    (ctx->kind == DHA_BINDING_KIND_GLOBAL))
		return 0;
	ifname_lookup(&ctx->names, binding.ifindex, binding.ifname);
	if (ctx->opts->json)
		return printer_add_json(&ctx->printer,
					binding_json(&binding, ctx->opts->stats));
	binding_print(stdout, &binding, ctx->opts->stats);
	return 0;
}

static int send_request(struct dha_nl *nl, const struct binding_request *req,
			uint32_t ifindex, dha_nl_reply_fn reply, void *arg)
{
	struct nl_msg *msg;

	msg = dha_nl_request(nl, binding_request_cmd(req),
			     binding_request_flags(req));
	if (!msg || binding_request_put(msg, req, ifindex)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(nl, msg, reply, arg);
}

static int show(struct dha_nl *nl, const struct binding_request *req,
		uint32_t ifindex, const struct options *opts)
{
	struct show_context ctx = { .opts = opts, .kind = req->kind };
	int ret;

	ret = printer_init(&ctx.printer, stdout, opts);
	if (!ret)
		ret = send_request(nl, req, ifindex, show_binding, &ctx);
	if (!ret)
		ret = printer_finish(&ctx.printer);
	printer_discard(&ctx.printer);
	return ret;
}

static int run(uint32_t kind, const char *usage, int argc, char **argv,
	       const struct options *opts)
{
	struct binding_request req;
	struct cli_error err;
	struct dha_nl own, *nl;
	uint32_t ifindex;
	int ret;

	if (binding_parse_args(kind, argc, argv, &req, &err))
		return fail_usage(&err);
	if (req.verb == VERB_HELP) {
		fputs(usage, stdout);
		return 0;
	}
	if (resolve_dev(req.dev, &ifindex))
		return 1;
	nl = family_get(opts, &own);
	if (!nl)
		return 1;

	if (req.verb == VERB_SHOW) {
		ret = show(nl, &req, ifindex, opts);
	} else if (req.proxy && !req.kind) {
		/* A del by prefix: a device has it in one proxy kind at most. */
		req.kind = DHA_BINDING_KIND_PROXY_LMA;
		ret = send_request(nl, &req, ifindex, NULL, NULL);
		if (ret == -ENOENT) {
			req.kind = DHA_BINDING_KIND_PROXY_MAG;
			ret = send_request(nl, &req, ifindex, NULL, NULL);
		}
	} else {
		ret = send_request(nl, &req, ifindex, NULL, NULL);
	}
	if (ret)
		fail_request(ret, nl, req.dev,
			     kind == DHA_BINDING_KIND_HOME ? "binding" :
							     "global binding");
	family_put(opts, nl);
	return ret ? 1 : 0;
}

int cmd_binding(int argc, char **argv, const struct options *opts)
{
	return run(DHA_BINDING_KIND_HOME, binding_usage, argc, argv, opts);
}

int cmd_global(int argc, char **argv, const struct options *opts)
{
	return run(DHA_BINDING_KIND_GLOBAL, global_usage, argc, argv, opts);
}
