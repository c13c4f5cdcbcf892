/*
 * Food rules: the data behind "foods rich in X" lists.  All phrases are
 * folded at load with the same function that folded the food names, and
 * kept padded with spaces (" egg ") so a match is always a whole word or a
 * run of whole words: "egg" must not match "eggplant".  Excepted phrases
 * are masked in a copy of the name before looking for excluded words, so
 * "peanut butter" is not dairy but "peanut butter with milk" still is.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/foodrules.h"
#include "error.h"
#include "foodrules_internal.h"
#include "imgio.h"
#include "textfold.h"
#include "util.h"

#define NAME_MAX_BYTES 600

struct first_word {
	const char *word; /* points into an item, after its leading space */
	size_t len;
	const char *item;
};

struct phrases {
	const char **items; /* " folded phrase " */
	size_t n;
	bool in_image; /* the items point into the compiled rules, not owned */
	struct first_word *index; /* folded lists: sorted by first word */
};

struct filter_set {
	char *name;
	struct phrases groups, words, except;
	bool include_vegetarian;
};

struct serving_rule {
	char *measure;  /* folded, no padding */
	char *prefix;   /* name rules: folded name prefix, or NULL */
	char *contains; /* name rules: " folded phrase ", or NULL */
	struct phrases groups; /* name rules: only in these groups (none: any) */
	double count;
};

struct group_servings {
	char code[5];
	struct serving_rule *rules;
	size_t n;
};

struct group_phrases {
	char code[5];
	struct phrases phrases;
};

struct cl_food_rules {
	struct phrases categories, excluded_groups, excluded, excluded_except, organ, acronyms;
	struct group_phrases *group_excl, *group_req;
	size_t ngroup_excl, ngroup_req;
	struct filter_set *diets, *avoids;
	size_t ndiets, navoids;
	struct phrases prefer, avoid_prep;
	struct group_servings *servings;
	size_t nservings;
	struct serving_rule *name_rules, *default_rules;
	size_t nname_rules, ndefault_rules;
	double max_grams;
	char hash[17]; /* of the file's bytes: keys the food pool cache */
	struct phrases common; /* everyday foods: folded name prefixes, " padded " */
	/* common.items[common_first[c] .. common_first[c + 1]) are those whose
	 * name starts with byte c (items[i][1]): sorted so at load. */
	size_t common_first[257];
	char common_hash[17]; /* of the prefixes: the pool cache stores commonness */
	double common_bonus;   /* ranking weight of a common food's amount */
};

static void free_phrases(struct phrases *p)
{
	for (size_t i = 0; !p->in_image && i < p->n; i++)
		free((char *)p->items[i]);
	free((void *)p->items);
	free(p->index);
	p->items = NULL;
	p->index = NULL;
	p->n = 0;
}

static int cmp_word(const char *a, size_t alen, const char *b, size_t blen)
{
	int d = strncmp(a, b, alen < blen ? alen : blen);
	return d ? d : (alen > blen) - (alen < blen);
}

static int by_first_word(const void *x, const void *y)
{
	const struct first_word *a = x, *b = y;
	return cmp_word(a->word, a->len, b->word, b->len);
}

/* Indexes folded phrases by their first word, so a name is matched by
 * looking up each of its words rather than searching it for every phrase. */
static int index_phrases(struct phrases *p)
{
	p->index = calloc(p->n + 1, sizeof(*p->index));
	if (!p->index)
		return cl_error_oom();
	for (size_t i = 0; i < p->n; i++) {
		const char *w = p->items[i] + 1;
		p->index[i].word = w;
		p->index[i].len = strcspn(w, " ");
		p->index[i].item = p->items[i];
	}
	qsort(p->index, p->n, sizeof(*p->index), by_first_word);
	return CL_OK;
}

static void free_set(struct filter_set *s)
{
	free(s->name);
	free_phrases(&s->groups);
	free_phrases(&s->words);
	free_phrases(&s->except);
}

void cl_food_rules_free(cl_food_rules *r)
{
	if (!r)
		return;
	free_phrases(&r->categories);
	free_phrases(&r->excluded_groups);
	free_phrases(&r->excluded);
	free_phrases(&r->excluded_except);
	free_phrases(&r->organ);
	free_phrases(&r->acronyms);
	for (size_t i = 0; i < r->ngroup_excl; i++)
		free_phrases(&r->group_excl[i].phrases);
	free(r->group_excl);
	for (size_t i = 0; i < r->ngroup_req; i++)
		free_phrases(&r->group_req[i].phrases);
	free(r->group_req);
	for (size_t i = 0; i < r->ndiets; i++)
		free_set(&r->diets[i]);
	free(r->diets);
	for (size_t i = 0; i < r->navoids; i++)
		free_set(&r->avoids[i]);
	free(r->avoids);
	free_phrases(&r->prefer);
	free_phrases(&r->avoid_prep);
	/* every rule's groups, though only name rules read them: the image
	 * reader gives each rule the same fields */
	for (size_t i = 0; i < r->nservings; i++) {
		for (size_t j = 0; j < r->servings[i].n; j++) {
			free(r->servings[i].rules[j].measure);
			free(r->servings[i].rules[j].prefix);
			free(r->servings[i].rules[j].contains);
			free_phrases(&r->servings[i].rules[j].groups);
		}
		free(r->servings[i].rules);
	}
	free(r->servings);
	for (size_t i = 0; i < r->nname_rules; i++) {
		free(r->name_rules[i].measure);
		free(r->name_rules[i].prefix);
		free(r->name_rules[i].contains);
		free_phrases(&r->name_rules[i].groups);
	}
	free(r->name_rules);
	for (size_t i = 0; i < r->ndefault_rules; i++) {
		free(r->default_rules[i].measure);
		free(r->default_rules[i].prefix);
		free(r->default_rules[i].contains);
		free_phrases(&r->default_rules[i].groups);
	}
	free(r->default_rules);
	free_phrases(&r->common);
	free(r);
}

/* Reads an array of strings; fold=false keeps them as written (group codes, acronyms). */
static int read_phrases(struct phrases *out, json_t *arr, const char *path, const char *where,
			bool fold)
{
	if (!json_is_array(arr))
		return cl_error_set(CL_EINVAL, "%s: %s must be an array of strings", path, where);
	out->items = calloc(json_array_size(arr) + 1, sizeof(*out->items));
	if (!out->items)
		return cl_error_oom();
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		char *folded = NULL;
		if (!json_is_string(v) || json_string_length(v) == 0)
			return cl_error_set(CL_EINVAL, "%s: %s item %zu must be a non-empty string", path,
					    where, i + 1);
		if (fold) {
			if (cl_fold(&folded, json_string_value(v)))
				return cl_error_prefix("%s: %s item %zu: ", path, where, i + 1);
		} else if (!(folded = strdup(json_string_value(v)))) {
			return cl_error_oom();
		}
		size_t len = strlen(folded);
		char *item = malloc(len + 3);
		if (!item) {
			free(folded);
			return cl_error_oom();
		}
		if (fold) { /* " phrase ", so that a match is a whole word; not snprintf: 600 a start */
			item[0] = ' ';
			memcpy(item + 1, folded, len);
			memcpy(item + len + 1, " ", 2);
		} else {
			memcpy(item, folded, len + 1);
		}
		out->items[i] = item;
		free(folded);
		out->n = i + 1;
	}
	return fold ? index_phrases(out) : CL_OK;
}

static int read_sets(struct filter_set **out, size_t *n, json_t *obj, const char *path,
		     const char *where)
{
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(obj))
		return cl_error_set(CL_EINVAL, "%s: \"%s\" must be an object", path, where);
	*out = calloc(json_object_size(obj) + 1, sizeof(**out));
	if (!*out)
		return cl_error_oom();
	json_object_foreach(obj, key, v)
	{
		struct filter_set *s = &(*out)[(*n)++];
		char at[96];
		if (!(s->name = strdup(key)))
			return cl_error_oom();
		snprintf(at, sizeof(at), "%s.%s", where, key);
		if (!json_is_object(v))
			return cl_error_set(CL_EINVAL, "%s: %s must be an object", path, at);
		if ((rc = read_phrases(&s->groups, json_object_get(v, "exclude_groups"), path, at,
				       false)) ||
		    (rc = read_phrases(&s->words, json_object_get(v, "exclude_words"), path, at, true)) ||
		    (rc = read_phrases(&s->except, json_object_get(v, "except_phrases"), path, at, true)))
			return rc;
		s->include_vegetarian = json_is_true(json_object_get(v, "include_vegetarian"));
	}
	return CL_OK;
}

static int read_serving_rule(struct serving_rule *r, json_t *v, const char *path, const char *at,
			     bool with_prefix)
{
	json_t *m = json_object_get(v, "measure"), *c = json_object_get(v, "count");
	if (!json_is_string(m) || !json_is_number(c) || json_number_value(c) <= 0 ||
	    json_number_value(c) > 20)
		return cl_error_set(CL_EINVAL, "%s: %s needs \"measure\" and a \"count\" from 0 to 20",
				    path, at);
	r->count = json_number_value(c);
	if (cl_fold(&r->measure, json_string_value(m)))
		return cl_error_prefix("%s: %s: ", path, at);
	if (with_prefix) {
		json_t *p = json_object_get(v, "starts_with"), *has = json_object_get(v, "contains");
		json_t *g = json_object_get(v, "groups");
		if (json_is_string(p) == json_is_string(has))
			return cl_error_set(CL_EINVAL, "%s: %s needs \"starts_with\" or \"contains\"",
					    path, at);
		if (json_is_string(p) && cl_fold(&r->prefix, json_string_value(p)))
			return cl_error_prefix("%s: %s: ", path, at);
		if (json_is_string(has)) {
			char *folded = NULL;
			if (cl_fold(&folded, json_string_value(has)))
				return cl_error_prefix("%s: %s: ", path, at);
			size_t len = strlen(folded) + 3;
			r->contains = malloc(len);
			if (!r->contains) {
				free(folded);
				return cl_error_oom();
			}
			snprintf(r->contains, len, " %s ", folded);
			free(folded);
		}
		if (g) {
			int rc = read_phrases(&r->groups, g, path, at, false);
			if (rc)
				return rc;
		}
	}
	return CL_OK;
}

static int read_servings(cl_food_rules *r, json_t *obj, const char *path)
{
	json_t *groups = json_object_get(obj, "groups"), *names = json_object_get(obj, "name_rules");
	json_t *defaults = json_object_get(obj, "default"), *max = json_object_get(obj, "max_grams");
	const char *code;
	json_t *list, *v;
	size_t i;
	int rc;

	if (!json_is_object(groups) || !json_is_array(names) || !json_is_array(defaults) ||
	    !json_is_number(max) || json_number_value(max) < 10)
		return cl_error_set(CL_EINVAL, "%s: servings needs \"max_grams\", \"name_rules\", "
					       "\"groups\" and \"default\"",
				    path);
	r->max_grams = json_number_value(max);
	r->servings = calloc(json_object_size(groups) + 1, sizeof(*r->servings));
	r->name_rules = calloc(json_array_size(names) + 1, sizeof(*r->name_rules));
	r->default_rules = calloc(json_array_size(defaults) + 1, sizeof(*r->default_rules));
	if (!r->servings || !r->name_rules || !r->default_rules)
		return cl_error_oom();
	json_object_foreach(groups, code, list)
	{
		struct group_servings *g = &r->servings[r->nservings++];
		char at[64];
		snprintf(g->code, sizeof(g->code), "%s", code);
		snprintf(at, sizeof(at), "servings.groups.%s", code);
		if (!json_is_array(list) || strlen(code) != 4)
			return cl_error_set(CL_EINVAL, "%s: %s must be a list of rules", path, at);
		g->rules = calloc(json_array_size(list) + 1, sizeof(*g->rules));
		if (!g->rules)
			return cl_error_oom();
		json_array_foreach(list, i, v)
		{
			g->n = i + 1;
			if ((rc = read_serving_rule(&g->rules[i], v, path, at, false)))
				return rc;
		}
	}
	json_array_foreach(names, i, v)
	{
		r->nname_rules = i + 1;
		if ((rc = read_serving_rule(&r->name_rules[i], v, path, "servings.name_rules", true)))
			return rc;
	}
	json_array_foreach(defaults, i, v)
	{
		r->ndefault_rules = i + 1;
		if ((rc = read_serving_rule(&r->default_rules[i], v, path, "servings.default", false)))
			return rc;
	}
	return CL_OK;
}

static int read_group_phrases(struct group_phrases **out, size_t *n, json_t *obj, const char *path,
			      const char *where)
{
	const char *code;
	json_t *list;
	int rc;

	if (!json_is_object(obj))
		return cl_error_set(CL_EINVAL, "%s: %s must be an object", path, where);
	*out = calloc(json_object_size(obj) + 1, sizeof(**out));
	if (!*out)
		return cl_error_oom();
	json_object_foreach(obj, code, list)
	{
		struct group_phrases *g = &(*out)[(*n)++];
		snprintf(g->code, sizeof(g->code), "%s", code);
		if ((rc = read_phrases(&g->phrases, list, path, where, true)))
			return rc;
	}
	return CL_OK;
}

/* Adds one folded, padded prefix to a phrase list. */
static int add_common(struct phrases *p, const char *text, const char *file, int line)
{
	char *folded = NULL, *padded;
	int rc;
	if ((rc = cl_fold(&folded, text)))
		return cl_error_set(CL_EINVAL, "%s line %d: not valid UTF-8", file, line);
	char *t = folded;
	while (*t == ' ')
		t++;
	size_t len = strlen(t);
	while (len && t[len - 1] == ' ')
		t[--len] = '\0';
	if (len == 0) {
		free(folded);
		return cl_error_set(CL_EINVAL, "%s line %d: empty food name prefix", file, line);
	}
	const char **grown = realloc((void *)p->items, (p->n + 1) * sizeof(*grown));
	padded = malloc(len + 3);
	if (!grown || !padded) {
		if (grown)
			p->items = grown;
		free(padded);
		free(folded);
		return cl_error_oom();
	}
	p->items = grown;
	snprintf(padded, len + 3, " %s ", t);
	free(folded);
	p->items[p->n++] = padded;
	return CL_OK;
}

static int by_first_letter(const void *a, const void *b)
{
	unsigned char x = (unsigned char)(*(char *const *)a)[1], y = (unsigned char)(*(char *const *)b)[1];
	return (x > y) - (x < y);
}

/*
 * Groups the common prefixes by their first byte: an advice asks whether
 * each of some 800 foods is common, and scanning every prefix for each cost
 * about 2,000 instructions a food.  Only a yes/no is asked of the list, so
 * its order does not matter.
 */
static void index_common(cl_food_rules *r)
{
	struct phrases *p = &r->common;
	if (p->n)
		qsort(p->items, p->n, sizeof(*p->items), by_first_letter);
	size_t i = 0;
	uint64_t h = UINT64_C(14695981039346656037);
	for (unsigned c = 0; c <= 256; c++) {
		while (i < p->n && (unsigned char)p->items[i][1] < c)
			i++;
		r->common_first[c] = i;
	}
	/* The food pool cache stores each food's commonness, so its key must
	 * change with the list (the rules file's hash does not cover it). */
	for (i = 0; i < p->n; i++)
		h = (h ^ cl_fnv1a(p->items[i], strlen(p->items[i]) + 1)) * UINT64_C(1099511628211);
	snprintf(r->common_hash, sizeof(r->common_hash), "%016llx", (unsigned long long)h);
}

/*
 * "common_foods": {"file": "common_foods.tsv", "rank_bonus": 3}: the file,
 * beside the rules file, lists prefixes of folded names of everyday foods,
 * one a line (tab, then the basis; '#' starts a comment line).
 */
static int read_common(cl_food_rules *r, json_t *obj, const char *path)
{
	char file[4096], line[512];
	int rc = CL_OK, lineno = 0;
	r->common_bonus = 1;
	if (!obj)
		return CL_OK;
	const char *name = json_string_value(json_object_get(obj, "file"));
	json_t *bonus = json_object_get(obj, "rank_bonus");
	if (!name || !*name || strchr(name, '/') || !json_is_number(bonus) ||
	    !(json_number_value(bonus) >= 1 && json_number_value(bonus) <= 100))
		return cl_error_set(CL_EINVAL,
				    "%s: common_foods needs a \"file\" (a name beside this file) and "
				    "a \"rank_bonus\" between 1 and 100",
				    path);
	r->common_bonus = json_number_value(bonus);
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	snprintf(file, sizeof(file), "%.*s%s", dirlen, path, name);
	FILE *f = fopen(file, "r");
	if (!f)
		return cl_error_set(CL_EIO, "%s: cannot open %s", path, file);
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		size_t len = strlen(line);
		if (len + 1 == sizeof(line) && line[len - 1] != '\n') {
			rc = cl_error_set(CL_EINVAL, "%s line %d: line too long", file, lineno);
			break;
		}
		line[strcspn(line, "\t\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((rc = add_common(&r->common, line, file, lineno)))
			break;
	}
	if (!rc && ferror(f))
		rc = cl_error_set(CL_EIO, "%s: read error", file);
	fclose(f);
	if (!rc)
		index_common(r);
	return rc;
}

/*
 * Parses the file from memory so the same bytes are hashed: the hash keys
 * the food pool cache, and any change to the file, even one that parses to
 * the same rules, makes the cache stale (safe, if sometimes needless).  The
 * same hash finds the file's tree in the data snapshot, if it holds it.
 */
static int load_hashed(json_t **doc, char hash[17], const char *path)
{
	json_error_t jerr;
	char *text = NULL;
	size_t len = 0, cap = 0;
	FILE *fp = fopen(path, "rb");
	uint64_t h;

	*doc = NULL;
	if (!fp)
		return cl_error_set(CL_EINVAL, "%s: cannot open: %s", path, strerror(errno));
	for (;;) {
		if (len == cap) {
			char *grown = realloc(text, cap = cap ? cap * 2 : 65536);
			if (!grown) {
				free(text);
				fclose(fp);
				return cl_error_oom();
			}
			text = grown;
		}
		size_t got = fread(text + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(text);
		return cl_error_set(CL_EIO, "%s: read error", path);
	}
	*doc = cl_json_load_data(text, len, JSON_REJECT_DUPLICATES, &jerr, &h);
	snprintf(hash, 17, "%016" PRIx64, h);
	free(text);
	if (!*doc)
		return cl_error_set(CL_EINVAL, "%s line %d column %d: %s", path, jerr.line,
				    jerr.column, jerr.text);
	return CL_OK;
}

int cl_food_rules_load_parsed(cl_food_rules **out, const char *path)
{
	json_t *doc, *ex, *prep;
	cl_food_rules *r;
	int rc;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return cl_error_oom();
	if ((rc = load_hashed(&doc, r->hash, path))) {
		free(r);
		return rc;
	}
	ex = json_object_get(doc, "excluded");
	prep = json_object_get(doc, "preparation");
	if ((rc = read_phrases(&r->categories, json_object_get(doc, "category_heads"), path,
			       "category_heads", true)) ||
	    (rc = read_phrases(&r->excluded_groups, json_object_get(ex, "groups"), path,
			       "excluded.groups", false)) ||
	    (rc = read_phrases(&r->excluded, json_object_get(ex, "phrases"), path, "excluded.phrases",
			       true)) ||
	    (rc = read_phrases(&r->excluded_except, json_object_get(ex, "except"), path,
			       "excluded.except", true)) ||
	    (rc = read_phrases(&r->organ, json_object_get(doc, "organ_meats"), path, "organ_meats",
			       true)) ||
	    (rc = read_phrases(&r->acronyms, json_object_get(doc, "branded_acronyms"), path,
			       "branded_acronyms", false)) ||
	    (rc = read_sets(&r->diets, &r->ndiets, json_object_get(doc, "diets"), path, "diets")) ||
	    (rc = read_sets(&r->avoids, &r->navoids, json_object_get(doc, "avoid"), path, "avoid")) ||
	    (rc = read_phrases(&r->prefer, json_object_get(prep, "prefer"), path,
			       "preparation.prefer", true)) ||
	    (rc = read_phrases(&r->avoid_prep, json_object_get(prep, "avoid"), path,
			       "preparation.avoid", true)) ||
	    (rc = read_servings(r, json_object_get(doc, "servings"), path)))
		goto fail;
	if ((rc = read_group_phrases(&r->group_excl, &r->ngroup_excl,
				     json_object_get(ex, "group_phrases"), path, "excluded.group_phrases")) ||
	    (rc = read_group_phrases(&r->group_req, &r->ngroup_req,
				     json_object_get(ex, "group_requires"), path, "excluded.group_requires")))
		goto fail;
	if ((rc = read_common(r, json_object_get(doc, "common_foods"), path)))
		goto fail;
	bool has_omnivore = false;
	for (size_t i = 0; i < r->ndiets; i++)
		has_omnivore |= strcmp(r->diets[i].name, "omnivore") == 0;
	if (!has_omnivore) {
		rc = cl_error_set(CL_EINVAL, "%s: diets must include \"omnivore\"", path);
		goto fail;
	}
	json_decref(doc);
	*out = r;
	return CL_OK;
fail:
	json_decref(doc);
	cl_food_rules_free(r);
	return rc;
}

/*
 * The compiled rules.  Folding and indexing some 700 phrases took about
 * 1.1 M instructions at every start of an assessment or a 'food rich'.  As
 * for the knowledge base (kbimage.c, whose codec this shares), the build
 * loads the rules once, as here, and writes the tables with copies of the
 * two files they come from (this one and its common-foods list); a load
 * whose files have exactly those bytes reads the tables back, and any
 * other bytes are parsed and checked as always.  The phrases (some 700)
 * point into the image, which outlives every load (copying them cost 0.3 M
 * instructions a start, and as much again to free them); the few names and
 * measures are copied, as the parser allocates them.  A phrase list's index
 * is stored as item numbers in its sorted order.
 *
 *   "CLFRIMG1"  u64 total length  str the common-foods file's name (or
 *   none)  u64 length and bytes of the rules file, then of the common-foods
 *   file  the tables
 */
#define FR_MAGIC "CLFRIMG1"
#define FR_MAX_ITEMS 100000

static struct {
	const unsigned char *blob;
	size_t len;
} rules_img;

static void io_phrases(struct imgio *io, struct phrases *p)
{
	size_t n = p->n;
	bool indexed = p->index != NULL;

	imgio_count(io, &n, FR_MAX_ITEMS);
	/* none for an empty list (a serving rule's groups are never read) */
	if (imgio_reading(io) && !io->rc && n && !(p->items = calloc(n + 1, sizeof(*p->items))))
		imgio_fail(io, CL_ENOMEM);
	if (imgio_reading(io))
		p->in_image = true;
	for (size_t i = 0; i < n && !io->rc; i++) {
		imgio_req(io, &p->items[i]); /* in place: the image outlives the rules */
		if (imgio_reading(io) && !io->rc)
			p->n = i + 1;
	}
	imgio_bool(io, &indexed);
	if (!indexed || io->rc)
		return;
	if (imgio_reading(io) && !(p->index = calloc(n + 1, sizeof(*p->index)))) {
		imgio_fail(io, CL_ENOMEM);
		return;
	}
	for (size_t j = 0; j < n && !io->rc; j++) {
		size_t k = 0;
		if (!imgio_reading(io))
			while (k < n && p->items[k] != p->index[j].item)
				k++;
		imgio_count(io, &k, n ? n - 1 : 0);
		if (imgio_reading(io) && !io->rc) {
			const char *w = p->items[k] + 1; /* " phrase ", as index_phrases() has it */
			if (p->items[k][0] != ' ')
				imgio_fail(io, CL_EINVAL);
			else
				p->index[j] = (struct first_word){w, strcspn(w, " "), p->items[k]};
		}
	}
}

static void io_code(struct imgio *io, char code[5])
{
	imgio_chars(io, code, 5);
}

static void io_sets(struct imgio *io, struct filter_set **sets, size_t *count)
{
	size_t n = *count;
	imgio_count(io, &n, CL_FOOD_CLASS_MAX_SETS);
	if (imgio_reading(io) && !io->rc && !(*sets = calloc(n + 1, sizeof(**sets))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		struct filter_set *f = &(*sets)[i];
		if (imgio_reading(io))
			*count = i + 1; /* first, so the free sees a half-read one */
		imgio_dup(io, &f->name);
		io_phrases(io, &f->groups);
		io_phrases(io, &f->words);
		io_phrases(io, &f->except);
		imgio_bool(io, &f->include_vegetarian);
	}
}

static void io_opt_dup(struct imgio *io, char **s)
{
	const char *t = *s;
	imgio_str(io, &t);
	if (imgio_reading(io) && !io->rc && t && !(*s = strdup(t)))
		imgio_fail(io, CL_ENOMEM);
}

static void io_serving_rules(struct imgio *io, struct serving_rule **rules, size_t *count)
{
	size_t n = *count;
	imgio_count(io, &n, FR_MAX_ITEMS);
	if (imgio_reading(io) && !io->rc && !(*rules = calloc(n + 1, sizeof(**rules))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		struct serving_rule *r = &(*rules)[i];
		if (imgio_reading(io))
			*count = i + 1;
		imgio_dup(io, &r->measure);
		io_opt_dup(io, &r->prefix);
		io_opt_dup(io, &r->contains);
		io_phrases(io, &r->groups);
		imgio_f64(io, &r->count);
	}
}

static void io_group_phrases(struct imgio *io, struct group_phrases **list, size_t *count)
{
	size_t n = *count;
	imgio_count(io, &n, FR_MAX_ITEMS);
	if (imgio_reading(io) && !io->rc && !(*list = calloc(n + 1, sizeof(**list))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		if (imgio_reading(io))
			*count = i + 1;
		io_code(io, (*list)[i].code);
		io_phrases(io, &(*list)[i].phrases);
	}
}

static void io_rules(struct imgio *io, cl_food_rules *r)
{
	size_t n;

	io_phrases(io, &r->categories);
	io_phrases(io, &r->excluded_groups);
	io_phrases(io, &r->excluded);
	io_phrases(io, &r->excluded_except);
	io_phrases(io, &r->organ);
	io_phrases(io, &r->acronyms);
	io_group_phrases(io, &r->group_excl, &r->ngroup_excl);
	io_group_phrases(io, &r->group_req, &r->ngroup_req);
	io_sets(io, &r->diets, &r->ndiets);
	io_sets(io, &r->avoids, &r->navoids);
	io_phrases(io, &r->prefer);
	io_phrases(io, &r->avoid_prep);
	n = r->nservings;
	imgio_count(io, &n, FR_MAX_ITEMS);
	if (imgio_reading(io) && !io->rc && !(r->servings = calloc(n + 1, sizeof(*r->servings))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		struct group_servings *g = &r->servings[i];
		if (imgio_reading(io))
			r->nservings = i + 1;
		io_code(io, g->code);
		io_serving_rules(io, &g->rules, &g->n);
	}
	io_serving_rules(io, &r->name_rules, &r->nname_rules);
	io_serving_rules(io, &r->default_rules, &r->ndefault_rules);
	imgio_f64(io, &r->max_grams);
	imgio_chars(io, r->hash, sizeof(r->hash));
	io_phrases(io, &r->common);
	for (int c = 0; c < 257 && !io->rc; c++) {
		imgio_count(io, &r->common_first[c], r->common.n);
		if (imgio_reading(io) && c > 0 && r->common_first[c] < r->common_first[c - 1])
			imgio_fail(io, CL_EINVAL); /* a lookup walks [first[c], first[c + 1]) */
	}
	imgio_chars(io, r->common_hash, sizeof(r->common_hash));
	imgio_f64(io, &r->common_bonus);
}

/* The common-foods file beside path, as read_common() names it; NULL when none. */
static const char *common_name(json_t *doc)
{
	return json_string_value(json_object_get(json_object_get(doc, "common_foods"), "file"));
}

static int read_beside(char **text, size_t *len, const char *path, const char *name)
{
	char file[4096];
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	snprintf(file, sizeof(file), "%.*s%s", dirlen, path, name);
	return cl_read_file(text, len, file, (size_t)64 << 20);
}

int cl_food_rules_image_build(cl_buf *out, const char *path)
{
	struct imgio io = {out, NULL, NULL, CL_OK};
	cl_food_rules *r = NULL;
	json_t *doc = NULL;
	char *texts[2] = {0};
	size_t lens[2] = {0};
	const char *name;
	int rc;

	out->len = 0;
	if ((rc = cl_food_rules_load_parsed(&r, path)) ||
	    (rc = cl_read_file(&texts[0], &lens[0], path, (size_t)64 << 20)))
		goto done;
	if (!(doc = json_loadb(texts[0], lens[0], JSON_REJECT_DUPLICATES, NULL))) {
		rc = cl_error_set(CL_EINVAL, "%s: changed while read", path);
		goto done;
	}
	name = common_name(doc);
	if (name && (rc = read_beside(&texts[1], &lens[1], path, name)))
		goto done;
	if ((rc = imgio_header_put(out, FR_MAGIC)))
		goto done;
	imgio_str(&io, &name);
	for (int f = 0; f < 2; f++) {
		uint64_t len = lens[f];
		imgio_u64(&io, &len);
		imgio_bytes(&io, texts[f] ? texts[f] : "", lens[f]);
	}
	io_rules(&io, r);
	if ((rc = io.rc))
		goto done;
	imgio_header_seal(out);
done:
	json_decref(doc);
	free(texts[0]);
	free(texts[1]);
	cl_food_rules_free(r);
	if (rc)
		out->len = 0;
	return rc;
}

int cl_food_rules_image_use(const void *blob, size_t len)
{
	int rc;

	rules_img.blob = NULL;
	rules_img.len = 0;
	if (!blob)
		return CL_OK;
	if ((rc = imgio_header_check(blob, len, FR_MAGIC, "food rules image")))
		return rc;
	rules_img.blob = blob;
	rules_img.len = len;
	return CL_OK;
}

/* The file's bytes equal the image's copy at io (which moves past it). */
static bool same_bytes(struct imgio *io, const char *text, size_t len)
{
	uint64_t n = 0;
	imgio_u64(io, &n);
	if (io->rc || n != len || (uint64_t)(io->end - io->p) < n)
		return false;
	bool same = len == 0 || memcmp(io->p, text, len) == 0;
	io->p += n;
	return same;
}

/* From the image, when it holds exactly the bytes of the rules file and
 * of its common-foods file; CL_OK or anything else to parse them. */
static int load_from_image(cl_food_rules **out, const char *path)
{
	struct imgio io = {NULL, rules_img.blob + IMGIO_HEADER_LEN, rules_img.blob + rules_img.len, CL_OK};
	char *texts[2] = {0};
	size_t lens[2] = {0};
	const char *name = NULL;
	cl_food_rules *r = NULL;
	int rc = CL_ENOTFOUND;

	imgio_str(&io, &name);
	if (io.rc || (name && strchr(name, '/')) ||
	    cl_read_file(&texts[0], &lens[0], path, (size_t)64 << 20) ||
	    (name && read_beside(&texts[1], &lens[1], path, name)) ||
	    !same_bytes(&io, texts[0], lens[0]) || !same_bytes(&io, texts[1], lens[1]))
		goto done;
	if (!(r = calloc(1, sizeof(*r)))) {
		rc = CL_ENOMEM;
		goto done;
	}
	io_rules(&io, r);
	if ((rc = io.rc) == CL_OK && io.p != io.end)
		rc = CL_EINVAL; /* the tables must fill the image exactly */
done:
	free(texts[0]);
	free(texts[1]);
	if (rc) {
		cl_food_rules_free(r);
		cl_error_clear();
		return rc;
	}
	*out = r;
	return CL_OK;
}

int cl_food_rules_load(cl_food_rules **out, const char *path)
{
	*out = NULL;
	if (rules_img.blob && load_from_image(out, path) == CL_OK)
		return CL_OK;
	return cl_food_rules_load_parsed(out, path);
}

int cl_food_rules_tables(cl_buf *out, const cl_food_rules *r)
{
	struct imgio io = {out, NULL, NULL, CL_OK};
	/* writing only reads the tables */
	io_rules(&io, (cl_food_rules *)r);
	return io.rc;
}

static const struct filter_set *find_set(const struct filter_set *sets, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(sets[i].name, name) == 0)
			return &sets[i];
	return NULL;
}

static int unknown_name(const struct filter_set *sets, size_t n, const char *what,
			const char *name)
{
	char known[256] = "";
	size_t len = 0;
	for (size_t i = 0; i < n && len < sizeof(known); i++)
		len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s", i ? ", " : "",
					sets[i].name);
	return cl_error_set(CL_EINVAL, "unknown %s '%s' (known: %s)", what, name, known);
}

int cl_food_rules_check_filter(const cl_food_rules *r, const cl_food_filter *f)
{
	if (f->diet && !find_set(r->diets, r->ndiets, f->diet))
		return unknown_name(r->diets, r->ndiets, "diet", f->diet);
	for (size_t i = 0; i < f->navoid; i++)
		if (!find_set(r->avoids, r->navoids, f->avoid[i]))
			return unknown_name(r->avoids, r->navoids, "food to avoid", f->avoid[i]);
	return CL_OK;
}

/* " folded name " in buf, cut to fit as snprintf would (without its cost). */
static void pad(char *buf, size_t size, const char *folded)
{
	if (size == 0)
		return;
	size_t at = 0, len = strlen(folded);
	if (at + 1 < size)
		buf[at++] = ' ';
	size_t keep = len < size - at - 1 ? len : size - at - 1;
	memcpy(buf + at, folded, keep);
	at += keep;
	if (at + 1 < size)
		buf[at++] = ' ';
	buf[at] = '\0';
}

static const char *find_phrase(const char *padded, const struct phrases *p)
{
	if (!p->index) {
		for (size_t i = 0; i < p->n; i++)
			if (strstr(padded, p->items[i]))
				return p->items[i];
		return NULL;
	}
	/* padded is " w1 w2 ... "; try the phrases that start with each word. */
	for (const char *w = padded + 1; *w;) {
		size_t len = strcspn(w, " ");
		size_t lo = 0, hi = p->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cmp_word(p->index[mid].word, p->index[mid].len, w, len) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < p->n && cmp_word(p->index[i].word, p->index[i].len, w, len) == 0;
		     i++) {
			const char *item = p->index[i].item;
			if (strncmp(w - 1, item, strlen(item)) == 0)
				return item;
		}
		w += len;
		while (*w == ' ')
			w++;
	}
	return NULL;
}

static bool in_list(const struct phrases *p, const char *code)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->items[i], code) == 0)
			return true;
	return false;
}

/* Overwrites each excepted phrase (inside its boundary spaces) with '_'. */
static void mask(char *padded, const struct phrases *except)
{
	for (size_t i = 0; i < except->n; i++) {
		const char *e = except->items[i];
		size_t len = strlen(e);
		for (char *at = strstr(padded, e); at; at = strstr(at + 1, e))
			memset(at + 1, '_', len - 2);
	}
}

static void why_text(char *why, size_t size, const char *prefix, const char *phrase)
{
	if (!why || !size)
		return;
	if (!phrase) {
		snprintf(why, size, "%s", prefix);
		return;
	}
	size_t len = strlen(phrase);
	snprintf(why, size, "%s: %.*s", prefix, (int)(len >= 2 ? len - 2 : 0), phrase + 1);
}

static const char *set_excludes(const struct filter_set *s, const char *folded, const char *group,
				char *why, size_t why_size, const char *label)
{
	char buf[NAME_MAX_BYTES + 3];
	const char *hit;

	if (in_list(&s->groups, group)) {
		snprintf(why, why_size, "%s: food group %s", label, group);
		return why;
	}
	pad(buf, sizeof(buf), folded);
	mask(buf, &s->except);
	if ((hit = find_phrase(buf, &s->words))) {
		why_text(why, why_size, label, hit);
		return why;
	}
	return NULL;
}

const char *cl_food_rules_diet_excluded(const cl_food_rules *r, const cl_food_filter *f,
					const char *folded, const char *group, char *why,
					size_t why_size)
{
	const char *diet = f->diet ? f->diet : "omnivore";
	const struct filter_set *s = find_set(r->diets, r->ndiets, diet);
	const char *res;

	if (!group)
		group = "";
	if (!s)
		return NULL;
	if ((res = set_excludes(s, folded, group, why, why_size, diet)))
		return res;
	if (s->include_vegetarian) {
		const struct filter_set *veg = find_set(r->diets, r->ndiets, "vegetarian");
		if (veg && (res = set_excludes(veg, folded, group, why, why_size, diet)))
			return res;
	}
	for (size_t i = 0; i < f->navoid; i++) {
		const struct filter_set *a = find_set(r->avoids, r->navoids, f->avoid[i]);
		char label[64];
		snprintf(label, sizeof(label), "avoid %s", f->avoid[i]);
		if (a && (res = set_excludes(a, folded, group, why, why_size, label)))
			return res;
	}
	return NULL;
}

static bool branded(const cl_food_rules *r, const char *name)
{
	for (const char *p = name; *p;) {
		while (*p && !isupper((unsigned char)*p))
			p++;
		const char *start = p;
		size_t letters = 0;
		bool all_upper = true;
		while (*p && (isalpha((unsigned char)*p) || *p == '\'' || *p == '&' || *p == '-')) {
			if (islower((unsigned char)*p))
				all_upper = false;
			letters += isalpha((unsigned char)*p) != 0;
			p++;
		}
		if (p == start) {
			if (*p)
				p++;
			continue;
		}
		if (all_upper && letters >= 3) {
			char word[64];
			snprintf(word, sizeof(word), "%.*s", (int)(p - start), start);
			if (!in_list(&r->acronyms, word))
				return true;
		}
	}
	return false;
}

const char *cl_food_rules_excluded(const cl_food_rules *r, const cl_food_filter *f,
				   const char *name, const char *folded, const char *group,
				   char *why, size_t why_size)
{
	char buf[NAME_MAX_BYTES + 3];
	const char *hit;

	if (!group)
		group = "";
	if (strlen(folded) > NAME_MAX_BYTES) {
		snprintf(why, why_size, "name too long to classify");
		return why;
	}
	if (in_list(&r->excluded_groups, group)) {
		snprintf(why, why_size, "not suggested: food group %s", group);
		return why;
	}
	if (branded(r, name)) {
		snprintf(why, why_size, "branded item");
		return why;
	}
	pad(buf, sizeof(buf), folded);
	if (!f->include_organ_meats && (hit = find_phrase(buf, &r->organ))) {
		why_text(why, why_size, "organ meat", hit);
		return why;
	}
	mask(buf, &r->excluded_except);
	if ((hit = find_phrase(buf, &r->excluded))) {
		why_text(why, why_size, "not eaten as such", hit);
		return why;
	}
	for (size_t i = 0; i < r->ngroup_excl; i++)
		if (strcmp(r->group_excl[i].code, group) == 0 &&
		    (hit = find_phrase(buf, &r->group_excl[i].phrases))) {
			why_text(why, why_size, "not eaten as such", hit);
			return why;
		}
	for (size_t i = 0; i < r->ngroup_req; i++)
		if (strcmp(r->group_req[i].code, group) == 0 &&
		    !find_phrase(buf, &r->group_req[i].phrases)) {
			snprintf(why, why_size, "not eaten as such: uncooked");
			return why;
		}
	return cl_food_rules_diet_excluded(r, f, folded, group, why, why_size);
}

/* The measure matches when its folded name is the rule's measure or starts with it + ' '. */
static const cl_measure *find_measure(const cl_food *food, const char *want)
{
	size_t wlen = strlen(want);
	for (size_t i = 0; i < food->nmeasures; i++) {
		char *folded = NULL;
		if (cl_fold(&folded, food->measures[i].name) != CL_OK) {
			free(folded);
			continue;
		}
		bool ok = strncmp(folded, want, wlen) == 0 && (folded[wlen] == '\0' || folded[wlen] == ' ');
		free(folded);
		if (ok && food->measures[i].amount > 0 && food->measures[i].grams > 0)
			return &food->measures[i];
	}
	return NULL;
}

static void measure_label(cl_serving *out, double count, const cl_measure *m)
{
	const char *paren = strstr(m->name, " (");
	int len = paren ? (int)(paren - m->name) : (int)strlen(m->name);
	snprintf(out->label, sizeof(out->label), "%g %.*s", count, len, m->name);
}

/* One avoirdupois ounce; a weight needs no household measure. */
#define GRAMS_PER_OZ 28.349523125

/* US customary volumes in cups, to derive one from another. */
static const struct {
	const char *name;
	double cups;
} volumes[] = {{"cup", 1.0}, {"fl oz", 1.0 / 8}, {"tbsp", 1.0 / 16}, {"tsp", 1.0 / 48}};

/* Grams of one `want` measure, derived from another volume measure the food has. */
static double derived_volume(const cl_food *food, const char *want)
{
	double want_cups = 0;
	for (size_t i = 0; i < sizeof(volumes) / sizeof(volumes[0]); i++)
		if (strcmp(want, volumes[i].name) == 0)
			want_cups = volumes[i].cups;
	if (want_cups == 0)
		return 0;
	for (size_t i = 0; i < sizeof(volumes) / sizeof(volumes[0]); i++) {
		const cl_measure *m = find_measure(food, volumes[i].name);
		if (m)
			return m->grams / m->amount / volumes[i].cups * want_cups;
	}
	return 0;
}

static bool apply_rule(cl_serving *out, const cl_food_rules *r, const cl_food *food,
		       const struct serving_rule *rule)
{
	double grams;
	if (strcmp(rule->measure, "oz") == 0) {
		grams = rule->count * GRAMS_PER_OZ;
		snprintf(out->label, sizeof(out->label), "%g oz", rule->count);
	} else {
		const cl_measure *m = find_measure(food, rule->measure);
		if (m) {
			grams = rule->count * m->grams / m->amount;
			measure_label(out, rule->count, m);
		} else {
			double one = derived_volume(food, rule->measure);
			if (one <= 0)
				return false;
			grams = rule->count * one;
			snprintf(out->label, sizeof(out->label), "%g %s", rule->count, rule->measure);
		}
	}
	if (grams > r->max_grams)
		return false;
	out->grams = grams;
	return true;
}

static bool name_rule_fits(const struct serving_rule *rule, const char *padded, const char *folded,
			   const char *group)
{
	if (rule->groups.n && !in_list(&rule->groups, group))
		return false;
	if (rule->prefix) {
		size_t len = strlen(rule->prefix);
		return strncmp(folded, rule->prefix, len) == 0 &&
		       (folded[len] == ' ' || folded[len] == '\0');
	}
	return rule->contains && strstr(padded, rule->contains);
}

void cl_food_rules_serving(cl_serving *out, const cl_food_rules *r, const cl_food *food,
			   const char *folded)
{
	char padded[NAME_MAX_BYTES + 3];
	pad(padded, sizeof(padded), strlen(folded) > NAME_MAX_BYTES ? "" : folded);
	for (size_t i = 0; i < r->nname_rules; i++)
		if (name_rule_fits(&r->name_rules[i], padded, folded, food->group_code) &&
		    apply_rule(out, r, food, &r->name_rules[i]))
			return;
	for (size_t i = 0; i < r->nservings; i++) {
		if (strcmp(r->servings[i].code, food->group_code) != 0)
			continue;
		for (size_t j = 0; j < r->servings[i].n; j++)
			if (apply_rule(out, r, food, &r->servings[i].rules[j]))
				return;
	}
	for (size_t i = 0; i < r->ndefault_rules; i++)
		if (apply_rule(out, r, food, &r->default_rules[i]))
			return;
	out->grams = 100;
	snprintf(out->label, sizeof(out->label), "100 g");
}

void cl_food_rules_identity(char *out, size_t size, const cl_food_rules *r, const char *name)
{
	char first[256] = "", second[256] = "";
	const char *comma = strchr(name, ',');
	char *f1 = NULL, *f2 = NULL;

	snprintf(first, sizeof(first), "%.*s", comma ? (int)(comma - name) : (int)strlen(name), name);
	if (comma) {
		const char *rest = comma + 1;
		const char *c2 = strchr(rest, ',');
		snprintf(second, sizeof(second), "%.*s", c2 ? (int)(c2 - rest) : (int)strlen(rest), rest);
	}
	if (cl_fold(&f1, first) || cl_fold(&f2, second)) {
		snprintf(out, size, "%s", name);
		goto done;
	}
	char padded[300];
	pad(padded, sizeof(padded), f1);
	bool category = false;
	for (size_t i = 0; i < r->categories.n; i++)
		category |= strcmp(padded, r->categories.items[i]) == 0;
	if (category && *f2)
		snprintf(out, size, "%s %s", f1, f2);
	else
		snprintf(out, size, "%s", f1);
done:
	free(f1);
	free(f2);
}

int cl_food_rules_preparation_score(const cl_food_rules *r, const char *folded)
{
	char buf[NAME_MAX_BYTES + 3];
	int score = 0;
	if (strlen(folded) > NAME_MAX_BYTES)
		return 0;
	pad(buf, sizeof(buf), folded);
	for (size_t i = 0; i < r->prefer.n; i++)
		score += strstr(buf, r->prefer.items[i]) != NULL;
	for (size_t i = 0; i < r->avoid_prep.n; i++)
		score -= strstr(buf, r->avoid_prep.items[i]) != NULL;
	return score;
}

/* --- for the food pool cache (foodrules_internal.h) ---------------------- */

const char *cl_food_rules_hash(const cl_food_rules *r)
{
	return r->hash;
}

const char *cl_food_rules_common_hash(const cl_food_rules *r)
{
	return r->common_hash[0] ? r->common_hash : "none";
}

/*
 * The same tests as cl_food_rules_excluded(), each set tested on its own:
 * the filter-independent ones give "excluded", the organ list "organ", and
 * each diet and avoid set one bit.  The vegetarian set a diet includes is
 * applied through the masks (cl_food_rules_filter_masks), not here.
 */
int cl_food_rules_classify(cl_food_class *out, const cl_food_rules *r, const char *name,
			   const char *folded, const char *group)
{
	char buf[NAME_MAX_BYTES + 3], why[8];

	memset(out, 0, sizeof(*out));
	if (r->ndiets > CL_FOOD_CLASS_MAX_SETS || r->navoids > CL_FOOD_CLASS_MAX_SETS)
		return cl_error_set(CL_EINVAL, "food rules: too many diets or avoid sets to cache");
	if (!group)
		group = "";
	if (strlen(folded) > NAME_MAX_BYTES || in_list(&r->excluded_groups, group) ||
	    branded(r, name)) {
		out->excluded = true;
		return CL_OK;
	}
	pad(buf, sizeof(buf), folded);
	out->organ = find_phrase(buf, &r->organ) != NULL;
	mask(buf, &r->excluded_except);
	if (find_phrase(buf, &r->excluded)) {
		out->excluded = true;
		return CL_OK;
	}
	for (size_t i = 0; i < r->ngroup_excl; i++)
		if (strcmp(r->group_excl[i].code, group) == 0 &&
		    find_phrase(buf, &r->group_excl[i].phrases)) {
			out->excluded = true;
			return CL_OK;
		}
	for (size_t i = 0; i < r->ngroup_req; i++)
		if (strcmp(r->group_req[i].code, group) == 0 &&
		    !find_phrase(buf, &r->group_req[i].phrases)) {
			out->excluded = true;
			return CL_OK;
		}
	for (size_t i = 0; i < r->ndiets; i++)
		if (set_excludes(&r->diets[i], folded, group, why, sizeof(why), ""))
			out->diets |= UINT64_C(1) << i;
	for (size_t i = 0; i < r->navoids; i++)
		if (set_excludes(&r->avoids[i], folded, group, why, sizeof(why), ""))
			out->avoids |= UINT64_C(1) << i;
	return CL_OK;
}

void cl_food_rules_filter_masks(const cl_food_rules *r, const cl_food_filter *f, uint64_t *diets,
				uint64_t *avoids)
{
	const char *diet = f->diet ? f->diet : "omnivore";
	*diets = *avoids = 0;
	for (size_t i = 0; i < r->ndiets && i < CL_FOOD_CLASS_MAX_SETS; i++) {
		if (strcmp(r->diets[i].name, diet) != 0)
			continue;
		*diets |= UINT64_C(1) << i;
		if (r->diets[i].include_vegetarian)
			for (size_t j = 0; j < r->ndiets && j < CL_FOOD_CLASS_MAX_SETS; j++)
				if (strcmp(r->diets[j].name, "vegetarian") == 0)
					*diets |= UINT64_C(1) << j;
	}
	for (size_t a = 0; a < f->navoid; a++)
		for (size_t i = 0; i < r->navoids && i < CL_FOOD_CLASS_MAX_SETS; i++)
			if (strcmp(r->avoids[i].name, f->avoid[a]) == 0)
				*avoids |= UINT64_C(1) << i;
}

bool cl_food_rules_common(const cl_food_rules *r, const char *folded)
{
	char padded[NAME_MAX_BYTES + 3];
	if (!r || !folded)
		return false;
	pad(padded, sizeof(padded), folded);
	/* A prefix at a word boundary: " milk reduced fat " starts " milk reduced fat fluid ".
	 * Only the prefixes with the name's first letter can match (index_common). */
	unsigned char c = (unsigned char)padded[1];
	for (size_t i = r->common_first[c]; i < r->common_first[c + 1]; i++) {
		const char *item = r->common.items[i];
		if (strncmp(padded, item, strlen(item)) == 0)
			return true;
	}
	return false;
}

double cl_food_rules_common_bonus(const cl_food_rules *r)
{
	return r ? r->common_bonus : 1;
}
