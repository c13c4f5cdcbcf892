/*
 * The data snapshot (src/lib/jsonsnap.c) against jansson's parser: for
 * every file in data/, the tree rebuilt from a snapshot equals the parsed
 * tree in value, type (integer or real) and key order (json_dumps without
 * sorting, byte for byte).  Bytes the snapshot was not built from are
 * parsed, even when they parse to the same tree; a truncated, damaged or
 * foreign snapshot is refused or its damaged entry parsed, never trusted;
 * and the knowledge base takes its files from the snapshot when it can.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/kb.h"
#include "jsonsnap.h"
#include "util.h"

#define MAX_FILES 32

static char *names[MAX_FILES];
static char *texts[MAX_FILES];
static size_t lens[MAX_FILES], nfiles;
static cl_buf snap;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every JSON file in data/, read, and one snapshot of them all. */
static int setup(void **state)
{
	(void)state;
	DIR *d = opendir("../data");
	struct dirent *e;
	if (!d)
		return -1;
	while ((e = readdir(d)) && nfiles < MAX_FILES) {
		size_t n = strlen(e->d_name);
		if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0)
			names[nfiles++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, nfiles, sizeof(*names), by_name);
	if (nfiles < 9 || cl_jsonsnap_begin(&snap) != CL_OK)
		return -1;
	for (size_t i = 0; i < nfiles; i++) {
		char path[512];
		snprintf(path, sizeof(path), "../data/%s", names[i]);
		if (cl_read_file(&texts[i], &lens[i], path, (size_t)1 << 24) != CL_OK ||
		    cl_jsonsnap_add(&snap, names[i], texts[i], lens[i]) != CL_OK)
			return -1;
	}
	return cl_jsonsnap_end(&snap) == CL_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	cl_jsonsnap_use(NULL, 0);
	for (size_t i = 0; i < nfiles; i++) {
		free(names[i]);
		free(texts[i]);
	}
	cl_buf_free(&snap);
	return 0;
}

static unsigned long hits(void)
{
	struct cl_jsonsnap_counts c;
	cl_jsonsnap_counts(&c);
	return c.hits;
}

static unsigned long damaged(void)
{
	struct cl_jsonsnap_counts c;
	cl_jsonsnap_counts(&c);
	return c.damaged;
}

/* Same value, same types, same key order, same bytes when written. */
static void same_tree(json_t *a, json_t *b)
{
	char *da, *db;
	assert_non_null(a);
	assert_non_null(b);
	assert_true(json_equal(a, b));
	da = json_dumps(a, JSON_ENCODE_ANY);
	db = json_dumps(b, JSON_ENCODE_ANY);
	assert_non_null(da);
	assert_non_null(db);
	assert_string_equal(da, db);
	free(da);
	free(db);
}

/* Loads text as the data loaders do; *from_snap says where the tree came from. */
static json_t *load(const char *text, size_t len, bool *from_snap)
{
	json_error_t err;
	unsigned long before = hits();
	uint64_t fnv;
	json_t *doc = cl_json_load_data(text, len, JSON_REJECT_DUPLICATES, &err, &fnv);
	*from_snap = hits() == before + 1;
	/* the hash the snapshot keeps is the bytes' own */
	assert_true(fnv == cl_fnv1a(text, len));
	return doc;
}

static json_t *parse(const char *text, size_t len)
{
	json_error_t err;
	return json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
}

static void test_every_file_same_tree(void **state)
{
	(void)state;
	assert_int_equal(cl_jsonsnap_use(snap.data, snap.len), CL_OK);
	for (size_t i = 0; i < nfiles; i++) {
		bool from_snap;
		json_t *s = load(texts[i], lens[i], &from_snap), *p = parse(texts[i], lens[i]);
		print_message("%s\n", names[i]);
		assert_true(from_snap);
		same_tree(s, p);
		json_decref(s);
		json_decref(p);
	}
	cl_buf list = {0};
	assert_int_equal(cl_jsonsnap_describe(&list), CL_OK);
	for (size_t i = 0; i < nfiles; i++)
		assert_non_null(strstr(list.data, names[i]));
	cl_buf_free(&list);
	cl_jsonsnap_use(NULL, 0);
}

/* A file whose bytes differ is parsed: a space more (same tree), and a
 * changed digit (another tree, which the snapshot must not give). */
static void test_changed_bytes_parsed(void **state)
{
	(void)state;
	size_t i = 0;
	while (i < nfiles && strcmp(names[i], "dri.json") != 0)
		i++;
	assert_true(i < nfiles);
	assert_int_equal(cl_jsonsnap_use(snap.data, snap.len), CL_OK);

	char *spaced = malloc(lens[i] + 2);
	assert_non_null(spaced);
	memcpy(spaced, texts[i], lens[i]);
	spaced[lens[i]] = ' ';
	bool from_snap;
	json_t *s = load(spaced, lens[i] + 1, &from_snap), *p = parse(texts[i], lens[i]);
	assert_false(from_snap);
	same_tree(s, p);
	json_decref(s);
	json_decref(p);

	/* the first "ear": N in the file, N + 1 */
	char *digit = strdup(texts[i]);
	assert_non_null(digit);
	char *at = strstr(digit, "\"ear\": ");
	assert_non_null(at);
	at += strlen("\"ear\": ");
	assert_true(*at >= '0' && *at <= '8');
	(*at)++;
	s = load(digit, lens[i], &from_snap);
	p = parse(digit, lens[i]);
	json_t *orig = parse(texts[i], lens[i]);
	assert_false(from_snap);
	same_tree(s, p);
	assert_false(json_equal(s, orig));
	json_decref(s);
	json_decref(p);
	json_decref(orig);
	free(spaced);
	free(digit);
	cl_jsonsnap_use(NULL, 0);
}

/* Cut short anywhere, the snapshot is refused and every file parsed. */
static void test_truncated_refused(void **state)
{
	(void)state;
	for (size_t cut = 0; cut < snap.len; cut += cut < 64 ? 1 : 4999) {
		assert_int_equal(cl_jsonsnap_use(snap.data, cut), CL_EINVAL);
		bool from_snap;
		json_t *s = load(texts[0], lens[0], &from_snap), *p = parse(texts[0], lens[0]);
		assert_false(from_snap);
		same_tree(s, p);
		json_decref(s);
		json_decref(p);
	}
	assert_int_equal(cl_jsonsnap_use(snap.data, snap.len - 1), CL_EINVAL);
	cl_jsonsnap_use(NULL, 0);
}

/* Another magic, code hash or jansson version: refused. */
static void test_foreign_refused(void **state)
{
	(void)state;
	char *copy = malloc(snap.len);
	assert_non_null(copy);
	/* magic, u64 length, u64 index offset, then the code and the jansson
	 * version as strings; and the index offset itself */
	const unsigned char *u = (const unsigned char *)snap.data + 24;
	size_t code_len = (size_t)u[0] | (size_t)u[1] << 8 | (size_t)u[2] << 16 | (size_t)u[3] << 24;
	size_t at[] = {0, 24 + 4, 24 + 4 + code_len + 4, 16};
	for (size_t k = 0; k < sizeof(at) / sizeof(at[0]); k++) {
		memcpy(copy, snap.data, snap.len);
		copy[at[k]] ^= 1;
		assert_int_equal(cl_jsonsnap_use(copy, snap.len), CL_EINVAL);
		assert_null(cl_jsonsnap_find(texts[0], lens[0], 0, NULL));
	}
	free(copy);
	/* flags that could change the parse are never answered from it */
	assert_int_equal(cl_jsonsnap_use(snap.data, snap.len), CL_OK);
	assert_null(cl_jsonsnap_find(texts[0], lens[0], JSON_DECODE_INT_AS_REAL, NULL));
	json_t *doc = cl_jsonsnap_find(texts[0], lens[0], 0, NULL);
	assert_non_null(doc);
	json_decref(doc);
	cl_jsonsnap_use(NULL, 0);
}

/*
 * Damage inside a tree: every byte of a small file's entry set to values
 * that break its structure (a tag, a count, a length), one at a time.  The
 * header table stays whole, so the snapshot is taken; the entry must then
 * give either nothing (counted as damaged, and the loader parses) or some
 * well-formed tree, never a crash or a read past the end (ASan).
 */
static void test_damaged_entry(void **state)
{
	(void)state;
	const char *text = "{\"a\": [1, 2.5, \"x\", true, false, null], \"b\": {\"c\": \"d\"}}";
	cl_buf b = {0};
	assert_int_equal(cl_jsonsnap_begin(&b), CL_OK);
	size_t head = b.len;
	assert_int_equal(cl_jsonsnap_add(&b, "small.json", text, strlen(text)), CL_OK);
	assert_int_equal(cl_jsonsnap_end(&b), CL_OK);
	size_t len = strlen(text);
	uint64_t fnv = 0;
	json_t *want = parse(text, len);
	assert_int_equal(cl_jsonsnap_use(b.data, b.len), CL_OK);
	json_t *got = cl_jsonsnap_find(text, len, 0, &fnv);
	assert_true(fnv == cl_fnv1a(text, len));
	same_tree(got, want);
	json_decref(got);

	/* the entry: name (u32 length and bytes), fnv, length, the file's bytes,
	 * tree length, tree */
	char *text_copy = b.data + head + 4 + strlen("small.json") + 8 + 8;
	assert_memory_equal(text_copy, text, len);
	char *tree = text_copy + len + 4;
	const unsigned char *tl = (const unsigned char *)tree - 4;
	size_t tlen = (size_t)tl[0] | (size_t)tl[1] << 8 | (size_t)tl[2] << 16 | (size_t)tl[3] << 24;
	assert_true(tree + tlen < b.data + b.len); /* the index follows */
	unsigned long was = damaged(), nulls = 0;
	const unsigned char vals[] = {0, 1, 'a', 'o', 's', 'x', 0x7f, 0xff};
	for (size_t i = 0; i < tlen; i++) {
		char keep = tree[i];
		for (size_t v = 0; v < sizeof(vals); v++) {
			tree[i] = (char)vals[v];
			json_t *doc = cl_jsonsnap_find(text, len, 0, NULL);
			if (!doc)
				nulls++;
			else
				assert_true(json_is_object(doc) || json_is_array(doc));
			json_decref(doc);
		}
		tree[i] = keep;
	}
	assert_true(nulls > tlen); /* most damage is seen as such */
	assert_int_equal(damaged() - was, nulls);

	/* an index record pointing past the entries, or into a tree */
	char *off = b.data + b.len - 8, keep_off[8];
	memcpy(keep_off, off, 8);
	memset(off, 0x7f, 8);
	assert_null(cl_jsonsnap_find(text, len, 0, NULL));
	size_t into = (size_t)(tree - b.data) + 1;
	for (int i = 0; i < 8; i++)
		off[i] = (char)(into >> (8 * i));
	assert_null(cl_jsonsnap_find(text, len, 0, NULL));
	memcpy(off, keep_off, 8);
	json_t *again = cl_jsonsnap_find(text, len, 0, NULL);
	same_tree(again, want);
	json_decref(again);

	/* a key repeated: the parser would refuse it, so must the snapshot */
	char *bkey = memchr(tree, 'b', tlen);
	assert_non_null(bkey);
	*bkey = 'a';
	assert_null(cl_jsonsnap_find(text, len, 0, NULL));
	*bkey = 'b';
	/* a byte of the kept copy changed: these bytes are not in the snapshot
	 * (a miss, not damage), and the loader parses them */
	unsigned long damaged_before = damaged();
	text_copy[len / 2] ^= 1;
	assert_null(cl_jsonsnap_find(text, len, 0, NULL));
	assert_int_equal(damaged(), damaged_before);
	text_copy[len / 2] ^= 1;
	/* a damaged entry is parsed by the loader, giving the file's own tree */
	tree[0] = 'x';
	bool from_snap;
	got = load(text, len, &from_snap);
	assert_false(from_snap);
	same_tree(got, want);
	json_decref(got);
	json_decref(want);
	cl_jsonsnap_use(NULL, 0);
	cl_buf_free(&b);
}

/* A file that does not parse is never put into a snapshot. */
static void test_only_from_a_parse(void **state)
{
	(void)state;
	cl_buf b = {0};
	assert_int_equal(cl_jsonsnap_begin(&b), CL_OK);
	size_t len = b.len;
	assert_int_equal(cl_jsonsnap_add(&b, "bad.json", "{\"a\": 1,}", 9), CL_EINVAL);
	assert_non_null(strstr(cl_error_last(), "bad.json line 1, column"));
	assert_int_equal(cl_jsonsnap_add(&b, "dup.json", "{\"a\": 1, \"a\": 2}", 16), CL_EINVAL);
	assert_int_equal(b.len, len);
	cl_buf_free(&b);
}

/* The knowledge base's five files come from the snapshot, and open as well. */
static void test_kb_uses_snapshot(void **state)
{
	(void)state;
	cl_kb *kb = NULL;
	assert_int_equal(cl_jsonsnap_use(snap.data, snap.len), CL_OK);
	unsigned long before = hits();
	assert_int_equal(cl_kb_open(&kb, "../data"), CL_OK);
	assert_int_equal(hits() - before, 5);
	cl_kb_close(kb);
	cl_jsonsnap_use(NULL, 0);
	before = hits();
	assert_int_equal(cl_kb_open(&kb, "../data"), CL_OK);
	assert_int_equal(hits(), before);
	cl_kb_close(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_file_same_tree),
		cmocka_unit_test(test_changed_bytes_parsed),
		cmocka_unit_test(test_truncated_refused),
		cmocka_unit_test(test_foreign_refused),
		cmocka_unit_test(test_damaged_entry),
		cmocka_unit_test(test_only_from_a_parse),
		cmocka_unit_test(test_kb_uses_snapshot),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
