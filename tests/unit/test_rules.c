#define _GNU_SOURCE /* memmem */
/*
 * Unit tests for the triage rule engine over the real data/triage.json, for
 * the loader's refusal of malformed rule files, and for the compiled rules.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cramplab/rules.h"
#include "rules_internal.h"
#include "util.h"

#define RULES "../data/triage.json"

struct fact {
	const char *name;
	double value; /* flags: 1 true */
};

struct factset {
	const struct fact *facts;
};

static const struct fact *find(const struct factset *s, const char *name)
{
	for (const struct fact *f = s->facts; f && f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static bool flag(const char *name, void *payload)
{
	const struct fact *f = find(payload, name);
	return f && f->value != 0;
}

static double number(const char *name, void *payload)
{
	const struct fact *f = find(payload, name);
	return f ? f->value : NAN;
}

static cl_triage_level triage_of(const struct fact *facts)
{
	cl_rules *rules = NULL;
	cl_triage t;
	struct factset s = {facts};
	cl_facts provider = {flag, number, &s};

	assert_int_equal(cl_rules_load(&rules, RULES), CL_OK);
	assert_int_equal(cl_rules_triage(&t, rules, &provider), CL_OK);
	cl_triage_level level = t.level;
	for (size_t i = 0; i < t.count; i++) {
		assert_non_null(t.matches[i].reason);
		assert_non_null(t.matches[i].sources[0]);
		if (i > 0)
			assert_true(t.matches[i - 1].level >= t.matches[i].level);
	}
	cl_triage_clear(&t);
	cl_rules_free(rules);
	return level;
}

static void nothing_is_self_care(void **state)
{
	(void)state;
	struct fact none[] = {{NULL, 0}};
	assert_int_equal(triage_of(none), CL_TRIAGE_SELF_CARE);
}

static void rhabdomyolysis_is_emergency(void **state)
{
	(void)state;
	struct fact f[] = {{"symptom.dark_urine", 1}, {"exercise.recent", 1}, {NULL, 0}};
	assert_int_equal(triage_of(f), CL_TRIAGE_EMERGENCY);
}

static void cauda_equina_is_emergency(void **state)
{
	(void)state;
	struct fact f[] = {{"symptom.saddle_numbness_or_bladder", 1},
			   {"symptom.back_pain_radiating", 1},
			   {NULL, 0}};
	assert_int_equal(triage_of(f), CL_TRIAGE_EMERGENCY);
}

static void avulsion_is_urgent(void **state)
{
	(void)state;
	struct fact f[] = {{"symptom.pop_felt", 1},
			   {"symptom.bruising", 1},
			   {"symptom.cannot_bear_weight", 1},
			   {NULL, 0}};
	assert_int_equal(triage_of(f), CL_TRIAGE_URGENT);
}

static void potassium_thresholds(void **state)
{
	(void)state;
	struct fact severe[] = {{"lab.potassium_mmol_l", 2.4}, {NULL, 0}};
	struct fact at_limit[] = {{"lab.potassium_mmol_l", 2.5}, {NULL, 0}};
	struct fact weak[] = {{"lab.potassium_mmol_l", 2.9}, {"symptom.weakness", 1}, {NULL, 0}};
	struct fact high[] = {{"lab.potassium_mmol_l", 6.1}, {NULL, 0}};
	assert_int_equal(triage_of(severe), CL_TRIAGE_EMERGENCY);
	assert_int_equal(triage_of(at_limit), CL_TRIAGE_SELF_CARE); /* abnormal-lab flag comes from assess */
	assert_int_equal(triage_of(weak), CL_TRIAGE_URGENT);
	assert_int_equal(triage_of(high), CL_TRIAGE_URGENT);
}

static void unknown_numbers_never_match(void **state)
{
	(void)state;
	struct fact f[] = {{"lab.sodium_mmol_l", NAN}, {NULL, 0}};
	assert_int_equal(triage_of(f), CL_TRIAGE_SELF_CARE);
}

static void frequent_cramps_are_routine(void **state)
{
	(void)state;
	struct fact three[] = {{"symptom.cramps", 1}, {"symptoms.cramps_per_week", 3}, {NULL, 0}};
	struct fact two[] = {{"symptom.cramps", 1}, {"symptoms.cramps_per_week", 2}, {NULL, 0}};
	assert_int_equal(triage_of(three), CL_TRIAGE_ROUTINE);
	assert_int_equal(triage_of(two), CL_TRIAGE_SELF_CARE);
}

/* Every urgent or emergency rule, with only its own facts set, triggers at
 * least its level: no red flag can end as self-care. */
static void every_red_flag_rule_fires_alone(void **state)
{
	(void)state;
	cl_rules *rules = NULL;
	const char **names;
	assert_int_equal(cl_rules_load(&rules, RULES), CL_OK);
	size_t n = cl_rules_fact_names(rules, &names);
	assert_true(n > 10);
	/* Setting every fact to an extreme value fires every red flag that
	 * tests a low number or a flag; we check the strongest level results. */
	struct fact *all_low = calloc(n + 1, sizeof(*all_low));
	assert_non_null(all_low);
	for (size_t i = 0; i < n; i++) {
		all_low[i].name = names[i];
		all_low[i].value = strncmp(names[i], "lab.", 4) == 0 ? 0.01 : 1;
	}
	assert_int_equal(triage_of(all_low), CL_TRIAGE_EMERGENCY);
	free(all_low);
	cl_rules_free(rules);
}

static int load_text(const char *text)
{
	char path[] = "/tmp/cramplab-rules-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	cl_rules *rules = NULL;
	int rc = cl_rules_load(&rules, path);
	cl_rules_free(rules);
	unlink(path);
	return rc;
}

#define RULE_FILE(rule) "{\"sources\": {\"s\": \"A source\"}, \"rules\": [" rule "]}"

static void malformed_files_are_refused(void **state)
{
	(void)state;
	assert_int_equal(load_text(RULE_FILE("{\"id\":\"a\",\"level\":\"urgent\",\"all\":[\"x\"],"
					     "\"reason\":\"r\",\"action\":\"a\",\"sources\":[\"s\"]}")),
			 CL_OK);
	assert_int_equal(load_text("{\"sources\": {}, \"rules\": [\n  {\"id\": }]}"), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "line 2 column"));
	assert_int_equal(load_text(RULE_FILE("{\"id\":\"a\",\"level\":\"urgent\",\"al\":[\"x\"],"
					     "\"reason\":\"r\",\"action\":\"a\",\"sources\":[\"s\"]}")),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "unknown field \"al\""));
	assert_int_equal(load_text(RULE_FILE("{\"id\":\"a\",\"level\":\"soon\",\"all\":[\"x\"],"
					     "\"reason\":\"r\",\"action\":\"a\",\"sources\":[\"s\"]}")),
			 CL_EINVAL);
	assert_int_equal(load_text(RULE_FILE("{\"id\":\"a\",\"level\":\"urgent\",\"all\":[\"x <\"],"
					     "\"reason\":\"r\",\"action\":\"a\",\"sources\":[\"s\"]}")),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "term 'x <'"));
	assert_int_equal(load_text(RULE_FILE("{\"id\":\"a\",\"level\":\"urgent\",\"all\":[\"x\"],"
					     "\"reason\":\"r\",\"action\":\"a\",\"sources\":[\"t\"]}")),
			 CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "not in \"sources\""));
	assert_int_equal(load_text(RULE_FILE("{\"id\":\"a\",\"level\":\"urgent\",\"all\":[],"
					     "\"reason\":\"r\",\"action\":\"a\",\"sources\":[\"s\"]}")),
			 CL_EINVAL);
}

static cl_buf tables_of(const char *path, bool parsed)
{
	cl_rules *rules = NULL;
	cl_buf b = {0};
	assert_int_equal(parsed ? cl_rules_load_parsed(&rules, path) : cl_rules_load(&rules, path),
			 CL_OK);
	assert_int_equal(cl_rules_tables(&b, rules), CL_OK);
	cl_rules_free(rules);
	return b;
}

static bool same_buf(const cl_buf *a, const cl_buf *b)
{
	return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/*
 * The compiled rules (rules.c) are the parsed ones, byte for byte, and are
 * what a load of the unchanged file reads; a file whose bytes differ is
 * parsed (an edit takes effect, a broken file is refused in the parser's
 * words); a truncated or damaged image is refused or parsed around (ASan).
 */
static void compiled_rules(void **state)
{
	(void)state;
	cl_buf img = {0}, parsed = tables_of(RULES, true), got;
	assert_int_equal(cl_rules_image_build(&img, RULES), CL_OK);
	assert_true(parsed.len > 1000);
	assert_int_equal(cl_rules_image_use(img.data, img.len), CL_OK);
	got = tables_of(RULES, false);
	assert_true(same_buf(&parsed, &got));
	cl_buf_free(&got);
	/* the image is what is read: a letter changed in a rule's reason shows */
	char *copy = malloc(img.len);
	assert_non_null(copy);
	memcpy(copy, img.data, img.len);
	char *reason = memmem(copy + img.len - parsed.len, parsed.len, "Numbness", 8);
	assert_non_null(reason);
	reason[0] = 'n';
	assert_int_equal(cl_rules_image_use(copy, img.len), CL_OK);
	got = tables_of(RULES, false);
	assert_false(same_buf(&parsed, &got));
	assert_non_null(memmem(got.data, got.len, "numbness around", 15));
	cl_buf_free(&got);
	assert_int_equal(cl_rules_image_use(img.data, img.len), CL_OK);

	/* an edited copy (one threshold): parsed, and it shows */
	char dir[] = "/tmp/cl_triage_img_XXXXXX", p[128], cmd[600];
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/triage.json", dir);
	snprintf(cmd, sizeof(cmd), "sed 's/potassium_mmol_l < 2.5/potassium_mmol_l < 2.6/' %s > %s",
		 RULES, p);
	assert_int_equal(system(cmd), 0);
	got = tables_of(p, false);
	cl_buf edited = tables_of(p, true);
	assert_false(same_buf(&parsed, &got));
	assert_true(same_buf(&edited, &got));
	cl_buf_free(&got);
	cl_buf_free(&edited);
	/* a broken copy: the parser's message */
	snprintf(cmd, sizeof(cmd), "sed 's/\"all\"/\"al\"/' %s > %s", RULES, p);
	assert_int_equal(system(cmd), 0);
	cl_rules *rules = NULL;
	assert_int_equal(cl_rules_load(&rules, p), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "unknown field \"al\""));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);

	/* cut short, or a byte of the rules damaged: the parsed rules */
	for (size_t cut = 16; cut < img.len; cut += 397) {
		memcpy(copy, img.data, img.len);
		for (int i = 0; i < 8; i++)
			copy[8 + i] = (char)((uint64_t)cut >> (8 * i));
		assert_int_equal(cl_rules_image_use(copy, cut), CL_OK);
		got = tables_of(RULES, false);
		assert_true(same_buf(&parsed, &got));
		cl_buf_free(&got);
	}
	const unsigned char vals[] = {0, 1, 4, ' ', 0x7f, 0xff};
	for (size_t i = img.len - parsed.len; i < img.len; i += 97)
		for (size_t v = 0; v < sizeof(vals); v++) {
			memcpy(copy, img.data, img.len);
			copy[i] = (char)vals[v];
			assert_int_equal(cl_rules_image_use(copy, img.len), CL_OK);
			assert_int_equal(cl_rules_load(&rules, RULES), CL_OK);
			cl_rules_free(rules);
		}
	assert_int_equal(cl_rules_image_use(img.data, img.len - 1), CL_EINVAL);
	assert_int_equal(cl_rules_image_use("CLTRIMGX", 8), CL_EINVAL);
	cl_rules_image_use(NULL, 0);
	free(copy);
	cl_buf_free(&img);
	cl_buf_free(&parsed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_is_self_care),
		cmocka_unit_test(rhabdomyolysis_is_emergency),
		cmocka_unit_test(cauda_equina_is_emergency),
		cmocka_unit_test(avulsion_is_urgent),
		cmocka_unit_test(potassium_thresholds),
		cmocka_unit_test(unknown_numbers_never_match),
		cmocka_unit_test(frequent_cramps_are_routine),
		cmocka_unit_test(every_red_flag_rule_fires_alone),
		cmocka_unit_test(malformed_files_are_refused),
		cmocka_unit_test(compiled_rules),
	};
	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
