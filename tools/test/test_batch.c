// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the batch line splitter in batch.c. */
#include <string.h>

#include "check.h"
#include "dha.h"

#define WORDS_MAX 8

struct split {
	int ret;
	int argc;
	char *argv[WORDS_MAX];
	char line[256];
	struct cli_error err;
};

static void split(struct split *s, const char *text, int max)
{
	strcpy(s->line, text);
	s->err.text[0] = '\0';
	s->ret = batch_split(s->line, s->argv, max, &s->argc, &s->err);
}

static void test_batch_words(void)
{
	struct split s;

	split(&s, "binding add 2001:db8::1 coa 2001:db8:2::2 dev dha0\n",
	      WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 7);
	CHECK_STR(s.argv[0], "binding");
	CHECK_STR(s.argv[2], "2001:db8::1");
	CHECK_STR(s.argv[6], "dha0");

	/* Tabs, CR of a CRLF file and runs of blanks separate alike. */
	split(&s, "\t peer  show\tdev dha0 \r\n", WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 4);
	CHECK_STR(s.argv[0], "peer");
	CHECK_STR(s.argv[1], "show");
	CHECK_STR(s.argv[3], "dha0");

	split(&s, "", WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 0);
	split(&s, "   \t\n", WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 0);
}

static void test_batch_comments(void)
{
	struct split s;

	split(&s, "# binding add 2001:db8::1\n", WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 0);
	split(&s, "   #indented\n", WORDS_MAX);
	CHECK_INT(s.argc, 0);
	/* Only at the start of a word: "a#b" is one word. */
	split(&s, "link show dev a#b # the rest\n", WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 4);
	CHECK_STR(s.argv[3], "a#b");
	/* A quoted # is text. */
	split(&s, "x \"#y\" '#z'", WORDS_MAX);
	CHECK_INT(s.argc, 3);
	CHECK_STR(s.argv[1], "#y");
	CHECK_STR(s.argv[2], "#z");
}

static void test_batch_quotes(void)
{
	struct split s;

	split(&s, "a \"b c\" 'd  e' f\"g h\"i \"\" ''\n", WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 6);
	CHECK_STR(s.argv[0], "a");
	CHECK_STR(s.argv[1], "b c");
	CHECK_STR(s.argv[2], "d  e");
	CHECK_STR(s.argv[3], "fg hi");
	CHECK_STR(s.argv[4], "");
	CHECK_STR(s.argv[5], "");

	/* Each quote is plain text inside the other. */
	split(&s, "\"it's\" 'say \"hi\"'", WORDS_MAX);
	CHECK_INT(s.argc, 2);
	CHECK_STR(s.argv[0], "it's");
	CHECK_STR(s.argv[1], "say \"hi\"");

	/* Backslash: the next character as it is, except within '...'. */
	split(&s, "a\\ b \"c\\\"d\" 'e\\f' \\#g", WORDS_MAX);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 4);
	CHECK_STR(s.argv[0], "a b");
	CHECK_STR(s.argv[1], "c\"d");
	CHECK_STR(s.argv[2], "e\\f");
	CHECK_STR(s.argv[3], "#g");
}

static void test_batch_errors(void)
{
	struct split s;

	split(&s, "binding add \"2001:db8::1 coa\n", WORDS_MAX);
	CHECK_INT(s.ret, -1);
	CHECK_STR(s.err.text, "missing closing quote (\")");
	split(&s, "a 'b", WORDS_MAX);
	CHECK_INT(s.ret, -1);
	CHECK_STR(s.err.text, "missing closing quote (')");
	split(&s, "a b\\", WORDS_MAX);
	CHECK_INT(s.ret, -1);
	CHECK_STR(s.err.text, "backslash at end of line");

	split(&s, "a b c", 3);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 3);
	split(&s, "a b c d", 3);
	CHECK_INT(s.ret, -1);
	CHECK_STR(s.err.text, "too many words (at most 3)");
	/* A comment after the last allowed word is no extra word. */
	split(&s, "a b c # d", 3);
	CHECK_INT(s.ret, 0);
	CHECK_INT(s.argc, 3);
}

SUITE(batch,
      TEST_CASE(test_batch_words),
      TEST_CASE(test_batch_comments),
      TEST_CASE(test_batch_quotes),
      TEST_CASE(test_batch_errors));
