/*
 * The HTML report and its escaping: hostile text (markup, quotes, entities,
 * invalid UTF-8, control characters) never becomes markup; a report from a
 * hostile document holds only the renderer's own tags; missing sections
 * and unknown values are drawn as such; advice.plan is shown when present
 * and left out when absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cramplab/report.h"
#include "html.h"
#include "util.h"

static char *escape(const char *s, size_t len)
{
	cl_buf b = {0};
	assert_int_equal(cl_html_escape(&b, s, len), 0);
	assert_int_equal(cl_buf_append(&b, "", 1), 0); /* NUL-terminate */
	return b.data;
}

#define ESCAPES_TO(in, want)                                                                 \
	do {                                                                                 \
		char *got_ = escape(in, sizeof(in) - 1);                                     \
		assert_string_equal(got_, want);                                             \
		free(got_);                                                                  \
	} while (0)

#define FFFD "\xEF\xBF\xBD"

static void escape_markup(void **state)
{
	(void)state;
	ESCAPES_TO("<script>alert(\"x\")</script>",
		   "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
	ESCAPES_TO("' onmouseover='a'", "&#39; onmouseover=&#39;a&#39;");
	ESCAPES_TO("&amp; & &#39;", "&amp;amp; &amp; &amp;#39;");
	ESCAPES_TO("", "");
	ESCAPES_TO("plain text", "plain text");
}

static void escape_utf8(void **state)
{
	(void)state;
	/* valid text passes unchanged */
	ESCAPES_TO("Crème fraîche, 5 µg, 日本", "Crème fraîche, 5 µg, 日本");
	ESCAPES_TO("tab\tnew\nline\r", "tab\tnew\nline\r");
	/* each bad byte becomes U+FFFD, and reading resumes after it */
	ESCAPES_TO("a\xff\xfe" "b", "a" FFFD FFFD "b");
	ESCAPES_TO("cut \xc3", "cut " FFFD);
	ESCAPES_TO("\xc0\xbc" "script>", FFFD FFFD "script&gt;"); /* overlong '<' */
	ESCAPES_TO("\xed\xa0\x80", FFFD FFFD FFFD);             /* a surrogate */
	ESCAPES_TO("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);    /* past U+10FFFF */
	/* NUL and control characters cannot hide in a page */
	ESCAPES_TO("a\0b\x01\x1b[31m\x7f", "a" FFFD "b" FFFD FFFD "[31m" FFFD);
}

/* The tags the renderer writes; anything else in a report is an injection. */
static const char *const own_tags[] = {
	"!doctype", "html", "head", "meta", "title", "style", "body", "main", "header", "nav",
	"a", "section", "h1", "h2", "h3", "p", "ul", "li", "strong", "article", "span", "em",
	"div", "svg", "defs", "pattern", "rect", "text", "line", "g", "details", "summary",
	"table", "thead", "tbody", "tr", "th", "td", "ol", "br", NULL};

static void only_own_tags(const char *html)
{
	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		const char *name = p + 1 + (p[1] == '/');
		size_t n = strspn(name, "!abcdefghijklmnopqrstuvwxyz0123456789");
		int known = 0;
		for (int i = 0; own_tags[i]; i++)
			known |= strlen(own_tags[i]) == n && strncmp(own_tags[i], name, n) == 0;
		if (!known)
			fail_msg("unexpected markup in the report: %.60s", p);
	}
}

static json_t *load(const char *text)
{
	json_error_t err;
	json_t *doc = json_loads(text, 0, &err);
	if (!doc)
		fail_msg("test JSON: %s", err.text);
	return doc;
}

#define EVIL "<script>alert('x')</script>\" onload=\"x\" & <img src=x onerror=y>"

static void hostile_document(void **state)
{
	(void)state;
	/* Every string the renderer shows, made hostile. */
	const char *text =
		"{\"cramplab\": \"" "<b>1</b>" "\","
		" \"profile\": {\"age\": 40, \"sex\": \"<i>x</i>\", \"diet\": \"<u>\", \"life_stage\": \"<s>\"},"
		" \"triage\": {\"level\": \"<script>\", \"details\": [{\"reason\": \"EVIL\","
		"   \"action\": \"EVIL\", \"sources\": [\"EVIL\"]}]},"
		" \"findings\": [{\"factor\": \"x\", \"label\": \"EVIL\", \"strength\": \"<q>\","
		"   \"evidence\": [\"EVIL\"], \"unknown\": [\"EVIL\"], \"sources\": [\"EVIL\"]},"
		"   {\"label\": \"EVIL\", \"strength\": \"none\"}],"
		" \"intake\": {\"days\": 1, \"source\": \"EVIL\", \"note\": \"EVIL\","
		"   \"nutrients\": {\"<b>_mg\": {\"label\": \"EVIL\", \"unit\": \"<u>\", \"mean\": 5,"
		"      \"conclusion\": \"<x>\", \"reference\": {\"rda\": 10, \"ear\": 8, \"ul\": 20}}},"
		"   \"per_day\": {\"days\": [{\"date\": \"<d>\", \"totals\": {\"<b>_mg\": 4},"
		"      \"entries\": [{\"line\": \"EVIL\", \"name\": \"EVIL\", \"grams\": 1}]}]}},"
		" \"hydration\": {\"water_ai_l\": 2, \"water_mean_l\": null, \"sources\": [\"EVIL\"],"
		"   \"sessions\": [{\"date\": \"EVIL\", \"minutes\": 3, \"method\": \"EVIL\","
		"      \"sweat_loss_l\": 1, \"assumptions\": \"EVIL\"}]},"
		" \"labs\": [{\"test\": \"EVIL\", \"label\": \"EVIL\", \"value\": 1, \"unit\": \"EVIL\","
		"   \"band_text\": \"EVIL\", \"note\": \"EVIL\", \"input\": {\"value\": 2, \"unit\": \"EVIL2\"}}],"
		" \"medications\": [{\"input\": \"EVIL\", \"recognized\": false},"
		"   {\"input\": \"EVIL\", \"label\": \"EVIL\", \"recognized\": true,"
		"    \"effects\": [{\"note\": \"EVIL\"}]}],"
		" \"conditions\": [{\"input\": \"EVIL\", \"label\": \"EVIL\", \"recognized\": true,"
		"    \"from_profile\": true}],"
		" \"advice\": {\"notes\": [\"EVIL\"], \"hydration\": [\"EVIL\"], \"sources\": [\"EVIL\"],"
		"   \"foods\": [{\"nutrient\": \"EVIL\", \"name\": \"EVIL\", \"serving\": \"EVIL\", \"amount\": 1}],"
		"   \"supplements\": [{\"factor\": \"EVIL\", \"unit\": \"EVIL\", \"when\": \"EVIL\","
		"      \"max_daily\": 3, \"cautions\": [\"EVIL\"], \"sources\": [\"EVIL\"]}],"
		"   \"recovery\": [{\"advice\": \"EVIL\", \"evidence\": \"EVIL\", \"note\": \"EVIL\","
		"      \"your_intake\": \"EVIL\", \"sources\": [\"EVIL\"]}],"
		"   \"plan\": [{\"ndb\": \"EVIL\", \"name\": \"EVIL\", \"grams\": 1, \"serving\": \"EVIL\","
		"      \"servings\": 2, \"adds\": {\"EVIL\": 3, \"x\": \"EVIL\"}}],"
		"   \"plan_summary\": {\"status\": \"EVIL\", \"closes\": [\"EVIL\"],"
		"      \"remaining\": [{\"nutrient\": \"EVIL\", \"reason\": \"EVIL\"}], \"after\": {\"EVIL\": \"EVIL\"}}},"
		" \"disclaimer\": \"EVIL\"}";
	/* Put the hostile string in, JSON-escaped. */
	json_t *evil = json_string(EVIL);
	char *quoted = json_dumps(evil, JSON_ENCODE_ANY);
	cl_buf src = {0};
	for (const char *p = text; *p;) {
		const char *at = strstr(p, "\"EVIL\"");
		size_t n = at ? (size_t)(at - p) : strlen(p);
		assert_int_equal(cl_buf_append(&src, p, n), 0);
		if (!at)
			break;
		assert_int_equal(cl_buf_append(&src, quoted, strlen(quoted)), 0);
		p = at + 6;
	}
	assert_int_equal(cl_buf_append(&src, "", 1), 0);
	json_t *doc = load(src.data);
	char *html = NULL;

	assert_int_equal(cl_report_html(&html, doc), 0);
	only_own_tags(html);
	assert_null(strstr(html, "onload=\""));
	assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; "
				     "onload=&quot;x&quot; &amp; &lt;img src=x onerror=y&gt;"));
	/* the plan was shown */
	assert_non_null(strstr(html, "A day's plan"));
	free(html);
	json_decref(doc);
	cl_buf_free(&src);
	free(quoted);
	json_decref(evil);
}

static void sparse_documents(void **state)
{
	(void)state;
	char *html = NULL;
	json_t *doc = load("{}");

	/* nothing known: still a whole page, with the disclaimer */
	assert_int_equal(cl_report_html(&html, doc), 0);
	assert_non_null(strstr(html, "<!doctype html>"));
	assert_non_null(strstr(html, "</html>\n"));
	assert_non_null(strstr(html, "does not diagnose"));
	assert_null(strstr(html, "A day's plan"));
	assert_null(strstr(html, "<svg"));
	only_own_tags(html);
	free(html);
	json_decref(doc);

	/* an unknown mean is "no data" and hatched, never a bar of zero */
	doc = load("{\"triage\": {\"level\": \"emergency\"}, \"intake\": {\"days\": 2, \"nutrients\":"
		   " {\"iron_mg\": {\"label\": \"Iron\", \"unit\": \"mg\", \"mean\": null,"
		   " \"reference\": {\"ear\": 5, \"rda\": 8, \"ul\": 45}}}},"
		   " \"advice\": {\"foods\": []}}");
	assert_int_equal(cl_report_html(&html, doc), 0);
	assert_non_null(strstr(html, "t-emergency"));
	assert_non_null(strstr(html, "emergency number"));
	assert_non_null(strstr(html, "No data"));
	assert_non_null(strstr(html, "url(#hatch"));
	assert_non_null(strstr(html, "mean intake unknown"));
	assert_non_null(strstr(html, "<title id="));
	assert_null(strstr(html, "A day's plan")); /* no advice.plan: no plan section */
	only_own_tags(html);
	free(html);
	json_decref(doc);

	/* not an object: refused */
	doc = json_array();
	assert_int_not_equal(cl_report_html(&html, doc), 0);
	assert_null(html);
	json_decref(doc);
}

/* advice.plan as the plan module writes it (docs/advice.md). */
static void plan_shapes(void **state)
{
	(void)state;
	char *html = NULL;
	json_t *doc = load(
		"{\"intake\": {\"days\": 3, \"nutrients\": {\"magnesium_mg\": {\"label\": \"Magnesium\","
		" \"unit\": \"mg\", \"mean\": 199}, \"vitamin_d_ug\": {\"label\": \"Vitamin D\","
		" \"unit\": \"ug\", \"mean\": 2}}},"
		" \"advice\": {\"plan\": [{\"ndb\": \"11458\", \"name\": \"Spinach, cooked\", \"grams\": 540,"
		"   \"serving\": \"1 cup\", \"servings\": 3, \"adds\": {\"magnesium_mg\": 470,"
		"   \"vitamin_d_ug\": 0, \"energy_kcal\": 69}}],"
		"  \"plan_summary\": {\"status\": \"partial\", \"energy_kcal\": 69, \"energy_budget_kcal\": 485,"
		"   \"closes\": [\"magnesium_mg\"], \"remaining\": [{\"nutrient\": \"vitamin_d_ug\","
		"   \"reason\": \"no allowed food reaches the EAR\"}], \"after\": {\"magnesium_mg\":"
		"   {\"mean\": 652, \"probability_adequate\": 1.0, \"method\": \"ear\"}}}}}");

	assert_int_equal(cl_report_html(&html, doc), 0);
	assert_non_null(strstr(html, "A day's plan"));
	assert_non_null(strstr(html, "close some of the gaps"));
	assert_non_null(strstr(html, "3 &times; 1 cup (540 g)"));
	assert_non_null(strstr(html, "Magnesium 470&nbsp;mg"));
	assert_null(strstr(html, "Vitamin D 0")); /* a food adding none is not listed as adding */
	assert_non_null(strstr(html, "Gaps closed: Magnesium."));
	assert_non_null(strstr(html, "Vitamin D: no allowed food reaches the EAR"));
	assert_non_null(strstr(html, "Magnesium: 652 mg a day, probability adequate 100%"));
	assert_non_null(strstr(html, "about 69 kcal a day (kept under 485 kcal"));
	only_own_tags(html);
	free(html);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_markup),
		cmocka_unit_test(escape_utf8),
		cmocka_unit_test(hostile_document),
		cmocka_unit_test(sparse_documents),
		cmocka_unit_test(plan_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
