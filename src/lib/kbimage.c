/*
 * The compiled knowledge base.  Opening the knowledge base rebuilt the five
 * files' trees from the data snapshot (jsonsnap.c) and then validated them
 * and built the C tables the look-ups read: 2.6 M instructions at every
 * start of an assessment, for files that change a few times a year.  The
 * build now opens the knowledge base once, by parsing and validating the
 * files exactly as at run time, and writes the tables it got (the image);
 * a process whose five files have exactly the bytes the image was built
 * from (compared byte for byte with copies kept in the image) reads the
 * tables back and builds no tree.  Any other bytes are parsed and
 * validated as always, so an edited file takes effect at once and a broken
 * one is reported in the loader's words.
 *
 * One codec writes and reads: each table has one function that visits its
 * fields in order (io_dri, io_lab, ...), appending them when writing and
 * setting them when reading, so the two cannot drift apart; test_kbimage.c
 * checks that tables read back write the same image, and that every
 * look-up answers the same.  Strings are not copied: a table's strings
 * point into the image (NUL-terminated there), as they point into the
 * trees when parsed.  The image comes from the build, yet it is read as
 * untrusted: every count, length, index and string is bounds-checked, and
 * a damaged image is counted and the files parsed.
 *
 * Layout, numbers little-endian, a string as u32 length, the bytes and a
 * NUL (0xffffffff: none):
 *
 *   "CLKBIMG1"  u64 total length
 *   per file (kb_file_names' order): str name  u64 length  the bytes
 *   u64 offsets of the four sections: sources, DRIs (dri.json and
 *   within_sd.json), labs, medicines
 *   the sections
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "kb_internal.h"
#include "kbimage.h"

#define IMG_MAGIC "CLKBIMG1"
#define IMG_MAGIC_LEN 8
#define IMG_NONE 0xffffffffu
/* Bounds for counts the loader does not bound itself: far above the data. */
#define IMG_MAX_ITEMS 100000
enum { SEC_SOURCES, SEC_DRI, SEC_LABS, SEC_MEDS, SEC_N };

const char *const kb_file_names[KB_NFILES] = {"sources.json", "dri.json", "within_sd.json",
					      "labs.json", "medications.json"};

static struct {
	const unsigned char *blob;
	size_t len;
} img;

static atomic_ulong n_hits, n_misses, n_damaged;

/* --- the codec ------------------------------------------------------------ */

struct io {
	cl_buf *out;                  /* writing, or NULL when reading */
	const unsigned char *p, *end; /* reading */
	int rc;                       /* CL_OK until something fails */
};

static bool reading(const struct io *io)
{
	return io->out == NULL;
}

static void io_fail(struct io *io, int rc)
{
	if (io->rc == CL_OK)
		io->rc = rc;
}

static void io_bytes(struct io *io, void *data, size_t n)
{
	if (io->rc)
		return;
	if (!reading(io)) {
		io_fail(io, cl_buf_append(io->out, data, n));
		return;
	}
	if ((size_t)(io->end - io->p) < n) {
		io_fail(io, CL_EINVAL);
		return;
	}
	memcpy(data, io->p, n);
	io->p += n;
}

/* n little-endian bytes (at most 8): decoded in place when reading, the
 * common case, which runs for each of some 10,000 fields at every start. */
static void io_le(struct io *io, uint64_t *v, int n)
{
	unsigned char x[8];

	if (io->rc)
		return;
	if (!reading(io)) {
		for (int i = 0; i < n; i++)
			x[i] = (unsigned char)(*v >> (8 * i));
		io_bytes(io, x, (size_t)n);
		return;
	}
	if (io->end - io->p < n) {
		io_fail(io, CL_EINVAL);
		return;
	}
	*v = 0;
	for (int i = 0; i < n; i++)
		*v |= (uint64_t)io->p[i] << (8 * i);
	io->p += n;
}

static void io_u64(struct io *io, uint64_t *v)
{
	io_le(io, v, 8);
}

static void io_u32(struct io *io, uint32_t *v)
{
	uint64_t u = *v;
	io_le(io, &u, 4);
	*v = (uint32_t)u;
}

static void io_f64(struct io *io, double *v)
{
	uint64_t bits = 0;
	if (!reading(io))
		memcpy(&bits, v, sizeof(bits));
	io_u64(io, &bits);
	if (reading(io) && !io->rc)
		memcpy(v, &bits, sizeof(bits));
}

static void io_bool(struct io *io, bool *v)
{
	uint64_t b = *v;
	io_le(io, &b, 1);
	if (reading(io) && !io->rc) {
		if (b > 1)
			io_fail(io, CL_EINVAL);
		*v = b == 1;
	}
}

/* An int within [lo, hi]. */
static void io_int(struct io *io, int *v, int lo, int hi)
{
	uint32_t u = (uint32_t)*v;
	io_u32(io, &u);
	if (reading(io) && !io->rc) {
		int x = (int)(int32_t)u;
		if (x < lo || x > hi)
			io_fail(io, CL_EINVAL);
		*v = x;
	}
}

/* A count of at most max. */
static void io_count(struct io *io, size_t *n, size_t max)
{
	uint64_t u = *n;
	io_le(io, &u, 4);
	if (reading(io) && !io->rc) {
		if (u > max)
			io_fail(io, CL_EINVAL);
		*n = (size_t)u;
	}
}

/* A string, NULL allowed when optional; read in place. */
static void io_str_opt(struct io *io, const char **s, bool optional)
{
	uint32_t n;

	if (io->rc)
		return;
	if (!reading(io)) {
		size_t len = *s ? strlen(*s) : 0;
		if (len >= IMG_NONE || (!*s && !optional)) {
			io_fail(io, cl_error_set(CL_EINVAL, "knowledge-base image: a string %s",
						 *s ? "too long" : "missing"));
			return;
		}
		n = *s ? (uint32_t)len : IMG_NONE;
		io_u32(io, &n);
		if (*s)
			io_bytes(io, (void *)*s, (size_t)n + 1);
		return;
	}
	io_u32(io, &n);
	if (io->rc)
		return;
	if (n == IMG_NONE) {
		if (!optional)
			io_fail(io, CL_EINVAL);
		*s = NULL;
		return;
	}
	/* the bytes and their NUL (one inside would only cut the string) */
	if ((size_t)(io->end - io->p) <= n || io->p[n] != '\0') {
		io_fail(io, CL_EINVAL);
		return;
	}
	*s = (const char *)io->p;
	io->p += (size_t)n + 1;
}

static void io_str(struct io *io, const char **s)
{
	io_str_opt(io, s, true);
}

static void io_req(struct io *io, const char **s)
{
	io_str_opt(io, s, false);
}

/* A string the table owns (strdup'd, as the loader does). */
static void io_dup(struct io *io, char **s)
{
	const char *t = *s;
	io_req(io, &t);
	if (reading(io) && !io->rc && !(*s = strdup(t)))
		io_fail(io, CL_ENOMEM);
}

/* A fixed char array of cap bytes, NUL-terminated. */
static void io_chars(struct io *io, char *buf, size_t cap)
{
	const char *t = buf;
	io_req(io, &t);
	if (reading(io) && !io->rc) {
		if (strlen(t) >= cap)
			io_fail(io, CL_EINVAL);
		else
			memcpy(buf, t, strlen(t) + 1);
	}
}

static void io_src(struct io *io, struct kb_src *s)
{
	io_count(io, &s->count, KB_MAX_IDS);
	for (size_t i = 0; i < s->count && !io->rc; i++)
		io_req(io, &s->ids[i]);
}

static bool same_src(const struct kb_src *a, const struct kb_src *b)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++)
		if (a->ids[i] != b->ids[i] && strcmp(a->ids[i], b->ids[i]) != 0)
			return false;
	return true;
}

static void io_list(struct io *io, cl_source_list *l)
{
	io_count(io, &l->count, CL_MAX_SOURCES);
	for (size_t i = 0; i < l->count && !io->rc; i++)
		io_req(io, &l->ids[i]);
}

/* When reading, an array of n elements of size bytes (cleared); when
 * writing, nothing.  NULL for none, as the loader leaves it. */
static void *io_array(struct io *io, void *have, size_t n, size_t size)
{
	void *a;
	if (!reading(io) || io->rc)
		return have;
	if (!n)
		return NULL;
	if (!(a = calloc(n, size)))
		io_fail(io, CL_ENOMEM);
	return a;
}

/* --- the tables ---------------------------------------------------------- */

static void io_sources(struct io *io, cl_kb *kb)
{
	size_t n = kb->nsources;
	io_count(io, &n, IMG_MAX_ITEMS);
	kb->sources = io_array(io, kb->sources, n, sizeof(*kb->sources));
	for (size_t i = 0; i < n && !io->rc; i++) {
		struct kb_source *s = &kb->sources[i];
		io_req(io, &s->id);
		io_req(io, &s->status);
		io_req(io, &s->citation);
		/* the look-up is a binary search: the order is part of the table */
		if (reading(io) && !io->rc && i > 0 && strcmp(kb->sources[i - 1].id, s->id) >= 0)
			io_fail(io, CL_EINVAL);
		if (reading(io))
			kb->nsources = i + 1;
	}
}

static void io_bands6(struct io *io, bool bands[KB_BANDS])
{
	for (int b = 0; b < KB_BANDS; b++)
		io_bool(io, &bands[b]);
}

static void io_dri_nutrient(struct io *io, struct kb_dri_nutrient *n)
{
	io_req(io, &n->key);
	io_req(io, &n->label);
	io_req(io, &n->unit);
	io_req(io, &n->method);
	io_str(io, &n->ul_applies_to);
	io_str(io, &n->ul_note);
	io_f64(io, &n->cv);
	io_bool(io, &n->cv_implied);
	io_bool(io, &n->cv_assumed);
	io_str(io, &n->cv_note);
	io_src(io, &n->cv_src);
	io_f64(io, &n->veg_factor);
	io_src(io, &n->veg_src);
	for (int g = 0; g < KB_GROUPS; g++)
		for (int b = 0; b < KB_BANDS; b++) {
			struct kb_dri_row *r = &n->rows[g][b];
			io_bool(io, &r->present);
			for (int f = 0; f < KB_FIELDS; f++) {
				/* a field's sources are mostly the row's, as the
				 * field before it: a flag then, not the list again */
				bool same = f > 0 && same_src(&r->src[f], &r->src[f - 1]);
				io_f64(io, &r->v[f]);
				io_bool(io, &same);
				if (same && f == 0)
					io_fail(io, CL_EINVAL); /* damage: nothing before */
				else if (!same)
					io_src(io, &r->src[f]);
				else if (reading(io) && !io->rc)
					r->src[f] = r->src[f - 1];
			}
			io_bool(io, &r->derived);
			io_str(io, &r->note);
		}
}

static void io_within(struct io *io, struct kb_within *w)
{
	io_req(io, &w->key);
	io_int(io, &w->group, 0, KB_GROUPS - 1);
	io_bands6(io, w->bands);
	io_f64(io, &w->sd);
	io_bool(io, &w->assumed);
	io_str(io, &w->note);
	io_src(io, &w->src);
}

static void io_iron(struct io *io, struct kb_iron_table *t)
{
	io_int(io, &t->group, 0, KB_GROUPS - 1);
	io_bands6(io, t->bands);
	io_count(io, &t->n, KB_MAX_IRON_RANGES);
	for (size_t i = 0; i < t->n && !io->rc; i++) {
		io_f64(io, &t->r[i].from);
		io_f64(io, &t->r[i].to);
		io_f64(io, &t->r[i].p_inadequate);
	}
	io_req(io, &t->applies_to);
	io_str(io, &t->vegetarian_note);
	io_src(io, &t->src);
}

static void io_dri(struct io *io, cl_kb *kb)
{
	size_t n = kb->ndri;
	io_count(io, &n, KB_MAX_DRI);
	kb->dri = io_array(io, kb->dri, n, sizeof(*kb->dri));
	for (size_t i = 0; i < n && !io->rc; i++) {
		io_dri_nutrient(io, &kb->dri[i]);
		if (reading(io))
			kb->ndri = i + 1;
	}
	io_count(io, &kb->nwithin, KB_MAX_WITHIN);
	for (size_t i = 0; i < kb->nwithin && !io->rc; i++)
		io_within(io, &kb->within[i]);
	io_f64(io, &kb->within_ratio);
	io_req(io, &kb->within_note);
	io_src(io, &kb->within_src);
	n = kb->nwarnings;
	io_count(io, &n, IMG_MAX_ITEMS);
	kb->warnings = io_array(io, kb->warnings, n, sizeof(*kb->warnings));
	for (size_t i = 0; i < n && !io->rc; i++) {
		io_req(io, &kb->warnings[i].key);
		io_req(io, &kb->warnings[i].text);
		io_src(io, &kb->warnings[i].src);
		if (reading(io))
			kb->nwarnings = i + 1;
	}
	io_count(io, &kb->niron, KB_MAX_IRON_TABLES);
	for (size_t i = 0; i < kb->niron && !io->rc; i++)
		io_iron(io, &kb->iron[i]);
}

static void io_band_set(struct io *io, struct kb_band_set *s)
{
	int sex = (int)s->sex;
	io_int(io, &sex, CL_SEX_UNKNOWN, CL_SEX_FEMALE);
	s->sex = (cl_sex)sex;
	io_int(io, &s->pregnant, -1, 1);
	io_int(io, &s->inflammation, -1, 1);
	io_int(io, &s->trimester, 0, 3);
	io_f64(io, &s->min_age);
	io_f64(io, &s->max_age);
	io_count(io, &s->n, KB_MAX_BANDS);
	for (size_t i = 0; i < s->n && !io->rc; i++) {
		struct kb_band *b = &s->bands[i];
		io_req(io, &b->name);
		io_req(io, &b->text);
		io_int(io, &b->bound_kind, KB_BOUND_NONE, KB_BOUND_LE);
		io_f64(io, &b->bound);
		io_bool(io, &b->assumed);
		io_src(io, &b->src);
	}
}

static void io_lab(struct io *io, struct kb_lab *l)
{
	size_t n;

	io_req(io, &l->id);
	io_req(io, &l->label);
	io_req(io, &l->canonical_unit);
	io_str(io, &l->note);
	n = l->naliases;
	io_count(io, &n, IMG_MAX_ITEMS);
	if (reading(io) && !io->rc && !(l->aliases = calloc(n + 1, sizeof(*l->aliases))))
		io_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		io_dup(io, &l->aliases[i]);
		if (reading(io) && !io->rc)
			l->naliases = i + 1;
	}
	io_count(io, &l->nunits, KB_MAX_UNITS);
	for (size_t i = 0; i < l->nunits && !io->rc; i++) {
		struct kb_unit *u = &l->units[i];
		io_req(io, &u->unit);
		io_chars(io, u->norm, sizeof(u->norm));
		io_f64(io, &u->per_canonical);
		io_src(io, &u->src);
	}
	io_f64(io, &l->pmin);
	io_f64(io, &l->pmax);
	io_src(io, &l->psrc);
	io_bool(io, &l->albumin_correction);
	io_f64(io, &l->alb_ref);
	io_f64(io, &l->alb_coef);
	io_str(io, &l->alb_note);
	io_src(io, &l->alb_src);
	n = l->nsets;
	io_count(io, &n, KB_MAX_BAND_SETS);
	l->sets = io_array(io, l->sets, n, sizeof(*l->sets));
	for (size_t i = 0; i < n && !io->rc; i++) {
		io_band_set(io, &l->sets[i]);
		if (reading(io))
			l->nsets = i + 1;
	}
}

static void io_labs(struct io *io, cl_kb *kb)
{
	size_t n = kb->nlabs;
	io_count(io, &n, IMG_MAX_ITEMS);
	kb->labs = io_array(io, kb->labs, n, sizeof(*kb->labs));
	for (size_t i = 0; i < n && !io->rc; i++) {
		if (reading(io))
			kb->nlabs = i + 1; /* first, so cl_kb_close() frees a half-read one */
		io_lab(io, &kb->labs[i]);
	}
}

static void io_med(struct io *io, struct kb_med *m, const char *kind)
{
	size_t n;

	io_req(io, &m->info.id);
	io_req(io, &m->info.label);
	io_list(io, &m->info.sources);
	n = m->nnames;
	io_count(io, &n, IMG_MAX_ITEMS);
	m->names = io_array(io, m->names, n, sizeof(*m->names));
	for (size_t i = 0; i < n && !io->rc; i++) {
		io_dup(io, &m->names[i]);
		if (reading(io) && !io->rc)
			m->nnames = i + 1;
	}
	n = m->info.neffects;
	io_count(io, &n, IMG_MAX_ITEMS);
	m->effects = io_array(io, m->effects, n, sizeof(*m->effects));
	for (size_t i = 0; i < n && !io->rc; i++) {
		cl_med_effect *e = &m->effects[i];
		io_req(io, &e->nutrient);
		io_req(io, &e->effect);
		io_req(io, &e->strength);
		io_req(io, &e->note);
		io_bool(io, &e->verified);
	}
	if (reading(io) && !io->rc) {
		m->info.kind = kind;
		m->info.effects = m->effects;
		m->info.neffects = n;
	}
}

static void io_med_list(struct io *io, struct kb_med **list, size_t *count, const char *kind)
{
	size_t n = *count;
	io_count(io, &n, IMG_MAX_ITEMS);
	/* one more, as the loader allocates: a list may be empty */
	if (reading(io) && !io->rc && !(*list = calloc(n + 1, sizeof(**list))))
		io_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		if (reading(io))
			*count = i + 1;
		io_med(io, &(*list)[i], kind);
	}
}

static void io_meds(struct io *io, cl_kb *kb)
{
	io_med_list(io, &kb->meds, &kb->nmeds, "medication");
	io_med_list(io, &kb->conds, &kb->nconds, "condition");
}

/* --- writing ------------------------------------------------------------- */

static int put_u64(cl_buf *b, uint64_t u)
{
	struct io io = {b, NULL, NULL, CL_OK};
	io_u64(&io, &u);
	return io.rc;
}

static void write_sections(struct io *io, cl_kb *kb, size_t sec[SEC_N])
{
	sec[SEC_SOURCES] = io->out->len;
	io_sources(io, kb);
	sec[SEC_DRI] = io->out->len;
	io_dri(io, kb);
	sec[SEC_LABS] = io->out->len;
	io_labs(io, kb);
	sec[SEC_MEDS] = io->out->len;
	io_meds(io, kb);
}

int kb_image_tables(cl_buf *out, const cl_kb *kb)
{
	struct io io = {out, NULL, NULL, CL_OK};
	size_t sec[SEC_N];

	/* writing only reads the tables */
	write_sections(&io, (cl_kb *)kb, sec);
	return io.rc;
}

int cl_kbimage_build(cl_buf *out, const char *datadir)
{
	cl_kb *kb = NULL;
	char *texts[KB_NFILES] = {0};
	size_t lens[KB_NFILES], offsets_at, sec[SEC_N];
	struct io io = {out, NULL, NULL, CL_OK};
	int rc;

	out->len = 0;
	if ((rc = kb_open_parsed(&kb, datadir, CL_KB_ALL)))
		return rc;
	/* the bytes the tables were built from (read after the open: a file
	 * changed in between would only make the image never match) */
	for (int f = 0; f < KB_NFILES; f++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", datadir, kb_file_names[f]);
		if ((rc = cl_read_file(&texts[f], &lens[f], path, (size_t)64 << 20)))
			goto done;
	}
	if ((rc = cl_buf_append(out, IMG_MAGIC, IMG_MAGIC_LEN)) || (rc = put_u64(out, 0)))
		goto done;
	for (int f = 0; f < KB_NFILES && !io.rc; f++) {
		const char *name = kb_file_names[f];
		uint64_t len = lens[f];
		io_req(&io, &name);
		io_u64(&io, &len);
		io_bytes(&io, texts[f], lens[f]);
	}
	offsets_at = out->len;
	for (int s = 0; s < SEC_N && !io.rc; s++) {
		uint64_t zero = 0;
		io_u64(&io, &zero);
	}
	write_sections(&io, kb, sec);
	if ((rc = io.rc))
		goto done;
	for (int s = 0; s < SEC_N; s++)
		for (int i = 0; i < 8; i++)
			out->data[offsets_at + 8 * (size_t)s + (size_t)i] =
				(char)((uint64_t)sec[s] >> (8 * i));
	for (int i = 0; i < 8; i++)
		out->data[IMG_MAGIC_LEN + i] = (char)((uint64_t)out->len >> (8 * i));
done:
	for (int f = 0; f < KB_NFILES; f++)
		free(texts[f]);
	cl_kb_close(kb);
	if (rc)
		out->len = 0;
	return rc;
}

/* --- reading ------------------------------------------------------------- */

int cl_kbimage_use(const void *blob, size_t len)
{
	struct io io = {NULL, blob, (const unsigned char *)blob + len, CL_OK};
	uint64_t total = 0;

	img.blob = NULL;
	img.len = 0;
	if (!blob)
		return CL_OK;
	if (len < IMG_MAGIC_LEN + 8 || memcmp(blob, IMG_MAGIC, IMG_MAGIC_LEN) != 0)
		return cl_error_set(CL_EINVAL, "knowledge-base image: not an image");
	io.p += IMG_MAGIC_LEN;
	io_u64(&io, &total);
	if (total != len)
		return cl_error_set(CL_EINVAL, "knowledge-base image: %zu bytes, not as written", len);
	img.blob = blob;
	img.len = len;
	return CL_OK;
}

bool kb_image_in_use(void)
{
	return img.blob != NULL;
}

/* The header: each file's bytes compared with texts (those given). */
static int match_files(struct io *io, const char *const texts[KB_NFILES],
		       const size_t lens[KB_NFILES], size_t sec[SEC_N])
{
	io->p += IMG_MAGIC_LEN + 8;
	for (int f = 0; f < KB_NFILES; f++) {
		const char *name;
		uint64_t len = 0;
		io_req(io, &name);
		io_u64(io, &len);
		if (io->rc || strcmp(name, kb_file_names[f]) != 0 || (uint64_t)(io->end - io->p) < len)
			return CL_EINVAL;
		if (texts[f] && (lens[f] != len || memcmp(io->p, texts[f], lens[f]) != 0))
			return CL_ENOTFOUND;
		io->p += len;
	}
	for (int s = 0; s < SEC_N; s++) {
		uint64_t at = 0;
		io_u64(io, &at);
		if (io->rc || at > img.len)
			return CL_EINVAL;
		sec[s] = (size_t)at;
	}
	return CL_OK;
}

int kb_image_read(cl_kb *kb, const char *const texts[KB_NFILES], const size_t lens[KB_NFILES])
{
	static void (*const section[SEC_N])(struct io *, cl_kb *) = {io_sources, io_dri, io_labs,
								       io_meds};
	static const unsigned part[SEC_N] = {CL_KB_ALL, CL_KB_DRI, CL_KB_LABS, CL_KB_MEDS};
	struct io io = {NULL, img.blob, img.blob + img.len, CL_OK};
	size_t sec[SEC_N];
	int rc;

	if (!img.blob) {
		atomic_fetch_add(&n_misses, 1);
		return CL_ENOTFOUND;
	}
	rc = match_files(&io, texts, lens, sec);
	for (int s = 0; s < SEC_N && !rc; s++) {
		if (!(kb->parts & part[s]))
			continue;
		io.p = img.blob + sec[s];
		section[s](&io, kb);
		rc = io.rc;
	}
	if (rc == CL_OK)
		atomic_fetch_add(&n_hits, 1);
	else if (rc == CL_ENOTFOUND)
		atomic_fetch_add(&n_misses, 1);
	else if (rc != CL_ENOMEM)
		atomic_fetch_add(&n_damaged, 1);
	return rc;
}

void cl_kbimage_counts(struct cl_kbimage_counts *out)
{
	out->hits = atomic_load(&n_hits);
	out->misses = atomic_load(&n_misses);
	out->damaged = atomic_load(&n_damaged);
}
