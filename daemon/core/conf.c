// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration frame. See conf.h.
 *
 * libinih splits the file into sections and key = value pairs; it tells
 * only the line of its first error and gives the handler no line
 * numbers. So lines are fed to it through a reader that counts them:
 * when the handler runs, the reader's count is the handler's line. The
 * reader also spots section headers (inih does not report sections
 * without keys) and refuses overlong lines itself instead of letting
 * inih cut them into pieces.
 */
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <ini.h>
#include <net/if.h>

#include "core/conf.h"
#include "core/home.h"
#include "sys/addr.h"
#include "sys/log.h"

struct config_message {
	int line;
	char text[CONF_MESSAGE_MAX];
};

/* The longest INSTANCE of a "[section INSTANCE]" header. */
#define CONF_INSTANCE_NAME_MAX 31

/*
 * A section of the file: the core's [daemon] or a protocol's, or one
 * named instance of a protocol's ("[home-agent NAME]").
 */
struct known_section {
	const struct conf_section *section;
	char instance[CONF_INSTANCE_NAME_MAX + 1];	/* "": unnamed */
	void *settings;			/* what its keys fill */
	int line;			/* of its first header; 0: absent */
	int *key_line;			/* each key's first line */
};

struct conf_check {
	FILE *in;
	struct dhad_config *config;
	int line;			/* of the text last handed to inih */
	int completed_lines;
	struct known_section *current;	/* NULL: unknown section */
	struct known_section *sections;
	size_t section_count;
	struct config_message *messages;
	size_t message_count;
	size_t message_capacity;
	bool out_of_memory;
};

/* ---- value parsers ---- */

bool conf_long(const char *value, long min, long max, long *out)
{
	char *end;

	if (!*value || (*value != '-' && (*value < '0' || *value > '9')))
		return false;
	errno = 0;
	*out = strtol(value, &end, 10);
	return errno == 0 && *end == '\0' && *out >= min && *out <= max;
}

bool conf_yes_no(const char *value, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(value, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(value, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

bool conf_ifname(char *dst, const char *value, char *why)
{
	if (!ifname_valid(value)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "\"%s\" is not an interface name (1 to %d characters, no '/', ':' or blanks)",
			 value, IF_NAMESIZE - 1);
		return false;
	}
	strcpy(dst, value);
	return true;
}

bool conf_ms(const char *name, const char *value, long min, long max,
	     uint32_t *out, char *why)
{
	long ms;

	if (!conf_long(value, min, max, &ms)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad %s \"%s\": milliseconds, %ld..%ld", name, value,
			 min, max);
		return false;
	}
	*out = (uint32_t)ms;
	return true;
}

bool conf_seconds_ms(const char *value, uint32_t min_ms, uint32_t max_ms,
		     uint32_t *out)
{
	const char *dot = strchr(value, '.');
	char whole[16];
	size_t len = dot ? (size_t)(dot - value) : strlen(value);
	long seconds, ms = 0, scale = 100;
	const char *digit;

	if (len == 0 || len >= sizeof(whole))
		return false;
	memcpy(whole, value, len);
	whole[len] = '\0';
	if (whole[0] == '-' || !conf_long(whole, 0, max_ms / 1000, &seconds))
		return false;
	if (dot) {
		if (!dot[1] || strlen(dot + 1) > 3)
			return false;
		for (digit = dot + 1; *digit; digit++, scale /= 10) {
			if (*digit < '0' || *digit > '9')
				return false;
			ms += (*digit - '0') * scale;
		}
	}
	ms += seconds * 1000;
	if (ms < (long)min_ms || ms > (long)max_ms)
		return false;
	*out = (uint32_t)ms;
	return true;
}

/* ---- [daemon] ---- */

static bool parse_log_level(void *settings, const char *value, char *why)
{
	struct dhad_config *config = settings;
	int level = log_level_parse(value);

	if (level < 0) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad log-level \"%s\": error, warning, notice, info or debug",
			 value);
		return false;
	}
	config->log_level = level;
	return true;
}

static bool parse_control_group(void *settings, const char *value, char *why)
{
	struct dhad_config *config = settings;
	struct group *group;
	long gid;

	if (conf_long(value, 0, INT32_MAX, &gid)) {
		config->control_group = (gid_t)gid;
	} else {
		group = *value ? getgrnam(value) : NULL;
		if (!group) {
			snprintf(why, CONF_MESSAGE_MAX, "unknown group \"%s\"",
				 value);
			return false;
		}
		config->control_group = group->gr_gid;
	}
	config->has_control_group = true;
	return true;
}

static const struct conf_key daemon_keys[] = {
	{ "log-level", false, false, parse_log_level },
	{ "control-group", false, false, parse_control_group },
	{ 0 },
};

static const struct conf_section daemon_section = { "daemon", false,
						    daemon_keys, NULL, false };

/* ---- messages ---- */

void conf_report(struct conf_check *check, int line, const char *format, ...)
{
	struct config_message *message;
	va_list ap;

	if (check->message_count == check->message_capacity) {
		size_t capacity = check->message_capacity ?
					  check->message_capacity * 2 : 8;
		struct config_message *messages;

		messages = realloc(check->messages,
				   capacity * sizeof(*messages));
		if (!messages) {
			check->out_of_memory = true;
			return;
		}
		check->messages = messages;
		check->message_capacity = capacity;
	}
	message = &check->messages[check->message_count++];
	message->line = line;
	va_start(ap, format);
	vsnprintf(message->text, sizeof(message->text), format, ap);
	va_end(ap);
}

static int compare_messages(const void *a, const void *b)
{
	const struct config_message *x = a, *y = b;

	/* The index breaks ties: qsort is not stable. */
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* ---- sections and keys ---- */

/* instance NULL or "": the unnamed section. */
static struct known_section *find_instance(const struct conf_check *check,
					   const char *name,
					   const char *instance)
{
	size_t i;

	if (!instance)
		instance = "";
	for (i = 0; i < check->section_count; i++)
		if (strcmp(check->sections[i].section->name, name) == 0 &&
		    strcmp(check->sections[i].instance, instance) == 0)
			return &check->sections[i];
	return NULL;
}

static struct known_section *find_section(const struct conf_check *check,
					  const char *name)
{
	return find_instance(check, name, NULL);
}

static size_t key_count(const struct conf_section *section)
{
	size_t n = 0;

	while (section->keys[n].name)
		n++;
	return n;
}

static int add_section(struct conf_check *check,
		       const struct conf_section *section, void *settings)
{
	struct known_section *s = &check->sections[check->section_count];

	s->section = section;
	s->settings = settings;
	s->line = 0;
	s->key_line = calloc(key_count(section) + 1, sizeof(int));
	if (!s->key_line)
		return -ENOMEM;
	check->section_count++;
	return 0;
}

/*
 * The sections of the core and of every protocol, settings allocated,
 * with room for the named instances of those that have them.
 */
static int build_sections(struct conf_check *check)
{
	struct dhad_config *config = check->config;
	size_t i, n = 1;
	const struct conf_section *s;

	for (i = 0; i < config->protocol_count; i++)
		for (s = config->protocols[i]->sections; s && s->name; s++)
			n += 1 + (s->instance ? CONF_INSTANCES_MAX : 0);
	check->sections = calloc(n, sizeof(*check->sections));
	if (!check->sections)
		return -ENOMEM;
	if (add_section(check, &daemon_section, config))
		return -ENOMEM;
	for (i = 0; i < config->protocol_count; i++) {
		const struct protocol *p = config->protocols[i];

		config->settings[i] = calloc(1, p->config_size ?
						  p->config_size : 1);
		if (!config->settings[i])
			return -ENOMEM;
		if (p->config_init)
			p->config_init(config->settings[i], config);
		for (s = p->sections; s && s->name; s++)
			if (add_section(check, s, config->settings[i]))
				return -ENOMEM;
	}
	return 0;
}

static void free_sections(struct conf_check *check)
{
	size_t i;

	for (i = 0; i < check->section_count; i++)
		free(check->sections[i].key_line);
	free(check->sections);
}

static int handle_pair(void *user, const char *section, const char *name,
		       const char *value)
{
	struct conf_check *check = user;
	struct known_section *s = check->current;
	char why[CONF_MESSAGE_MAX];
	size_t i;

	if (!*section) {
		conf_report(check, check->line,
			    "key \"%s\" outside any section", name);
		return 0;
	}
	/* Reported at its header; the file is refused already. */
	if (!s)
		return 1;
	for (i = 0; s->section->keys[i].name; i++)
		if (strcmp(s->section->keys[i].name, name) == 0)
			break;
	if (!s->section->keys[i].name) {
		conf_report(check, check->line, "unknown key \"%s\" in [%s]",
			    name, section);
		return 0;
	}
	if (s->key_line[i] && !s->section->keys[i].repeatable) {
		conf_report(check, check->line,
			    "duplicate key \"%s\" (first set on line %d)", name,
			    s->key_line[i]);
		return 0;
	}
	/* Given, even if wrong: then it is not "missing" as well. */
	if (!s->key_line[i])
		s->key_line[i] = check->line;
	if (!s->section->keys[i].parse(s->settings, value, why)) {
		conf_report(check, check->line, "%s", why);
		return 0;
	}
	return 1;
}

static bool instance_name_valid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > CONF_INSTANCE_NAME_MAX)
		return false;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == len;
}

/*
 * "[base instance]": the instance's own section, made at its first
 * header by the hook of base, which must have one. NULL: reported.
 */
static struct known_section *open_instance(struct conf_check *check,
					   const char *base,
					   const char *instance)
{
	struct known_section *unnamed = find_section(check, base), *s;
	char why[CONF_MESSAGE_MAX];
	size_t count = 0, i;
	void *settings;

	if (!unnamed || !unnamed->section->instance) {
		conf_report(check, check->line, "unknown section [%s %s]",
			    base, instance);
		return NULL;
	}
	if (!instance_name_valid(instance)) {
		conf_report(check, check->line,
			    "bad section name [%s %s]: the name after \"%s\" is 1 to %d letters, digits, '-', '_' or '.'",
			    base, instance, base, CONF_INSTANCE_NAME_MAX);
		return NULL;
	}
	s = find_instance(check, base, instance);
	if (s)
		return s;
	for (i = 0; i < check->section_count; i++)
		count += check->sections[i].section == unnamed->section &&
			 check->sections[i].instance[0];
	if (count == CONF_INSTANCES_MAX) {
		conf_report(check, check->line, "more than %d [%s NAME] sections",
			    CONF_INSTANCES_MAX, base);
		return NULL;
	}
	settings = unnamed->section->instance(unnamed->settings, check->config,
					      instance, why);
	if (!settings) {
		conf_report(check, check->line, "[%s %s]: %s", base, instance,
			    why);
		return NULL;
	}
	if (add_section(check, unnamed->section, settings)) {
		check->out_of_memory = true;
		return NULL;
	}
	s = &check->sections[check->section_count - 1];
	strcpy(s->instance, instance);
	return s;
}

/* A "[name]" line: the name as inih will see it, checked here. */
static void check_section_header(struct conf_check *check, const char *line)
{
	const char *start = line, *end, *blank;
	char name[CONF_MESSAGE_MAX];
	size_t len;

	while (*start == ' ' || *start == '\t')
		start++;
	if (*start != '[')
		return;
	end = strchr(start, ']');
	if (!end)
		return;		/* inih reports the syntax error */
	len = (size_t)(end - start - 1);
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, start + 1, len);
	name[len] = '\0';
	blank = strpbrk(name, " \t");
	if (blank) {
		char *instance = name + (blank - name);

		*instance++ = '\0';
		instance += strspn(instance, " \t");
		len = strlen(instance);
		while (len && (instance[len - 1] == ' ' ||
			       instance[len - 1] == '\t'))
			instance[--len] = '\0';
		check->current = open_instance(check, name, instance);
	} else {
		check->current = find_section(check, name);
		if (!check->current)
			conf_report(check, check->line, "unknown section [%s]",
				    name);
	}
	if (check->current && !check->current->line)
		check->current->line = check->line;
}

static char *read_line(char *buf, int size, void *stream)
{
	struct conf_check *check = stream;
	bool nul = false, too_long = false;
	size_t len = 0;
	int c;

	while ((c = getc(check->in)) != EOF) {
		if (c == '\0')
			nul = true;
		else if (len + 1 < (size_t)size)
			buf[len++] = (char)c;
		else
			too_long = true;
		if (c == '\n')
			break;
	}
	if (len == 0 && !nul && !too_long)
		return NULL;
	buf[len] = '\0';
	check->line = ++check->completed_lines;
	/* Either would make inih see a different line: hand it a blank one. */
	if (too_long || nul) {
		if (too_long)
			conf_report(check, check->line,
				    "line longer than %d characters", size - 2);
		else
			conf_report(check, check->line,
				    "NUL character in line");
		strcpy(buf, "\n");
		return buf;
	}
	check_section_header(check, buf);
	return buf;
}

/* A file needs one section that makes a whole configuration. */
static void check_whole(struct conf_check *check)
{
	char names[CONF_MESSAGE_MAX] = "";
	size_t i, len = 0, count = 0;

	for (i = 0; i < check->section_count; i++) {
		const struct known_section *s = &check->sections[i];

		if (!s->section->whole)
			continue;
		if (s->line)
			return;
		len += (size_t)snprintf(names + len, sizeof(names) - len,
					"%s[%s]", count ? " or " : "",
					s->section->name);
		if (len >= sizeof(names))
			len = sizeof(names) - 1;
		count++;
	}
	if (count)
		conf_report(check, conf_last_line(check),
			    "missing section %s", names);
}

/* Required keys when their section is there; required sections. */
static void check_required(struct conf_check *check)
{
	size_t i, k;

	for (i = 0; i < check->section_count; i++) {
		const struct known_section *s = &check->sections[i];

		if (!s->line)
			continue;
		for (k = 0; s->section->keys[k].name; k++)
			if (s->section->keys[k].required && !s->key_line[k])
				conf_report(check, s->line,
					    "missing key \"%s\" in [%s%s%s]",
					    s->section->keys[k].name,
					    s->section->name,
					    s->instance[0] ? " " : "",
					    s->instance);
	}
	/* Reported once, at the end of the file, where it would go. */
	for (i = 0; i < check->section_count; i++)
		if (check->sections[i].section->required &&
		    !check->sections[i].instance[0] &&
		    !check->sections[i].line)
			conf_report(check, conf_last_line(check),
				    "missing section [%s]",
				    check->sections[i].section->name);
	check_whole(check);
}

/* ---- for the protocols' checks ---- */

int conf_instance_key_line(const struct conf_check *check,
			   const char *section, const char *instance,
			   const char *key)
{
	const struct known_section *s = find_instance(check, section,
						      instance);
	size_t k;

	if (!s)
		return 0;
	for (k = 0; s->section->keys[k].name; k++)
		if (strcmp(s->section->keys[k].name, key) == 0)
			return s->key_line[k];
	return 0;
}

int conf_key_line(const struct conf_check *check, const char *section,
		  const char *key)
{
	return conf_instance_key_line(check, section, NULL, key);
}

int conf_instance_line(const struct conf_check *check, const char *section,
		       const char *instance)
{
	const struct known_section *s = find_instance(check, section,
						      instance);

	return s ? s->line : 0;
}

int conf_section_line(const struct conf_check *check, const char *section)
{
	return conf_instance_line(check, section, NULL);
}

int conf_last_line(const struct conf_check *check)
{
	return check->completed_lines ? check->completed_lines : 1;
}

const struct dhad_config *conf_config(const struct conf_check *check)
{
	return check->config;
}

/* ---- files ---- */

int config_parse_file(const struct protocol *const *protocols, size_t count,
		      FILE *in, const char *name, struct dhad_config *config,
		      FILE *errors)
{
	struct conf_check check = { .in = in, .config = config };
	bool have_line = false;
	size_t i;
	int ret, mistakes;

	memset(config, 0, sizeof(*config));
	config->log_level = LOG_INFO;
	config->protocols = protocols;
	config->protocol_count = count < PROTOCOLS_MAX ? count : PROTOCOLS_MAX;
	if (build_sections(&check)) {
		free_sections(&check);
		return -ENOMEM;
	}
	/* Continuation lines would make a duplicate key of a typo. */
	ini_allow_multiline = false;
	ret = ini_parse_stream(read_line, &check, handle_pair, &check);
	if (ret == -2)
		check.out_of_memory = true;
	/*
	 * inih's first error: the handler's own mistakes are recorded; a
	 * line that is not a section, a pair or a comment is not.
	 */
	if (ret > 0) {
		for (i = 0; i < check.message_count; i++)
			have_line |= check.messages[i].line == ret;
		if (!have_line)
			conf_report(&check, ret,
				    "syntax error (expected [section], key = value or a comment)");
	}
	check_required(&check);
	for (i = 0; i < config->protocol_count; i++)
		if (config->protocols[i]->config_check)
			config->protocols[i]->config_check(config->settings[i],
							   &check);
	free_sections(&check);
	if (check.out_of_memory) {
		free(check.messages);
		return -ENOMEM;
	}
	if (check.message_count)
		qsort(check.messages, check.message_count,
		      sizeof(*check.messages), compare_messages);
	for (i = 0; i < check.message_count; i++)
		fprintf(errors, "%s:%d: %s\n", name, check.messages[i].line,
			check.messages[i].text);
	mistakes = (int)check.message_count;
	free(check.messages);
	return mistakes;
}

int config_load(const struct protocol *const *protocols, size_t count,
		const char *path, struct dhad_config *config, FILE *errors)
{
	FILE *in = fopen(path, "r");
	int ret;

	if (!in) {
		int err = errno;

		memset(config, 0, sizeof(*config));
		/* A fresh install has none: say what is missing, not just ENOENT. */
		fprintf(errors, "%s: cannot open: %s%s\n", path, strerror(err),
			err == ENOENT ?
			" (dhad needs a configuration file: see dhad.conf(5))" :
			"");
		return 1;
	}
	ret = config_parse_file(protocols, count, in, path, config, errors);
	fclose(in);
	return ret;
}

void config_free(struct dhad_config *config)
{
	size_t i;

	for (i = 0; i < config->protocol_count; i++) {
		free(config->settings[i]);
		config->settings[i] = NULL;
	}
	config->home = NULL;
	config->home_count = 0;
}

void *config_settings(const struct dhad_config *config,
		      const struct protocol *protocol)
{
	size_t i;

	for (i = 0; i < config->protocol_count; i++)
		if (config->protocols[i] == protocol)
			return config->settings[i];
	return NULL;
}

/* What names the home agent and its device cannot change live. */
static bool home_differs(const struct dhad_home *a, const struct dhad_home *b,
			 const char **what)
{
	if (!a || !b) {
		*what = a != b ? "home-agent" : NULL;
		return a != b;
	}
	if (strcmp(a->home_link, b->home_link) != 0)
		*what = "home-link";
	else if (strcmp(a->device, b->device) != 0)
		*what = "device";
	else if (memcmp(&a->address, &b->address, sizeof(a->address)) != 0)
		*what = "address";
	else
		*what = NULL;
	return *what != NULL;
}

const char *config_fixed_change(const struct dhad_config *old,
				const struct dhad_config *now)
{
	const char *fixed = NULL;
	size_t i;

	if (home_differs(old->home, now->home, &fixed))
		return fixed;
	/* A home link comes or goes with its device: at a restart. */
	if (old->home_count != now->home_count)
		return "home-agent";
	for (i = 1; i < old->home_count; i++)
		if (home_differs(old->homes[i], now->homes[i], &fixed))
			return fixed;
	for (i = 0; i < old->protocol_count && i < now->protocol_count; i++) {
		const struct protocol *p = old->protocols[i];

		if (p->config_fixed)
			fixed = p->config_fixed(old->settings[i],
						now->settings[i]);
		if (fixed)
			return fixed;
	}
	return NULL;
}

void config_replace(struct dhad_config *old, struct dhad_config *now)
{
	size_t i;

	old->log_level = now->log_level;
	old->has_control_group = now->has_control_group;
	old->control_group = now->control_group;
	for (i = 0; i < old->protocol_count && i < now->protocol_count; i++)
		memcpy(old->settings[i], now->settings[i],
		       old->protocols[i]->config_size);
	config_free(now);
}

