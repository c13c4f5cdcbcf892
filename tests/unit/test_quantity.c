/* Amounts, units and the tokenizer of diary lines, without a database. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "quantity.h"

static double amount_of(const char *line, cl_amount_status want, size_t *next_out)
{
	cl_tokens t;
	double q = -1;
	size_t next = 0;
	bool article = false;
	char why[128] = "";
	assert_int_equal(cl_tokenize(&t, line), 0);
	assert_int_equal(cl_amount_at(&t, 0, &q, &next, &article, why, sizeof(why)), want);
	if (next_out)
		*next_out = next;
	cl_tokens_free(&t);
	return q;
}

static void test_tokenize(void **state)
{
	cl_tokens t;
	(void)state;
	assert_int_equal(cl_tokenize(&t, "1\xc2\xbd Cups, 150g Tbsp."), 0);
	const char *want[] = {"1", "1/2", "cups", ",", "150", "g", "tbsp"};
	assert_int_equal(t.n, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(t.tok[i], want[i]);
	cl_tokens_free(&t);
	/* a double quote after a number is inches; elsewhere it is a space */
	assert_int_equal(cl_tokenize(&t, "10\" tortilla \"light\" 2\""), 0);
	const char *inches[] = {"10", "inch", "tortilla", "light", "2", "inch"};
	assert_int_equal(t.n, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(t.tok[i], inches[i]);
	cl_tokens_free(&t);
	/* digits after one or two letters stay in the word ("v8", "a1"); after
	 * a longer word ("milk1"), a lone "x" (a count) or a number ("1e309",
	 * "2x4") they stand apart */
	assert_int_equal(cl_tokenize(&t, "V8 juice x4 1e309 2x4 A1 cup1/2 milk1"), 0);
	const char *glued[] = {"v8", "juice", "x", "4", "1", "e", "309", "2", "x", "4", "a1",
			       "cup", "1/2", "milk", "1"};
	assert_int_equal(t.n, 15);
	for (size_t i = 0; i < 15; i++)
		assert_string_equal(t.tok[i], glued[i]);
	cl_tokens_free(&t);
	assert_int_not_equal(cl_tokenize(&t, "bad \xff utf8"), 0);
}

static void test_amounts(void **state)
{
	(void)state;
	/* next: the token after the amount, or -1 where the case does not say */
	const struct {
		const char *line;
		double amount;
		int next;
	} ok[] = {
		{"2 bananas", 2, -1},
		{"1.5 cups", 1.5, -1},
		{"1/2 cup", 0.5, -1},
		{"1 1/2 cups", 1.5, 2},
		{"\xc2\xbe cup", 0.75, -1},
		{"2\xe2\x85\x93 cups", 2 + 1.0 / 3, -1},
		{"two eggs", 2, -1},
		{"a banana", 1, -1},
		{"an apple", 1, -1},
		{"half a banana", 0.5, 2},
		{"half an avocado", 0.5, -1},
		{"2 and a half cups", 2.5, -1},
		{"2 x 100 g", 200, -1},
		{"a dozen eggs", 12, -1},
		/* counts past twelve in words; a tens word takes a digit word after it */
		{"fifteen grapes", 15, -1},
		{"twenty almonds", 20, 1},
		{"twenty five almonds", 25, 2},
		{"forty-two almonds", 42, 1},
		/* fraction words, and "of a" after a fraction of one piece */
		{"a quarter cup", 0.25, 2},
		{"quarter of a melon", 0.25, 3},
		{"a third of a cup", 1.0 / 3, 4},
		{"three quarters of a cup", 0.75, 4},
		{"two thirds cup", 2.0 / 3, -1},
		{"1 and a quarter cups", 1.25, -1},
		{"1 and three quarters cups", 1.75, -1},
		{"1/8 of a medium melon", 0.125, 3},
		{"half of an avocado", 0.5, 3},
		/* a whole count keeps its "of": "2 of the eggs" is not read here */
		{"2 of the eggs", 2, 1},
		/* "a quarter pounder" is a sandwich, not a quarter of one */
		{"a quarter pounder", 1, 1},
		/* "a couple" is two; hedges are skipped */
		{"a couple of eggs", 2, 3},
		{"about 100 g", 100, 2},
		{"approx 1/2 cup", 0.5, -1},
		/* half a dozen is six; "-ish" hedges as "about" does */
		{"half a dozen eggs", 6, 3},
		{"a half dozen eggs", 6, 3},
		{"half dozen eggs", 6, 2},
		{"thirty-ish almonds", 30, 1},
		{"10ish almonds", 10, 2},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		size_t next;
		double q = amount_of(ok[i].line, CL_AMOUNT_OK, &next);
		if (fabs(q - ok[i].amount) >= 1e-12 || (ok[i].next >= 0 && next != (size_t)ok[i].next))
			fail_msg("'%s': %g (token %zu), expected %g (token %d)", ok[i].line, q, next,
				 ok[i].amount, ok[i].next);
	}
	/* the count words past twelve, and look-alikes that are none */
	assert_true(cl_number_word("ninety-nine") && cl_number_word("thirteen"));
	assert_false(cl_number_word("twentyfive") || cl_number_word("twenty-") ||
		     cl_number_word("twenty-ten") || cl_number_word("zero"));
	/* no amount; "a few", ranges and broken numbers are refused */
	amount_of("about bananas", CL_AMOUNT_NONE, NULL);
	amount_of("a few almonds", CL_AMOUNT_BAD, NULL);
	amount_of("several crackers", CL_AMOUNT_BAD, NULL);
	/* words of quantity with no number ("some almonds" was one almond) */
	amount_of("some almonds", CL_AMOUNT_BAD, NULL);
	amount_of("dozens of grapes", CL_AMOUNT_BAD, NULL);
	amount_of("a lot of rice", CL_AMOUNT_BAD, NULL);
	amount_of("twenty-something almonds", CL_AMOUNT_BAD, NULL);
	amount_of("20 odd almonds", CL_AMOUNT_BAD, NULL);
	amount_of("30-odd almonds", CL_AMOUNT_BAD, NULL);
	amount_of("1-2 bananas", CL_AMOUNT_BAD, NULL);
	amount_of("bananas", CL_AMOUNT_NONE, NULL);
	amount_of("-2 bananas", CL_AMOUNT_BAD, NULL);
	amount_of("1/0 cup", CL_AMOUNT_BAD, NULL);
	amount_of("nan g", CL_AMOUNT_BAD, NULL);
	amount_of("inf g", CL_AMOUNT_BAD, NULL);
	amount_of("1.5.3 cups", CL_AMOUNT_BAD, NULL);
	amount_of("1/x cup", CL_AMOUNT_BAD, NULL);
}

static const cl_unit *unit_of(const char *text, size_t *used)
{
	cl_tokens t;
	assert_int_equal(cl_tokenize(&t, text), 0);
	const cl_unit *u = cl_unit_at(&t, 0, used);
	cl_tokens_free(&t);
	return u;
}

static void test_units(void **state)
{
	size_t used;
	(void)state;
	const struct {
		const char *text, *unit;
		double factor;
	} cases[] = {
		{"g", "g", 1},         {"grams", "g", 1},          {"kg", "kg", 1000},
		{"mg", "mg", 0.001},   {"oz", "oz", 28.349523125}, {"ounces", "oz", 28.349523125},
		{"lbs", "lb", 453.59237}, {"ml", "ml", 1},         {"litre", "l", 1000},
		{"liters", "l", 1000}, {"cups", "cup", 236.5882365}, {"tbsp.", "tbsp", 236.5882365 / 16},
		{"tablespoons", "tbsp", 236.5882365 / 16}, {"tsp", "tsp", 236.5882365 / 48},
		{"teaspoon", "tsp", 236.5882365 / 48}, {"fl oz", "fl oz", 236.5882365 / 8},
		{"fluid ounces", "fl oz", 236.5882365 / 8},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const cl_unit *u = unit_of(cases[i].text, &used);
		assert_non_null(u);
		assert_string_equal(u->name, cases[i].unit);
		assert_true(fabs(u->factor - cases[i].factor) < 1e-9);
	}
	assert_non_null(unit_of("glass", &used)->assumption);
	/* typos of long unit words, one letter off; short words are not guessed */
	assert_string_equal(unit_of("handfull", &used)->name, "handful");
	assert_string_equal(unit_of("hand full", &used)->name, "handful");
	assert_int_equal(used, 2);
	assert_string_equal(unit_of("tablspoon", &used)->name, "tbsp");
	assert_string_equal(unit_of("teaspooon", &used)->name, "tsp");
	assert_string_equal(unit_of("tablepsoon", &used)->name, "tbsp");
	assert_string_equal(unit_of("cupful", &used)->name, "cup");
	assert_null(unit_of("crams", &used));
	assert_null(unit_of("handbag", &used));
	assert_null(unit_of("tablecloth", &used));
	assert_null(unit_of("banana", &used));
	/* five- and six-letter slips keep the first two letters and the last */
	assert_string_equal(cl_unit_slip("ounze")->name, "oz");
	assert_string_equal(cl_unit_slip("ounzes")->name, "oz");
	assert_string_equal(cl_unit_slip("gramms")->name, "g");
	assert_null(cl_unit_slip("ounce"));  /* a spelling itself: cl_unit_at()'s */
	assert_null(cl_unit_slip("pinto"));  /* "pints": the last letter differs */
	assert_null(cl_unit_slip("quark"));  /* "quart" */
	assert_null(cl_unit_slip("round"));  /* "pound": the first letter differs */
	assert_null(cl_unit_slip("gramz"));
	assert_null(cl_unit_slip("cupz"));   /* short words are not guessed */
	bool plain = false;
	assert_string_equal(cl_unit_of_measure("cup, sliced", &plain)->name, "cup");
	assert_false(plain);
	assert_string_equal(cl_unit_of_measure("tablespoon", &plain)->name, "tbsp");
	assert_true(plain);
	assert_null(cl_unit_of_measure("cupcake", NULL));
	assert_null(cl_unit_of_measure("medium (7\" long)", NULL));
}

static void test_singular(void **state)
{
	char out[48];
	(void)state;
	const char *pairs[][2] = {{"bananas", "banana"}, {"slices", "slice"}, {"berries", "berry"},
				  {"leaves", "leaf"},    {"tomatoes", "tomato"}, {"peaches", "peach"},
				  {"glass", "glass"},    {"egg", "egg"}};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		cl_singular(out, sizeof(out), pairs[i][0]);
		assert_string_equal(out, pairs[i][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenize),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_singular),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
