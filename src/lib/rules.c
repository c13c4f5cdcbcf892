/*
 * Screening rules read from data (data/triage.json), so that a clinician can
 * review and change thresholds without reading C.  The file is validated
 * completely when loaded: unknown keys (a misspelt "al" for "all"), unknown
 * levels, malformed terms and citations that do not exist are all refused
 * with the file and rule named, because a rule that silently never fires is
 * the worst failure a red-flag list can have.  Terms are parsed once at load
 * into (name, operator, number) so evaluation is a few comparisons.
 *
 * The build also compiles the rules (as kbimage.c the knowledge base): it
 * loads the file once, as here, and writes the rules with a copy of the
 * file's bytes; a load whose file has exactly those bytes reads the rules
 * back, building no tree and checking nothing again (0.32 M instructions
 * at every assessment), and any other bytes are parsed and checked as
 * always, with the same messages.  The image's strings are used in place.
 *
 *   "CLTRIMG1"  u64 total length  u64 length and bytes of the file
 *   u32 rules, each: str id, reason, action  int level  the "all" terms
 *   and the "any" terms (u32 count; each str name, int operator, f64
 *   number)  u32 sources, each the citation's str
 */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/rules.h"
#include "error.h"
#include "imgio.h"
#include "rules_internal.h"
#include "util.h"

enum term_op { OP_FLAG, OP_LT, OP_LE, OP_GT, OP_GE };

struct term {
	const char *name;
	enum term_op op;
	double value;
};

struct rule {
	const char *id, *reason, *action;
	cl_triage_level level;
	struct term *all, *any;
	size_t nall, nany;
	const char **sources; /* NULL-terminated */
};

struct cl_rules {
	json_t *doc; /* owns every string the rules point to, when parsed */
	bool in_image; /* else they point into the compiled rules */
	struct rule *rules;
	size_t count;
	const char **fact_names;
	size_t nfacts;
};

static const char *const level_names[] = {"self_care", "routine", "urgent", "emergency"};

const char *cl_triage_level_name(cl_triage_level level)
{
	return (unsigned)level < 4 ? level_names[level] : "unknown";
}

static int parse_term(struct term *t, const char *text, const char *path, const char *id)
{
	const char *p = text;
	while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
		p++;
	size_t name_len = (size_t)(p - text);
	if (name_len == 0)
		goto bad;
	t->name = strndup(text, name_len);
	if (!t->name)
		return cl_error_oom();
	while (*p == ' ')
		p++;
	if (!*p) {
		t->op = OP_FLAG;
		return CL_OK;
	}
	if (p[0] == '<' && p[1] == '=')
		t->op = OP_LE, p += 2;
	else if (p[0] == '>' && p[1] == '=')
		t->op = OP_GE, p += 2;
	else if (p[0] == '<')
		t->op = OP_LT, p++;
	else if (p[0] == '>')
		t->op = OP_GT, p++;
	else
		goto bad;
	while (*p == ' ')
		p++;
	if (!cl_parse_decimal(p, strlen(p), &t->value))
		goto bad;
	return CL_OK;
bad:
	return cl_error_set(CL_EINVAL,
			    "%s: rule '%s': term '%s' is not 'name' or 'name OP number' "
			    "(OP one of < <= > >=)",
			    path, id, text);
}

static int parse_terms(struct term **out, size_t *n, json_t *arr, const char *path,
		       const char *id, const char *key, bool required)
{
	*out = NULL;
	*n = 0;
	if (!arr) {
		if (required)
			return cl_error_set(CL_EINVAL, "%s: rule '%s' has no \"%s\" terms", path, id,
					    key);
		return CL_OK;
	}
	if (!json_is_array(arr) || (required && json_array_size(arr) == 0))
		return cl_error_set(CL_EINVAL, "%s: rule '%s': \"%s\" must be a non-empty array of terms",
				    path, id, key);
	*out = calloc(json_array_size(arr) + 1, sizeof(**out));
	if (!*out)
		return cl_error_oom();
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (!json_is_string(v))
			return cl_error_set(CL_EINVAL, "%s: rule '%s': \"%s\" item %zu is not a string",
					    path, id, key, i + 1);
		int rc = parse_term(&(*out)[i], json_string_value(v), path, id);
		(*n)++;
		if (rc)
			return rc;
	}
	return CL_OK;
}

static const char *string_field(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

static int load_rule(struct rule *r, json_t *obj, json_t *sources, const char *path, size_t index)
{
	static const char *const allowed[] = {"id", "level", "all", "any", "reason", "action",
					      "sources", NULL};
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(obj))
		return cl_error_set(CL_EINVAL, "%s: rule %zu is not an object", path, index + 1);
	r->id = string_field(obj, "id");
	if (!r->id)
		return cl_error_set(CL_EINVAL, "%s: rule %zu has no \"id\"", path, index + 1);
	json_object_foreach(obj, key, v)
	{
		bool ok = false;
		for (int i = 0; allowed[i]; i++)
			ok |= strcmp(key, allowed[i]) == 0;
		if (!ok)
			return cl_error_set(CL_EINVAL, "%s: rule '%s': unknown field \"%s\"", path,
					    r->id, key);
	}
	const char *level = string_field(obj, "level");
	r->level = 4;
	for (int i = 0; level && i < 4; i++)
		if (strcmp(level, level_names[i]) == 0)
			r->level = (cl_triage_level)i;
	if (r->level == 4)
		return cl_error_set(CL_EINVAL,
				    "%s: rule '%s': \"level\" must be emergency, urgent, routine or self_care",
				    path, r->id);
	r->reason = string_field(obj, "reason");
	r->action = string_field(obj, "action");
	if (!r->reason || !r->action)
		return cl_error_set(CL_EINVAL, "%s: rule '%s' needs a \"reason\" and an \"action\"",
				    path, r->id);
	if ((rc = parse_terms(&r->all, &r->nall, json_object_get(obj, "all"), path, r->id, "all",
			      true)) ||
	    (rc = parse_terms(&r->any, &r->nany, json_object_get(obj, "any"), path, r->id, "any",
			      false)))
		return rc;
	json_t *src = json_object_get(obj, "sources");
	if (!json_is_array(src) || json_array_size(src) == 0)
		return cl_error_set(CL_EINVAL, "%s: rule '%s' cites no \"sources\"", path, r->id);
	r->sources = calloc(json_array_size(src) + 1, sizeof(*r->sources));
	if (!r->sources)
		return cl_error_oom();
	size_t i;
	json_array_foreach(src, i, v)
	{
		const char *cite = json_is_string(v)
					   ? json_string_value(json_object_get(sources, json_string_value(v)))
					   : NULL;
		if (!cite)
			return cl_error_set(CL_EINVAL, "%s: rule '%s': source %zu is not in \"sources\"",
					    path, r->id, i + 1);
		r->sources[i] = cite;
	}
	return CL_OK;
}

static int collect_fact(cl_rules *rs, const char *name)
{
	for (size_t i = 0; i < rs->nfacts; i++)
		if (strcmp(rs->fact_names[i], name) == 0)
			return CL_OK;
	const char **grown = realloc(rs->fact_names, (rs->nfacts + 1) * sizeof(*grown));
	if (!grown)
		return cl_error_oom();
	rs->fact_names = grown;
	rs->fact_names[rs->nfacts++] = name;
	return CL_OK;
}

int cl_rules_load_parsed(cl_rules **out, const char *path)
{
	json_error_t jerr;
	cl_rules *rs;
	int rc = CL_OK;

	*out = NULL;
	rs = calloc(1, sizeof(*rs));
	if (!rs)
		return cl_error_oom();
	rs->doc = cl_json_load_path(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!rs->doc) {
		rc = cl_error_set(CL_EINVAL, "%s line %d column %d: %s", path, jerr.line, jerr.column,
				  jerr.text);
		goto fail;
	}
	json_t *sources = json_object_get(rs->doc, "sources");
	json_t *rules = json_object_get(rs->doc, "rules");
	if (!json_is_object(sources) || !json_is_array(rules) || json_array_size(rules) == 0) {
		rc = cl_error_set(CL_EINVAL, "%s: expected an object with \"sources\" and \"rules\"",
				  path);
		goto fail;
	}
	rs->rules = calloc(json_array_size(rules), sizeof(*rs->rules));
	if (!rs->rules) {
		rc = cl_error_oom();
		goto fail;
	}
	size_t i;
	json_t *v;
	json_array_foreach(rules, i, v)
	{
		rs->count = i + 1;
		if ((rc = load_rule(&rs->rules[i], v, sources, path, i)))
			goto fail;
		for (size_t j = 0; j < i; j++)
			if (strcmp(rs->rules[j].id, rs->rules[i].id) == 0) {
				rc = cl_error_set(CL_EINVAL, "%s: rule id '%s' is used twice", path,
						  rs->rules[i].id);
				goto fail;
			}
		for (size_t j = 0; j < rs->rules[i].nall; j++)
			if ((rc = collect_fact(rs, rs->rules[i].all[j].name)))
				goto fail;
		for (size_t j = 0; j < rs->rules[i].nany; j++)
			if ((rc = collect_fact(rs, rs->rules[i].any[j].name)))
				goto fail;
	}
	*out = rs;
	return CL_OK;
fail:
	cl_rules_free(rs);
	return rc;
}

static void free_terms(struct term *t, size_t n, bool owned)
{
	for (size_t i = 0; owned && t && i < n; i++)
		free((char *)t[i].name);
	free(t);
}

void cl_rules_free(cl_rules *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->count; i++) {
		free_terms(rs->rules[i].all, rs->rules[i].nall, !rs->in_image);
		free_terms(rs->rules[i].any, rs->rules[i].nany, !rs->in_image);
		free(rs->rules[i].sources);
	}
	free(rs->rules);
	free(rs->fact_names);
	json_decref(rs->doc);
	free(rs);
}

size_t cl_rules_fact_names(const cl_rules *rs, const char ***names)
{
	*names = rs->fact_names;
	return rs->nfacts;
}

/* ---- the compiled rules ------------------------------------------------ */

#define TR_MAGIC "CLTRIMG1"
#define TR_MAX_ITEMS 100000

static struct {
	const unsigned char *blob;
	size_t len;
} rules_img;

static void io_terms(struct imgio *io, struct term **terms, size_t *count)
{
	size_t n = *count;
	imgio_count(io, &n, TR_MAX_ITEMS);
	/* one more, as the parser allocates: "any" may be empty */
	if (imgio_reading(io) && !io->rc && !(*terms = calloc(n + 1, sizeof(**terms))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		struct term *t = &(*terms)[i];
		int op = (int)t->op;
		if (imgio_reading(io))
			*count = i + 1;
		imgio_req(io, &t->name);
		imgio_int(io, &op, OP_FLAG, OP_GE);
		t->op = (enum term_op)op;
		imgio_f64(io, &t->value);
	}
}

static void io_rule(struct imgio *io, struct rule *r)
{
	int level = (int)r->level;
	size_t n = 0;

	imgio_req(io, &r->id);
	imgio_req(io, &r->reason);
	imgio_req(io, &r->action);
	imgio_int(io, &level, CL_TRIAGE_SELF_CARE, CL_TRIAGE_EMERGENCY);
	r->level = (cl_triage_level)level;
	io_terms(io, &r->all, &r->nall);
	io_terms(io, &r->any, &r->nany);
	while (!imgio_reading(io) && r->sources[n])
		n++;
	imgio_count(io, &n, TR_MAX_ITEMS);
	if (imgio_reading(io) && !io->rc && !(r->sources = calloc(n + 1, sizeof(*r->sources))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++)
		imgio_req(io, &r->sources[i]);
}

static void io_rules(struct imgio *io, cl_rules *rs)
{
	size_t n = rs->count;
	imgio_count(io, &n, TR_MAX_ITEMS);
	if (imgio_reading(io) && !io->rc && !(rs->rules = calloc(n + 1, sizeof(*rs->rules))))
		imgio_fail(io, CL_ENOMEM);
	for (size_t i = 0; i < n && !io->rc; i++) {
		if (imgio_reading(io))
			rs->count = i + 1; /* first, so the free sees a half-read one */
		io_rule(io, &rs->rules[i]);
	}
}

int cl_rules_tables(cl_buf *out, const cl_rules *rs)
{
	struct imgio io = {out, NULL, NULL, CL_OK};
	size_t nfacts = rs->nfacts;
	/* writing only reads the rules; the fact names follow from them, and
	 * are written here for tests only */
	io_rules(&io, (cl_rules *)rs);
	imgio_count(&io, &nfacts, TR_MAX_ITEMS);
	for (size_t i = 0; i < nfacts && !io.rc; i++)
		imgio_req(&io, &rs->fact_names[i]);
	return io.rc;
}

int cl_rules_image_build(cl_buf *out, const char *path)
{
	struct imgio io = {out, NULL, NULL, CL_OK};
	cl_rules *rs = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc;

	out->len = 0;
	/* the bytes read after the load: a file changed in between would only
	 * make the image never match */
	if ((rc = cl_rules_load_parsed(&rs, path)) ||
	    (rc = cl_read_file(&text, &len, path, (size_t)64 << 20)) ||
	    (rc = imgio_header_put(out, TR_MAGIC)))
		goto done;
	uint64_t n = len;
	imgio_u64(&io, &n);
	imgio_bytes(&io, text, len);
	io_rules(&io, rs);
	if ((rc = io.rc))
		goto done;
	imgio_header_seal(out);
done:
	free(text);
	cl_rules_free(rs);
	if (rc)
		out->len = 0;
	return rc;
}

int cl_rules_image_use(const void *blob, size_t len)
{
	int rc;

	rules_img.blob = NULL;
	rules_img.len = 0;
	if (!blob)
		return CL_OK;
	if ((rc = imgio_header_check(blob, len, TR_MAGIC, "triage rules image")))
		return rc;
	rules_img.blob = blob;
	rules_img.len = len;
	return CL_OK;
}

/* From the image, when it holds exactly the file's bytes; CL_OK, or
 * anything else to parse the file. */
static int load_from_image(cl_rules **out, const char *path)
{
	struct imgio io = {NULL, rules_img.blob + IMGIO_HEADER_LEN, rules_img.blob + rules_img.len, CL_OK};
	cl_rules *rs = NULL;
	char *text = NULL;
	size_t len = 0;
	uint64_t n = 0;
	int rc = CL_ENOTFOUND;

	if (cl_read_file(&text, &len, path, (size_t)64 << 20))
		goto done; /* unreadable: the parser reports it in its own words */
	imgio_u64(&io, &n);
	if (io.rc || n != len || (uint64_t)(io.end - io.p) < n || memcmp(io.p, text, len) != 0)
		goto done;
	io.p += len;
	if (!(rs = calloc(1, sizeof(*rs)))) {
		rc = CL_ENOMEM;
		goto done;
	}
	rs->in_image = true;
	io_rules(&io, rs);
	if ((rc = io.rc) == CL_OK && (io.p != io.end || rs->count == 0))
		rc = CL_EINVAL; /* the rules must fill the image exactly */
	for (size_t i = 0; !rc && i < rs->count; i++) {
		const struct rule *r = &rs->rules[i];
		if (r->nall == 0 || !r->sources[0])
			rc = CL_EINVAL; /* as the parser requires */
		for (size_t j = 0; !rc && j < r->nall; j++)
			rc = collect_fact(rs, r->all[j].name);
		for (size_t j = 0; !rc && j < r->nany; j++)
			rc = collect_fact(rs, r->any[j].name);
	}
done:
	free(text);
	if (rc) {
		cl_rules_free(rs);
		cl_error_clear();
		return rc;
	}
	*out = rs;
	return CL_OK;
}

int cl_rules_load(cl_rules **out, const char *path)
{
	*out = NULL;
	if (rules_img.blob && load_from_image(out, path) == CL_OK)
		return CL_OK;
	return cl_rules_load_parsed(out, path);
}

static bool term_holds(const struct term *t, const cl_facts *facts)
{
	if (t->op == OP_FLAG)
		return facts->flag && facts->flag(t->name, facts->payload);
	double v = facts->number ? facts->number(t->name, facts->payload) : NAN;
	if (isnan(v))
		return false;
	switch (t->op) {
	case OP_LT: return v < t->value;
	case OP_LE: return v <= t->value;
	case OP_GT: return v > t->value;
	case OP_GE: return v >= t->value;
	default: return false;
	}
}

static bool rule_matches(const struct rule *r, const cl_facts *facts)
{
	for (size_t i = 0; i < r->nall; i++)
		if (!term_holds(&r->all[i], facts))
			return false;
	if (r->nany == 0)
		return true;
	for (size_t i = 0; i < r->nany; i++)
		if (term_holds(&r->any[i], facts))
			return true;
	return false;
}

int cl_rules_triage(cl_triage *out, const cl_rules *rs, const cl_facts *facts)
{
	memset(out, 0, sizeof(*out));
	out->level = CL_TRIAGE_SELF_CARE;
	out->matches = calloc(rs->count + 1, sizeof(*out->matches));
	if (!out->matches)
		return cl_error_oom();
	/* Highest level first; file order within a level. */
	for (int level = CL_TRIAGE_EMERGENCY; level >= CL_TRIAGE_SELF_CARE; level--)
		for (size_t i = 0; i < rs->count; i++) {
			const struct rule *r = &rs->rules[i];
			if ((int)r->level != level || !rule_matches(r, facts))
				continue;
			cl_rule_match *m = &out->matches[out->count++];
			m->id = r->id;
			m->level = r->level;
			m->reason = r->reason;
			m->action = r->action;
			m->sources = r->sources;
			if (r->level > out->level)
				out->level = r->level;
		}
	return CL_OK;
}

void cl_triage_clear(cl_triage *t)
{
	if (!t)
		return;
	free(t->matches);
	memset(t, 0, sizeof(*t));
}
