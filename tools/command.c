// SPDX-License-Identifier: GPL-2.0-only
/*
 * The top level shared by the subcommands: the only place besides main()
 * that prints errors.
 */
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/dha.h>

#include "dha.h"

static const char *location_file;
static unsigned long location_line;

void error_location_set(const char *file, unsigned long line)
{
	location_file = file;
	location_line = line;
}

void print_error(const char *format, ...)
{
	va_list ap;

	fputs("dha: ", stderr);
	if (location_file)
		fprintf(stderr, "%s:%lu: ", location_file, location_line);
	va_start(ap, format);
	vfprintf(stderr, format, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int fail_usage(const struct cli_error *err)
{
	print_error("%s", err->text);
	return 1;
}

int resolve_dev(const char *dev, uint32_t *ifindex)
{
	*ifindex = 0;
	if (!dev)
		return 0;
	*ifindex = if_nametoindex(dev);
	if (*ifindex == 0) {
		print_error("cannot find device \"%s\"", dev);
		return -1;
	}
	return 0;
}

int open_family(struct dha_nl *nl)
{
	int ret = dha_nl_open(nl);

	if (ret == -ENOENT)
		print_error("the dha kernel module is not loaded (genl family \"%s\" not found)",
			    DHA_FAMILY_NAME);
	else if (ret == -EBADMSG)
		print_error("malformed reply from the generic netlink controller");
	else if (ret)
		print_error("cannot open a generic netlink socket: %s",
			    strerror(-ret));
	return ret;
}

struct dha_nl *family_get(const struct options *opts, struct dha_nl *own)
{
	struct dha_nl *nl = opts->session ? &opts->session->nl : own;

	if (nl == own || nl->sock.fd < 0) {
		if (open_family(nl))
			return NULL;
	}
	return nl;
}

void family_put(const struct options *opts, struct dha_nl *nl)
{
	if (!opts->session || nl != &opts->session->nl)
		dha_nl_close(nl);
}

void session_close(struct session *session)
{
	dha_nl_close(&session->nl);
	if (session->control >= 0)
		close(session->control);
	session->control = -1;
}

int fail_request(int err, const struct dha_nl *nl, const char *dev,
		 const char *object)
{
	/* The device's name says more than the kernel's ifindex message. */
	if (err == -ENODEV && dev)
		print_error("\"%s\" is not a dha device", dev);
	else if (nl->sock.extack[0])
		print_error("%s", nl->sock.extack);
	/* A bare "required attribute missing" is still worth naming. */
	else if (nl->sock.has_missing_type)
		print_error("missing attribute (type %u)",
			    nl->sock.missing_type);
	else if (err == -ENOENT && object)
		print_error("no such %s", object);
	else if (err == -EEXIST && object)
		print_error("%s exists", object);
	else if (err == -EBADMSG)
		print_error("malformed reply from the dha kernel module");
	else if (err == -EPERM)
		print_error("%s (CAP_NET_ADMIN is needed)", strerror(-err));
	else
		print_error("%s", strerror(-err));
	return 1;
}

void ifname_lookup(struct ifname_cache *cache, uint32_t ifindex,
		   char name[IF_NAMESIZE])
{
	if (cache->ifindex != ifindex || !cache->name[0]) {
		cache->ifindex = ifindex;
		/* A device gone meanwhile leaves "", printed as ifN. */
		if (!if_indextoname(ifindex, cache->name))
			cache->name[0] = '\0';
	}
	memcpy(name, cache->name, IF_NAMESIZE);
}
