// SPDX-License-Identifier: GPL-2.0-only
/*
 * Plain and JSON rendering of dha objects. See output.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/dha.h>

#include "output.h"

const char *binding_kind_name(uint32_t kind)
{
	switch (kind) {
	case DHA_BINDING_KIND_HOME:
		return "home";
	case DHA_BINDING_KIND_GLOBAL:
		return "global";
	case DHA_BINDING_KIND_PROXY_LMA:
		return "proxy-lma";
	case DHA_BINDING_KIND_PROXY_MAG:
		return "proxy-mag";
	}
	return "unknown";
}

const char *del_reason_name(uint32_t reason)
{
	switch (reason) {
	case DHA_DEL_REASON_DELETED:
		return "deleted";
	case DHA_DEL_REASON_EXPIRED:
		return "expired";
	case DHA_DEL_REASON_FLUSHED:
		return "flushed";
	}
	return "unknown";
}

static const char *in6_text(const struct in6_addr *address, char *buf)
{
	return inet_ntop(AF_INET6, address, buf, INET6_ADDRSTRLEN);
}

/* A device that vanished since the reply keeps a usable name. */
static const char *dev_name(const char *ifname, uint32_t ifindex, char *buf,
			    size_t size)
{
	if (ifname[0])
		return ifname;
	snprintf(buf, size, "if%" PRIu32, ifindex);
	return buf;
}

static json_object *json_in6(const struct in6_addr *address)
{
	char text[INET6_ADDRSTRLEN];

	return json_object_new_string(in6_text(address, text));
}

static json_object *json_dev_name(const char *ifname, uint32_t ifindex)
{
	char buf[IF_NAMESIZE + 12];

	return json_object_new_string(dev_name(ifname, ifindex, buf,
					       sizeof(buf)));
}

static bool kind_is_proxy(uint32_t kind)
{
	return kind == DHA_BINDING_KIND_PROXY_LMA ||
	       kind == DHA_BINDING_KIND_PROXY_MAG;
}

/* The words "dha binding add" takes, so that a line can be pasted back. */
static const char *target_keyword(uint32_t kind)
{
	switch (kind) {
	case DHA_BINDING_KIND_GLOBAL:
		return "ha";
	case DHA_BINDING_KIND_PROXY_LMA:
		return "mag";
	case DHA_BINDING_KIND_PROXY_MAG:
		return "lma";
	}
	return "coa";
}

static const char *target_json_key(uint32_t kind)
{
	switch (kind) {
	case DHA_BINDING_KIND_GLOBAL:
		return "home_agent";
	case DHA_BINDING_KIND_PROXY_LMA:
		return "mag";
	case DHA_BINDING_KIND_PROXY_MAG:
		return "lma";
	}
	return "care_of_address";
}

/* The binding line without its newline, shared with the monitor. */
static void binding_print_line(FILE *out, const struct binding_info *binding)
{
	char address[INET6_ADDRSTRLEN], prefix[PREFIX_STRLEN];
	char name[IF_NAMESIZE + 12];
	unsigned int i;

	if (kind_is_proxy(binding->kind))
		fprintf(out, "hnp %s", binding->prefix_count ?
			format_prefix(&binding->prefixes[0], prefix,
				      sizeof(prefix)) : "-");
	else
		fprintf(out, "%s", in6_text(&binding->home_address, address));
	fprintf(out, " %s %s", target_keyword(binding->kind),
		in6_text(&binding->target, address));
	if (binding->has_local)
		fprintf(out, " local %s", in6_text(&binding->local, address));
	fprintf(out, " dev %s", dev_name(binding->ifname, binding->ifindex,
					 name, sizeof(name)));
	if (binding->has_lifetime)
		fprintf(out, " lifetime %" PRIu32 "s", binding->lifetime);
	else
		fprintf(out, " lifetime forever");
	for (i = kind_is_proxy(binding->kind) ? 1 : 0;
	     i < binding->prefix_count; i++)
		fprintf(out, " mnp %s",
			format_prefix(&binding->prefixes[i], prefix,
				      sizeof(prefix)));
	for (i = 0; i < binding->group_count; i++)
		fprintf(out, " group %s", in6_text(&binding->groups[i], address));
}

static void binding_print_stats(FILE *out, const struct binding_info *binding)
{
	const struct binding_stats *stats = &binding->stats;

	fprintf(out,
		"    tx %" PRIu64 " pkts %" PRIu64 " bytes"
		" rx %" PRIu64 " pkts %" PRIu64 " bytes"
		" drop tx %" PRIu64 " rx %" PRIu64 "\n",
		stats->tx_packets, stats->tx_bytes, stats->rx_packets,
		stats->rx_bytes, stats->tx_dropped, stats->rx_dropped);
}

void binding_print(FILE *out, const struct binding_info *binding,
		   bool with_stats)
{
	binding_print_line(out, binding);
	fputc('\n', out);
	if (with_stats && binding->has_stats)
		binding_print_stats(out, binding);
}

static json_object *binding_stats_json(const struct binding_stats *stats)
{
	json_object *obj = json_object_new_object();

	json_object_object_add(obj, "tx_packets",
			       json_object_new_uint64(stats->tx_packets));
	json_object_object_add(obj, "tx_bytes",
			       json_object_new_uint64(stats->tx_bytes));
	json_object_object_add(obj, "rx_packets",
			       json_object_new_uint64(stats->rx_packets));
	json_object_object_add(obj, "rx_bytes",
			       json_object_new_uint64(stats->rx_bytes));
	json_object_object_add(obj, "tx_dropped",
			       json_object_new_uint64(stats->tx_dropped));
	json_object_object_add(obj, "rx_dropped",
			       json_object_new_uint64(stats->rx_dropped));
	return obj;
}

json_object *binding_json(const struct binding_info *binding, bool with_stats)
{
	json_object *obj = json_object_new_object();
	char prefix[PREFIX_STRLEN];
	unsigned int i;

	if (kind_is_proxy(binding->kind))
		json_object_object_add(obj, "hnp", binding->prefix_count ?
			json_object_new_string(format_prefix(
				&binding->prefixes[0], prefix,
				sizeof(prefix))) : NULL);
	else
		json_object_object_add(obj, "home_address",
				       json_in6(&binding->home_address));
	json_object_object_add(obj, "kind", json_object_new_string(
				       binding_kind_name(binding->kind)));
	json_object_object_add(obj, target_json_key(binding->kind),
			       json_in6(&binding->target));
	if (binding->has_local)
		json_object_object_add(obj, "local", json_in6(&binding->local));
	json_object_object_add(obj, "dev", json_dev_name(binding->ifname,
							 binding->ifindex));
	json_object_object_add(obj, "lifetime",
			       binding->has_lifetime ?
				       json_object_new_int64(binding->lifetime) :
				       NULL);
	/* A proxy binding's one prefix is its "hnp", above. */
	if (!kind_is_proxy(binding->kind)) {
		json_object *prefixes = json_object_new_array();

		for (i = 0; i < binding->prefix_count; i++)
			json_object_array_add(prefixes, json_object_new_string(
				format_prefix(&binding->prefixes[i], prefix,
					      sizeof(prefix))));
		json_object_object_add(obj, "mnp", prefixes);
	}
	/* Only when it listens to some: older readers know no such key. */
	if (binding->group_count) {
		json_object *groups = json_object_new_array();

		for (i = 0; i < binding->group_count; i++)
			json_object_array_add(groups,
					      json_in6(&binding->groups[i]));
		json_object_object_add(obj, "groups", groups);
	}
	if (with_stats && binding->has_stats)
		json_object_object_add(obj, "stats",
				       binding_stats_json(&binding->stats));
	return obj;
}

static bool event_is_del(uint8_t cmd)
{
	return cmd == DHA_CMD_BINDING_DEL_NTF;
}

void event_print(FILE *out, uint8_t cmd, const struct binding_info *binding,
		 bool with_stats)
{
	fprintf(out, "%s ", event_is_del(cmd) ? "del" : "new");
	binding_print_line(out, binding);
	if (event_is_del(cmd) && binding->del_reason)
		fprintf(out, " reason %s", del_reason_name(binding->del_reason));
	fputc('\n', out);
	if (with_stats && binding->has_stats)
		binding_print_stats(out, binding);
}

json_object *event_json(uint8_t cmd, const struct binding_info *binding,
			bool with_stats)
{
	json_object *obj = json_object_new_object();

	json_object_object_add(obj, "event", json_object_new_string(
				       event_is_del(cmd) ? "del" : "new"));
	if (event_is_del(cmd) && binding->del_reason)
		json_object_object_add(obj, "reason", json_object_new_string(
				       del_reason_name(binding->del_reason)));
	json_object_object_add(obj, "binding",
			       binding_json(binding, with_stats));
	return obj;
}

/* The home link by name, or "if<N>" when it has none here. */
static const char *home_link_name(uint32_t ifindex, char *buf, size_t size)
{
	char name[IF_NAMESIZE];

	if (if_indextoname(ifindex, name))
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "if%" PRIu32, ifindex);
	return buf;
}

void dev_print(FILE *out, const struct dev_info *dev)
{
	char address[INET6_ADDRSTRLEN], name[IF_NAMESIZE + 12];
	char prefix[PREFIX_STRLEN];
	unsigned int i;

	fprintf(out, "%s local %s bindings %" PRIu32 " globals %" PRIu32
		" peers %" PRIu32,
		dev_name(dev->ifname, dev->ifindex, name, sizeof(name)),
		dev->has_local ? in6_text(&dev->local, address) : "none",
		dev->bindings, dev->globals, dev->peers);
	if (dev->home_link) {
		fprintf(out, " home-link %s",
			home_link_name(dev->home_link, name, sizeof(name)));
		for (i = 0; i < dev->home_prefix_count; i++)
			fprintf(out, " home-prefix %s",
				format_prefix(&dev->home_prefixes[i], prefix,
					      sizeof(prefix)));
	}
	fputc('\n', out);
}

json_object *dev_json(const struct dev_info *dev)
{
	json_object *obj = json_object_new_object(), *home;
	char name[IF_NAMESIZE + 12], prefix[PREFIX_STRLEN];
	unsigned int i;

	json_object_object_add(obj, "dev", json_dev_name(dev->ifname,
							 dev->ifindex));
	json_object_object_add(obj, "ifindex",
			       json_object_new_int64(dev->ifindex));
	json_object_object_add(obj, "local",
			       dev->has_local ? json_in6(&dev->local) : NULL);
	json_object_object_add(obj, "bindings",
			       json_object_new_int64(dev->bindings));
	json_object_object_add(obj, "globals",
			       json_object_new_int64(dev->globals));
	json_object_object_add(obj, "peers", json_object_new_int64(dev->peers));
	home = json_object_new_array();
	for (i = 0; i < dev->home_prefix_count; i++)
		json_object_array_add(home, json_object_new_string(
			format_prefix(&dev->home_prefixes[i], prefix,
				      sizeof(prefix))));
	json_object_object_add(obj, "home_link", dev->home_link ?
			       json_object_new_string(home_link_name(
					dev->home_link, name, sizeof(name))) :
			       NULL);
	json_object_object_add(obj, "home_prefixes", home);
	return obj;
}

void dev_stats_print(FILE *out, const struct dev_info *dev)
{
	const struct dev_stats *s = &dev->stats;
	char name[IF_NAMESIZE + 12];

	fprintf(out, "%s\n", dev_name(dev->ifname, dev->ifindex, name,
				      sizeof(name)));
	fprintf(out, "    tx %" PRIu64 " pkts %" PRIu64 " bytes"
		" rx %" PRIu64 " pkts %" PRIu64 " bytes\n",
		s->tx_packets, s->tx_bytes, s->rx_packets, s->rx_bytes);
	fprintf(out, "    tx drop no-binding %" PRIu64 " too-big %" PRIu64
		" no-route %" PRIu64 " malformed %" PRIu64 "\n",
		s->tx_drop_no_binding, s->tx_drop_too_big, s->tx_drop_no_route,
		s->tx_drop_malformed);
	fprintf(out, "    rx drop spoofed %" PRIu64 " no-binding %" PRIu64
		" malformed %" PRIu64 "\n",
		s->rx_drop_spoofed, s->rx_drop_no_binding, s->rx_drop_malformed);
	fprintf(out, "    rate tx %" PRIu64 " pps %" PRIu64 " bps"
		" rx %" PRIu64 " pps %" PRIu64 " bps\n",
		s->tx_rate_pps, s->tx_rate_bps, s->rx_rate_pps, s->rx_rate_bps);
	fprintf(out, "    queue %" PRIu64 "\n", s->queue_len);
	fprintf(out, "    icmp relayed %" PRIu64 "\n", s->icmp_relayed);
}

json_object *dev_stats_json(const struct dev_info *dev)
{
	json_object *obj = json_object_new_object();
	json_object *stats = json_object_new_object();
	size_t i;

	json_object_object_add(obj, "dev", json_dev_name(dev->ifname,
							 dev->ifindex));
	json_object_object_add(obj, "ifindex",
			       json_object_new_int64(dev->ifindex));
	for (i = 0; i < dev_stat_field_count; i++)
		json_object_object_add(stats, dev_stat_fields[i].json_key,
				       json_object_new_uint64(dev_stat_value(
					       &dev->stats, &dev_stat_fields[i])));
	json_object_object_add(obj, "stats", stats);
	return obj;
}

void peer_print(FILE *out, const struct peer_info *peer, bool with_stats)
{
	char address[INET6_ADDRSTRLEN], name[IF_NAMESIZE + 12];

	fprintf(out, "%s dev %s\n", in6_text(&peer->address, address),
		dev_name(peer->ifname, peer->ifindex, name, sizeof(name)));
	if (with_stats && peer->has_stats)
		fprintf(out, "    rx %" PRIu64 " pkts %" PRIu64 " bytes\n",
			peer->rx_packets, peer->rx_bytes);
}

json_object *peer_json(const struct peer_info *peer, bool with_stats)
{
	json_object *obj = json_object_new_object();

	json_object_object_add(obj, "address", json_in6(&peer->address));
	json_object_object_add(obj, "dev", json_dev_name(peer->ifname,
							 peer->ifindex));
	if (with_stats && peer->has_stats) {
		json_object *stats = json_object_new_object();

		json_object_object_add(stats, "rx_packets",
				       json_object_new_uint64(peer->rx_packets));
		json_object_object_add(stats, "rx_bytes",
				       json_object_new_uint64(peer->rx_bytes));
		json_object_object_add(obj, "stats", stats);
	}
	return obj;
}

void proxy_peer_print(FILE *out, const struct proxy_peer_info *peer,
		      bool with_stats)
{
	char address[INET6_ADDRSTRLEN], name[IF_NAMESIZE + 12];

	fprintf(out, "%s dev %s bindings %" PRIu32 "\n",
		in6_text(&peer->address, address),
		dev_name(peer->ifname, peer->ifindex, name, sizeof(name)),
		peer->bindings);
	if (with_stats && peer->has_stats)
		fprintf(out,
			"    tx %" PRIu64 " pkts %" PRIu64 " bytes"
			" rx %" PRIu64 " pkts %" PRIu64 " bytes"
			" drop rx %" PRIu64 "\n",
			peer->tx_packets, peer->tx_bytes, peer->rx_packets,
			peer->rx_bytes, peer->rx_dropped);
}

json_object *proxy_peer_json(const struct proxy_peer_info *peer,
			     bool with_stats)
{
	json_object *obj = json_object_new_object();

	json_object_object_add(obj, "address", json_in6(&peer->address));
	json_object_object_add(obj, "dev", json_dev_name(peer->ifname,
							 peer->ifindex));
	json_object_object_add(obj, "bindings",
			       json_object_new_int64(peer->bindings));
	if (with_stats && peer->has_stats) {
		json_object *stats = json_object_new_object();

		json_object_object_add(stats, "tx_packets",
				       json_object_new_uint64(peer->tx_packets));
		json_object_object_add(stats, "tx_bytes",
				       json_object_new_uint64(peer->tx_bytes));
		json_object_object_add(stats, "rx_packets",
				       json_object_new_uint64(peer->rx_packets));
		json_object_object_add(stats, "rx_bytes",
				       json_object_new_uint64(peer->rx_bytes));
		json_object_object_add(stats, "rx_dropped",
				       json_object_new_uint64(peer->rx_dropped));
		json_object_object_add(obj, "stats", stats);
	}
	return obj;
}

int json_print(FILE *out, json_object *obj, bool pretty)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *text;

	flags |= pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
			  JSON_C_TO_STRING_PLAIN;
	text = json_object_to_json_string_ext(obj, flags);
	if (!text)
		return -ENOMEM;
	fprintf(out, "%s\n", text);
	return 0;
}

int printer_init(struct printer *printer, FILE *out,
		 const struct options *opts)
{
	printer->out = out;
	printer->opts = opts;
	printer->array = NULL;
	if (opts->json) {
		printer->array = json_object_new_array();
		if (!printer->array)
			return -ENOMEM;
	}
	return 0;
}

int printer_add_json(struct printer *printer, json_object *obj)
{
	if (!obj || json_object_array_add(printer->array, obj) < 0) {
		json_object_put(obj);
		return -ENOMEM;
	}
	return 0;
}

int printer_finish(struct printer *printer)
{
	int ret = 0;

	if (printer->array)
		ret = json_print(printer->out, printer->array,
				 printer->opts->pretty);
	printer_discard(printer);
	return ret;
}

void printer_discard(struct printer *printer)
{
	json_object_put(printer->array);
	printer->array = NULL;
}
