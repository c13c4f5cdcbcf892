/*
 * libFuzzer harness: the data snapshot (src/lib/jsonsnap.c).  An input
 * that starts like JSON text is put into a snapshot when jansson parses it,
 * and the tree read back must equal the parse (the round trip); any other
 * input is taken as a snapshot tree, wrapped in a well-formed header and
 * entry, and must decode to a tree or to nothing, never crash, read out of
 * bounds or leak.  A tree that decodes (and can be written: its strings
 * are not checked for UTF-8) must survive the round trip too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonsnap.h"
#include "util.h"

static void put32(cl_buf *b, uint32_t u)
{
	unsigned char x[4] = {(unsigned char)u, (unsigned char)(u >> 8), (unsigned char)(u >> 16),
			      (unsigned char)(u >> 24)};
	if (cl_buf_append(b, x, 4))
		abort();
}

/* text through a snapshot and back: the same tree, or not storable at all */
static void round_trip(const char *text, size_t len)
{
	cl_buf b = {0};
	json_error_t err;
	json_t *parsed = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err), *back;

	if (cl_jsonsnap_begin(&b))
		abort();
	if (cl_jsonsnap_add(&b, "f.json", text, len) != CL_OK) {
		if (parsed)
			abort(); /* jansson read it: it must be storable */
		cl_buf_free(&b);
		return;
	}
	if (!parsed || cl_jsonsnap_end(&b) || cl_jsonsnap_use(b.data, b.len))
		abort();
	uint64_t fnv = 0;
	back = cl_jsonsnap_find(text, len, JSON_REJECT_DUPLICATES, &fnv);
	if (back && fnv != cl_fnv1a(text, len))
		abort(); /* the entry keeps the bytes' own hash */
	char *d1 = json_dumps(parsed, JSON_ENCODE_ANY);
	char *d2 = back ? json_dumps(back, JSON_ENCODE_ANY) : NULL;
	if (!back || !json_equal(parsed, back) || !d1 || !d2 || strcmp(d1, d2) != 0)
		abort();
	free(d1);
	free(d2);
	json_decref(back);
	json_decref(parsed);
	cl_jsonsnap_use(NULL, 0);
	cl_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = 0;
	while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t'))
		i++;
	if (i < size && (data[i] == '{' || data[i] == '[')) {
		round_trip((const char *)data, size);
		return 0;
	}
	/* the input as a tree: name, FNV-1a, length, the file's bytes ("x"),
	 * tree length, tree */
	cl_buf b = {0};
	if (cl_jsonsnap_begin(&b))
		abort();
	put32(&b, 1);
	if (cl_buf_append(&b, "t", 1))
		abort();
	put32(&b, 7), put32(&b, 0); /* fnv 7 */
	put32(&b, 1), put32(&b, 0); /* length 1 */
	if (cl_buf_append(&b, "x", 1))
		abort();
	put32(&b, (uint32_t)size);
	if (cl_buf_append(&b, data, size) || cl_jsonsnap_end(&b) || cl_jsonsnap_use(b.data, b.len))
		abort();
	json_t *doc = cl_jsonsnap_find("x", 1, 0, NULL);
	cl_jsonsnap_use(NULL, 0);
	if (doc) {
		/* NULL when a string is not UTF-8: the snapshot's strings are
		 * trusted as jansson wrote them, not checked again */
		char *text = json_dumps(doc, JSON_ENCODE_ANY);
		if (text)
			round_trip(text, strlen(text));
		free(text);
		json_decref(doc);
	}
	cl_buf_free(&b);
	return 0;
}
