/*
 * Amounts and units of diary lines.  People write "1½ cups", "150g",
 * "1 tbsp.", "half a", "two", "1 1/2": the tokenizer first rewrites the text
 * into one plain spelling (lower case, numbers apart from letters, vulgar
 * fractions as "1/2", a double quote after a number as "inch", a word's
 * "'s" joined to it; digits glued after a word's letters stay in it, "v8",
 * unless they are a count after "x" or a fraction), so that the amount
 * reader and the unit table each see only one form.  Refusals are precise
 * ("negative amount", "division by zero") because a diary line that is
 * silently misread is worse than one that is refused; words of quantity
 * with no number ("a few", "some", "dozens of", "twenty-something") are
 * refused, not read as one.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "quantity.h"
#include "search_index.h"
#include "textfold.h"
#include "util.h"

/* Unicode vulgar fractions (UTF-8) and what they spell. */
static const struct {
	const char *utf8;
	const char *text;
} fractions[] = {
	{"\xc2\xbd", "1/2"},     {"\xc2\xbc", "1/4"},     {"\xc2\xbe", "3/4"},
	{"\xe2\x85\x93", "1/3"}, {"\xe2\x85\x94", "2/3"}, {"\xe2\x85\x95", "1/5"},
	{"\xe2\x85\x96", "2/5"}, {"\xe2\x85\x97", "3/5"}, {"\xe2\x85\x98", "4/5"},
	{"\xe2\x85\x99", "1/6"}, {"\xe2\x85\x9a", "5/6"}, {"\xe2\x85\x9b", "1/8"},
	{"\xe2\x85\x9c", "3/8"}, {"\xe2\x85\x9d", "5/8"}, {"\xe2\x85\x9e", "7/8"},
	{"\xe2\x81\x84", "/"}, /* fraction slash */
};

static int emit(cl_buf *b, const char *s, size_t n)
{
	return cl_buf_append(b, s, n);
}

static char last_char(const cl_buf *b)
{
	return b->len ? b->data[b->len - 1] : ' ';
}

/* Writes the normalised line: tokens separated by single spaces. */
static int normalise(cl_buf *b, const char *line)
{
	const unsigned char *p = (const unsigned char *)line;
	int rc = CL_OK;
	/* The run of letters being written: where it starts in b, and whether
	 * it was glued to a number before it ("1e309", "2x4") */
	size_t letters_at = 0;
	bool letters_after_number = false;

	while (*p && rc == CL_OK) {
		size_t k, nf = sizeof(fractions) / sizeof(fractions[0]);
		for (k = 0; k < nf; k++) {
			size_t fl = strlen(fractions[k].utf8);
			if (strncmp((const char *)p, fractions[k].utf8, fl) == 0)
				break;
		}
		if (k < nf) {
			const char *text = fractions[k].text;
			size_t fl = strlen(fractions[k].utf8);
			if (text[0] != '/' && isdigit((unsigned char)last_char(b)))
				rc = emit(b, " ", 1);
			if (!rc)
				rc = emit(b, text, strlen(text));
			if (!rc && text[0] != '/')
				rc = emit(b, " ", 1);
			p += fl;
			continue;
		}
		unsigned char c = *p;
		char prev = last_char(b);
		if (c >= 0x80) {
			/* Other non-ASCII text (letters of food names) passes through. */
			if (isdigit((unsigned char)prev))
				rc = emit(b, " ", 1);
			if (!rc)
				rc = emit(b, (const char *)p, 1);
			p++;
			continue;
		}
		if (isalpha(c)) {
			char lc = (char)tolower(c);
			if (!isalpha((unsigned char)prev)) {
				letters_after_number = isdigit((unsigned char)prev) != 0;
				letters_at = b->len + letters_after_number;
			}
			if (isdigit((unsigned char)prev))
				rc = emit(b, " ", 1);
			if (!rc)
				rc = emit(b, &lc, 1);
		} else if (isdigit(c)) {
			/* "v8 juice", "a1 sauce": digits after one or two letters
			 * are part of a name, never an amount; after a longer word
			 * they are an amount typed without a space ("milk1 cup",
			 * "toast2 slices"); "x4" stays a count, and a fraction or
			 * decimal ("word1/2", "word1.5") an amount */
			bool times = b->len == letters_at + 1 && b->data[letters_at] == 'x';
			bool name_code = b->len - letters_at <= 2;
			const unsigned char *after = p;
			while (isdigit(*after))
				after++;
			bool amount = *after == '/' || (*after == '.' && isdigit(after[1]));
			if (isalpha((unsigned char)prev) &&
			    (letters_after_number || times || amount || !name_code))
				rc = emit(b, " ", 1);
			if (!rc)
				rc = emit(b, (const char *)&c, 1);
		} else if (c == '"' && isdigit((unsigned char)prev)) {
			/* '10" tortilla': a double quote just after a number is
			 * inches (dropped, the length was read as a count of 10) */
			rc = emit(b, " inch ", 6);
		} else if (c == ',') {
			rc = emit(b, " , ", 3);
		} else if (c == '.' || c == '/' || c == '-' || c == '?' || c == '%' || c == ':') {
			rc = emit(b, (const char *)&c, 1);
		} else {
			rc = emit(b, " ", 1);
		}
		p++;
	}
	return rc;
}

int cl_tokenize(cl_tokens *out, const char *line)
{
	cl_buf b = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	if (!cl_utf8_valid(line, -1))
		return cl_error_set(CL_EINVAL, "the line is not valid UTF-8 text");
	if ((rc = normalise(&b, line)) || (rc = cl_buf_append(&b, "", 0)))
		goto cleanup;
	size_t cap = 1;
	for (size_t i = 0; i < b.len; i++)
		cap += b.data[i] == ' ';
	out->tok = calloc(cap + 1, sizeof(char *));
	if (!out->tok) {
		rc = cl_error_oom();
		goto cleanup;
	}
	for (char *save = NULL, *w = strtok_r(b.data, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t len = strlen(w);
		/* "tbsp." and "oz." end a word with a period; numbers keep theirs. */
		while (len > 1 && w[len - 1] == '.' && !isdigit((unsigned char)w[len - 2]))
			w[--len] = '\0';
		if (strcmp(w, ".") == 0 || strcmp(w, "-") == 0)
			continue;
		out->tok[out->n++] = w;
	}
	out->buf = b.data;
	b.data = NULL;
cleanup:
	cl_buf_free(&b);
	if (rc)
		cl_tokens_free(out);
	return rc;
}

void cl_tokens_free(cl_tokens *t)
{
	if (!t)
		return;
	free(t->tok);
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

#define ML_PER_TBSP (CL_ML_PER_CUP / 16)
#define ML_PER_TSP (CL_ML_PER_CUP / 48)
#define ML_PER_FL_OZ (CL_ML_PER_CUP / 8)

/* US customary volumes (NIST Handbook 44, appendix C). */
static const cl_unit units[] = {
	{"g", CL_UNIT_MASS, 1.0, NULL},
	{"kg", CL_UNIT_MASS, 1000.0, NULL},
	{"mg", CL_UNIT_MASS, 0.001, NULL},
	{"oz", CL_UNIT_MASS, CL_G_PER_OZ, NULL},
	{"lb", CL_UNIT_MASS, 453.59237, NULL},
	{"ml", CL_UNIT_VOLUME, 1.0, NULL},
	{"cl", CL_UNIT_VOLUME, 10.0, NULL},
	{"dl", CL_UNIT_VOLUME, 100.0, NULL},
	{"l", CL_UNIT_VOLUME, 1000.0, NULL},
	{"cup", CL_UNIT_VOLUME, CL_ML_PER_CUP, NULL},
	{"tbsp", CL_UNIT_VOLUME, ML_PER_TBSP, NULL},
	{"tsp", CL_UNIT_VOLUME, ML_PER_TSP, NULL},
	{"fl oz", CL_UNIT_VOLUME, ML_PER_FL_OZ, NULL},
	{"pint", CL_UNIT_VOLUME, 2 * CL_ML_PER_CUP, NULL},
	{"quart", CL_UNIT_VOLUME, 4 * CL_ML_PER_CUP, NULL},
	{"gallon", CL_UNIT_VOLUME, 16 * CL_ML_PER_CUP, NULL}, /* US, as the cup */
	/* Vague containers, read by a stated rule (see docs/diary.md). */
	{"glass", CL_UNIT_VOLUME, CL_ML_PER_CUP, "a glass is taken as 1 cup (236.6 ml)"},
	{"mug", CL_UNIT_VOLUME, CL_ML_PER_CUP, "a mug is taken as 1 cup (236.6 ml)"},
	{"bowl", CL_UNIT_VOLUME, CL_ML_PER_CUP, "a bowl is taken as 1 cup (236.6 ml)"},
	{"handful", CL_UNIT_MASS, CL_G_PER_OZ, "a handful is taken as 1 oz (28.35 g)"},
};

static const struct {
	const char *word;
	const char *unit;
} spellings[] = {
	{"g", "g"},         {"gr", "g"},           {"gm", "g"},          {"gms", "g"},
	{"gram", "g"},      {"grams", "g"},        {"gramme", "g"},      {"grammes", "g"},
	{"kg", "kg"},       {"kgs", "kg"},         {"kilo", "kg"},       {"kilos", "kg"},
	{"kilogram", "kg"}, {"kilograms", "kg"},   {"mg", "mg"},         {"milligram", "mg"},
	{"milligrams", "mg"}, {"oz", "oz"},        {"ozs", "oz"},        {"ounce", "oz"},
	{"ounces", "oz"},   {"lb", "lb"},          {"lbs", "lb"},        {"pound", "lb"},
	{"pounds", "lb"},   {"ml", "ml"},          {"mls", "ml"},        {"millilitre", "ml"},
	{"milliliter", "ml"}, {"millilitres", "ml"}, {"milliliters", "ml"}, {"cl", "cl"},
	{"dl", "dl"},       {"l", "l"},            {"ltr", "l"},         {"litre", "l"},
	{"liter", "l"},     {"litres", "l"},       {"liters", "l"},      {"cup", "cup"},
	{"cups", "cup"},    {"c", "cup"},          {"tbsp", "tbsp"},     {"tbsps", "tbsp"},
	{"tbs", "tbsp"},    {"tbl", "tbsp"},       {"tablespoon", "tbsp"}, {"tablespoons", "tbsp"},
	{"tsp", "tsp"},     {"tsps", "tsp"},       {"teaspoon", "tsp"},  {"teaspoons", "tsp"},
	{"floz", "fl oz"},  {"pint", "pint"},      {"pints", "pint"},    {"quart", "quart"},
	{"qt", "quart"},    {"qts", "quart"},
	{"quarts", "quart"}, {"gallon", "gallon"}, {"gallons", "gallon"},
	{"glass", "glass"},   {"glasses", "glass"}, {"mug", "mug"},
	{"mugs", "mug"},    {"bowl", "bowl"},      {"bowls", "bowl"},    {"handful", "handful"},
	{"handfuls", "handful"}, {"cupful", "cup"}, {"cupfuls", "cup"},  {"cupsful", "cup"},
	{"tablespoonful", "tbsp"}, {"tablespoonfuls", "tbsp"}, {"teaspoonful", "tsp"},
	{"teaspoonfuls", "tsp"},
};

static const cl_unit *unit_named(const char *name)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(units[i].name, name) == 0)
			return &units[i];
	return NULL;
}

const cl_unit *cl_unit_at(const cl_tokens *t, size_t i, size_t *used)
{
	*used = 0;
	if (i >= t->n)
		return NULL;
	const char *w = t->tok[i];
	const char *next = i + 1 < t->n ? t->tok[i + 1] : "";
	if ((strcmp(w, "fl") == 0 || strcmp(w, "fluid") == 0) &&
	    (strcmp(next, "oz") == 0 || strcmp(next, "ounce") == 0 || strcmp(next, "ounces") == 0)) {
		*used = 2;
		return unit_named("fl oz");
	}
	/* "hand full", "hand fulls" */
	if (strcmp(w, "hand") == 0 && (strcmp(next, "full") == 0 || strcmp(next, "fulls") == 0)) {
		*used = 2;
		return unit_named("handful");
	}
	for (size_t k = 0; k < sizeof(spellings) / sizeof(spellings[0]); k++)
		if (strcmp(spellings[k].word, w) == 0) {
			*used = 1;
			return unit_named(spellings[k].unit);
		}
	/* A typo of a long unit word ("handfull", "tablspoon"): at 7 letters
	 * and more, no food word is one letter away from one of these, and the
	 * word stands where an amount's unit does.  Short words ("cups",
	 * "grams") are not guessed: "crams", "clips" are not units. */
	if (strlen(w) >= 7)
		for (size_t k = 0; k < sizeof(spellings) / sizeof(spellings[0]); k++)
			if (strlen(spellings[k].word) >= 7 &&
			    cl_search_distance(spellings[k].word, strlen(spellings[k].word), w,
					       strlen(w), 1) <= 1) {
				*used = 1;
				return unit_named(spellings[k].unit);
			}
	return NULL;
}

const cl_unit *cl_unit_slip(const char *w)
{
	size_t n = strlen(w);
	/* (seven letters and more are cl_unit_at()'s own) */
	if (n < 5 || n >= 7)
		return NULL;
	for (size_t k = 0; k < sizeof(spellings) / sizeof(spellings[0]); k++) {
		const char *s = spellings[k].word;
		size_t sn = strlen(s);
		if (sn >= 5 && sn < 7 && strncmp(s, w, 2) == 0 && s[sn - 1] == w[n - 1] &&
		    strcmp(s, w) != 0 && cl_search_distance(s, sn, w, n, 1) <= 1)
			return unit_named(spellings[k].unit);
	}
	return NULL;
}

const cl_unit *cl_unit_of_measure(const char *name, bool *plain)
{
	static const struct {
		const char *prefix;
		const char *unit;
	} m[] = {{"cup", "cup"},     {"cups", "cup"},   {"tbsp", "tbsp"}, {"tablespoon", "tbsp"},
		 {"tsp", "tsp"},     {"teaspoon", "tsp"}, {"fl oz", "fl oz"}, {"fluid ounce", "fl oz"}, {"ml", "ml"},
		 {"pint", "pint"},   {"quart", "quart"}, {"liter", "l"},   {"litre", "l"}};
	for (size_t k = 0; k < sizeof(m) / sizeof(m[0]); k++) {
		size_t n = strlen(m[k].prefix);
		if (strncasecmp(name, m[k].prefix, n) == 0 && !isalpha((unsigned char)name[n])) {
			if (plain)
				*plain = name[n] == '\0';
			return unit_named(m[k].unit);
		}
	}
	return NULL;
}

static const char *const number_words[] = {"zero", "one", "two",   "three", "four",
					   "five", "six", "seven", "eight", "nine",
					   "ten",  "eleven", "twelve"};
/* "twenty almonds", "fifteen grapes", "twenty-five": counts past twelve in
 * words (they were dropped, leaving one almond) */
static const char *const teen_words[] = {"thirteen", "fourteen", "fifteen", "sixteen",
					 "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[] = {"twenty", "thirty", "forty",  "fifty",
					 "sixty",  "seventy", "eighty", "ninety"};

/* The value of a number word from one to nine (0 if it is none). */
static int digit_word(const char *w, size_t n)
{
	for (size_t k = 1; k <= 9; k++)
		if (strlen(number_words[k]) == n && strncmp(number_words[k], w, n) == 0)
			return (int)k;
	return 0;
}

/* The value of one word, 1 to 99 ("seven", "fifteen", "forty", "twenty-five");
 * 0 if it is no number word. */
static int spelled_value(const char *w)
{
	for (size_t k = 1; k < sizeof(number_words) / sizeof(number_words[0]); k++)
		if (strcmp(number_words[k], w) == 0)
			return (int)k;
	for (size_t k = 0; k < sizeof(teen_words) / sizeof(teen_words[0]); k++)
		if (strcmp(teen_words[k], w) == 0)
			return 13 + (int)k;
	for (size_t k = 0; k < sizeof(tens_words) / sizeof(tens_words[0]); k++) {
		size_t n = strlen(tens_words[k]);
		if (strncmp(tens_words[k], w, n) != 0)
			continue;
		if (!w[n])
			return 20 + 10 * (int)k;
		int unit = w[n] == '-' ? digit_word(w + n + 1, strlen(w + n + 1)) : 0;
		return unit ? 20 + 10 * (int)k + unit : 0;
	}
	return 0;
}

bool cl_number_word(const char *w)
{
	return spelled_value(w) > 0;
}

bool cl_token_numeric(const char *tok)
{
	const char *p = tok;
	if (*p == '-' || *p == '+')
		p++;
	return isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])) ||
	       strcmp(tok, "nan") == 0 || strcmp(tok, "inf") == 0 || strcmp(tok, "infinity") == 0;
}

/* One numeric token: "2", "1.5", "1/2".  -1 refused (why set), 0 not a number, 1 ok. */
static int number_token(const char *tok, double *v, char *why, size_t whylen)
{
	if (strcmp(tok, "nan") == 0 || strcmp(tok, "inf") == 0 || strcmp(tok, "infinity") == 0) {
		snprintf(why, whylen, "'%s' is not a number", tok);
		return -1;
	}
	/* "1%" and "2%" name a milk's fat, not an amount: "2% milk, 1 cup". */
	if (!cl_token_numeric(tok) || strchr(tok, '%'))
		return 0;
	if (tok[0] == '-') {
		snprintf(why, whylen, "the amount '%s' is negative", tok);
		return -1;
	}
	const char *slash = strchr(tok, '/');
	if (slash) {
		double a, b;
		/* The denominator must be unsigned too: "1/-1" is not an amount. */
		if (!cl_parse_decimal(tok, (size_t)(slash - tok), &a) ||
		    !(isdigit((unsigned char)slash[1]) || slash[1] == '.') ||
		    !cl_parse_decimal(slash + 1, strlen(slash + 1), &b)) {
			snprintf(why, whylen, "'%s' is not a fraction", tok);
			return -1;
		}
		if (b == 0) {
			snprintf(why, whylen, "'%s' divides by zero", tok);
			return -1;
		}
		*v = a / b;
		return 1;
	}
	if (!cl_parse_decimal(tok, strlen(tok), v)) {
		const char *dash = strchr(tok, '-');
		double lo, hi;
		/* "1-2 bananas": which one was eaten is not ours to pick */
		if (dash && cl_parse_decimal(tok, (size_t)(dash - tok), &lo) &&
		    cl_parse_decimal(dash + 1, strlen(dash + 1), &hi))
			snprintf(why, whylen, "'%s' is a range; write the one amount eaten", tok);
		else
			snprintf(why, whylen, "'%s' is not a number", tok);
		return -1;
	}
	return 1;
}

/* What follows a number said roughly: "-ish" hedges it as "about" does
 * (the number is read); "something" and "odd" ("twenty-something", "30
 * odd") leave no number to read. */
enum { ROUGH_NONE, ROUGH_HEDGE, ROUGH_REFUSED };

static int rough_tail(const char *w)
{
	if (strcmp(w, "ish") == 0)
		return ROUGH_HEDGE;
	if (strcmp(w, "something") == 0 || strcmp(w, "odd") == 0)
		return ROUGH_REFUSED;
	return ROUGH_NONE;
}

static bool is(const cl_tokens *t, size_t i, const char *w)
{
	return i < t->n && strcmp(t->tok[i], w) == 0;
}

/* "quarter", "thirds": the fraction a word names (0 if none).  Not "a
 * quarter pounder", which is a sandwich's name. */
static double fraction_word(const cl_tokens *t, size_t i)
{
	if (is(t, i + 1, "pounder") || is(t, i + 1, "pounders"))
		return 0;
	if (is(t, i, "quarter") || is(t, i, "quarters"))
		return 0.25;
	if (is(t, i, "third") || is(t, i, "thirds"))
		return 1.0 / 3.0;
	return 0;
}

/* "of a", "of an", "of the" after a fraction ("1/8 of a medium cantaloupe",
 * "half of an avocado"): the part of one piece, so the words are the
 * amount's, and what follows sizes or names the piece. */
static size_t skip_of_a(const cl_tokens *t, size_t next)
{
	if (is(t, next, "of") &&
	    (is(t, next + 1, "a") || is(t, next + 1, "an") || is(t, next + 1, "the")))
		return next + 2;
	return next;
}

cl_amount_status cl_amount_at(const cl_tokens *t, size_t i, double *qty, size_t *next,
			      bool *article, char *why, size_t whylen)
{
	double v = 0, part;
	*article = false;
	if (i >= t->n)
		return CL_AMOUNT_NONE;
	/* "about 100 g", "approx 2 cups": the amount written is the one read */
	static const char *const hedges[] = {"about", "approx", "approximately", "around",
					     "roughly", "circa", "ca"};
	for (size_t k = 0; k < sizeof(hedges) / sizeof(hedges[0]); k++)
		if (is(t, i, hedges[k]) && i + 1 < t->n) {
			cl_amount_status st = cl_amount_at(t, i + 1, qty, next, article, why, whylen);
			if (st != CL_AMOUNT_NONE)
				return st;
			break;
		}
	/* "a few", "several": no number to read, and none to guess */
	if (((is(t, i, "a") && is(t, i + 1, "few")) || is(t, i, "few") || is(t, i, "several")) &&
	    i + 1 < t->n) {
		snprintf(why, whylen, "'%s' is not an amount; say how many or how much",
			 is(t, i, "a") ? "a few" : t->tok[i]);
		return CL_AMOUNT_BAD;
	}
	/* "some", "lots of", "dozens of": no number either; they were read as
	 * one ("some almonds" was one almond) */
	static const char *const vague[] = {"some",  "lots",   "lot",  "loads",    "many",
					    "plenty", "heaps", "tons", "numerous", "dozens",
					    "scores", "hundreds"};
	for (size_t k = 0; k < sizeof(vague) / sizeof(vague[0]); k++)
		if (is(t, i + is(t, i, "a"), vague[k]) && i + 1 + is(t, i, "a") < t->n) {
			snprintf(why, whylen, "'%s%s' is not an amount; say how many or how much",
				 is(t, i, "a") ? "a " : "", vague[k]);
			return CL_AMOUNT_BAD;
		}
	/* "twenty-something", "30-odd", "thirty-ish": a number said roughly */
	const char *dash = strrchr(t->tok[i], '-');
	if (dash && dash > t->tok[i]) {
		char head[32];
		size_t hl = (size_t)(dash - t->tok[i]);
		double hv = 0;
		if (hl < sizeof(head)) {
			memcpy(head, t->tok[i], hl);
			head[hl] = '\0';
			hv = spelled_value(head);
			if (!hv && !cl_parse_decimal(head, hl, &hv))
				hv = 0;
		}
		int tail_kind = hv > 0 ? rough_tail(dash + 1) : 0;
		if (tail_kind == ROUGH_REFUSED) {
			snprintf(why, whylen, "'%s' is not an amount; say how many or how much",
				 t->tok[i]);
			return CL_AMOUNT_BAD;
		}
		if (tail_kind == ROUGH_HEDGE) {
			v = hv;
			*next = i + 1;
			goto tail;
		}
	}
	/* "a couple of eggs": two, as the word means (the parser says so) */
	if ((is(t, i, "a") && is(t, i + 1, "couple")) || is(t, i, "couple")) {
		*qty = 2;
		*next = i + 1 + is(t, i, "a");
		*next += is(t, *next, "of");
		return CL_AMOUNT_OK;
	}
	if (is(t, i, "half")) {
		*qty = 0.5;
		*next = i + 1 + (is(t, i + 1, "a") || is(t, i + 1, "an"));
		/* "half a dozen eggs", "half dozen": six, not half an egg */
		if (is(t, *next, "dozen")) {
			*qty = 6;
			++*next;
			return CL_AMOUNT_OK;
		}
		*next = skip_of_a(t, *next);
		return CL_AMOUNT_OK;
	}
	/* "quarter of a melon", "a quarter cup", "a third of a cup" */
	if ((part = fraction_word(t, i)) > 0 ||
	    ((is(t, i, "a") || is(t, i, "an") || is(t, i, "one")) &&
	     (part = fraction_word(t, i + 1)) > 0)) {
		*qty = part;
		*next = skip_of_a(t, i + 1 + !fraction_word(t, i));
		return CL_AMOUNT_OK;
	}
	if (is(t, i, "a") || is(t, i, "an")) {
		if (is(t, i + 1, "half") && is(t, i + 2, "dozen")) {
			*qty = 6; /* "a half dozen eggs" */
			*next = i + 3;
		} else if (is(t, i + 1, "half")) {
			*qty = 0.5;
			*next = skip_of_a(t, i + 2);
		} else if (is(t, i + 1, "dozen")) {
			*qty = 12;
			*next = i + 2;
		} else {
			*qty = 1;
			*next = i + 1;
			*article = true;
		}
		return CL_AMOUNT_OK;
	}
	if (is(t, i, "dozen")) {
		*qty = 12;
		*next = i + 1;
		return CL_AMOUNT_OK;
	}
	int spelled = i < t->n ? spelled_value(t->tok[i]) : 0;
	if (spelled) {
		v = spelled;
		*next = i + 1;
		/* "twenty five": a tens word and a digit word after it */
		int unit = 0;
		if (spelled >= 20 && spelled % 10 == 0 && *next < t->n &&
		    (unit = digit_word(t->tok[*next], strlen(t->tok[*next]))) > 0) {
			v += unit;
			++*next;
		}
		goto tail;
	}
	int r = number_token(t->tok[i], &v, why, whylen);
	if (r < 0)
		return CL_AMOUNT_BAD;
	if (r == 0)
		return CL_AMOUNT_NONE;
	*next = i + 1;
	/* "1 1/2": a whole number followed by a fraction. */
	if (*next < t->n && strchr(t->tok[*next], '/') && !strchr(t->tok[i], '/') &&
	    !strchr(t->tok[i], '.')) {
		double f;
		r = number_token(t->tok[*next], &f, why, whylen);
		if (r < 0)
			return CL_AMOUNT_BAD;
		if (r > 0) {
			v += f;
			(*next)++;
		}
	}
tail:
	/* "three quarters", "2 thirds": a whole number of fractions */
	if (v == floor(v) && (part = fraction_word(t, *next)) > 0) {
		v *= part;
		(*next)++;
	}
	/* "2 and a half cups", "1 and a quarter", "1 and three quarters" */
	if (is(t, *next, "and") && is(t, *next + 1, "a") && is(t, *next + 2, "half")) {
		v += 0.5;
		*next += 3;
	} else if (is(t, *next, "and") && (is(t, *next + 1, "a") || is(t, *next + 1, "one")) &&
		   (part = fraction_word(t, *next + 2)) > 0) {
		v += part;
		*next += 3;
	} else if (is(t, *next, "and") && *next + 2 < t->n &&
		   (part = fraction_word(t, *next + 2)) > 0) {
		for (size_t k = 2; k < sizeof(number_words) / sizeof(number_words[0]); k++)
			if (is(t, *next + 1, number_words[k]) && k * part < 1) {
				v += (double)k * part;
				*next += 3;
				break;
			}
	}
	/* "20 something almonds" is no number; "10ish" (written "10 ish") is
	 * the hedged amount, read as written */
	if (*next < t->n && rough_tail(t->tok[*next]) == ROUGH_REFUSED) {
		snprintf(why, whylen, "'%s %s' is not an amount; say how many or how much",
			 t->tok[i], t->tok[*next]);
		return CL_AMOUNT_BAD;
	}
	if (*next < t->n && rough_tail(t->tok[*next]) == ROUGH_HEDGE)
		++*next;
	/* "1/8 of a medium cantaloupe", "1/2 of an avocado" */
	if (v < 1)
		*next = skip_of_a(t, *next);
	/* "2 x 100 g" is 200 g */
	if (is(t, *next, "x") && *next + 1 < t->n && cl_token_numeric(t->tok[*next + 1])) {
		double m;
		r = number_token(t->tok[*next + 1], &m, why, whylen);
		if (r < 0)
			return CL_AMOUNT_BAD;
		v *= m;
		*next += 2;
	}
	*qty = v;
	return CL_AMOUNT_OK;
}

void cl_singular(char *out, size_t outlen, const char *w)
{
	size_t n = strlen(w);
	if (outlen == 0)
		return;
	if (n >= outlen) { /* cut to fit, as snprintf would; too long to make singular */
		memcpy(out, w, outlen - 1);
		out[outlen - 1] = '\0';
		return;
	}
	memcpy(out, w, n + 1); /* the diary parser calls this for every word of 60 candidates */
	if (n > 4 && strcmp(w + n - 3, "ies") == 0) {
		snprintf(out + n - 3, outlen - (n - 3), "y");
	} else if (n > 4 && strcmp(w + n - 3, "ves") == 0) {
		snprintf(out + n - 3, outlen - (n - 3), "f");
	} else if (n > 3 && (strcmp(w + n - 4, "ches") == 0 || strcmp(w + n - 4, "shes") == 0 ||
			     strcmp(w + n - 3, "oes") == 0 || strcmp(w + n - 3, "xes") == 0)) {
		out[n - 2] = '\0';
	} else if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's') {
		out[n - 1] = '\0';
	}
}
