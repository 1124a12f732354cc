// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bindings put into force (binding.c) against a kernel and a routing
 * table of the test's own, which can refuse: a refused update leaves
 * the previous binding exactly as it was, a refused new one leaves
 * nothing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "core/dhad.h"
#include "mip6/binding.h"
#include "mip6/mip6.h"
#include "check.h"

#define ROUTES_MAX 8

/* What the fake kernel and routing table hold, and what they refuse. */
struct world {
	bool bound;
	struct kernel_binding binding;	/* one home address is enough */
	unsigned int route_count;
	struct dhad_prefix routes[ROUTES_MAX];
	int set_error;			/* the next binding set fails so */
	struct dhad_prefix bad_route;	/* adding it fails */
	unsigned int changed;		/* binding_changed() calls */
};

static struct world world;

static int fake_set(struct mip6 *ha, const struct kernel_binding *binding)
{
	int ret = world.set_error;

	(void)ha;
	world.set_error = 0;
	if (ret)
		return ret;
	world.bound = true;
	world.binding = *binding;
	return 0;
}

static int fake_del(struct mip6 *ha, const struct in6_addr *home_address)
{
	(void)ha;
	if (!world.bound ||
	    memcmp(home_address, &world.binding.home_address, 16))
		return -ENOENT;
	world.bound = false;
	return 0;
}

static int route_index(const struct dhad_prefix *prefix)
{
	unsigned int i;

	for (i = 0; i < world.route_count; i++)
		if (prefix_equal(&world.routes[i], prefix))
			return (int)i;
	return -1;
}

static int fake_route(struct mip6 *ha, bool add,
		      const struct dhad_prefix *prefix)
{
	int i = route_index(prefix);

	(void)ha;
	if (!add) {
		if (i < 0)
			return -ESRCH;
		world.routes[i] = world.routes[--world.route_count];
		return 0;
	}
	if (prefix_equal(prefix, &world.bad_route))
		return -EINVAL;
	if (i < 0 && world.route_count < ROUTES_MAX)
		world.routes[world.route_count++] = *prefix;
	return 0;
}

/* As the kernel handles a batch: each request in order, each answered. */
static void fake_batch(struct mip6 *ha, bool del,
		       const struct kernel_binding *bindings, size_t n,
		       kernel_answer_fn fn, void *arg)
{
	size_t i;

	for (i = 0; i < n; i++)
		fn(i, del ? fake_del(ha, &bindings[i].home_address) :
			    fake_set(ha, &bindings[i]), "", arg);
}

static const struct binding_io fake_io = {
	.set = fake_set,
	.del = fake_del,
	.batch = fake_batch,
	.route = fake_route,
};

static void count_change(void *state, const struct in6_addr *hoa)
{
	(void)state;
	(void)hoa;
	world.changed++;
}

static const struct protocol watcher = {
	.name = "watcher",
	.binding_changed = count_change,
};

struct fixture {
	struct dhad dhad;
	struct mip6_config config;
	struct mip6 ha;
};

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	CHECK_INT(inet_pton(AF_INET6, text, &a), 1);
	return a;
}

static struct dhad_prefix prefix(const char *text, uint8_t length)
{
	struct dhad_prefix p = { .address = addr(text), .length = length };

	return p;
}

static void setup(struct fixture *f)
{
	memset(&world, 0, sizeof(world));
	memset(f, 0, sizeof(*f));
	f->dhad.loop = loop_new();
	CHECK(f->dhad.loop != NULL);
	CHECK_INT(cache_init(&f->dhad.cache, f->dhad.loop, NULL, NULL), 0);
	f->dhad.protocol_count = 1;
	f->dhad.protocols[0].protocol = &watcher;
	f->dhad.protocols[0].state = &world;
	strcpy(f->config.home.device, "dha0");
	f->ha.dhad = &f->dhad;
	f->ha.config = &f->config;
	f->ha.io = &fake_io;
}

static void teardown(struct fixture *f)
{
	cache_destroy(&f->dhad.cache);
	loop_free(f->dhad.loop);
}

/* A mobile router's registration: home address, care-of, one prefix. */
static void decision(struct registration_decision *d, const char *coa,
		     const char *mnp)
{
	memset(d, 0, sizeof(*d));
	d->outcome = REGISTRATION_ACCEPTED;
	d->home_address = addr("2001:db8:1::100");
	d->care_of_address = addr(coa);
	d->flags = CACHE_FLAG_HOME | CACHE_FLAG_ROUTER;
	d->lifetime = 400;
	d->prefix_count = 1;
	d->prefixes[0] = prefix(mnp, 48);
}

/* The working binding the tests try to update: coa ::5, 2001:db8:7::/48. */
static struct cache_entry *bound(struct fixture *f)
{
	struct registration_decision d;
	struct cache_entry *entry;

	decision(&d, "2001:db8:ff::5", "2001:db8:7::");
	CHECK(binding_apply(&f->ha, &d, NULL, 10));
	entry = cache_lookup(&f->dhad.cache, &d.home_address);
	CHECK(entry != NULL);
	CHECK(world.bound && world.binding.advertise);
	CHECK_INT(world.route_count, 1);
	CHECK_INT(world.changed, 1);
	world.changed = 0;
	return entry;
}

/* The previous binding, everywhere, as bound() made it. */
static void check_previous(struct fixture *f, struct cache_entry *entry)
{
	struct in6_addr coa = addr("2001:db8:ff::5");
	struct dhad_prefix mnp = prefix("2001:db8:7::", 48);

	CHECK(cache_lookup(&f->dhad.cache, &entry->home_address) == entry);
	CHECK_INT(f->dhad.cache.count, 1);
	CHECK(!memcmp(&entry->care_of_address, &coa, 16));
	CHECK_INT(entry->sequence, 10);
	CHECK_INT(entry->prefix_count, 1);
	CHECK(prefix_equal(&entry->prefixes[0], &mnp));
	CHECK(world.bound);
	CHECK(!memcmp(&world.binding.care_of_address, &coa, 16));
	CHECK_INT(world.binding.prefix_count, 1);
	CHECK(prefix_equal(&world.binding.prefixes[0], &mnp));
	CHECK(world.binding.has_lifetime && world.binding.lifetime > 0 &&
	      world.binding.lifetime <= 400);
	CHECK_INT(world.route_count, 1);
	CHECK(route_index(&mnp) == 0);
	/* Nothing changed, so the redundancy hook hears of nothing. */
	CHECK_INT(world.changed, 0);
}

static void test_update_accepted(void)
{
	struct fixture f;
	struct registration_decision d;
	struct cache_entry *entry;
	struct dhad_prefix mnp = prefix("2001:db8:8::", 48);

	setup(&f);
	entry = bound(&f);
	decision(&d, "2001:db8:ff::6", "2001:db8:8::");
	CHECK(binding_apply(&f.ha, &d, entry, 11));
	CHECK_INT(entry->sequence, 11);
	CHECK(!world.binding.advertise);
	/* The old prefix's route went, the new one's came. */
	CHECK_INT(world.route_count, 1);
	CHECK(route_index(&mnp) == 0);
	CHECK_INT(world.changed, 1);
	teardown(&f);
}

/* The kernel refuses the update (a prefix another binding serves). */
static void test_update_refused_by_kernel(void)
{
	struct fixture f;
	struct registration_decision d;
	struct cache_entry *entry;

	setup(&f);
	entry = bound(&f);
	decision(&d, "2001:db8:ff::6", "2001:db8:8::");
	world.set_error = -EEXIST;
	CHECK(!binding_apply(&f.ha, &d, entry, 11));
	check_previous(&f, entry);
	teardown(&f);
}

/* rtnetlink refuses the update's route: the kernel binding goes back. */
static void test_update_refused_by_routes(void)
{
	struct fixture f;
	struct registration_decision d;
	struct cache_entry *entry;

	setup(&f);
	entry = bound(&f);
	decision(&d, "2001:db8:ff::6", "2001:db8:8::");
	world.bad_route = d.prefixes[0];
	CHECK(!binding_apply(&f.ha, &d, entry, 11));
	check_previous(&f, entry);
	/* Not announced again: the home link's neighbours know it. */
	CHECK(!world.binding.advertise);
	teardown(&f);
}

/* The same prefix, a new care-of address, the route refused. */
static void test_update_same_prefix_refused(void)
{
	struct fixture f;
	struct registration_decision d;
	struct cache_entry *entry;

	setup(&f);
	entry = bound(&f);
	decision(&d, "2001:db8:ff::6", "2001:db8:7::");
	world.bad_route = d.prefixes[0];
	CHECK(!binding_apply(&f.ha, &d, entry, 11));
	/* Its route, not replaced, is the one it was. */
	check_previous(&f, entry);
	teardown(&f);
}

/* A new binding refused by rtnetlink leaves nothing behind. */
static void test_create_refused(void)
{
	struct fixture f;
	struct registration_decision d;

	setup(&f);
	decision(&d, "2001:db8:ff::5", "2001:db8:7::");
	world.bad_route = d.prefixes[0];
	CHECK(!binding_apply(&f.ha, &d, NULL, 10));
	CHECK(!world.bound);
	CHECK_INT(world.route_count, 0);
	CHECK_INT(f.dhad.cache.count, 0);
	CHECK_INT(world.changed, 0);
	teardown(&f);
}

/* A standby's copy, as synchronization leaves it: in the cache only. */
static struct cache_entry *copy(struct fixture *f, const char *hoa,
				const char *mnp)
{
	struct in6_addr a = addr(hoa);
	struct cache_entry *entry;

	CHECK_INT(cache_insert(&f->dhad.cache, &a, &entry), 0);
	entry->synced = true;
	entry->care_of_address = addr("2001:db8:ff::5");
	entry->flags = CACHE_FLAG_HOME | CACHE_FLAG_ROUTER;
	entry->prefix_count = 1;
	entry->prefixes[0] = prefix(mnp, 48);
	CHECK_INT(cache_set_lifetime(&f->dhad.cache, entry, 300), 0);
	return entry;
}

/*
 * A takeover commits copies in a batch: the one the kernel refuses stays
 * a copy without routes, the others are in force, announced, routed;
 * withdrawn, they are all copies again, their routes gone.
 */
static void test_commit_batch(void)
{
	struct dhad_prefix first = prefix("2001:db8:7::", 48);
	struct dhad_prefix second = prefix("2001:db8:8::", 48);
	struct cache_entry *entries[2];
	int errors[2] = { 1, 1 };
	struct fixture f;

	setup(&f);
	entries[0] = copy(&f, "2001:db8:1::100", "2001:db8:7::");
	entries[1] = copy(&f, "2001:db8:1::101", "2001:db8:8::");
	world.set_error = -ENOSPC;
	binding_commit(&f.ha, entries, 2, errors);
	CHECK_INT(errors[0], -ENOSPC);
	CHECK_INT(errors[1], 0);
	CHECK(entries[0]->synced && !entries[1]->synced);
	CHECK(world.bound && world.binding.advertise);
	CHECK(!memcmp(&world.binding.home_address, &entries[1]->home_address,
		      16));
	CHECK(world.binding.lifetime > 0 && world.binding.lifetime <= 300);
	CHECK_INT(world.route_count, 1);
	CHECK(route_index(&second) == 0 && route_index(&first) < 0);

	binding_uncommit(&f.ha, entries, 2);
	CHECK(entries[0]->synced && entries[1]->synced);
	CHECK(!world.bound);
	CHECK_INT(world.route_count, 0);
	CHECK_INT(f.dhad.cache.count, 2);
	teardown(&f);
}

SUITE(binding, TEST_CASE(test_update_accepted),
      TEST_CASE(test_commit_batch),
      TEST_CASE(test_update_refused_by_kernel),
      TEST_CASE(test_update_refused_by_routes),
      TEST_CASE(test_update_same_prefix_refused),
      TEST_CASE(test_create_refused));
