/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Authentication of HA-to-HA messages with dha's Authentication option,
 * for every protocol that speaks them (HA reliability, global HAHA)
 * (Documentation/wire-numbers.md): HMAC-SHA256 under a configured key
 * over the source and destination addresses and the message up to the
 * MAC, with the Mobility Header checksum as zero (the kernel fills it
 * in after the MAC is made). A 64-bit counter, strictly increasing per
 * sender, with a sliding window per peer keeps replays out.
 *
 * Key rotation: every configured key is accepted; the one named by
 * key-send (else the highest id) signs. Operators add the new key to
 * every member, then move key-send, then remove the old key.
 */
#ifndef DHAD_AUTH_H
#define DHAD_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define AUTH_KEYS_MAX 4
#define AUTH_KEY_MIN 32			/* octets: HMAC-SHA256's output */
#define AUTH_KEY_MAX 64			/* octets: its block */

/* A configured key (the "key = ID HEX" lines of a section). */
struct auth_key {
	uint16_t id;
	uint8_t len;
	uint8_t key[AUTH_KEY_MAX];
};

/* Counters older than the newest seen by more than this are refused. */
#define AUTH_REPLAY_WINDOW 64
/*
 * Counters are the sender's wall clock in microseconds. A receiver that
 * has accepted nothing from a sender yet (it just started) takes no
 * counter further behind its own clock than this: a message recorded
 * before the restart cannot be replayed. The members' clocks must agree
 * within it (Documentation/reliability.md).
 */
#define AUTH_CLOCK_SLACK_US (300ull * 1000000u)

struct auth {
	unsigned int key_count;
	struct auth_key keys[AUTH_KEYS_MAX];
	uint16_t send_key_id;
	uint64_t last_counter;		/* the last one sent */
};

/* What is known of one sender's counters. */
struct auth_replay {
	uint64_t highest;		/* 0: nothing accepted yet */
	uint64_t window;		/* bit i: highest - i was accepted */
};

enum auth_verdict {
	AUTH_OK,
	AUTH_MISSING,			/* no Authentication option */
	AUTH_UNKNOWN_KEY,
	AUTH_BAD_MAC,
	AUTH_REPLAYED,			/* seen, or older than the window */
	AUTH_STALE,			/* first from its sender, and far
					   behind this host's clock */
};

/*
 * Takes a section's keys (again, on reload); send_key_id 0: the highest
 * id signs.
 */
void auth_configure(struct auth *auth, const struct auth_key *keys,
		    unsigned int count, uint16_t send_key_id);

/*
 * Parses a "key = ID HEX" value (a key id 1..65535 and AUTH_KEY_MIN to
 * AUTH_KEY_MAX octets in hex) into keys[*count], refusing a repeated id
 * or one key too many; false with why (CONF_MESSAGE_MAX bytes) filled.
 */
bool auth_key_parse(struct auth_key *keys, unsigned int *count,
		    const char *value, char *why);

/*
 * The counter for the next message: above every one sent before, also
 * across restarts, as it starts from the wall clock in microseconds.
 */
uint64_t auth_next_counter(struct auth *auth, uint64_t now_us);

/* The key id that signs. */
uint16_t auth_send_key_id(const struct auth *auth);

/*
 * Fills the MAC of a built message (len octets, the MAC at mac_offset,
 * DHA_HAMSG_MAC_LEN octets). 0, or -ENOKEY without a key, -EINVAL.
 */
int auth_sign(const struct auth *auth, uint8_t *msg, size_t len,
	      size_t mac_offset, const struct in6_addr *src,
	      const struct in6_addr *dst);

/*
 * Checks a parsed message's MAC and counter, now_us being this host's
 * wall clock. The replay state is updated only for a message that
 * passes.
 */
enum auth_verdict auth_verify(const struct auth *auth,
			      struct auth_replay *replay, const uint8_t *msg,
			      size_t len, bool has_auth, uint16_t key_id,
			      uint64_t counter, size_t mac_offset,
			      const struct in6_addr *src,
			      const struct in6_addr *dst, uint64_t now_us);

const char *auth_verdict_name(enum auth_verdict verdict);

#endif /* DHAD_AUTH_H */
