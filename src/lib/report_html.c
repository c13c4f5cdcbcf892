/*
 * The HTML report: one self-contained page rendered from the assessment
 * document, for people who would rather look than read and for printing
 * out for a clinician.  Like the text report it is drawn only from the
 * JSON, so it cannot say something the machine interface does not, and the
 * CLI (`assess --html`) and the server (POST /report) share it byte for
 * byte.
 *
 * The page carries everything itself (a <style> block, inline SVG, no
 * script, no font, no image), so it can be saved, mailed and opened years
 * later.  Order follows what a person needs first: how urgent, what may be
 * behind the symptoms and why, the intake against the DRIs (a chart per
 * nutrient, then day by day), fluids around exercise, what was entered,
 * what to do, what the report cannot tell, and the sources by number.
 *
 * Every string from the document passes through cl_html_escape(); numbers
 * are printed by fmt_num().  Writing uses a sticky error (struct page.rc)
 * so that the many small writes need no check each, and one check at the
 * end decides.  A section whose data is absent is left out, and data that
 * is unknown (null) is drawn as such (hatched, "no data"), never as zero.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cramplab/report.h"
#include "error.h"
#include "html.h"
#include "util.h"

/* The per-day chart shows at most this many days (the latest ones); the
 * table beside it has them all. */
#define MAX_CHART_DAYS 31

/* ---- escaping --------------------------------------------------------- */

int cl_html_escape(cl_buf *b, const char *text, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	size_t i = 0, run = 0; /* bytes [i - run, i) are copied as they are */
	int rc = CL_OK;

	while (i < len && rc == CL_OK) {
		const char *rep = NULL;
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			rep = "\xEF\xBF\xBD"; /* U+FFFD for one bad byte, then resynchronise */
			n = 1;
		} else if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
			rep = "\xEF\xBF\xBD";
		} else if (cp == 0x7f) {
			rep = "\xEF\xBF\xBD";
		} else {
			switch (cp) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			}
		}
		if (!rep) {
			run += (size_t)n;
			i += (size_t)n;
			continue;
		}
		if (run)
			rc = cl_buf_append(b, text + i - run, run);
		if (rc == CL_OK)
			rc = cl_buf_append(b, rep, strlen(rep));
		run = 0;
		i += (size_t)n;
	}
	if (rc == CL_OK && run)
		rc = cl_buf_append(b, text + i - run, run);
	return rc;
}

/* ---- writing with a sticky error -------------------------------------- */

struct page {
	cl_buf b;
	int rc;
	json_t *cites;          /* source texts in order of first citation */
	const json_t *doc;
	const json_t *nutrients; /* intake.nutrients, for labels */
	unsigned svg_id;        /* for ids unique within the page */
};

static void put(struct page *pg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct page *pg, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n;

	if (pg->rc)
		return;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		pg->rc = cl_error_set(CL_EFAIL, "could not format the report");
		return;
	}
	if ((size_t)n < sizeof(small)) {
		pg->rc = cl_buf_append(&pg->b, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		pg->rc = cl_error_oom();
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	pg->rc = cl_buf_append(&pg->b, big, (size_t)n);
	free(big);
}

/* Escaped text. */
static void esc(struct page *pg, const char *s)
{
	if (!pg->rc && s)
		pg->rc = cl_html_escape(&pg->b, s, strlen(s));
}

/* Each string of a JSON array as an escaped list item. */
static void string_items(struct page *pg, const json_t *arr)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
	{
		put(pg, "<li>");
		esc(pg, json_string_value(v));
		put(pg, "</li>\n");
	}
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static bool num(const json_t *o, const char *key, double *v)
{
	const json_t *j = json_object_get(o, key);
	if (!json_is_number(j) || !isfinite(json_number_value(j)))
		return false;
	*v = json_number_value(j);
	return true;
}

/* A number as people read it: 3 significant figures at most, no exponent,
 * no trailing zeros ("1357", "12.5", "0.28"). */
static const char *fmt_num(char buf[32], double v)
{
	double a = fabs(v);
	int digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;

	if (a > 0 && a < 0.001)
		digits = 5;
	snprintf(buf, 32, "%.*f", digits, v);
	if (strchr(buf, '.')) {
		char *e = buf + strlen(buf) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

static void put_num(struct page *pg, double v)
{
	char buf[32];
	put(pg, "%s", fmt_num(buf, v));
}

/* " [n]" links to the numbered source list; new texts are added to it. */
static void cite(struct page *pg, const json_t *sources)
{
	size_t i, j;
	json_t *v, *w;

	json_array_foreach(sources, i, v)
	{
		const char *text = json_string_value(v);
		size_t n = 0;
		if (!text)
			continue;
		json_array_foreach(pg->cites, j, w)
		{
			if (strcmp(json_string_value(w), text) == 0) {
				n = j + 1;
				break;
			}
		}
		if (!n) {
			if (json_array_append_new(pg->cites, json_string(text))) {
				pg->rc = pg->rc ? pg->rc : cl_error_oom();
				return;
			}
			n = json_array_size(pg->cites);
		}
		put(pg, "%s<a class=\"cite\" href=\"#src-%zu\">[%zu]</a>", i ? "" : " ", n, n);
	}
}

/* Anything the document holds, as plain words (for fields whose shape
 * this renderer does not know in detail). */
static void put_any(struct page *pg, const json_t *v)
{
	size_t i;
	const char *key;
	json_t *x;

	if (json_is_string(v)) {
		esc(pg, json_string_value(v));
	} else if (json_is_number(v)) {
		put_num(pg, json_number_value(v));
	} else if (json_is_boolean(v)) {
		put(pg, "%s", json_is_true(v) ? "yes" : "no");
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
		{
			if (i)
				put(pg, "; ");
			put_any(pg, x);
		}
	} else if (json_is_object(v)) {
		i = 0;
		json_object_foreach((json_t *)v, key, x)
		{
			if (json_is_null(x))
				continue;
			if (i++)
				put(pg, ", ");
			esc(pg, key);
			put(pg, ": ");
			put_any(pg, x);
		}
	} else {
		put(pg, "unknown");
	}
}

/* The label of a nutrient key ("magnesium_mg" -> "Magnesium"), from the
 * intake section when it has one. */
static const char *nutrient_label(struct page *pg, const char *key)
{
	const char *label = str(json_object_get(pg->nutrients, key), "label");
	return *label ? label : key;
}

/* The unit is printed into format strings unescaped, so it is used only if
 * it holds nothing HTML gives a meaning to (units are "mg", "µg", "kcal"). */
static const char *nutrient_unit(struct page *pg, const char *key)
{
	const char *unit = str(json_object_get(pg->nutrients, key), "unit");
	const char *us = strrchr(key, '_');

	if (!*unit)
		unit = us ? us + 1 : "";
	if (strcmp(unit, "ug") == 0)
		return "µg";
	return unit[strcspn(unit, "<>&\"'")] ? "" : unit;
}

/* ---- the page's frame --------------------------------------------------- */

static const char STYLE[] =
	":root{--ink:#1d2430;--muted:#566070;--line:#d6dbe3;--bg:#f6f7f9;--card:#fff;"
	"--low:#b3261e;--mid:#a05a00;--ok:#1e7a3c;--info:#2456a6;--ref:#1d2430;--ul:#b3261e}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"
	"'Segoe UI',Roboto,Arial,sans-serif;-webkit-text-size-adjust:100%}\n"
	"main{max-width:52rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;margin:0 0 .6rem}"
	"h3{font-size:1.05rem;margin:.8rem 0 .2rem}\n"
	"section{background:var(--card);border:1px solid var(--line);border-radius:10px;"
	"padding:1rem 1.1rem;margin:0 0 1rem}\n"
	".meta,.muted{color:var(--muted)}.small{font-size:.875rem}\n"
	".triage{border-width:3px;border-left-width:12px}\n"
	".triage h2{font-size:1.4rem}.triage .now{font-size:1.1rem;font-weight:600}\n"
	".t-emergency{border-color:#b3261e;background:#fdecea}"
	".t-urgent{border-color:#c25e00;background:#fff3e0}"
	".t-routine{border-color:#2456a6;background:#eaf1fb}"
	".t-self_care{border-color:#1e7a3c;background:#e8f5ec}\n"
	".badge{display:inline-block;border-radius:999px;padding:0 .6em;font-size:.8rem;font-weight:600;"
	"border:1px solid currentColor;margin-right:.4em;vertical-align:.1em}\n"
	".s-high{color:var(--low)}.s-moderate{color:var(--mid)}.s-low{color:var(--info)}\n"
	".finding{border-top:1px solid var(--line);padding-top:.6rem;margin-top:.6rem}\n"
	".finding:first-of-type{border-top:0;margin-top:0;padding-top:0}\n"
	"ul{padding-left:1.2rem;margin:.3rem 0}li{margin:.15rem 0}\n"
	".unknown-list li{list-style:'?  '}\n"
	".cite{font-size:.8rem;text-decoration:none;margin-left:.1em}\n"
	".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));"
	"gap:.2rem 1.2rem}\n"
	".chart h3{margin-bottom:0}.chart p{margin:.1rem 0;font-size:.9rem}\n"
	"svg{display:block;width:100%;height:auto;font-family:inherit}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0}\n"
	"th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;"
	"vertical-align:top}\n"
	"td.num,th.num{text-align:right;white-space:nowrap}\n"
	".legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem;color:var(--muted);"
	"margin:.2rem 0 .6rem;padding:0;list-style:none}\n"
	".key{display:inline-block;width:1.4em;height:.8em;margin-right:.3em;vertical-align:-.05em;"
	"border:1px solid var(--muted)}\n"
	".k-low{background:var(--low)}.k-mid{background:var(--mid)}.k-ok{background:var(--ok)}"
	".k-info{background:var(--info)}"
	".k-none{background:repeating-linear-gradient(45deg,#fff 0 3px,#9aa3b0 3px 5px)}\n"
	".k-line{border:0;border-left:3px solid var(--ref);width:.2em}"
	".k-ear{border:0;border-left:3px dashed var(--ref);width:.2em}"
	".k-ul{border:0;border-left:3px solid var(--ul);width:.2em}\n"
	"details{margin:.5rem 0}summary{cursor:pointer;color:var(--info)}\n"
	".disclaimer{font-weight:600}\n"
	"ol.sources{font-size:.85rem;padding-left:1.6rem}\n"
	"nav.toc{font-size:.9rem}nav.toc a{margin-right:.8rem;white-space:nowrap}\n"
	"@media (max-width:30rem){main{padding:.5rem}section{padding:.8rem}h1{font-size:1.3rem}}\n"
	"@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}"
	"section{border:1px solid #999;break-inside:avoid-page;page-break-inside:avoid}"
	".triage,.key,svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"nav.toc{display:none}a{color:inherit;text-decoration:none}"
	".charts{grid-template-columns:1fr 1fr}details>summary{display:none}"
	"details{display:block}.scroll{overflow:visible}}\n";

static void head(struct page *pg)
{
	const json_t *p = json_object_get(pg->doc, "profile");
	const char *level = str(json_object_get(pg->doc, "triage"), "level");

	put(pg, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta name=\"generator\" content=\"cramplab ");
	esc(pg, str(pg->doc, "cramplab"));
	put(pg, "\">\n<title>cramplab report");
	if (*level) {
		put(pg, ": ");
		esc(pg, level);
	}
	put(pg, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<header>\n"
		"<h1>Muscle cramps and hamstring pain: screening report</h1>\n<p class=\"meta\">",
	    STYLE);
	if (json_is_object(p)) {
		double age, w;
		put(pg, "For ");
		if (num(p, "age", &age)) {
			put_num(pg, age);
			put(pg, " years, ");
		}
		esc(pg, str(p, "sex"));
		if (num(p, "weight_kg", &w)) {
			put(pg, ", ");
			put_num(pg, w);
			put(pg, " kg");
		}
		if (*str(p, "diet")) {
			put(pg, ", ");
			esc(pg, str(p, "diet"));
		}
		if (json_is_true(json_object_get(p, "pregnant")))
			put(pg, ", pregnant");
		if (json_is_true(json_object_get(p, "lactating")))
			put(pg, ", breastfeeding");
		if (*str(p, "life_stage")) {
			put(pg, " (DRI life stage: ");
			esc(pg, str(p, "life_stage"));
			put(pg, ")");
		}
		put(pg, ". ");
	}
	put(pg, "Made by cramplab ");
	esc(pg, str(pg->doc, "cramplab"));
	put(pg, " on this computer.</p>\n<nav class=\"toc\" aria-label=\"Sections\">"
		"<a href=\"#findings\">Findings</a> <a href=\"#intake\">Intake</a> "
		"<a href=\"#fluids\">Fluids</a> <a href=\"#advice\">What to do</a> "
		"<a href=\"#limits\">Limits</a> <a href=\"#sources\">Sources</a></nav>\n</header>\n");
}

/* ---- triage ------------------------------------------------------------- */

static void triage(struct page *pg)
{
	static const struct {
		const char *level, *title, *now;
	} heads[] = {
		{"emergency", "Emergency: get help now",
		 "Call your local emergency number (112 in Europe, 911 in North America, 999 in the "
		 "UK) or go to an emergency department now. Do not wait, do not drive yourself, and "
		 "do not read the rest of this report first."},
		{"urgent", "Urgent: see a clinician today",
		 "Contact your doctor, an urgent care service or a telephone advice line today. If it "
		 "gets worse (severe pain, swelling, breathlessness, dark urine, numbness), call your "
		 "local emergency number."},
		{"routine", "Routine: book a visit with your doctor",
		 "Nothing here needs help today, but what you entered is worth a visit in the coming "
		 "weeks. Take this report with you."},
		{"self_care", "Self-care: nothing here needs a clinician soon",
		 "The advice below may help. See a doctor if cramps become frequent, severe, or come "
		 "with weakness, numbness or swelling."},
	};
	const json_t *t = json_object_get(pg->doc, "triage");
	const char *level = str(t, "level");
	size_t i;
	json_t *d;

	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (strcmp(level, heads[i].level) == 0)
			break;
	put(pg, "<section class=\"triage t-%s\" id=\"triage\" aria-labelledby=\"triage-h\">\n",
	    i < 4 ? heads[i].level : "unknown");
	if (i < 4) {
		put(pg, "<h2 id=\"triage-h\">%s</h2>\n<p class=\"now\">%s</p>\n", heads[i].title,
		    heads[i].now);
	} else {
		put(pg, "<h2 id=\"triage-h\">Triage level: ");
		esc(pg, *level ? level : "not given");
		put(pg, "</h2>\n");
	}
	if (json_array_size(json_object_get(t, "details"))) {
		put(pg, "<h3>Why</h3>\n<ul>\n");
		json_array_foreach(json_object_get(t, "details"), i, d)
		{
			put(pg, "<li>");
			esc(pg, str(d, "reason"));
			if (*str(d, "action")) {
				put(pg, " <strong>What to do:</strong> ");
				esc(pg, str(d, "action"));
			}
			cite(pg, json_object_get(d, "sources"));
			put(pg, "</li>\n");
		}
		put(pg, "</ul>\n");
	}
	put(pg, "</section>\n");
}

/* ---- findings ----------------------------------------------------------- */

static void findings(struct page *pg)
{
	const json_t *all = json_object_get(pg->doc, "findings");
	size_t i, shown = 0, none = 0;
	json_t *f;

	if (!json_is_array(all))
		return;
	put(pg, "<section id=\"findings\" aria-labelledby=\"findings-h\">\n"
		"<h2 id=\"findings-h\">What may be behind your symptoms</h2>\n"
		"<p class=\"muted small\">Strongest first. Each finding lists the evidence from what you "
		"entered, then what could not be judged, then its sources.</p>\n");
	json_array_foreach(all, i, f)
	{
		const char *strength = str(f, "strength");
		if (strcmp(strength, "none") == 0) {
			none++;
			continue;
		}
		shown++;
		put(pg, "<article class=\"finding\">\n<h3><span class=\"badge s-");
		esc(pg, strength);
		put(pg, "\">");
		esc(pg, strength);
		put(pg, "</span>");
		esc(pg, str(f, "label"));
		put(pg, "</h3>\n");
		if (json_array_size(json_object_get(f, "evidence"))) {
			put(pg, "<ul>\n");
			string_items(pg, json_object_get(f, "evidence"));
			put(pg, "</ul>\n");
		}
		if (json_array_size(json_object_get(f, "unknown"))) {
			put(pg, "<p class=\"small\">Not known:</p><ul class=\"unknown-list small\">\n");
			string_items(pg, json_object_get(f, "unknown"));
			put(pg, "</ul>\n");
		}
		if (json_array_size(json_object_get(f, "sources"))) {
			put(pg, "<p class=\"small muted\">Sources:");
			cite(pg, json_object_get(f, "sources"));
			put(pg, "</p>\n");
		}
		put(pg, "</article>\n");
	}
	if (!shown)
		put(pg, "<p>Nothing you entered points to a nutrition or hydration cause.</p>\n");
	if (none) {
		size_t k = 0;
		put(pg, "<p class=\"small\">Not supported by what you entered: ");
		json_array_foreach(all, i, f)
		{
			if (strcmp(str(f, "strength"), "none") != 0)
				continue;
			if (k++)
				put(pg, ", ");
			esc(pg, str(f, "label"));
		}
		put(pg, ".</p>\n");
	}
	put(pg, "</section>\n");
}

/* ---- SVG helpers -------------------------------------------------------- */

/* A hatch pattern for "no data", with an id unique in the page. */
static unsigned hatch_defs(struct page *pg)
{
	unsigned id = ++pg->svg_id;
	put(pg, "<defs><pattern id=\"hatch%u\" width=\"6\" height=\"6\" "
		"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		"<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
		"<rect width=\"2.5\" height=\"6\" fill=\"#9aa3b0\"/></pattern></defs>",
	    id);
	return id;
}

/* The reference a nutrient's intake is measured against: the RDA, else
 * the AI, else the EAR (none of them: no chart). */
struct refs {
	double ear, rda, ai, ul, cdrr, target;
	bool has_ear, has_rda, has_ai, has_ul, has_cdrr;
	const char *target_name;
};

static bool get_refs(const json_t *n, struct refs *r)
{
	const json_t *ref = json_object_get(n, "reference");

	memset(r, 0, sizeof(*r));
	r->has_ear = num(ref, "ear", &r->ear) && r->ear > 0;
	r->has_rda = num(ref, "rda", &r->rda) && r->rda > 0;
	r->has_ai = num(ref, "ai", &r->ai) && r->ai > 0;
	r->has_ul = num(ref, "ul", &r->ul) && r->ul > 0;
	r->has_cdrr = num(ref, "cdrr", &r->cdrr) && r->cdrr > 0;
	if (r->has_rda) {
		r->target = r->rda;
		r->target_name = "RDA";
	} else if (r->has_ai) {
		r->target = r->ai;
		r->target_name = "AI";
	} else if (r->has_ear) {
		r->target = r->ear;
		r->target_name = "EAR";
	} else {
		return false;
	}
	return true;
}

/* Bar colour from the adequacy conclusion. */
static const char *conclusion_colour(const char *c, const char **word)
{
	if (strcmp(c, "inadequate") == 0) {
		*word = "likely too low";
		return "#b3261e";
	}
	if (strcmp(c, "uncertain") == 0) {
		*word = "uncertain";
		return "#a05a00";
	}
	if (strcmp(c, "adequate") == 0) {
		*word = "likely adequate";
		return "#1e7a3c";
	}
	if (strcmp(c, "above_ul") == 0 || strcmp(c, "excess") == 0) {
		*word = "above the upper limit";
		return "#b3261e";
	}
	*word = strcmp(c, "cannot_conclude") == 0 ? "adequacy cannot be shown (AI)" : "not judged";
	return "#2456a6";
}

struct tick {
	const char *name;
	double v;
	const char *colour;
	bool dashed;
};

/* One nutrient's chart: the mean as a bar on a track, EAR, RDA/AI and UL
 * (or CDRR) as marks; the scale is in the nutrient's own unit. */
static void nutrient_chart(struct page *pg, const char *key, const json_t *n, double days)
{
	struct refs r;
	double mean = 0, p, scale;
	bool known = num(n, "mean", &mean);
	bool at_least = json_is_true(json_object_get(n, "at_least"));
	const char *word, *colour = conclusion_colour(str(n, "conclusion"), &word);
	const char *unit = nutrient_unit(pg, key);
	struct tick ticks[4];
	int nt = 0;
	char b1[32];
	const double W = 320, X0 = 6, X1 = 300;

	if (!get_refs(n, &r))
		return;
	if (r.has_ear && r.target_name[0] != 'E')
		ticks[nt++] = (struct tick){"EAR", r.ear, "#1d2430", true};
	ticks[nt++] = (struct tick){r.target_name, r.target, "#1d2430", r.target_name[0] == 'E'};
	/* Magnesium's UL counts supplements and medicines only, not food. */
	const char *ul_scope = str(json_object_get(n, "reference"), "ul_applies_to");
	if (r.has_ul)
		ticks[nt++] = (struct tick){
			ul_scope && strcmp(ul_scope, "supplements") == 0 ? "UL (supplements)" : "UL",
			r.ul, "#b3261e", false};
	else if (r.has_cdrr)
		ticks[nt++] = (struct tick){"CDRR", r.cdrr, "#b3261e", false};
	scale = r.target * 1.5;
	for (int i = 0; i < nt; i++)
		if (ticks[i].v * 1.12 > scale)
			scale = ticks[i].v * 1.12;
	if (known && mean * 1.05 > scale)
		scale = fmin(mean * 1.05, r.target * 4);
	for (int i = 1; i < nt; i++) /* insertion sort: at most four */
		for (int j = i; j > 0 && ticks[j].v < ticks[j - 1].v; j--) {
			struct tick t = ticks[j];
			ticks[j] = ticks[j - 1];
			ticks[j - 1] = t;
		}
	double row_end[3] = {-100, -100, -100};

	put(pg, "<div class=\"chart\">\n<h3>");
	esc(pg, nutrient_label(pg, key));
	put(pg, "</h3>\n<p>");
	if (known) {
		put(pg, "%s%s %s a day, %.0f%% of the %s", at_least ? "at least " : "",
		    fmt_num(b1, mean), unit, 100 * mean / r.target, r.target_name);
		put(pg, " (");
		esc(pg, word);
		if (num(n, "probability_adequate", &p))
			put(pg, "; probability adequate %.0f%%", 100 * p);
		put(pg, ")");
	} else {
		put(pg, "No data: ");
		put(pg, days > 0 ? "none of the foods in your diary has a value for it"
				 : "no food diary was given");
	}
	put(pg, "</p>\n");

	/* The text alternative says everything the drawing does. */
	put(pg, "<svg viewBox=\"0 0 %.0f 62\" role=\"img\" aria-labelledby=\"svgt%u\">", W,
	    pg->svg_id + 1);
	unsigned hid = hatch_defs(pg);
	put(pg, "<title id=\"svgt%u\">", hid);
	esc(pg, nutrient_label(pg, key));
	if (known)
		put(pg, ": mean intake %s%s %s a day", at_least ? "at least " : "", fmt_num(b1, mean),
		    unit);
	else
		put(pg, ": mean intake unknown (no data)");
	for (int i = 0; i < nt; i++)
		put(pg, "; %s %s %s", ticks[i].name, fmt_num(b1, ticks[i].v), unit);
	put(pg, "</title>");
	put(pg, "<rect x=\"%.1f\" y=\"6\" width=\"%.1f\" height=\"18\" fill=\"#eef1f5\" "
		"stroke=\"#d6dbe3\"/>",
	    X0, X1 - X0);
	if (known) {
		double w = (X1 - X0) * fmin(mean, scale) / scale;
		put(pg, "<rect x=\"%.1f\" y=\"6\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>", X0, w,
		    colour);
		if (mean > scale)
			put(pg, "<text x=\"%.1f\" y=\"19\" font-size=\"10\" fill=\"#fff\" "
				"text-anchor=\"end\">&#8594;</text>",
			    X1 - 3);
	} else {
		put(pg, "<rect x=\"%.1f\" y=\"6\" width=\"%.1f\" height=\"18\" fill=\"url(#hatch%u)\"/>"
			"<text x=\"%.1f\" y=\"19.5\" font-size=\"11\" "
			"fill=\"#1d2430\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">"
			"no data</text>",
		    X0, X1 - X0, hid, X0 + 4);
	}
	/* Marks, left to right, each label on the first row where it does not
	 * touch the one before it (EAR and UL can even coincide). */
	for (int i = 0; i < nt; i++) {
		double x = X0 + (X1 - X0) * ticks[i].v / scale;
		int row = 0;
		while (row < 2 && x - row_end[row] < 46)
			row++;
		row_end[row] = x;
		put(pg, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"2\" y2=\"%d\" stroke=\"%s\" "
			"stroke-width=\"2\"%s/>",
		    x, x, 28 + 11 * row, ticks[i].colour,
		    ticks[i].dashed ? " stroke-dasharray=\"3 2\"" : "");
		put(pg, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"%s\" fill=\"%s\">"
			"%s %s</text>",
		    x, 37 + 11 * row, x > W - 40 ? "end" : x < 40 ? "start" : "middle",
		    ticks[i].colour, ticks[i].name, fmt_num(b1, ticks[i].v));
	}
	put(pg, "</svg>\n</div>\n");
}

/* ---- intake ------------------------------------------------------------- */

static void intake_table(struct page *pg, const json_t *nutrients)
{
	const char *key;
	json_t *n;

	put(pg, "<details><summary>The numbers as a table</summary>\n<div class=\"scroll\">"
		"<table>\n<thead><tr>"
		"<th scope=\"col\">Nutrient</th><th scope=\"col\" class=\"num\">Mean a day</th>"
		"<th scope=\"col\" class=\"num\">EAR</th><th scope=\"col\" class=\"num\">RDA</th>"
		"<th scope=\"col\" class=\"num\">AI</th><th scope=\"col\" class=\"num\">UL</th>"
		"<th scope=\"col\" class=\"num\">P(adequate)</th></tr></thead>\n<tbody>\n");
	json_object_foreach((json_t *)nutrients, key, n)
	{
		const json_t *ref = json_object_get(n, "reference");
		static const char *const names[] = {"ear", "rda", "ai", "ul"};
		double v;
		put(pg, "<tr><th scope=\"row\">");
		esc(pg, nutrient_label(pg, key));
		put(pg, "</th><td class=\"num\">");
		if (num(n, "mean", &v)) {
			if (json_is_true(json_object_get(n, "at_least")))
				put(pg, "&ge; ");
			put_num(pg, v);
			put(pg, " %s", nutrient_unit(pg, key));
		} else {
			put(pg, "no data");
		}
		put(pg, "</td>");
		for (int i = 0; i < 4; i++) {
			put(pg, "<td class=\"num\">");
			if (num(ref, names[i], &v))
				put_num(pg, v);
			else
				put(pg, "&ndash;");
			put(pg, "</td>");
		}
		put(pg, "<td class=\"num\">");
		if (num(n, "probability_adequate", &v))
			put(pg, "%.0f%%", 100 * v);
		else
			put(pg, "&ndash;");
		put(pg, "</td></tr>\n");
	}
	put(pg, "</tbody>\n</table></div>\n<p class=\"small muted\">EAR: estimated average requirement; "
		"RDA: recommended dietary allowance; AI: adequate intake; UL: tolerable upper "
		"intake level; &ndash;: none set for your life stage.</p>\n</details>\n");
}

static void intake(struct page *pg)
{
	const json_t *in = json_object_get(pg->doc, "intake");
	const json_t *nutrients = json_object_get(in, "nutrients");
	double days = 0;
	const char *key;
	json_t *n;
	size_t nref = 0;
	struct refs r;

	if (!json_is_object(in))
		return;
	num(in, "days", &days);
	put(pg, "<section id=\"intake\" aria-labelledby=\"intake-h\">\n"
		"<h2 id=\"intake-h\">Your intake against your needs</h2>\n");
	if (days <= 0) {
		put(pg, "<p>No food diary was given, so intake could not be judged. The marks show "
			"what your life stage needs.</p>\n");
	} else {
		put(pg, "<p>Mean per day over %.0f day%s of diary", days, days == 1 ? "" : "s");
		if (*str(in, "source")) {
			put(pg, " (");
			esc(pg, str(in, "source"));
			put(pg, ")");
		}
		put(pg, ", against the Dietary Reference Intakes for your life stage.</p>\n");
	}
	put(pg, "<ul class=\"legend\" aria-hidden=\"true\">"
		"<li><span class=\"key k-low\"></span>likely too low</li>"
		"<li><span class=\"key k-mid\"></span>uncertain</li>"
		"<li><span class=\"key k-ok\"></span>likely adequate</li>"
		"<li><span class=\"key k-info\"></span>not judged / AI only</li>"
		"<li><span class=\"key k-none\"></span>no data</li>"
		"<li><span class=\"key k-ear\"></span>EAR</li>"
		"<li><span class=\"key k-line\"></span>RDA or AI</li>"
		"<li><span class=\"key k-ul\"></span>upper limit</li></ul>\n"
		"<div class=\"charts\">\n");
	json_object_foreach((json_t *)nutrients, key, n)
	{
		if (!get_refs(n, &r))
			continue;
		nref++;
		nutrient_chart(pg, key, n, days);
	}
	put(pg, "</div>\n");
	if (!nref)
		put(pg, "<p>No nutrient here has a reference intake to compare with.</p>\n");
	if (json_object_size(nutrients))
		intake_table(pg, nutrients);
	if (*str(in, "note")) {
		put(pg, "<p class=\"small\">Note: ");
		esc(pg, str(in, "note"));
		put(pg, "</p>\n");
	}
	put(pg, "</section>\n");
}

/* One row per nutrient with a reference, one column per day; each cell a
 * bar of that day's total as a share of the target (full cell = 200%). */
static void per_day(struct page *pg)
{
	const json_t *in = json_object_get(pg->doc, "intake");
	const json_t *days = json_object_get(json_object_get(in, "per_day"), "days");
	const json_t *nutrients = json_object_get(in, "nutrients");
	size_t nd = json_array_size(days), first = nd > MAX_CHART_DAYS ? nd - MAX_CHART_DAYS : 0;
	size_t shown = nd - first, nrows = 0, i, row;
	const double LABEL = 118, CW = 36, RH = 30, TOP = 22;
	const char *key;
	json_t *n, *d;
	struct refs r;
	char b1[32];

	if (!nd)
		return;
	json_object_foreach((json_t *)nutrients, key, n) nrows += get_refs(n, &r);
	if (!nrows)
		return;
	double W = LABEL + CW * (double)shown + 8, H = TOP + RH * (double)nrows + 4;
	put(pg, "<section id=\"days\" aria-labelledby=\"days-h\">\n"
		"<h2 id=\"days-h\">Day by day</h2>\n<p class=\"small\">Each cell is one day's intake "
		"as a share of your target (RDA or AI); the line marks 100%%, a full cell 200%% or "
		"more. Red: below the EAR that day; hatched: no data.");
	if (first)
		put(pg, " The chart shows the last %d days; the table has all %zu.", MAX_CHART_DAYS, nd);
	/* Drawn at about its natural size (scaled up it would shout), scrolling
	 * sideways on a narrow screen rather than shrinking past reading. */
	put(pg, "</p>\n<div class=\"scroll\"><svg viewBox=\"0 0 %.0f %.0f\" "
		"style=\"min-width:%.0fpx;max-width:%.0fpx\" role=\"img\" aria-labelledby=\"svgt%u\">",
	    W, H, fmin(W, 360), W * 1.6, pg->svg_id + 1);
	unsigned hid = hatch_defs(pg);
	put(pg, "<title id=\"svgt%u\">Daily intake of %zu nutrients over %zu days as a share of "
		"the target; the table below gives the numbers</title>",
	    hid, nrows, shown);
	for (i = first; i < nd; i++) {
		const char *date = str(json_array_get(days, i), "date");
		double x = LABEL + CW * (double)(i - first) + CW / 2;
		put(pg, "<text x=\"%.1f\" y=\"14\" font-size=\"10\" text-anchor=\"middle\" "
			"fill=\"#566070\">",
		    x);
		esc(pg, strlen(date) == 10 ? date + 5 : date); /* MM-DD */
		put(pg, "</text>");
	}
	row = 0;
	json_object_foreach((json_t *)nutrients, key, n)
	{
		if (!get_refs(n, &r))
			continue;
		double y = TOP + RH * (double)row++;
		put(pg, "<text x=\"4\" y=\"%.1f\" font-size=\"11\" fill=\"#1d2430\">", y + RH / 2 + 4);
		esc(pg, nutrient_label(pg, key));
		put(pg, "</text>");
		for (i = first; i < nd; i++) {
			d = json_array_get(days, i);
			double x = LABEL + CW * (double)(i - first) + 3, w = CW - 6, v;
			double ch = RH - 6;
			put(pg, "<g><title>");
			esc(pg, str(d, "date"));
			put(pg, ", ");
			esc(pg, nutrient_label(pg, key));
			if (num(json_object_get(d, "totals"), key, &v)) {
				double pct = 100 * v / r.target, h = ch * fmin(pct, 200) / 200;
				const char *fill = r.has_ear && v < r.ear ? "#b3261e" : "#2456a6";
				put(pg, ": %s %s (%.0f%% of %s)</title>", fmt_num(b1, v),
				    nutrient_unit(pg, key), pct, r.target_name);
				put(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
					"fill=\"#eef1f5\"/>",
				    x, y + 3, w, ch);
				put(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
					"fill=\"%s\"/>",
				    x, y + 3 + ch - h, w, h, fill);
			} else {
				put(pg, ": no data</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
					"height=\"%.1f\" fill=\"url(#hatch%u)\"/>",
				    x, y + 3, w, ch, hid);
			}
			put(pg, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1d2430\" "
				"stroke-width=\"1\"/></g>",
			    x - 1, x + w + 1, y + 3 + ch / 2, y + 3 + ch / 2);
		}
	}
	put(pg, "</svg></div>\n");

	/* The same numbers as a table (the chart's text alternative). */
	put(pg, "<details><summary>The numbers as a table</summary>\n<div class=\"scroll\">"
		"<table>\n<thead><tr><th scope=\"col\">Day</th>");
	json_object_foreach((json_t *)nutrients, key, n)
	{
		if (!get_refs(n, &r))
			continue;
		put(pg, "<th scope=\"col\" class=\"num\">");
		esc(pg, nutrient_label(pg, key));
		put(pg, " (%s)</th>", nutrient_unit(pg, key));
	}
	put(pg, "</tr></thead>\n<tbody>\n");
	json_array_foreach(days, i, d)
	{
		put(pg, "<tr><th scope=\"row\">");
		esc(pg, str(d, "date"));
		put(pg, "</th>");
		json_object_foreach((json_t *)nutrients, key, n)
		{
			double v;
			if (!get_refs(n, &r))
				continue;
			put(pg, "<td class=\"num\">");
			if (num(json_object_get(d, "totals"), key, &v))
				put_num(pg, v);
			else
				put(pg, "no data");
			put(pg, "</td>");
		}
		put(pg, "</tr>\n");
	}
	put(pg, "</tbody>\n</table></div>\n</details>\n");

	/* How each diary line was read: a person can check the food chosen. */
	put(pg, "<details><summary>How your diary was read</summary>\n");
	json_array_foreach(days, i, d)
	{
		size_t j;
		json_t *e;
		double g;
		put(pg, "<h3>");
		esc(pg, str(d, "date"));
		put(pg, "</h3>\n<ul class=\"small\">\n");
		json_array_foreach(json_object_get(d, "entries"), j, e)
		{
			put(pg, "<li>");
			esc(pg, str(e, "line"));
			put(pg, " &rarr; ");
			esc(pg, str(e, "name"));
			if (num(e, "grams", &g)) {
				put(pg, ", ");
				put_num(pg, g);
				put(pg, " g");
			}
			put(pg, "</li>\n");
		}
		put(pg, "</ul>\n");
	}
	put(pg, "</details>\n</section>\n");
}

/* ---- fluids ------------------------------------------------------------- */

struct fbar {
	const char *label;
	double lo, hi; /* hi > lo: a range */
	const char *colour;
};

static void fluid_chart(struct page *pg, const char *title, const struct fbar *bars, int nb)
{
	double max = 0;
	const double X0 = 120, X1 = 300, RH = 26;
	char b1[32], b2[32];

	for (int i = 0; i < nb; i++)
		max = fmax(max, fmax(bars[i].lo, bars[i].hi));
	if (max <= 0)
		max = 1;
	max *= 1.35; /* room for the value after the longest bar */
	put(pg, "<svg viewBox=\"0 0 320 %.0f\" style=\"max-width:480px\" role=\"img\" "
		"aria-labelledby=\"svgt%u\">",
	    RH * nb + 6, ++pg->svg_id);
	put(pg, "<title id=\"svgt%u\">", pg->svg_id);
	esc(pg, title);
	for (int i = 0; i < nb; i++) {
		put(pg, "; %s ", bars[i].label);
		if (bars[i].hi > bars[i].lo)
			put(pg, "%s to %s L", fmt_num(b1, bars[i].lo), fmt_num(b2, bars[i].hi));
		else
			put(pg, "%s L", fmt_num(b1, bars[i].lo));
	}
	put(pg, "</title>");
	for (int i = 0; i < nb; i++) {
		double y = 4 + RH * i, w = (X1 - X0) * bars[i].lo / max;
		put(pg, "<text x=\"0\" y=\"%.1f\" font-size=\"11\" fill=\"#1d2430\">%s</text>", y + 15,
		    bars[i].label);
		put(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>", X0, y,
		    w, bars[i].colour);
		if (bars[i].hi > bars[i].lo)
			put(pg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\" "
				"fill-opacity=\"0.35\"/>",
			    X0 + w, y, (X1 - X0) * (bars[i].hi - bars[i].lo) / max, bars[i].colour);
		double end = X0 + (X1 - X0) * fmax(bars[i].lo, bars[i].hi) / max;
		/* The value after the bar, or inside it in white when no room is left. */
		put(pg, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"%s\" fill=\"%s\">",
		    end > 270 ? end - 3 : end + 3, y + 12, end > 270 ? "end" : "start",
		    end > 270 && bars[i].hi <= bars[i].lo ? "#fff" : "#1d2430");
		if (bars[i].hi > bars[i].lo)
			put(pg, "%s&ndash;%s L", fmt_num(b1, bars[i].lo), fmt_num(b2, bars[i].hi));
		else
			put(pg, "%s L", fmt_num(b1, bars[i].lo));
		put(pg, "</text>");
	}
	put(pg, "</svg>\n");
}

static void fluids(struct page *pg)
{
	const json_t *h = json_object_get(pg->doc, "hydration");
	const json_t *sessions = json_object_get(h, "sessions");
	double mean, ai, v;
	size_t i;
	json_t *s;

	if (!json_is_object(h))
		return;
	put(pg, "<section id=\"fluids\" aria-labelledby=\"fluids-h\">\n"
		"<h2 id=\"fluids-h\">Fluids</h2>\n");
	if (num(h, "water_ai_l", &ai)) {
		put(pg, "<h3>Water a day</h3>\n");
		if (num(h, "water_mean_l", &mean)) {
			struct fbar bars[] = {{"From your diary", mean, 0, "#2456a6"},
					      {"Adequate intake", ai, 0, "#1d2430"}};
			fluid_chart(pg, "Water from drinks and food a day against the adequate intake",
				    bars, 2);
		} else {
			put(pg, "<p>No data: without a food diary, the water you drink is not known. "
				"The adequate intake for you is ");
			put_num(pg, ai);
			put(pg, " L a day from drinks and food.</p>\n");
		}
	}
	if (json_array_size(sessions))
		put(pg, "<h3>Around exercise</h3>\n");
	json_array_foreach(sessions, i, s)
	{
		struct fbar bars[4];
		int nb = 0;
		const json_t *rep = json_object_get(s, "replace_l");
		put(pg, "<p><strong>Session %zu", i + 1);
		if (*str(s, "date")) {
			put(pg, " on ");
			esc(pg, str(s, "date"));
		}
		put(pg, "</strong>");
		if (num(s, "minutes", &v))
			put(pg, ": %.0f minutes", v);
		put(pg, ", sweat %s", strcmp(str(s, "method"), "body_mass") == 0
					     ? "measured from body mass before and after"
					     : "estimated from the intensity and temperature");
		put(pg, ".");
		if (num(s, "mass_change_pct", &v))
			put(pg, " Body mass fell %.1f%%.", v);
		if (json_is_true(json_object_get(s, "dehydrated")))
			put(pg, " <strong>You were dehydrated (more than 2%% of body mass lost).</strong>");
		if (json_is_true(json_object_get(s, "overdrinking")))
			put(pg, " <strong>You drank more than you sweated: too much plain water during "
				"long exercise can dilute blood sodium.</strong>");
		if (num(s, "sodium_loss_mg", &v))
			put(pg, " Sodium lost in sweat: about %.0f mg.", v);
		put(pg, "</p>\n");
		if (num(s, "sweat_loss_l", &v))
			bars[nb++] = (struct fbar){"Sweat lost", v, 0, "#a05a00"};
		if (num(s, "deficit_l", &v))
			bars[nb++] = (struct fbar){v >= 0 ? "Not replaced" : "Drank beyond sweat",
						   fabs(v), 0, v >= 0 ? "#b3261e" : "#2456a6"};
		if (json_is_number(json_array_get(rep, 0)) && json_is_number(json_array_get(rep, 1)))
			bars[nb++] = (struct fbar){"To drink after", json_number_value(json_array_get(rep, 0)),
						   json_number_value(json_array_get(rep, 1)), "#1e7a3c"};
		if (nb)
			fluid_chart(pg, "Fluid balance around this exercise session", bars, nb);
		if (*str(s, "assumptions")) {
			put(pg, "<p class=\"small muted\">");
			esc(pg, str(s, "assumptions"));
			put(pg, "</p>\n");
		}
	}
	if (!json_array_size(sessions))
		put(pg, "<p class=\"small muted\">No exercise session was entered, so sweat losses "
			"were not judged.</p>\n");
	if (json_array_size(json_object_get(h, "sources"))) {
		put(pg, "<p class=\"small muted\">Sources:");
		cite(pg, json_object_get(h, "sources"));
		put(pg, "</p>\n");
	}
	put(pg, "</section>\n");
}

/* ---- what was entered: labs and medicines -------------------------------- */

static void entered(struct page *pg)
{
	const json_t *labs = json_object_get(pg->doc, "labs");
	const json_t *meds = json_object_get(pg->doc, "medications");
	const json_t *conds = json_object_get(pg->doc, "conditions");
	size_t i, j;
	json_t *l, *e;
	double v;

	if (!json_array_size(labs) && !json_array_size(meds) && !json_array_size(conds))
		return;
	put(pg, "<section id=\"entered\" aria-labelledby=\"entered-h\">\n"
		"<h2 id=\"entered-h\">Lab results and medicines</h2>\n");
	if (json_array_size(labs)) {
		put(pg, "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Test</th><th scope=\"col\" "
			"class=\"num\">Result</th><th scope=\"col\">Reading</th></tr></thead>\n<tbody>\n");
		json_array_foreach(labs, i, l)
		{
			const json_t *input = json_object_get(l, "input");
			put(pg, "<tr><th scope=\"row\">");
			esc(pg, *str(l, "label") ? str(l, "label") : str(l, "test"));
			put(pg, "</th><td class=\"num\">");
			if (num(l, "value", &v)) {
				put_num(pg, v);
				put(pg, " ");
				esc(pg, str(l, "unit"));
			}
			if (json_is_object(input) && strcmp(str(input, "unit"), str(l, "unit")) != 0 &&
			    num(input, "value", &v)) {
				put(pg, " (you entered ");
				put_num(pg, v);
				put(pg, " ");
				esc(pg, str(input, "unit"));
				put(pg, ")");
			}
			put(pg, "</td><td>");
			esc(pg, str(l, "band_text"));
			if (*str(l, "note")) {
				put(pg, " ");
				esc(pg, str(l, "note"));
			}
			put(pg, "</td></tr>\n");
		}
		put(pg, "</tbody>\n</table></div>\n<p class=\"small muted\">Your laboratory's own reference "
			"ranges take precedence.</p>\n");
	}
	for (int k = 0; k < 2; k++) {
		const json_t *list = k ? conds : meds;
		if (!json_array_size(list))
			continue;
		put(pg, "<h3>%s</h3>\n<ul>\n", k ? "Conditions" : "Medicines");
		json_array_foreach(list, i, l)
		{
			bool implied = json_is_true(json_object_get(l, "from_profile"));
			put(pg, "<li>");
			esc(pg, implied && *str(l, "label") ? str(l, "label") : str(l, "input"));
			if (implied)
				put(pg, " (from your profile)");
			if (!json_is_true(json_object_get(l, "recognized"))) {
				put(pg, ": <em>not recognised; its effects are not included</em>");
			} else {
				if (!implied && *str(l, "label") &&
				    strcmp(str(l, "label"), str(l, "input")) != 0) {
					put(pg, " (");
					esc(pg, str(l, "label"));
					put(pg, ")");
				}
				json_array_foreach(json_object_get(l, "effects"), j, e)
				{
					put(pg, "%s", j ? "; " : ": ");
					esc(pg, str(e, "note"));
				}
			}
			put(pg, "</li>\n");
		}
		put(pg, "</ul>\n");
	}
	put(pg, "</section>\n");
}

/* ---- advice ------------------------------------------------------------- */

static void plan(struct page *pg, const json_t *a)
{
	const json_t *items = json_object_get(a, "plan"), *sum = json_object_get(a, "plan_summary");
	size_t i, j;
	json_t *it, *v;
	double x, y;

	if (!json_array_size(items) && !json_is_object(sum))
		return;
	put(pg, "<h3>A day's plan</h3>\n");
	if (json_is_object(sum)) {
		const char *status = str(sum, "status");
		put(pg, "<p>");
		if (strcmp(status, "closes_all") == 0)
			put(pg, "Added to what you eat now, these foods close every gap found. ");
		else if (strcmp(status, "partial") == 0)
			put(pg, "Added to what you eat now, these foods close some of the gaps; the rest "
				"are listed below. ");
		else if (strcmp(status, "none_needed") == 0)
			put(pg, "No nutrient needs a plan: none flagged is below its goal. ");
		else if (*status) {
			put(pg, "Plan: ");
			esc(pg, status);
			put(pg, ". ");
		}
		if (num(sum, "energy_kcal", &x)) {
			put(pg, "They add about %.0f kcal a day", x);
			if (num(sum, "energy_budget_kcal", &y))
				put(pg, " (kept under %.0f kcal, a fifth of your energy needs)", y);
			put(pg, ". ");
		}
		if (json_array_size(json_object_get(sum, "closes"))) {
			put(pg, "Gaps closed: ");
			json_array_foreach(json_object_get(sum, "closes"), j, v)
			{
				put(pg, "%s", j ? ", " : "");
				if (json_is_string(v))
					esc(pg, nutrient_label(pg, json_string_value(v)));
				else
					put_any(pg, v);
			}
			put(pg, ".");
		}
		put(pg, "</p>\n");
	}
	if (json_array_size(items)) {
		put(pg, "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Food</th>"
			"<th scope=\"col\">Amount</th>"
			"<th scope=\"col\">Adds</th></tr></thead>\n<tbody>\n");
		json_array_foreach(items, i, it)
		{
			put(pg, "<tr><td>");
			esc(pg, str(it, "name"));
			put(pg, "</td><td>");
			if (num(it, "servings", &x)) {
				put_num(pg, x);
				put(pg, " &times; ");
			}
			esc(pg, str(it, "serving"));
			if (num(it, "grams", &x)) {
				put(pg, " (");
				put_num(pg, x);
				put(pg, " g)");
			}
			put(pg, "</td><td>");
			const json_t *adds = json_object_get(it, "adds");
			if (json_is_object(adds)) {
				const char *key;
				j = 0;
				json_object_foreach((json_t *)adds, key, v)
				{
					if (json_is_null(v) || (json_is_number(v) && json_number_value(v) == 0))
						continue;
					put(pg, "%s", j++ ? ", " : "");
					esc(pg, nutrient_label(pg, key));
					put(pg, " ");
					put_any(pg, v);
					if (json_is_number(v))
						put(pg, "&nbsp;%s", nutrient_unit(pg, key));
				}
			} else if (adds) {
				put_any(pg, adds);
			}
			put(pg, "</td></tr>\n");
		}
		put(pg, "</tbody>\n</table></div>\n");
	}
	if (json_is_object(sum) && json_array_size(json_object_get(sum, "remaining"))) {
		put(pg, "<p>Still short after the plan:</p>\n<ul>\n");
		json_array_foreach(json_object_get(sum, "remaining"), j, v)
		{
			put(pg, "<li>");
			if (json_is_object(v)) {
				esc(pg, nutrient_label(pg, str(v, "nutrient")));
				if (*str(v, "reason")) {
					put(pg, ": ");
					esc(pg, str(v, "reason"));
				}
			} else {
				put_any(pg, v);
			}
			put(pg, "</li>\n");
		}
		put(pg, "</ul>\n");
	}
	if (json_is_object(sum) && json_object_get(sum, "after") &&
	    !json_is_null(json_object_get(sum, "after"))) {
		const json_t *after = json_object_get(sum, "after");
		put(pg, "<details><summary>Intake with the plan</summary>\n<ul class=\"small\">\n");
		if (json_is_object(after)) {
			const char *key;
			json_object_foreach((json_t *)after, key, v)
			{
				double m, p;
				put(pg, "<li>");
				esc(pg, nutrient_label(pg, key));
				put(pg, ": ");
				if (num(v, "mean", &m)) { /* {"mean", "probability_adequate", "method"} */
					put_num(pg, m);
					put(pg, " %s a day", nutrient_unit(pg, key));
					if (num(v, "probability_adequate", &p))
						put(pg, ", probability adequate %.0f%%", 100 * p);
				} else {
					put_any(pg, v);
					if (json_is_number(v))
						put(pg, " %s", nutrient_unit(pg, key));
				}
				put(pg, "</li>\n");
			}
		} else {
			put(pg, "<li>");
			put_any(pg, after);
			put(pg, "</li>\n");
		}
		put(pg, "</ul>\n</details>\n");
	}
}

static void advice(struct page *pg)
{
	const json_t *a = json_object_get(pg->doc, "advice");
	size_t i, j;
	json_t *v, *c;
	double x;
	char b1[32];

	if (!json_is_object(a))
		return;
	put(pg, "<section id=\"advice\" aria-labelledby=\"advice-h\">\n"
		"<h2 id=\"advice-h\">What to do</h2>\n");
	json_array_foreach(json_object_get(a, "notes"), i, v)
	{
		put(pg, "<p>");
		esc(pg, json_string_value(v));
		put(pg, "</p>\n");
	}
	if (json_array_size(json_object_get(a, "foods"))) {
		put(pg, "<h3>Foods that close the gaps</h3>\n<div class=\"scroll\"><table>\n<thead><tr>"
			"<th scope=\"col\">Food</th><th scope=\"col\">Serving</th>"
			"<th scope=\"col\" class=\"num\">Gives</th><th scope=\"col\" class=\"num\">"
			"Per 100&nbsp;kcal</th><th scope=\"col\" class=\"num\">"
			"Of your daily target</th></tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(a, "foods"), i, v)
		{
			const char *key = str(v, "nutrient");
			put(pg, "<tr><td>");
			esc(pg, str(v, "name"));
			put(pg, "</td><td>");
			esc(pg, str(v, "serving"));
			if (num(v, "grams", &x))
				put(pg, " (%s&nbsp;g)", fmt_num(b1, x));
			put(pg, "</td><td class=\"num\">");
			if (num(v, "amount", &x))
				put(pg, "%s %s ", fmt_num(b1, x), nutrient_unit(pg, key));
			esc(pg, nutrient_label(pg, key));
			put(pg, "</td><td class=\"num\">");
			if (num(v, "per_100kcal", &x))
				put(pg, "%s %s", fmt_num(b1, x), nutrient_unit(pg, key));
			else
				put(pg, "&ndash;");
			put(pg, "</td><td class=\"num\">");
			if (num(v, "percent_target", &x))
				put(pg, "%.0f%%", x);
			else
				put(pg, "&ndash;");
			put(pg, "</td></tr>\n");
		}
		put(pg, "</tbody>\n</table></div>\n");
	}
	plan(pg, a);
	if (json_array_size(json_object_get(a, "supplements"))) {
		put(pg, "<h3>Supplements: only with care</h3>\n<ul>\n");
		json_array_foreach(json_object_get(a, "supplements"), i, v)
		{
			const char *key = str(v, "nutrient");
			double lo;
			put(pg, "<li><strong>");
			esc(pg, *key ? nutrient_label(pg, key) : str(v, "factor"));
			put(pg, "</strong>: ");
			if (num(v, "max_daily", &x)) {
				if (num(v, "min_daily", &lo))
					put(pg, "%s&ndash;", fmt_num(b1, lo));
				put(pg, "%s ", fmt_num(b1, x));
				esc(pg, str(v, "unit"));
				put(pg, " a day at most, ");
			} else {
				put(pg, "no supplement, ");
			}
			esc(pg, str(v, "when"));
			put(pg, ".");
			cite(pg, json_object_get(v, "sources"));
			if (json_array_size(json_object_get(v, "cautions"))) {
				put(pg, "<ul>\n");
				json_array_foreach(json_object_get(v, "cautions"), j, c)
				{
					put(pg, "<li>&#9888; ");
					esc(pg, json_string_value(c));
					put(pg, "</li>\n");
				}
				put(pg, "</ul>");
			}
			put(pg, "</li>\n");
		}
		put(pg, "</ul>\n");
	}
	if (json_array_size(json_object_get(a, "hydration"))) {
		put(pg, "<h3>Fluids</h3>\n<ul>\n");
		string_items(pg, json_object_get(a, "hydration"));
		put(pg, "</ul>\n");
		if (json_array_size(json_object_get(a, "sources"))) {
			put(pg, "<p class=\"small muted\">Sources:");
			cite(pg, json_object_get(a, "sources"));
			put(pg, "</p>\n");
		}
	}
	if (json_array_size(json_object_get(a, "recovery"))) {
		put(pg, "<h3>Recovery and prevention</h3>\n<ul>\n");
		json_array_foreach(json_object_get(a, "recovery"), i, v)
		{
			put(pg, "<li>");
			esc(pg, str(v, "advice"));
			if (*str(v, "evidence")) {
				put(pg, " <span class=\"muted small\">(evidence: ");
				esc(pg, str(v, "evidence"));
				put(pg, ")</span>");
			}
			cite(pg, json_object_get(v, "sources"));
			if (*str(v, "note")) {
				put(pg, "<br><span class=\"small\">");
				esc(pg, str(v, "note"));
				put(pg, "</span>");
			}
			if (*str(v, "your_intake")) {
				put(pg, "<br><span class=\"small\">");
				esc(pg, str(v, "your_intake"));
				put(pg, "</span>");
			}
			put(pg, "</li>\n");
		}
		put(pg, "</ul>\n");
	}
	put(pg, "</section>\n");
}

/* ---- limits, sources, end ---------------------------------------------- */

static void limits(struct page *pg)
{
	const json_t *in = json_object_get(pg->doc, "intake");
	const json_t *nutrients = json_object_get(in, "nutrients");
	double days = 0;
	const char *key;
	json_t *n, *f, *v;
	size_t i, j;

	num(in, "days", &days);
	put(pg, "<section id=\"limits\" aria-labelledby=\"limits-h\">\n"
		"<h2 id=\"limits-h\">What this report cannot tell</h2>\n<ul>\n"
		"<li>It cannot examine you. Pain, swelling, weakness or numbness need a clinician, "
		"whatever this report says about food.</li>\n");
	if (days <= 0)
		put(pg, "<li>No food diary was given, so nothing here says whether you eat enough of "
			"any nutrient.</li>\n");
	else
		put(pg, "<li>%.0f day%s of diary show%s your usual intake only roughly; the "
			"probabilities allow for ordinary day-to-day variation, not for days that were "
			"unusual or foods left out.</li>\n",
		    days, days == 1 ? "" : "s", days == 1 ? "s" : "");
	if (days > 0) {
		json_object_foreach((json_t *)nutrients, key, n)
		{
			double m;
			if (!num(n, "mean", &m)) {
				put(pg, "<li>");
				esc(pg, nutrient_label(pg, key));
				put(pg, ": no data in the foods you ate (unknown, not zero).</li>\n");
			} /* a mean that is only a lower bound is said by its finding and chart */
		}
	}
	json_array_foreach(json_object_get(pg->doc, "findings"), i, f)
	{
		json_array_foreach(json_object_get(f, "unknown"), j, v)
		{
			put(pg, "<li>");
			esc(pg, str(f, "label"));
			put(pg, ": ");
			esc(pg, json_string_value(v));
			put(pg, "</li>\n");
		}
	}
	put(pg, "<li>Blood levels of magnesium and potassium can be normal while the body's stores "
		"are low, and a single result can be off; laboratories' own ranges differ.</li>\n"
		"</ul>\n<p class=\"disclaimer\">");
	esc(pg, *str(pg->doc, "disclaimer") ? str(pg->doc, "disclaimer")
					    : "cramplab screens and explains; it does not diagnose.");
	put(pg, "</p>\n</section>\n");
}

static void sources(struct page *pg)
{
	size_t i;
	json_t *v;

	if (!json_array_size(pg->cites))
		return;
	put(pg, "<section id=\"sources\" aria-labelledby=\"sources-h\">\n"
		"<h2 id=\"sources-h\">Sources</h2>\n<ol class=\"sources\">\n");
	json_array_foreach(pg->cites, i, v)
	{
		put(pg, "<li id=\"src-%zu\">", i + 1);
		esc(pg, json_string_value(v));
		put(pg, "</li>\n");
	}
	put(pg, "</ol>\n</section>\n");
}

int cl_report_html(char **out, const json_t *doc)
{
	struct page pg = {.doc = doc};

	*out = NULL;
	if (!json_is_object(doc))
		return cl_error_set(CL_EINVAL, "the assessment is not a JSON object");
	pg.cites = json_array();
	if (!pg.cites)
		return cl_error_oom();
	pg.nutrients = json_object_get(json_object_get(doc, "intake"), "nutrients");
	head(&pg);
	triage(&pg);
	findings(&pg);
	intake(&pg);
	per_day(&pg);
	fluids(&pg);
	entered(&pg);
	advice(&pg);
	limits(&pg);
	sources(&pg);
	put(&pg, "</main>\n</body>\n</html>\n");
	json_decref(pg.cites);
	if (pg.rc == CL_OK && !pg.b.data)
		pg.rc = cl_error_oom();
	if (pg.rc != CL_OK) {
		cl_buf_free(&pg.b);
		return pg.rc;
	}
	*out = pg.b.data;
	return CL_OK;
}
