// SPDX-License-Identifier: GPL-2.0-only
/* HA-to-HA authentication: MAC, keys and rotation, replay window. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "core/auth.h"
#include "reliability/config.h"
#include "wire/hamsg.h"
#include "check.h"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	inet_pton(AF_INET6, text, &addr);
	return addr;
}

static void add_key(struct config_redundancy *r, uint16_t id, uint8_t fill)
{
	struct auth_key *k = &r->keys[r->key_count++];

	k->id = id;
	k->len = 32;
	memset(k->key, fill, k->len);
}

/* A signed Hello Request from a to b with the given key and counter. */
static size_t signed_msg(struct auth *auth, uint8_t *buf, size_t cap,
			 uint64_t counter, struct dha_hamsg *m)
{
	struct in6_addr a = a6("2001:db8:5::1"), b = a6("2001:db8:5::2");
	size_t len = 0;

	memset(m, 0, sizeof(*m));
	m->subtype = DHA_HAMSG_HELLO_REQUEST;
	m->u.seq = 3;
	m->has_auth = true;
	m->auth.key_id = auth_send_key_id(auth);
	m->auth.counter = counter;
	CHECK_INT(dha_hamsg_build(buf, cap, m, &len), 0);
	CHECK_INT(auth_sign(auth, buf, len, m->auth.mac_offset, &a, &b), 0);
	return len;
}

static enum auth_verdict verify_at(const struct auth *auth,
				   struct auth_replay *replay,
				   const uint8_t *buf, size_t len,
				   const char *src, const char *dst,
				   uint64_t now_us)
{
	struct in6_addr s = a6(src), d = a6(dst);
	struct dha_hamsg p;

	if (dha_hamsg_parse(buf, len, &p))
		return AUTH_BAD_MAC;
	return auth_verify(auth, replay, buf, len, p.has_auth, p.auth.key_id,
			   p.auth.counter, p.auth.mac_offset, &s, &d, now_us);
}

static enum auth_verdict verify(const struct auth *auth,
				struct auth_replay *replay, const uint8_t *buf,
				size_t len, const char *src, const char *dst)
{
	return verify_at(auth, replay, buf, len, src, dst, 0);
}

#define A "2001:db8:5::1"
#define B "2001:db8:5::2"

static void test_auth_sign_verify(void)
{
	struct config_redundancy r = { 0 };
	struct auth auth = { 0 };
	struct auth_replay replay = { 0 };
	struct dha_hamsg m;
	uint8_t buf[256], copy[256];
	size_t len;

	add_key(&r, 7, 0x42);
	auth_configure(&auth, r.keys, r.key_count, r.send_key_id);
	CHECK_INT(auth_send_key_id(&auth), 7);
	len = signed_msg(&auth, buf, sizeof(buf), 100, &m);
	CHECK_INT(len, 56);
	CHECK_INT(m.auth.mac_offset + DHA_HAMSG_MAC_LEN, len);

	/* The kernel's checksum is not covered. */
	memcpy(copy, buf, len);
	copy[4] = 0xab;
	copy[5] = 0xcd;
	CHECK_INT(verify(&auth, &replay, copy, len, A, B), AUTH_OK);

	/* Any other octet, or other addresses: a bad MAC. */
	memcpy(copy, buf, len);
	copy[9] ^= 1;
	CHECK_INT(verify(&auth, &replay, copy, len, A, B), AUTH_BAD_MAC);
	memcpy(copy, buf, len);
	copy[len - 1] ^= 0x80;
	CHECK_INT(verify(&auth, &replay, copy, len, A, B), AUTH_BAD_MAC);
	CHECK_INT(verify(&auth, &replay, buf, len, A, A), AUTH_BAD_MAC);
	CHECK_INT(verify(&auth, &replay, buf, len, "2001:db8:5::9", B),
		  AUTH_BAD_MAC);
}

static void test_auth_missing_and_unknown_key(void)
{
	struct config_redundancy r = { 0 }, other = { 0 };
	struct auth auth = { 0 }, stranger = { 0 };
	struct auth_replay replay = { 0 };
	struct dha_hamsg m = { .subtype = DHA_HAMSG_HELLO_REQUEST };
	uint8_t buf[256];
	size_t len;

	add_key(&r, 1, 0x11);
	auth_configure(&auth, r.keys, r.key_count, r.send_key_id);
	CHECK_INT(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_INT(verify(&auth, &replay, buf, len, A, B), AUTH_MISSING);

	add_key(&other, 2, 0x11);
	auth_configure(&stranger, other.keys, other.key_count, other.send_key_id);
	len = signed_msg(&stranger, buf, sizeof(buf), 5, &m);
	CHECK_INT(verify(&auth, &replay, buf, len, A, B), AUTH_UNKNOWN_KEY);
	/* Same id, other key: a bad MAC. */
	other.keys[0].id = 1;
	auth_configure(&stranger, other.keys, other.key_count, other.send_key_id);
	other.keys[0].key[0] ^= 1;
	auth_configure(&stranger, other.keys, other.key_count, other.send_key_id);
	len = signed_msg(&stranger, buf, sizeof(buf), 6, &m);
	CHECK_INT(verify(&auth, &replay, buf, len, A, B), AUTH_BAD_MAC);
	CHECK_INT(replay.highest, 0);

	/* No key to sign with. */
	memset(&other, 0, sizeof(other));
	auth_configure(&stranger, other.keys, other.key_count, other.send_key_id);
	{
		struct in6_addr a = a6(A), b = a6(B);

		CHECK_INT(auth_sign(&stranger, buf, len, m.auth.mac_offset, &a,
				    &b), -ENOKEY);
	}
}

static void test_auth_rotation(void)
{
	struct config_redundancy old = { 0 }, both = { 0 }, new = { 0 };
	struct auth sender = { 0 }, receiver = { 0 };
	struct auth_replay replay = { 0 };
	struct dha_hamsg m;
	uint8_t buf[256];
	size_t len;

	add_key(&old, 1, 0x11);
	add_key(&both, 1, 0x11);
	add_key(&both, 2, 0x22);
	add_key(&new, 2, 0x22);
	auth_configure(&receiver, both.keys, both.key_count, both.send_key_id);
	/* The highest id signs unless key-send says otherwise. */
	CHECK_INT(auth_send_key_id(&receiver), 2);
	both.send_key_id = 1;
	auth_configure(&sender, both.keys, both.key_count, both.send_key_id);
	CHECK_INT(auth_send_key_id(&sender), 1);

	auth_configure(&sender, old.keys, old.key_count, old.send_key_id);
	len = signed_msg(&sender, buf, sizeof(buf), 10, &m);
	CHECK_INT(verify(&receiver, &replay, buf, len, A, B), AUTH_OK);
	auth_configure(&sender, new.keys, new.key_count, new.send_key_id);
	len = signed_msg(&sender, buf, sizeof(buf), 11, &m);
	CHECK_INT(verify(&receiver, &replay, buf, len, A, B), AUTH_OK);
	/* Once the old key is gone, what it signs is refused. */
	auth_configure(&receiver, new.keys, new.key_count, new.send_key_id);
	auth_configure(&sender, old.keys, old.key_count, old.send_key_id);
	len = signed_msg(&sender, buf, sizeof(buf), 12, &m);
	CHECK_INT(verify(&receiver, &replay, buf, len, A, B), AUTH_UNKNOWN_KEY);
}

static void test_auth_replay_window(void)
{
	struct config_redundancy r = { 0 };
	struct auth auth = { 0 };
	struct auth_replay replay = { 0 };
	struct dha_hamsg m;
	uint8_t b1000[256], b990[256], b900[256], b0[256];
	size_t len;

	add_key(&r, 1, 0x33);
	auth_configure(&auth, r.keys, r.key_count, r.send_key_id);
	len = signed_msg(&auth, b1000, sizeof(b1000), 1000, &m);
	signed_msg(&auth, b990, sizeof(b990), 990, &m);
	signed_msg(&auth, b900, sizeof(b900), 900, &m);
	signed_msg(&auth, b0, sizeof(b0), 0, &m);

	CHECK_INT(verify(&auth, &replay, b1000, len, A, B), AUTH_OK);
	CHECK_INT(verify(&auth, &replay, b1000, len, A, B), AUTH_REPLAYED);
	/* Late but inside the window: once. */
	CHECK_INT(verify(&auth, &replay, b990, len, A, B), AUTH_OK);
	CHECK_INT(verify(&auth, &replay, b990, len, A, B), AUTH_REPLAYED);
	/* Older than the window. */
	CHECK_INT(verify(&auth, &replay, b900, len, A, B), AUTH_REPLAYED);
	CHECK_INT(verify(&auth, &replay, b0, len, A, B), AUTH_REPLAYED);
	CHECK_INT(replay.highest, 1000);
}

/* A receiver that restarted has no window: its clock keeps old
 * recordings out. */
static void test_auth_after_restart(void)
{
	const uint64_t now = 1800000000ull * 1000000u;
	struct config_redundancy r = { 0 };
	struct auth auth = { 0 };
	struct auth_replay replay = { 0 };
	struct dha_hamsg m;
	uint8_t old[256], recent[256], later[256];
	size_t len;

	add_key(&r, 1, 0x44);
	auth_configure(&auth, r.keys, r.key_count, r.send_key_id);
	len = signed_msg(&auth, old, sizeof(old), now - AUTH_CLOCK_SLACK_US - 1,
			 &m);
	signed_msg(&auth, recent, sizeof(recent), now - AUTH_CLOCK_SLACK_US,
		   &m);
	signed_msg(&auth, later, sizeof(later), now + 5, &m);

	CHECK_INT(verify_at(&auth, &replay, old, len, A, B, now), AUTH_STALE);
	CHECK_INT(replay.highest, 0);
	/* A sender whose clock is behind, within the slack, is heard. */
	CHECK_INT(verify_at(&auth, &replay, recent, len, A, B, now), AUTH_OK);
	CHECK_INT(verify_at(&auth, &replay, later, len, A, B, now), AUTH_OK);
	/* Once heard, the window judges: the old one is far too old. */
	CHECK_INT(verify_at(&auth, &replay, old, len, A, B, now),
		  AUTH_REPLAYED);
}

static void test_auth_counter(void)
{
	struct auth auth = { 0 };

	CHECK(auth_next_counter(&auth, 5000) == 5000);
	/* The clock stepped back, or two messages in one microsecond. */
	CHECK(auth_next_counter(&auth, 4000) == 5001);
	CHECK(auth_next_counter(&auth, 5001) == 5002);
	CHECK(auth_next_counter(&auth, 9000) == 9000);
	CHECK_STR(auth_verdict_name(AUTH_REPLAYED), "replayed");
}

SUITE(auth, TEST_CASE(test_auth_sign_verify),
      TEST_CASE(test_auth_missing_and_unknown_key),
      TEST_CASE(test_auth_rotation), TEST_CASE(test_auth_replay_window),
      TEST_CASE(test_auth_after_restart), TEST_CASE(test_auth_counter));
