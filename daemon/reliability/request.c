// SPDX-License-Identifier: GPL-2.0-only
/*
 * A standby's requests to the active (sync_state.h): for the whole
 * cache, sent again until answered and asked anew when the transfer
 * stalls, and for single home addresses or prefixes.
 */
#include <errno.h>
#include <stdlib.h>

#include "core/dhad.h"
#include "reliability/sync_state.h"
#include "sys/log.h"

static void request_send(struct sync *s)
{
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_SS_REQUEST };

	msg.u.id = s->request_id;
	redundancy_send(s->r, (unsigned int)s->asked, &msg);
	loop_timer_start(s->dhad->loop, &s->request_timer, s->request_rto_ms);
	if (s->request_rto_ms < SYNC_RTO_MAX_MS)
		s->request_rto_ms *= 2;
}

void sync_ask_for_cache(struct sync *s, unsigned int active)
{
	s->asked = (int)active;
	s->request_id = sync_new_id(s);
	s->request_answered = false;
	s->request_progress = false;
	s->bulk_done = false;
	s->request_rto_ms = sync_rto_ms(s);
	request_send(s);
}

/*
 * Until answered, the request is sent again with a growing timeout;
 * then, while the transfer brings something, nothing; a transfer that
 * stalled is asked for anew.
 */
void sync_request_again(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, request_timer);
	unsigned int i = (unsigned int)s->asked;

	if (s->asked < 0 || s->bulk_done ||
	    redundancy_role(s->r) != ROLE_STANDBY ||
	    !redundancy_peer_active(s->r, i))
		return;
	if (!s->request_answered) {
		request_send(s);
	} else if (!s->request_progress) {
		log_warn("sync: the full transfer stalled; asking again");
		sync_ask_for_cache(s, i);
	} else {
		s->request_progress = false;
		loop_timer_start(s->dhad->loop, &s->request_timer,
				 (uint64_t)SYNC_STALL_RTOS * sync_rto_ms(s));
	}
}

static void ask_send(struct sync *s)
{
	unsigned int shift = s->ask_tries < SYNC_BACKOFF_MAX ? s->ask_tries :
							       SYNC_BACKOFF_MAX;
	uint64_t delay = (uint64_t)sync_rto_ms(s) << shift;

	redundancy_send(s->r, (unsigned int)s->ask_peer, s->ask);
	s->ask_tries++;
	loop_timer_start(s->dhad->loop, &s->ask_timer, delay);
}

void sync_ask_end(struct sync *s)
{
	free(s->ask);
	s->ask = NULL;
	loop_timer_stop(s->dhad->loop, &s->ask_timer);
}

void sync_ask_again(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, ask_timer);

	if (!s->ask)
		return;
	if (s->ask_tries >= SYNC_ASK_TRIES ||
	    redundancy_role(s->r) != ROLE_STANDBY ||
	    !redundancy_peer_active(s->r, (unsigned int)s->ask_peer)) {
		log_warn("sync: no answer to a request for single bindings");
		sync_ask_end(s);
		return;
	}
	ask_send(s);
}

int sync_request(struct sync *s, const struct in6_addr *hoas,
		 size_t hoa_count, const struct dhad_prefix *prefixes,
		 size_t prefix_count)
{
	unsigned int i, n = redundancy_peer_count(s->r);
	struct dha_hamsg *msg;
	int active = -1;
	size_t k;

	if (redundancy_role(s->r) != ROLE_STANDBY)
		return -EALREADY;
	for (i = 0; i < n && active < 0; i++)
		if (redundancy_peer_active(s->r, i))
			active = (int)i;
	if (active < 0)
		return -ENOENT;
	if (hoa_count > DHA_HAMSG_ADDRS_MAX || prefix_count > DHA_HAMSG_MNP_MAX)
		return -E2BIG;
	if (!hoa_count && !prefix_count) {
		sync_ask_for_cache(s, (unsigned int)active);
		return 0;
	}
	msg = calloc(1, sizeof(*msg));
	if (!msg)
		return -ENOMEM;
	msg->subtype = DHA_HAMSG_SS_REQUEST;
	msg->u.id = sync_new_id(s);
	s->ask_id = msg->u.id;
	for (k = 0; k < hoa_count; k++) {
		msg->addrs[k].code = DHA_IPADDR_CODE_HOME_ADDRESS;
		msg->addrs[k].prefix_len = 128;
		msg->addrs[k].addr = hoas[k];
	}
	msg->addr_count = hoa_count;
	for (k = 0; k < prefix_count; k++) {
		msg->mnp[k].prefix_len = prefixes[k].length;
		msg->mnp[k].prefix = prefixes[k].address;
	}
	msg->mnp_count = prefix_count;
	sync_ask_end(s);
	s->ask = msg;
	s->ask_peer = active;
	s->ask_tries = 0;
	ask_send(s);
	return 0;
}
