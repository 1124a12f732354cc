// SPDX-License-Identifier: GPL-2.0-only
/*
 * HA reliability's control socket commands (Documentation/control.md):
 * "ha-switchover", "ha-switchback" and "ha-hold", whose replies wait for
 * the peer's, "ha-release" and "ha-sync-request".
 */
#include <errno.h>
#include <string.h>

#include "core/control.h"
#include "reliability/reliability.h"
#include "reliability/sync.h"
#include "wire/hamsg.h"

void reliability_handover_error(bool switchover, int status,
				enum redundancy_role role,
				const struct in6_addr *peer, char *why,
				size_t size)
{
	char a[INET6_ADDRSTRLEN] = "the peer";

	if (peer)
		addr_format(peer, a);
	switch (status) {
	case -EOPNOTSUPP:
		snprintf(why, size, "dhad runs without [redundancy]");
		break;
	case -EALREADY:
		snprintf(why, size, "%s", switchover ?
			 "this home agent is already active" :
			 role == ROLE_INIT ?
			 "this home agent is not active yet (start-up election)" :
			 "this home agent is already standby");
		break;
	case -ENOENT:
		snprintf(why, size, "%s", switchover ?
			 "no active home agent to ask" :
			 "no standby to hand over to");
		break;
	case -EBUSY:
		snprintf(why, size,
			 "a SwitchOver or SwitchBack request is under way");
		break;
	case -EPERM:
		snprintf(why, size,
			 "this home agent is held (dha ha release first)");
		break;
	case -ETIMEDOUT:
		snprintf(why, size, "no reply from %s", a);
		break;
	case -ECANCELED:
		snprintf(why, size, "dhad stopped before %s replied", a);
		break;
	case -EAGAIN:
		snprintf(why, size,
			 "this home agent does not hold a full copy of the binding cache yet (dha ha show: full-copy)");
		break;
	case -ESTALE:
		snprintf(why, size,
			 "withdrawn: this home agent became %s before %s replied",
			 redundancy_role_name(role), a);
		break;
	case DHA_SWITCH_WRONG_ROLE:
		snprintf(why, size, switchover ?
			 "%s is not the active home agent" :
			 "%s is already the active home agent", a);
		break;
	case DHA_SWITCH_ADMIN_PROHIBITED:
		snprintf(why, size, switchover ?
			 "refused by the active home agent %s: administratively prohibited (a tracked condition here fails, or it does not hear this home agent)" :
			 "refused by the standby %s: administratively prohibited (a tracked condition there fails, or it does not hold a full copy of the binding cache yet)",
			 a);
		break;
	default:
		if (status > 0)
			snprintf(why, size, "refused by %s: status %d", a,
				 status);
		else
			snprintf(why, size, "%s", strerror(-status));
		break;
	}
}

/* ---- ha-switchover, ha-switchback ---- */

/* The peer's answer to the waiting call. */
static void handover_done(void *arg, int status, const struct in6_addr *peer)
{
	struct reliability *rel = arg;
	struct control_call *call = rel->waiting;
	enum redundancy_role role = redundancy_role(rel->redundancy);
	char why[CONTROL_ERROR_MAX];
	json_object *result;

	rel->waiting = NULL;
	if (!call)
		return;
	if (status) {
		reliability_handover_error(rel->waiting_switchover, status, role,
					   peer, why, sizeof(why));
		control_fail(call, "%s", why);
		return;
	}
	result = json_object_new_object();
	if (result) {
		json_object_object_add(result, "role", json_object_new_string(
					       redundancy_role_name(role)));
		json_object_object_add(result, "peer",
				       control_address_json(peer));
		json_object_object_add(result, "held", json_object_new_boolean(
			redundancy_held(rel->redundancy)));
	}
	control_reply(call, result);
}

/* The client went away: the request goes on, nobody hears the answer. */
static void handover_cancel(void *arg, struct control_call *call)
{
	struct reliability *rel = arg;

	(void)call;
	rel->waiting = NULL;
	redundancy_forget_done(rel->redundancy, rel);
}

static void run_handover(struct reliability *rel, struct control_call *call,
			 bool switchover)
{
	struct redundancy *r = rel->redundancy;
	char why[CONTROL_ERROR_MAX];
	int ret;

	ret = switchover ? redundancy_switchover(r, handover_done, rel) :
			   redundancy_switchback(r, handover_done, rel);
	if (ret) {
		reliability_handover_error(switchover, ret,
					   r ? redundancy_role(r) : ROLE_INIT,
					   NULL, why, sizeof(why));
		control_fail(call, "%s", why);
		return;
	}
	rel->waiting = call;
	rel->waiting_switchover = switchover;
	control_defer(call, handover_cancel, rel);
}

static void run_switchover(void *state, struct control_call *call)
{
	run_handover(state, call, true);
}

static void run_switchback(void *state, struct control_call *call)
{
	run_handover(state, call, false);
}

/* ---- ha-hold, ha-release ---- */

/* The reply of a hold or release that needed no peer. */
static void reply_held(struct reliability *rel, struct control_call *call)
{
	json_object *result = json_object_new_object();

	if (result) {
		json_object_object_add(result, "role", json_object_new_string(
			redundancy_role_name(redundancy_role(rel->redundancy))));
		json_object_object_add(result, "held", json_object_new_boolean(
			redundancy_held(rel->redundancy)));
	}
	control_reply(call, result);
}

/* An active member hands over first: the reply waits, as a switchback's. */
static void run_hold(void *state, struct control_call *call)
{
	struct reliability *rel = state;
	struct redundancy *r = rel->redundancy;
	char why[CONTROL_ERROR_MAX];
	int ret;

	ret = redundancy_hold(r, handover_done, rel);
	if (ret < 0) {
		reliability_handover_error(false, ret,
					   r ? redundancy_role(r) : ROLE_INIT,
					   NULL, why, sizeof(why));
		control_fail(call, "%s", why);
		return;
	}
	if (ret == 0) {
		reply_held(rel, call);
		return;
	}
	rel->waiting = call;
	rel->waiting_switchover = false;
	control_defer(call, handover_cancel, rel);
}

static void run_release(void *state, struct control_call *call)
{
	struct reliability *rel = state;
	char why[CONTROL_ERROR_MAX];
	int ret;

	ret = redundancy_release(rel->redundancy);
	if (ret) {
		reliability_handover_error(false, ret, ROLE_INIT, NULL, why,
					   sizeof(why));
		control_fail(call, "%s", why);
		return;
	}
	reply_held(rel, call);
}

/* ---- ha-sync-request ---- */

/* An optional array of at most max strings, each parsed by one(). */
static bool json_list(json_object *object, const char *member, size_t max,
		      bool (*one)(json_object *value, size_t i, void *out,
				  char *why, size_t size),
		      void *out, size_t *count, char *why, size_t size)
{
	json_object *array;
	size_t i, n;

	*count = 0;
	if (!json_object_object_get_ex(object, member, &array))
		return true;
	if (!json_object_is_type(array, json_type_array)) {
		snprintf(why, size, "\"%s\": not an array", member);
		return false;
	}
	n = json_object_array_length(array);
	if (n > max) {
		snprintf(why, size, "\"%s\": at most %zu", member, max);
		return false;
	}
	for (i = 0; i < n; i++)
		if (!one(json_object_array_get_idx(array, i), i, out, why,
			 size))
			return false;
	*count = n;
	return true;
}

static bool sync_address(json_object *value, size_t i, void *out, char *why,
			 size_t size)
{
	struct reliability_sync_request *request = out;
	size_t j;

	if (!control_json_address(value, "home-addresses",
				  &request->home_addresses[i], why, size))
		return false;
	for (j = 0; j < i; j++) {
		if (!memcmp(&request->home_addresses[j],
			    &request->home_addresses[i],
			    sizeof(request->home_addresses[i]))) {
			snprintf(why, size,
				 "\"home-addresses\": an address given twice");
			return false;
		}
	}
	return true;
}

static bool sync_prefix(json_object *value, size_t i, void *out, char *why,
			size_t size)
{
	struct reliability_sync_request *request = out;
	const char *reason = "not a string";
	size_t j;

	if (!json_object_is_type(value, json_type_string) ||
	    !prefix_parse(json_object_get_string(value),
			  &request->prefixes[i], &reason)) {
		snprintf(why, size, "\"prefixes\": %s", reason);
		return false;
	}
	for (j = 0; j < i; j++) {
		if (prefix_equal(&request->prefixes[j],
				 &request->prefixes[i])) {
			snprintf(why, size,
				 "\"prefixes\": a prefix given twice");
			return false;
		}
	}
	return true;
}

int reliability_parse_sync_request(const char *line, size_t len,
				   struct reliability_sync_request *request,
				   char *why, size_t size)
{
	json_object *object;
	int ret = -EINVAL;

	memset(request, 0, sizeof(*request));
	object = control_request_object(line, len, why);
	if (!object)
		return -EINVAL;
	if (json_list(object, "home-addresses", RELIABILITY_SYNC_ADDRESSES_MAX,
		      sync_address, request, &request->home_address_count, why,
		      size) &&
	    json_list(object, "prefixes", RELIABILITY_SYNC_PREFIXES_MAX,
		      sync_prefix, request, &request->prefix_count, why, size))
		ret = 0;
	json_object_put(object);
	return ret;
}

/* Carries out a parsed request: the result, or NULL with why. */
static json_object *sync_request_json(struct reliability *rel,
				      const struct reliability_sync_request *q,
				      char *why, size_t size)
{
	struct sync *sync = NULL;
	json_object *result;
	int ret;

	if (rel->redundancy)
		sync = redundancy_sync(rel->redundancy);
	if (!sync) {
		snprintf(why, size,
			 "not a member of a redundant set ([redundancy])");
		return NULL;
	}
	ret = sync_request(sync, q->home_addresses, q->home_address_count,
			   q->prefixes, q->prefix_count);
	if (ret == -EALREADY) {
		snprintf(why, size,
			 "not a standby: only a standby asks the active home agent");
		return NULL;
	}
	if (ret == -ENOENT) {
		snprintf(why, size, "no live active home agent to ask");
		return NULL;
	}
	result = ret ? NULL : json_object_new_object();
	if (!result) {
		snprintf(why, size, "%s", strerror(ret ? -ret : ENOMEM));
		return NULL;
	}
	json_object_object_add(result, "whole-cache", json_object_new_boolean(
		!q->home_address_count && !q->prefix_count));
	return result;
}

static void run_sync_request(void *state, struct control_call *call)
{
	struct reliability_sync_request request;
	char why[CONTROL_ERROR_MAX];
	json_object *result = NULL;
	const char *line;
	size_t len;

	line = control_call_line(call, &len);
	if (reliability_parse_sync_request(line, len, &request, why,
					   sizeof(why)) == 0)
		result = sync_request_json(state, &request, why, sizeof(why));
	if (result)
		control_reply(call, result);
	else
		control_fail(call, "%s", why);
}

const struct control_command reliability_commands[] = {
	{ "ha-switchover", true, run_switchover },
	{ "ha-switchback", true, run_switchback },
	{ "ha-hold", true, run_hold },
	{ "ha-release", true, run_release },
	{ "ha-sync-request", true, run_sync_request },
	{ 0 },
};
