// SPDX-License-Identifier: GPL-2.0-only
/* HA-to-HA message authentication (auth.h), on OpenSSL's HMAC. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/auth.h"
#include "core/conf.h"
#include "wire/hamsg.h"
#include "wire/mh.h"

void auth_configure(struct auth *auth, const struct auth_key *keys,
		    unsigned int count, uint16_t send_key_id)
{
	unsigned int i;

	auth->key_count = count;
	memcpy(auth->keys, keys, count * sizeof(*keys));
	auth->send_key_id = send_key_id;
	if (!auth->send_key_id) {
		for (i = 0; i < auth->key_count; i++)
			if (auth->keys[i].id > auth->send_key_id)
				auth->send_key_id = auth->keys[i].id;
	}
}

uint64_t auth_next_counter(struct auth *auth, uint64_t now_us)
{
	auth->last_counter = now_us > auth->last_counter ?
				     now_us : auth->last_counter + 1;
	return auth->last_counter;
}

uint16_t auth_send_key_id(const struct auth *auth)
{
	return auth->send_key_id;
}

static const struct auth_key *key_of(const struct auth *auth,
					    uint16_t id)
{
	unsigned int i;

	for (i = 0; i < auth->key_count; i++)
		if (auth->keys[i].id == id)
			return &auth->keys[i];
	return NULL;
}

/* The MAC of (src, dst, message up to the MAC with a zero checksum). */
static int compute(const struct auth_key *key, const uint8_t *msg,
		   size_t mac_offset, const struct in6_addr *src,
		   const struct in6_addr *dst, uint8_t *mac)
{
	uint8_t data[2 * sizeof(struct in6_addr) + DHA_MH_MAX_LEN];
	unsigned int mac_len = DHA_HAMSG_MAC_LEN;
	size_t n = 2 * sizeof(struct in6_addr) + mac_offset;

	if (mac_offset > DHA_MH_MAX_LEN ||
	    mac_offset < DHA_MH_CHECKSUM_OFFSET + 2)
		return -EINVAL;
	memcpy(data, src, sizeof(*src));
	memcpy(data + sizeof(*src), dst, sizeof(*dst));
	memcpy(data + 2 * sizeof(*src), msg, mac_offset);
	memset(data + 2 * sizeof(*src) + DHA_MH_CHECKSUM_OFFSET, 0, 2);
	if (!HMAC(EVP_sha256(), key->key, key->len, data, n, mac, &mac_len) ||
	    mac_len != DHA_HAMSG_MAC_LEN)
		return -EINVAL;
	return 0;
}

int auth_sign(const struct auth *auth, uint8_t *msg, size_t len,
	      size_t mac_offset, const struct in6_addr *src,
	      const struct in6_addr *dst)
{
	const struct auth_key *key = key_of(auth, auth->send_key_id);

	if (!key)
		return -ENOKEY;
	if (mac_offset + DHA_HAMSG_MAC_LEN > len)
		return -EINVAL;
	return compute(key, msg, mac_offset, src, dst, msg + mac_offset);
}

/* Sliding window (RFC 4303 3.4.3 does the same for ESP). */
static bool replay_check(const struct auth_replay *r, uint64_t counter)
{
	uint64_t age;

	if (counter == 0)
		return false;
	if (counter > r->highest)
		return true;
	age = r->highest - counter;
	return age < AUTH_REPLAY_WINDOW && !(r->window & (1ull << age));
}

static void replay_update(struct auth_replay *r, uint64_t counter)
{
	uint64_t shift;

	if (counter > r->highest) {
		shift = counter - r->highest;
		r->window = shift >= AUTH_REPLAY_WINDOW ? 0 : r->window << shift;
		r->window |= 1;
		r->highest = counter;
	} else {
		r->window |= 1ull << (r->highest - counter);
	}
}

enum auth_verdict auth_verify(const struct auth *auth,
			      struct auth_replay *replay, const uint8_t *msg,
			      size_t len, bool has_auth, uint16_t key_id,
			      uint64_t counter, size_t mac_offset,
			      const struct in6_addr *src,
			      const struct in6_addr *dst, uint64_t now_us)
{
	const struct auth_key *key;
	uint8_t mac[DHA_HAMSG_MAC_LEN];

	if (!has_auth)
		return AUTH_MISSING;
	key = key_of(auth, key_id);
	if (!key)
		return AUTH_UNKNOWN_KEY;
	if (mac_offset + DHA_HAMSG_MAC_LEN > len ||
	    compute(key, msg, mac_offset, src, dst, mac) ||
	    CRYPTO_memcmp(mac, msg + mac_offset, sizeof(mac)) != 0)
		return AUTH_BAD_MAC;
	if (!replay_check(replay, counter))
		return AUTH_REPLAYED;
	if (!replay->highest && counter + AUTH_CLOCK_SLACK_US < now_us)
		return AUTH_STALE;
	replay_update(replay, counter);
	return AUTH_OK;
}

const char *auth_verdict_name(enum auth_verdict verdict)
{
	switch (verdict) {
	case AUTH_OK:		return "ok";
	case AUTH_MISSING:	return "unauthenticated";
	case AUTH_UNKNOWN_KEY:	return "unknown key";
	case AUTH_BAD_MAC:	return "bad MAC";
	case AUTH_REPLAYED:	return "replayed";
	case AUTH_STALE:	return "counter far behind this host's clock (replayed, or the clocks disagree)";
	}
	return "?";
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool auth_key_parse(struct auth_key *keys, unsigned int *count,
		    const char *value, char *why)
{
	struct auth_key key = { 0 };
	const char *blank = strpbrk(value, " \t"), *hex;
	char id_text[8];
	size_t digits, i;
	long id;

	if (!blank || (size_t)(blank - value) >= sizeof(id_text)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad key: not ID HEX");
		return false;
	}
	memcpy(id_text, value, (size_t)(blank - value));
	id_text[blank - value] = '\0';
	if (!conf_long(id_text, 1, UINT16_MAX, &id)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad key id \"%s\": 1..65535",
			 id_text);
		return false;
	}
	hex = blank + strspn(blank, " \t");
	digits = strlen(hex);
	if (digits % 2 || digits < 2 * AUTH_KEY_MIN ||
	    digits > 2 * AUTH_KEY_MAX) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad key %ld: %d to %d octets in hex (%zu digits given)",
			 id, AUTH_KEY_MIN, AUTH_KEY_MAX, digits);
		return false;
	}
	for (i = 0; i < digits / 2; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			snprintf(why, CONF_MESSAGE_MAX,
				 "bad key %ld: not a hex digit at position %zu",
				 id, 2 * i + (hi < 0 ? 1 : 2));
			return false;
		}
		key.key[i] = (uint8_t)(hi << 4 | lo);
	}
	key.id = (uint16_t)id;
	key.len = (uint8_t)(digits / 2);
	for (i = 0; i < *count; i++) {
		if (keys[i].id == key.id) {
			snprintf(why, CONF_MESSAGE_MAX, "key id %ld given twice", id);
			return false;
		}
	}
	if (*count == AUTH_KEYS_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d keys",
			 AUTH_KEYS_MAX);
		return false;
	}
	keys[(*count)++] = key;
	return true;
}
