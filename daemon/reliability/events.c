// SPDX-License-Identifier: GPL-2.0-only
/*
 * What this member tells the world on a role or peer change, beside its
 * log line: the notify hook (notify.h), systemd's STATUS= (dhad is
 * Type=notify) and the events of dha monitor, published on the control
 * socket (control.h, Documentation/control.md). member.h.
 */
#include <stdio.h>
#include <systemd/sd-daemon.h>

#include "core/control.h"
#include "core/dhad.h"
#include "reliability/member.h"
#include "reliability/notify.h"

void events_status_text(enum redundancy_role role, size_t bindings,
			const struct in6_addr *active_peer, bool held,
			char *text, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	switch (role) {
	case ROLE_ACTIVE:
		snprintf(text, size, "active, serving %zu bindings%s", bindings,
			 held ? ", held" : "");
		break;
	case ROLE_STANDBY:
		if (active_peer)
			snprintf(text, size, "standby of %s%s",
				 addr_format(active_peer, a),
				 held ? ", held" : "");
		else
			snprintf(text, size, "standby, no active home agent%s",
				 held ? ", held" : "");
		break;
	case ROLE_INIT:
		snprintf(text, size, "init, listening for peers%s",
			 held ? ", held" : "");
		break;
	}
}

void events_status(struct redundancy *r)
{
	struct red_peer *active = redundancy_active_peer(r);
	char text[128];

	events_status_text(r->role, r->dhad->cache.count,
			   active ? &active->address : NULL, r->held, text,
			   sizeof(text));
	sd_notifyf(0, "STATUS=%s", text);
}

static void publish(struct redundancy *r, json_object *event)
{
	/* At stop the control socket closes before the protocols do. */
	if (event && r->dhad->control)
		control_publish(r->dhad->control, event);
	json_object_put(event);
}

json_object *events_role_json(const char *role, const char *was,
			      const char *reason)
{
	json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	json_object_object_add(o, "event", json_object_new_string("ha-role"));
	json_object_object_add(o, "role", json_object_new_string(role));
	json_object_object_add(o, "was", json_object_new_string(was));
	json_object_object_add(o, "reason", json_object_new_string(reason));
	return o;
}

json_object *events_peer_json(const struct in6_addr *peer, bool up,
			      const char *reason)
{
	json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	json_object_object_add(o, "event", json_object_new_string("ha-peer"));
	json_object_object_add(o, "peer", control_address_json(peer));
	json_object_object_add(o, "state",
			       json_object_new_string(up ? "up" : "down"));
	json_object_object_add(o, "reason", json_object_new_string(reason));
	return o;
}

void events_role_changed(struct redundancy *r, enum redundancy_role old,
			 const char *why)
{
	const char *role = redundancy_role_name(r->role);
	const char *was = redundancy_role_name(old);

	notify_role_changed(r->notify, role, was, why);
	events_status(r);
	publish(r, events_role_json(role, was, why));
}

void events_peer_changed(struct redundancy *r, const struct red_peer *p,
			 const char *why)
{
	events_status(r);
	publish(r, events_peer_json(&p->address, p->alive, why));
}
