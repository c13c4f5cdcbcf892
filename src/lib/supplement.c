/*
 * Supplement lines.  They are not foods: there is no USDA entry to weigh, so
 * a line names a nutrient and the amount from its label ("magnesium 200 mg",
 * "vitamin D3 25 mcg", "vitamin D 1000 IU").  Only the nutrients cramplab
 * screens are understood; anything else is refused rather than ignored, so
 * no supplement is silently dropped from a total.  Words after the nutrient
 * ("citrate", "as glycinate") are allowed: labels state the elemental amount.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "quantity.h"
#include "supplement.h"

#define CL_SUPPLEMENT_MAX 200

static const struct {
	const char *words; /* lower-case, space-separated */
	cl_nutrient n;
	const char *label;
} names[] = {
	{"magnesium", CL_N_MAGNESIUM_MG, "Magnesium"},
	{"potassium", CL_N_POTASSIUM_MG, "Potassium"},
	{"calcium", CL_N_CALCIUM_MG, "Calcium"},
	{"iron", CL_N_IRON_MG, "Iron"},
	{"sodium", CL_N_SODIUM_MG, "Sodium"},
	{"salt tablet", CL_N_SODIUM_MG, "Sodium"},
	{"zinc", CL_N_ZINC_MG, "Zinc"},
	{"vitamin d3", CL_N_VITAMIN_D_UG, "Vitamin D"},
	{"vitamin d2", CL_N_VITAMIN_D_UG, "Vitamin D"},
	{"vitamin d", CL_N_VITAMIN_D_UG, "Vitamin D"},
	{"d3", CL_N_VITAMIN_D_UG, "Vitamin D"},
	{"cholecalciferol", CL_N_VITAMIN_D_UG, "Vitamin D"},
	{"vitamin b12", CL_N_VITAMIN_B12_UG, "Vitamin B12"},
	{"b12", CL_N_VITAMIN_B12_UG, "Vitamin B12"},
	{"cobalamin", CL_N_VITAMIN_B12_UG, "Vitamin B12"},
	{"cyanocobalamin", CL_N_VITAMIN_B12_UG, "Vitamin B12"},
	{"methylcobalamin", CL_N_VITAMIN_B12_UG, "Vitamin B12"},
	{"vitamin b1", CL_N_THIAMIN_MG, "Thiamin"},
	{"thiamin", CL_N_THIAMIN_MG, "Thiamin"},
	{"thiamine", CL_N_THIAMIN_MG, "Thiamin"},
	{"omega 3", CL_N_OMEGA3_G, "Omega-3"},
	{"omega-3", CL_N_OMEGA3_G, "Omega-3"},
};

bool cl_supplement_line(const char *line)
{
	return strncasecmp(line, "supplement:", 11) == 0 || strncasecmp(line, "supplement ", 11) == 0;
}

/* Grams per unit for mass units; 0 for IU; -1 if not a unit. */
static double unit_grams(const char *u)
{
	if (strcmp(u, "g") == 0)
		return 1;
	if (strcmp(u, "mg") == 0)
		return 1e-3;
	if (strcmp(u, "mcg") == 0 || strcmp(u, "ug") == 0 || strcmp(u, "\xc2\xb5g") == 0 ||
	    strcmp(u, "\xce\xbcg") == 0)
		return 1e-6;
	if (strcmp(u, "iu") == 0)
		return 0;
	return -1;
}

static double key_unit_grams(cl_nutrient n)
{
	const char *u = cl_nutrient_get(n)->unit;
	return strcmp(u, "g") == 0 ? 1 : strcmp(u, "mg") == 0 ? 1e-3 : 1e-6;
}

int cl_supplement_parse(cl_nutrient *n, double *amount, char *name, size_t namelen,
			const char *line)
{
	cl_tokens t = {0};
	int rc = CL_OK;
	char low[CL_SUPPLEMENT_MAX + 1];
	size_t i = 0;
	const char *p = line + 11;

	while (*p == ' ' || *p == ':' || *p == '\t')
		p++;
	if (strlen(p) > CL_SUPPLEMENT_MAX)
		return cl_error_set(CL_EINVAL, "the supplement line is too long");
	for (i = 0; p[i]; i++)
		low[i] = (char)tolower((unsigned char)p[i]);
	low[i] = '\0';
	/* The nutrient's name, matched on the text: "d3" and "b12" hold digits. */
	int k = -1;
	for (size_t j = 0; j < sizeof(names) / sizeof(names[0]) && k < 0; j++) {
		size_t wl = strlen(names[j].words);
		if (strncmp(low, names[j].words, wl) == 0 && !isalnum((unsigned char)low[wl]))
			k = (int)j;
	}
	if (k < 0)
		return cl_error_set(CL_EINVAL,
				    "'%.40s' is not a supplement cramplab knows (magnesium, potassium,"
				    " calcium, iron, sodium, zinc, vitamin D, B12, thiamin, omega-3)",
				    low);
	if ((rc = cl_tokenize(&t, low + strlen(names[k].words))))
		return rc;
	/* Words between the name and the amount ("citrate", "as glycinate"). */
	for (i = 0; i < t.n && !cl_token_numeric(t.tok[i]); i++)
		;
	double q = 0;
	size_t next = i;
	bool article;
	char why[128] = "";
	if (cl_amount_at(&t, i, &q, &next, &article, why, sizeof(why)) != CL_AMOUNT_OK) {
		rc = cl_error_set(CL_EINVAL, "%s", why[0] ? why : "a supplement needs an amount, e.g. 'supplement: magnesium 200 mg'");
		goto cleanup;
	}
	double per = next < t.n ? unit_grams(t.tok[next]) : -1;
	if (per < 0 || next + 1 != t.n) {
		rc = cl_error_set(CL_EINVAL, "a supplement amount needs one unit: mg, mcg (µg), g or IU");
		goto cleanup;
	}
	*n = names[k].n;
	if (per == 0) {
		if (*n != CL_N_VITAMIN_D_UG) {
			rc = cl_error_set(CL_EINVAL, "IU is used here for vitamin D only");
			goto cleanup;
		}
		*amount = q / CL_VITAMIN_D_IU_PER_UG;
	} else {
		*amount = q * per / key_unit_grams(*n);
	}
	if (!(q > 0) || !isfinite(*amount)) {
		rc = cl_error_set(CL_EINVAL, "the amount must be more than zero");
		goto cleanup;
	}
	snprintf(name, namelen, "%s supplement", names[k].label);
cleanup:
	cl_tokens_free(&t);
	return rc;
}
