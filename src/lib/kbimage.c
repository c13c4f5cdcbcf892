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
#include "imgio.h"
#include "kbimage.h"

#define IMG_MAGIC "CLKBIMG1"
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

static void io_src(struct imgio *io, struct kb_src *s)
{
	imgio_count(io, &s->count, KB_MAX_IDS);
	for (size_t i = 0; i < s->count && !io->rc; i++)
		imgio_req(io, &s->ids[i]);
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

static void io_list(struct imgio *io, cl_source_list *l)
{
	imgio_count(io, &l->count, CL_MAX_SOURCES);
	for (size_t i = 0; i < l->count && !io->rc; i++)
		imgio_req(io, &l->ids[i]);
}

/* --- the tables ---------------------------------------------------------- */

static void io_sources(struct imgio *io, cl_kb *kb)
{
	size_t n = kb->nsources;
	imgio_count(io, &n, IMG_MAX_ITEMS);
	kb->sources = imgio_array(io, kb->sources, n, sizeof(*kb->sources));
	for (size_t i = 0; i < n && !io->rc; i++) {
		struct kb_source *s = &kb->sources[i];
		imgio_req(io, &s->id);
		imgio_req(io, &s->status);
		imgio_req(io, &s->citation);
		/* the look-up is a binary search: the order is part of the table */
		if (imgio_reading(io) && !io->rc && i > 0 && strcmp(kb->sources[i - 1].id, s->id) >= 0)
			imgio_fail(io, CL_EINVAL);
		if (imgio_reading(io))
			kb->nsources = i + 1;
	}
}

static void io_bands6(struct imgio *io, bool bands[KB_BANDS])
{
	for (int b = 0; b < KB_BANDS; b++)
		imgio_bool(io, &bands[b]);
}

static void io_dri_nutrient(struct imgio *io, struct kb_dri_nutrient *n)
{
	imgio_req(io, &n->key);
	imgio_req(io, &n->label);
	imgio_req(io, &n->unit);
	imgio_req(io, &n->method);
	imgio_str(io, &n->ul_applies_to);
	imgio_str(io, &n->ul_note);
	imgio_f64(io, &n->cv);
	imgio_bool(io, &n->cv_implied);
	imgio_bool(io, &n->cv_assumed);
	imgio_str(io, &n->cv_note);
	io_src(io, &n->cv_src);
	imgio_f64(io, &n->veg_factor);
	io_src(io, &n->veg_src);
	for (int g = 0; g < KB_GROUPS; g++)
		for (int b = 0; b < KB_BANDS; b++) {
			struct kb_dri_row *r = &n->rows[g][b];
			imgio_bool(io, &r->present);
			for (int f = 0; f < KB_FIELDS; f++) {
				/* a field's sources are mostly the row's, as the
				 * field before it: a flag then, not the list again */
				bool same = f > 0 && same_src(&r->src[f], &r->src[f - 1]);
				imgio_f64(io, &r->v[f]);
				imgio_bool(io, &same);
				if (same && f == 0)
					imgio_fail(io, CL_EINVAL); /* damage: nothing before */
				else if (!same)
					io_src(io, &r->src[f]);
				else if (imgio_reading(io) && !io->rc)
					r->src[f] = r->src[f - 1];
			}
			imgio_bool(io, &r->derived);
			imgio_str(io, &r->note);
		}
}

static void io_within(struct imgio *io, struct kb_within *w)
{
	imgio_req(io, &w->key);
	imgio_int(io, &w->group, 0, KB_GROUPS - 1);
	io_bands6(io, w->bands);
	imgio_f64(io, &w->sd);
	imgio_bool(io, &w->assumed);
	imgio_str(io, &w->note);
	io_src(io, &w->src);
}

static void io_iron(struct imgio *io, struct kb_iron_table *t)
{
	imgio_int(io, &t->group, 0, KB_GROUPS - 1);
	io_bands6(io, t->bands);
	imgio_count(io, &t->n, KB_MAX_IRON_RANGES);
	for (size_t i = 0; i < t->n && !io->rc; i++) {
		imgio_f64(io, &t->r[i].from);
		imgio_f64(io, &t->r[i].to);
		imgio_f64(io, &t->r[i].p_inadequate);
	}
	imgio_req(io, &t->applies_to);
	imgio_str(io, &t->vegetarian_note);
	io_src(io, &t->src);
}

static void io_dri(struct imgio *io, cl_kb *kb)
{
	size_t n = kb->ndri;
	imgio_count(io, &n, KB_MAX_DRI);
	kb->dri = imgio_array(io, kb->dri, n, sizeof(*kb->dri));
	for (size_t i = 0; i < n && !io->rc; i++) {
		io_dri_nutrient(io, &kb->dri[i]);
		if (imgio_reading(io))
			kb->ndri = i + 1;
	}
	imgio_count(io, &kb->nwithin, KB_MAX_WITHIN);
	for (size_t i = 0; i < kb->nwithin && !io->rc; i++)
		io_within(io, &kb->within[i]);
	imgio_f64(io, &kb->within_ratio);
	imgio_req(io, &kb->within_note);
	io_src(io, &kb->within_src);
	n = kb->nwarnings;
	imgio_count(io, &n, IMG_MAX_ITEMS);
	kb->warnings = imgio_array(io, kb->warnings, n, sizeof(*kb->warnings));
	for (size_t i = 0; i < n && !io->rc; i++) {
		imgio_req(io, &kb->warnings[i].key);
		imgio_req(io, &kb->warnings[i].text);
		io_src(io, &kb->warnings[i].src);
		if (imgio_reading(io))
			kb->nwarnings = i + 1;
	}
	imgio_count(io, &kb->niron, KB_MAX_IRON_TABLES);
	for (size_t i = 0; i < kb->niron && !io->rc; i++)
		io_iron(io, &kb->iron[i]);
}

static void io_band_set(struct imgio *io, struct kb_band_set *s)
{
	int sex = (int)s->sex;
	imgio_int(io, &sex, CL_SEX_UNKNOWN, CL_SEX_FEMALE);
	s->sex = (cl_sex)sex;
	imgio_int(io, &s->pregnant, -1, 1);
	imgio_int(io, &s->inflammation, -1, 1);
	imgio_int(io, &s->trimester, 0, 3);
	imgio_f64(io, &s->min_age);
	imgio_f64(io, &s->max_age);
	imgio_count(io, &s->n, KB_MAX_BANDS);
	for (size_t i = 0; i < s->n && !io->rc; i++) {
		struct kb_band *b = &s->bands[i];
		imgio_req(io, &b->name);
		imgio_req(io, &b->text);
		imgio_int(io, &b->bound_kind, KB_BOUND_NONE, KB_BOUND_LE);
		imgio_f64(io, &b->bound);
		imgio_bool(io, &b->assumed);
		io_src(io, &b->src);
	}
}

static void io_lab(struct imgio *io, struct kb_lab *l)
{
	size_t n;

	imgio_req(io, &l->id);
	imgio_req(io, &l->label);
	imgio_req(io, &l->canonical_unit);
	imgio_str(io, &l->note);
	n = l->naliases;
	imgio_count(io, &n, IMG_MAX_ITEMS);
	if (imgio_reading(io) && !io->rc && !(l->aliases = calloc(n + 1, sizeof(*l->aliases))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		imgio_req(io, &l->aliases[i]); /* in the image, as the other strings */
		if (imgio_reading(io) && !io->rc)
			l->naliases = i + 1;
	}
	imgio_count(io, &l->nunits, KB_MAX_UNITS);
	for (size_t i = 0; i < l->nunits && !io->rc; i++) {
		struct kb_unit *u = &l->units[i];
		imgio_req(io, &u->unit);
		imgio_chars(io, u->norm, sizeof(u->norm));
		imgio_f64(io, &u->per_canonical);
		io_src(io, &u->src);
	}
	imgio_f64(io, &l->pmin);
	imgio_f64(io, &l->pmax);
	io_src(io, &l->psrc);
	imgio_bool(io, &l->albumin_correction);
	imgio_f64(io, &l->alb_ref);
	imgio_f64(io, &l->alb_coef);
	imgio_str(io, &l->alb_note);
	io_src(io, &l->alb_src);
	n = l->nsets;
	imgio_count(io, &n, KB_MAX_BAND_SETS);
	l->sets = imgio_array(io, l->sets, n, sizeof(*l->sets));
	for (size_t i = 0; i < n && !io->rc; i++) {
		io_band_set(io, &l->sets[i]);
		if (imgio_reading(io))
			l->nsets = i + 1;
	}
}

static void io_labs(struct imgio *io, cl_kb *kb)
{
	size_t n = kb->nlabs;
	imgio_count(io, &n, IMG_MAX_ITEMS);
	kb->labs = imgio_array(io, kb->labs, n, sizeof(*kb->labs));
	for (size_t i = 0; i < n && !io->rc; i++) {
		if (imgio_reading(io))
			kb->nlabs = i + 1; /* first, so cl_kb_close() frees a half-read one */
		io_lab(io, &kb->labs[i]);
	}
}

static void io_med(struct imgio *io, struct kb_med *m, const char *kind)
{
	size_t n;

	imgio_req(io, &m->info.id);
	imgio_req(io, &m->info.label);
	io_list(io, &m->info.sources);
	n = m->nnames;
	imgio_count(io, &n, IMG_MAX_ITEMS);
	m->names = imgio_array(io, m->names, n, sizeof(*m->names));
	for (size_t i = 0; i < n && !io->rc; i++) {
		imgio_req(io, &m->names[i]);
		if (imgio_reading(io) && !io->rc)
			m->nnames = i + 1;
	}
	n = m->info.neffects;
	imgio_count(io, &n, IMG_MAX_ITEMS);
	m->effects = imgio_array(io, m->effects, n, sizeof(*m->effects));
	for (size_t i = 0; i < n && !io->rc; i++) {
		cl_med_effect *e = &m->effects[i];
		imgio_req(io, &e->nutrient);
		imgio_req(io, &e->effect);
		imgio_req(io, &e->strength);
		imgio_req(io, &e->note);
		imgio_bool(io, &e->verified);
	}
	if (imgio_reading(io) && !io->rc) {
		m->info.kind = kind;
		m->info.effects = m->effects;
		m->info.neffects = n;
	}
}

static void io_med_list(struct imgio *io, struct kb_med **list, size_t *count, const char *kind)
{
	size_t n = *count;
	imgio_count(io, &n, IMG_MAX_ITEMS);
	/* one more, as the loader allocates: a list may be empty */
	if (imgio_reading(io) && !io->rc && !(*list = calloc(n + 1, sizeof(**list))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		if (imgio_reading(io))
			*count = i + 1;
		io_med(io, &(*list)[i], kind);
	}
}

static void io_meds(struct imgio *io, cl_kb *kb)
{
	io_med_list(io, &kb->meds, &kb->nmeds, "medication");
	io_med_list(io, &kb->conds, &kb->nconds, "condition");
}

/* --- writing ------------------------------------------------------------- */

static void write_sections(struct imgio *io, cl_kb *kb, size_t sec[SEC_N])
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
	struct imgio io = {out, NULL, NULL, CL_OK};
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
	struct imgio io = {out, NULL, NULL, CL_OK};
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
	if ((rc = imgio_header_put(out, IMG_MAGIC)))
		goto done;
	for (int f = 0; f < KB_NFILES && !io.rc; f++) {
		const char *name = kb_file_names[f];
		uint64_t len = lens[f];
		imgio_req(&io, &name);
		imgio_u64(&io, &len);
		imgio_bytes(&io, texts[f], lens[f]);
	}
	offsets_at = out->len;
	for (int s = 0; s < SEC_N && !io.rc; s++) {
		uint64_t zero = 0;
		imgio_u64(&io, &zero);
	}
	write_sections(&io, kb, sec);
	if ((rc = io.rc))
		goto done;
	for (int s = 0; s < SEC_N; s++)
		for (int i = 0; i < 8; i++)
			out->data[offsets_at + 8 * (size_t)s + (size_t)i] =
				(char)((uint64_t)sec[s] >> (8 * i));
	imgio_header_seal(out);
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
	int rc;

	img.blob = NULL;
	img.len = 0;
	if (!blob)
		return CL_OK;
	if ((rc = imgio_header_check(blob, len, IMG_MAGIC, "knowledge-base image")))
		return rc;
	img.blob = blob;
	img.len = len;
	return CL_OK;
}

bool kb_image_in_use(void)
{
	return img.blob != NULL;
}

/* The header: each file's bytes compared with texts (those given). */
static int match_files(struct imgio *io, const char *const texts[KB_NFILES],
		       const size_t lens[KB_NFILES], size_t sec[SEC_N])
{
	io->p += IMGIO_HEADER_LEN;
	for (int f = 0; f < KB_NFILES; f++) {
		const char *name;
		uint64_t len = 0;
		imgio_req(io, &name);
		imgio_u64(io, &len);
		if (io->rc || strcmp(name, kb_file_names[f]) != 0 || (uint64_t)(io->end - io->p) < len)
			return CL_EINVAL;
		if (texts[f] && (lens[f] != len || memcmp(io->p, texts[f], lens[f]) != 0))
			return CL_ENOTFOUND;
		io->p += len;
	}
	for (int s = 0; s < SEC_N; s++) {
		uint64_t at = 0;
		imgio_u64(io, &at);
		if (io->rc || at > img.len)
			return CL_EINVAL;
		sec[s] = (size_t)at;
	}
	return CL_OK;
}

int kb_image_read(cl_kb *kb, const char *const texts[KB_NFILES], const size_t lens[KB_NFILES])
{
	static void (*const section[SEC_N])(struct imgio *, cl_kb *) = {io_sources, io_dri, io_labs,
								       io_meds};
	static const unsigned part[SEC_N] = {CL_KB_ALL, CL_KB_DRI, CL_KB_LABS, CL_KB_MEDS};
	struct imgio io = {NULL, img.blob, img.blob + img.len, CL_OK};
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
