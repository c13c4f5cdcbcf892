/*
 * The data snapshot.  Opening the assessor parsed 128 KB of JSON in nine
 * data files at every start, some 22 M instructions of jansson reading a
 * byte at a time, most of the time it took to open.  The knowledge must
 * stay in those files (reviewed, each number with its source) and every
 * loader keeps its checks, so what is saved is only the parse: the build
 * stores each file's parsed tree in a compact form, and a loader whose file
 * has exactly the bytes the tree was built from (compared byte for byte
 * with a copy kept in the entry) gets the tree rebuilt with
 * jansson's own constructors (no text to scan, no escapes, no UTF-8 to
 * check), then validates it as it always did.  A file whose bytes differ is
 * parsed, so an edit to data/ takes effect at once and a broken file is
 * reported in the parser's words.  No second parser reads untrusted input:
 * the snapshot is written by the build from a successful jansson parse, and
 * a damaged one is refused (bounds checked throughout), never trusted.
 *
 * Layout, numbers little-endian, strings as u32 length and bytes:
 *
 *   "CLJSNAP1"  u64 total length  u64 where the index starts
 *   str code  str jansson version
 *   one entry a file: str name  u64 FNV-1a of the file's bytes
 *                     u64 their length  the bytes  u32 tree length  tree
 *   the index, to the end: per entry u64 FNV-1a, u64 length, u64 offset
 *
 * The file's bytes are kept so that a loader compares them (memcmp, a few
 * thousand instructions for the 128 KB) instead of hashing its file (FNV-1a
 * is a multiply a byte, 0.7 M instructions): an exact comparison is also a
 * stronger test than a hash.  The FNV-1a is kept for the callers that key
 * other caches with it (the food pool, by food_rules.json's hash).
 *
 * The index is at the end, like a zip file's directory, so that the writer
 * need not know it in advance, and a reader touches the header, the index
 * and the trees it decodes, nothing else: a command that reads no data
 * file (food search, parse) touches only the header's page.
 *
 * A tree is a value: a tag byte, then 'n' 't' 'f' nothing, 'i' an i64, 'r'
 * an f64's bits, 's' a str, 'a' a u32 count and the values, 'o' a u32
 * count and per member a str key and a value, in the file's order (jansson
 * keeps objects in insertion order, so the rebuilt tree dumps byte for byte
 * as the parsed one).
 *
 * The code is CL_SNAP_CODE, a hash the Makefile takes of this file and its
 * header, and the jansson version is the library's at run time: a snapshot
 * from another format, or built against a jansson that might parse
 * differently, is not used.  A build without CL_SNAP_CODE neither writes
 * nor trusts a snapshot.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "jsonsnap.h"

#define SNAP_MAGIC "CLJSNAP1"
#define SNAP_MAGIC_LEN 8
/* Deeper than any data file (about 8) and far below the C stack's limit. */
#define SNAP_MAX_DEPTH 64
/* The only parse flag a tree may stand for: without it the same bytes
 * parse to the same tree (the snapshot holds no duplicate keys); any
 * other flag (JSON_DECODE_INT_AS_REAL, JSON_ALLOW_NUL, ...) could differ. */
#define SNAP_FLAGS JSON_REJECT_DUPLICATES

/* The header's fixed part: magic, total length, index offset. */
#define SNAP_FIXED (SNAP_MAGIC_LEN + 16)
/* An index record: FNV-1a, length, entry offset. */
#define SNAP_REC 24

static struct {
	const unsigned char *blob;
	size_t len, entries, index; /* where the first entry and the index start */
} snap;

static atomic_ulong n_hits, n_misses, n_damaged;

/* --- writing ------------------------------------------------------------- */

static int put_u32(cl_buf *b, uint32_t u)
{
	unsigned char x[4];
	for (int i = 0; i < 4; i++)
		x[i] = (unsigned char)(u >> (8 * i));
	return cl_buf_append(b, x, 4);
}

static int put_u64(cl_buf *b, uint64_t u)
{
	unsigned char x[8];
	for (int i = 0; i < 8; i++)
		x[i] = (unsigned char)(u >> (8 * i));
	return cl_buf_append(b, x, 8);
}

static int put_str(cl_buf *b, const char *s, size_t n)
{
	int rc;
	if (n > UINT32_MAX)
		return cl_error_set(CL_EINVAL, "data snapshot: a string of %zu bytes", n);
	if ((rc = put_u32(b, (uint32_t)n)))
		return rc;
	return cl_buf_append(b, s, n);
}

static int put_tag(cl_buf *b, char tag)
{
	return cl_buf_append(b, &tag, 1);
}

static int put_value(cl_buf *b, json_t *v)
{
	const char *key;
	size_t klen, i, n;
	json_t *m;
	uint64_t bits;
	double d;
	int rc;

	switch (json_typeof(v)) {
	case JSON_NULL:
		return put_tag(b, 'n');
	case JSON_TRUE:
		return put_tag(b, 't');
	case JSON_FALSE:
		return put_tag(b, 'f');
	case JSON_INTEGER:
		if ((rc = put_tag(b, 'i')))
			return rc;
		return put_u64(b, (uint64_t)(int64_t)json_integer_value(v));
	case JSON_REAL:
		d = json_real_value(v);
		memcpy(&bits, &d, sizeof(bits));
		if ((rc = put_tag(b, 'r')))
			return rc;
		return put_u64(b, bits);
	case JSON_STRING:
		if ((rc = put_tag(b, 's')))
			return rc;
		return put_str(b, json_string_value(v), json_string_length(v));
	case JSON_ARRAY:
		n = json_array_size(v);
		if ((rc = put_tag(b, 'a')) || (rc = put_u32(b, (uint32_t)n)))
			return rc;
		json_array_foreach(v, i, m) {
			if ((rc = put_value(b, m)))
				return rc;
		}
		return CL_OK;
	case JSON_OBJECT:
		n = json_object_size(v);
		if ((rc = put_tag(b, 'o')) || (rc = put_u32(b, (uint32_t)n)))
			return rc;
		json_object_keylen_foreach(v, key, klen, m) {
			if ((rc = put_str(b, key, klen)) || (rc = put_value(b, m)))
				return rc;
		}
		return CL_OK;
	}
	return cl_error_set(CL_EINVAL, "data snapshot: a value of unknown type");
}

int cl_jsonsnap_begin(cl_buf *out)
{
#ifdef CL_SNAP_CODE
	const char *ver = jansson_version_str();
	int rc;

	out->len = 0;
	if ((rc = cl_buf_append(out, SNAP_MAGIC, SNAP_MAGIC_LEN)) || (rc = put_u64(out, 0)) ||
	    (rc = put_u64(out, 0)) ||
	    (rc = put_str(out, CL_SNAP_CODE, strlen(CL_SNAP_CODE))) ||
	    (rc = put_str(out, ver, strlen(ver))))
		return rc;
	return CL_OK;
#else
	return cl_error_set(CL_EINVAL, "data snapshot: built without CL_SNAP_CODE");
#endif
}

int cl_jsonsnap_add(cl_buf *out, const char *name, const char *text, size_t len)
{
	json_error_t jerr;
	json_t *doc = json_loadb(text, len, SNAP_FLAGS, &jerr);
	size_t at;
	int rc;

	if (!doc)
		return cl_error_set(CL_EINVAL, "%s line %d, column %d: %s", name, jerr.line,
				    jerr.column, jerr.text);
	if ((rc = put_str(out, name, strlen(name))) || (rc = put_u64(out, cl_fnv1a(text, len))) ||
	    (rc = put_u64(out, (uint64_t)len)) || (rc = cl_buf_append(out, text, len)) ||
	    (rc = put_u32(out, 0)))
		goto done;
	at = out->len;
	if ((rc = put_value(out, doc)))
		goto done;
	if (out->len - at > UINT32_MAX) {
		rc = cl_error_set(CL_EINVAL, "data snapshot: %s is too large", name);
		goto done;
	}
	for (int i = 0; i < 4; i++) /* the tree's length, now known */
		out->data[at - 4 + i] = (char)((out->len - at) >> (8 * i));
done:
	json_decref(doc);
	return rc;
}

/* --- reading ------------------------------------------------------------- */

/* A cursor that never passes end: every read checks first. */
struct rd {
	const unsigned char *p, *end;
};

static bool get_u32(struct rd *r, uint32_t *u)
{
	if (r->end - r->p < 4)
		return false;
	*u = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
	     (uint32_t)r->p[3] << 24;
	r->p += 4;
	return true;
}

static bool get_u64(struct rd *r, uint64_t *u)
{
	uint32_t lo, hi;
	if (!get_u32(r, &lo) || !get_u32(r, &hi))
		return false;
	*u = (uint64_t)hi << 32 | lo;
	return true;
}

/* A string of the snapshot, in place; no NUL inside (jansson's parser
 * gives none without JSON_ALLOW_NUL, so one is damage). */
static bool get_str(struct rd *r, const char **s, size_t *n)
{
	uint32_t u;
	if (!get_u32(r, &u) || (size_t)(r->end - r->p) < u || memchr(r->p, '\0', u))
		return false;
	*s = (const char *)r->p;
	*n = u;
	r->p += u;
	return true;
}

static json_t *get_value(struct rd *r, int depth);

static json_t *get_array(struct rd *r, int depth)
{
	uint32_t n;
	json_t *arr;

	/* each value takes at least a byte: a count beyond what is left is damage */
	if (!get_u32(r, &n) || n > (size_t)(r->end - r->p) || !(arr = json_array()))
		return NULL;
	for (uint32_t i = 0; i < n; i++) {
		json_t *v = get_value(r, depth + 1);
		if (!v || json_array_append_new(arr, v)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *get_object(struct rd *r, int depth)
{
	uint32_t n;
	json_t *obj;

	if (!get_u32(r, &n) || n > (size_t)(r->end - r->p) / 5 || !(obj = json_object()))
		return NULL;
	for (uint32_t i = 0; i < n; i++) {
		const char *key;
		size_t klen;
		json_t *v;
		if (!get_str(r, &key, &klen) || !(v = get_value(r, depth + 1)))
			goto fail;
		/* the key is not NUL-terminated in the blob; setn copies klen bytes.
		 * A key met twice would replace, not add: damage, as for the parser. */
		if (json_object_setn_new_nocheck(obj, key, klen, v) || json_object_size(obj) != i + 1)
			goto fail;
	}
	return obj;
fail:
	json_decref(obj);
	return NULL;
}

static json_t *get_value(struct rd *r, int depth)
{
	uint64_t u;
	const char *s;
	size_t n;
	double d;

	if (r->p >= r->end || depth > SNAP_MAX_DEPTH)
		return NULL;
	switch (*r->p++) {
	case 'n':
		return json_null();
	case 't':
		return json_true();
	case 'f':
		return json_false();
	case 'i':
		return get_u64(r, &u) ? json_integer((json_int_t)(int64_t)u) : NULL;
	case 'r':
		if (!get_u64(r, &u))
			return NULL;
		memcpy(&d, &u, sizeof(d));
		return json_real(d); /* NULL for NaN or infinity, which JSON has not */
	case 's':
		return get_str(r, &s, &n) ? json_stringn_nocheck(s, n) : NULL;
	case 'a':
		return get_array(r, depth);
	case 'o':
		return get_object(r, depth);
	}
	return NULL;
}

/* One entry's header; r moves to the next entry. */
struct entry {
	const char *name;
	size_t nlen;
	uint64_t fnv, len;
	const unsigned char *text; /* the file's len bytes */
	struct rd tree;
};

static bool next_entry(struct rd *r, struct entry *e)
{
	uint32_t tlen;
	if (!get_str(r, &e->name, &e->nlen) || !get_u64(r, &e->fnv) || !get_u64(r, &e->len) ||
	    (uint64_t)(r->end - r->p) < e->len)
		return false;
	e->text = r->p;
	r->p += e->len;
	if (!get_u32(r, &tlen) || (size_t)(r->end - r->p) < tlen)
		return false;
	e->tree.p = r->p;
	e->tree.end = r->p + tlen;
	r->p += tlen;
	return true;
}

static bool str_is(struct rd *r, const char *want)
{
	const char *s;
	size_t n;
	return get_str(r, &s, &n) && n == strlen(want) && memcmp(s, want, n) == 0;
}

/* Past the header's fixed part and its two strings. */
static bool skip_header(struct rd *r)
{
	const char *s;
	size_t n;
	if (r->end - r->p < SNAP_FIXED)
		return false;
	r->p += SNAP_FIXED;
	return get_str(r, &s, &n) && get_str(r, &s, &n);
}

/* Writes the index of the entries added, and the lengths in the header
 * (once, after the last cl_jsonsnap_add; here because it reads the entries
 * back with the reader's own checks). */
int cl_jsonsnap_end(cl_buf *out)
{
	struct rd r = {(const unsigned char *)out->data, (const unsigned char *)out->data + out->len};
	const unsigned char *base = r.p;
	struct entry e;
	cl_buf index = {0};
	int rc = CL_OK;

	if (out->len < SNAP_FIXED || memcmp(out->data, SNAP_MAGIC, SNAP_MAGIC_LEN) != 0 ||
	    !skip_header(&r))
		return cl_error_set(CL_EINVAL, "data snapshot: not begun");
	while (r.p < r.end) {
		size_t at = (size_t)(r.p - base);
		if (!next_entry(&r, &e)) {
			rc = cl_error_set(CL_EINVAL, "data snapshot: damaged entry at byte %zu", at);
			goto done;
		}
		if ((rc = put_u64(&index, e.fnv)) || (rc = put_u64(&index, e.len)) ||
		    (rc = put_u64(&index, (uint64_t)at)))
			goto done;
	}
	size_t at = out->len;
	if (index.len && (rc = cl_buf_append(out, index.data, index.len)))
		goto done;
	for (int i = 0; i < 8; i++) {
		out->data[SNAP_MAGIC_LEN + i] = (char)((uint64_t)out->len >> (8 * i));
		out->data[SNAP_MAGIC_LEN + 8 + i] = (char)((uint64_t)at >> (8 * i));
	}
done:
	cl_buf_free(&index);
	return rc;
}

int cl_jsonsnap_use(const void *blob, size_t len)
{
	struct rd r;
	uint64_t total, index;

	snap.blob = NULL;
	snap.len = snap.entries = snap.index = 0;
	if (!blob)
		return CL_OK;
	r.p = blob;
	r.end = r.p + len;
#ifdef CL_SNAP_CODE
	if (len < SNAP_FIXED || memcmp(blob, SNAP_MAGIC, SNAP_MAGIC_LEN) != 0)
		return cl_error_set(CL_EINVAL, "data snapshot: not a snapshot");
	r.p += SNAP_MAGIC_LEN;
	if (!get_u64(&r, &total) || total != len || !get_u64(&r, &index))
		return cl_error_set(CL_EINVAL, "data snapshot: %zu bytes, not as written", len);
	if (!str_is(&r, CL_SNAP_CODE) || !str_is(&r, jansson_version_str()))
		return cl_error_set(CL_EINVAL, "data snapshot: from another build or jansson");
	/* The entries are checked when read (cl_jsonsnap_find), not here: only
	 * the pages of the trees a command decodes are touched. */
	size_t first = (size_t)(r.p - (const unsigned char *)blob);
	if (index < first || index > len || (len - index) % SNAP_REC != 0)
		return cl_error_set(CL_EINVAL, "data snapshot: damaged index");
	snap.blob = blob;
	snap.len = len;
	snap.entries = first;
	snap.index = (size_t)index;
	return CL_OK;
#else
	(void)r;
	(void)total;
	(void)index;
	return cl_error_set(CL_EINVAL, "data snapshot: built without CL_SNAP_CODE");
#endif
}

/* The entry an index record points to, read within the entries' bytes. */
static bool entry_at(const unsigned char *rec, struct entry *e)
{
	struct rd r = {rec + 16, rec + SNAP_REC}, body;
	uint64_t at;

	if (!get_u64(&r, &at) || at < snap.entries || at >= snap.index)
		return false;
	body.p = snap.blob + at;
	body.end = snap.blob + snap.index;
	return next_entry(&body, e);
}

json_t *cl_jsonsnap_find(const char *text, size_t len, size_t flags, uint64_t *fnv)
{
	struct rd r;
	struct entry e;

	if (!snap.blob || !text || (flags & ~(size_t)SNAP_FLAGS))
		return NULL;
	for (size_t at = snap.index; at < snap.len; at += SNAP_REC) {
		r.p = snap.blob + at;
		r.end = r.p + SNAP_REC;
		uint64_t rfnv, rlen;
		if (!get_u64(&r, &rfnv) || !get_u64(&r, &rlen) || rlen != len)
			continue;
		/* the entry must say what its record says, and hold these bytes;
		 * another file of the same length is only passed over */
		bool read = entry_at(snap.blob + at, &e) && e.fnv == rfnv && e.len == len;
		if (read && memcmp(e.text, text, len) != 0)
			continue;
		json_t *doc = read ? get_value(&e.tree, 0) : NULL;
		/* the tree must fill its entry exactly, and be an object or an
		 * array, as json_loadb() returns without JSON_DECODE_ANY */
		if (doc && e.tree.p == e.tree.end && (json_is_object(doc) || json_is_array(doc))) {
			if (fnv)
				*fnv = e.fnv;
			atomic_fetch_add(&n_hits, 1);
			return doc;
		}
		json_decref(doc);
		atomic_fetch_add(&n_damaged, 1);
		return NULL;
	}
	atomic_fetch_add(&n_misses, 1);
	return NULL;
}

void cl_jsonsnap_counts(struct cl_jsonsnap_counts *out)
{
	out->hits = atomic_load(&n_hits);
	out->misses = atomic_load(&n_misses);
	out->damaged = atomic_load(&n_damaged);
}

int cl_jsonsnap_describe(cl_buf *out)
{
	struct entry e;
	int rc;

	if ((rc = cl_buf_append(out, "", 0)) || !snap.blob)
		return rc;
	for (size_t at = snap.index; at < snap.len; at += SNAP_REC)
		if (entry_at(snap.blob + at, &e) &&
		    (rc = cl_buf_printf(out, "%.*s\n", (int)e.nlen, e.name)))
			return rc;
	return CL_OK;
}
