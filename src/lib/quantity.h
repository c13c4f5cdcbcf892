/*
 * Amounts and units of diary lines, without the food: the tokenizer that
 * turns "1½ Cups" into "1 1/2 cups", number phrases ("two", "half a",
 * "1 1/2"), and the table of mass, volume and vague units.  Kept apart from
 * the food lookup so it can be tested without a database.
 */
#ifndef CL_QUANTITY_H
#define CL_QUANTITY_H

#include <stdbool.h>
#include <stddef.h>

#define CL_ML_PER_CUP 236.5882365
#define CL_G_PER_OZ 28.349523125

typedef struct {
	char **tok;
	size_t n;
	char *buf;
} cl_tokens;

/* Lower-case words, numbers split from letters, vulgar fractions spelled "1/2",
 * commas as their own token.  CL_EINVAL on invalid UTF-8. */
int cl_tokenize(cl_tokens *out, const char *line);
void cl_tokens_free(cl_tokens *t);

typedef enum { CL_UNIT_MASS, CL_UNIT_VOLUME } cl_unit_kind;

typedef struct {
	const char *name;      /* canonical: "g", "cup", "fl oz" */
	cl_unit_kind kind;
	double factor;         /* grams (mass) or millilitres (volume) per unit */
	const char *assumption;/* for vague units ("a glass"), NULL otherwise */
} cl_unit;

/* The unit spelled by tokens[i] (and maybe tokens[i+1]); *used gets how many. */
const cl_unit *cl_unit_at(const cl_tokens *t, size_t i, size_t *used);
/* The unit a word of five or six letters misspells by one letter, keeping
 * its first two and its last ("ounze" -> oz); NULL if none.  Only for a
 * word the caller knows is no food's or measure's ("liver" is one slip from
 * "liter", "quarks" from "quarts"). */
const cl_unit *cl_unit_slip(const char *w);

/* The volume unit an SR measure name starts with ("cup, sliced" -> cup), or NULL;
 * *plain (may be NULL) tells whether the name is only the unit ("cup"). */
const cl_unit *cl_unit_of_measure(const char *measure_name, bool *plain);

typedef enum { CL_AMOUNT_NONE, CL_AMOUNT_OK, CL_AMOUNT_BAD } cl_amount_status;

/*
 * Read an amount starting at tokens[i]: "2", "1.5", "1/2", "1 1/2", "two",
 * "a", "an", "half a", "2 and a half".  On CL_AMOUNT_OK *next is the first
 * token after it and *article tells whether it was just "a"/"an"; on
 * CL_AMOUNT_BAD `why` says what is wrong (negative, division by zero, NaN).
 */
cl_amount_status cl_amount_at(const cl_tokens *t, size_t i, double *qty, size_t *next,
			      bool *article, char *why, size_t whylen);

/* True if the token is a number that the amount reader would accept or refuse. */
bool cl_token_numeric(const char *tok);
/* Is the word a count in words, "one" to "ninety-nine" ("twenty", "fifteen")? */
bool cl_number_word(const char *w);

/* Singular of an English word in place-independent form (writes into out). */
void cl_singular(char *out, size_t outlen, const char *word);

#endif
