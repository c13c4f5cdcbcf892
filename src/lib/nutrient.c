/*
 * The nutrient table: one row per nutrient cramplab stores, in the order of
 * the cl_nutrient enum.  It ties each stable key to the name the SR24 jar
 * uses (Debian cronometer's nutrients.xml) and to the USDA NUTR_DEF numbers
 * of the official ASCII release, so both importers share one mapping.
 * Omega-3 and omega-6 are sums of several SR fatty acids, as Cronometer
 * defines them; vitamin D in µg is derived from the IU the source gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfold.h"

#include "cramplab/nutrient.h"

static const cl_nutrient_info nutrients[CL_NUTRIENT_COUNT] = {
	{CL_N_ENERGY_KCAL, "energy_kcal", "Energy", "kcal", "Energy", "208"},
	{CL_N_PROTEIN_G, "protein_g", "Protein", "g", "Protein", "203"},
	{CL_N_CARBS_G, "carbs_g", "Carbohydrate", "g", "Carbs", "205"},
	{CL_N_FIBER_G, "fiber_g", "Fibre", "g", "Fiber", "291"},
	{CL_N_STARCH_G, "starch_g", "Starch", "g", "Starch", "209"},
	{CL_N_SUGARS_G, "sugars_g", "Sugars", "g", "Sugars", "269"},
	{CL_N_FAT_G, "fat_g", "Fat", "g", "Fat", "204"},
	{CL_N_ALCOHOL_G, "alcohol_g", "Alcohol", "g", "Alcohol", "221"},
	{CL_N_CAFFEINE_MG, "caffeine_mg", "Caffeine", "mg", "Caffeine", "262"},
	{CL_N_WATER_G, "water_g", "Water", "g", "Water", "255"},
	{CL_N_ASH_G, "ash_g", "Ash", "g", "Ash", "207"},
	{CL_N_CALCIUM_MG, "calcium_mg", "Calcium", "mg", "Calcium", "301"},
	{CL_N_COPPER_MG, "copper_mg", "Copper", "mg", "Copper", "312"},
	{CL_N_FLUORIDE_UG, "fluoride_ug", "Fluoride", "µg", "Fluoride", "313"},
	{CL_N_IRON_MG, "iron_mg", "Iron", "mg", "Iron", "303"},
	{CL_N_MAGNESIUM_MG, "magnesium_mg", "Magnesium", "mg", "Magnesium", "304"},
	{CL_N_MANGANESE_MG, "manganese_mg", "Manganese", "mg", "Manganese", "315"},
	{CL_N_PHOSPHORUS_MG, "phosphorus_mg", "Phosphorus", "mg", "Phosphorus", "305"},
	{CL_N_POTASSIUM_MG, "potassium_mg", "Potassium", "mg", "Potassium", "306"},
	{CL_N_SELENIUM_UG, "selenium_ug", "Selenium", "µg", "Selenium", "317"},
	{CL_N_SODIUM_MG, "sodium_mg", "Sodium", "mg", "Sodium", "307"},
	{CL_N_ZINC_MG, "zinc_mg", "Zinc", "mg", "Zinc", "309"},
	{CL_N_VITAMIN_A_IU, "vitamin_a_iu", "Vitamin A", "IU", "Vitamin A", "318"},
	{CL_N_RETINOL_UG, "retinol_ug", "Retinol", "µg", "Retinol", "319"},
	{CL_N_ALPHA_CAROTENE_UG, "alpha_carotene_ug", "Alpha-carotene", "µg", "Alpha-carotene", "322"},
	{CL_N_BETA_CAROTENE_UG, "beta_carotene_ug", "Beta-carotene", "µg", "Beta-carotene", "321"},
	{CL_N_BETA_CRYPTOXANTHIN_UG, "beta_cryptoxanthin_ug", "Beta-cryptoxanthin", "µg", "Beta-cryptoxanthin", "334"},
	{CL_N_LYCOPENE_UG, "lycopene_ug", "Lycopene", "µg", "Lycopene", "337"},
	{CL_N_LUTEIN_ZEAXANTHIN_UG, "lutein_zeaxanthin_ug", "Lutein + zeaxanthin", "µg", "Lutein+Zeaxanthin", "338"},
	{CL_N_FOLATE_UG, "folate_ug", "Folate", "µg", "Folate", "417"},
	{CL_N_THIAMIN_MG, "thiamin_mg", "Thiamin (B1)", "mg", "B1 (Thiamine)", "404"},
	{CL_N_RIBOFLAVIN_MG, "riboflavin_mg", "Riboflavin (B2)", "mg", "B2 (Riboflavin)", "405"},
	{CL_N_NIACIN_MG, "niacin_mg", "Niacin (B3)", "mg", "B3 (Niacin)", "406"},
	{CL_N_PANTOTHENIC_ACID_MG, "pantothenic_acid_mg", "Pantothenic acid (B5)", "mg", "B5 (Pantothenic Acid)", "410"},
	{CL_N_VITAMIN_B6_MG, "vitamin_b6_mg", "Vitamin B6", "mg", "B6 (Pyridoxine)", "415"},
	{CL_N_VITAMIN_B12_UG, "vitamin_b12_ug", "Vitamin B12", "µg", "B12 (Cyanocobalamin)", "418"},
	{CL_N_VITAMIN_C_MG, "vitamin_c_mg", "Vitamin C", "mg", "Vitamin C", "401"},
	{CL_N_VITAMIN_D_UG, "vitamin_d_ug", "Vitamin D", "µg", NULL, NULL},
	{CL_N_VITAMIN_D_IU, "vitamin_d_iu", "Vitamin D (IU)", "IU", "Vitamin D", "324"},
	{CL_N_VITAMIN_E_MG, "vitamin_e_mg", "Vitamin E (alpha-tocopherol)", "mg", "Vitamin E", "323"},
	{CL_N_BETA_TOCOPHEROL_MG, "beta_tocopherol_mg", "Beta-tocopherol", "mg", "Beta Tocopherol", "341"},
	{CL_N_DELTA_TOCOPHEROL_MG, "delta_tocopherol_mg", "Delta-tocopherol", "mg", "Delta Tocopherol", "343"},
	{CL_N_GAMMA_TOCOPHEROL_MG, "gamma_tocopherol_mg", "Gamma-tocopherol", "mg", "Gamma Tocopherol", "342"},
	{CL_N_VITAMIN_K_UG, "vitamin_k_ug", "Vitamin K", "µg", "Vitamin K", "430"},
	{CL_N_CHOLINE_MG, "choline_mg", "Choline", "mg", "Choline", "421"},
	{CL_N_SATURATED_FAT_G, "saturated_fat_g", "Saturated fat", "g", "Saturated", "606"},
	{CL_N_MONOUNSATURATED_FAT_G, "monounsaturated_fat_g", "Monounsaturated fat", "g", "Monounsaturated", "645"},
	{CL_N_POLYUNSATURATED_FAT_G, "polyunsaturated_fat_g", "Polyunsaturated fat", "g", "Polyunsaturated", "646"},
	{CL_N_OMEGA3_G, "omega3_g", "Omega-3 fatty acids", "g", "Omega-3", "621,629,631,851,852"},
	{CL_N_OMEGA6_G, "omega6_g", "Omega-6 fatty acids", "g", "Omega-6", "672,675,685,853,855"},
	{CL_N_TRANS_FAT_G, "trans_fat_g", "Trans fat", "g", "Trans-Fats", "605"},
	{CL_N_CHOLESTEROL_MG, "cholesterol_mg", "Cholesterol", "mg", "Cholesterol", "601"},
	{CL_N_PHYTOSTEROL_MG, "phytosterol_mg", "Phytosterols", "mg", "Phytosterol", "636"},
	{CL_N_ALANINE_G, "alanine_g", "Alanine", "g", "ALA", "513"},
	{CL_N_ARGININE_G, "arginine_g", "Arginine", "g", "ARG", "511"},
	{CL_N_ASPARTIC_ACID_G, "aspartic_acid_g", "Aspartic acid", "g", "ASP", "514"},
	{CL_N_CYSTINE_G, "cystine_g", "Cystine", "g", "CYS", "507"},
	{CL_N_GLUTAMIC_ACID_G, "glutamic_acid_g", "Glutamic acid", "g", "GLU", "515"},
	{CL_N_GLYCINE_G, "glycine_g", "Glycine", "g", "GLY", "516"},
	{CL_N_HISTIDINE_G, "histidine_g", "Histidine", "g", "HIS", "512"},
	{CL_N_HYDROXYPROLINE_G, "hydroxyproline_g", "Hydroxyproline", "g", "HYP", "521"},
	{CL_N_ISOLEUCINE_G, "isoleucine_g", "Isoleucine", "g", "ILE", "503"},
	{CL_N_LEUCINE_G, "leucine_g", "Leucine", "g", "LEU", "504"},
	{CL_N_LYSINE_G, "lysine_g", "Lysine", "g", "LYS", "505"},
	{CL_N_METHIONINE_G, "methionine_g", "Methionine", "g", "MET", "506"},
	{CL_N_PHENYLALANINE_G, "phenylalanine_g", "Phenylalanine", "g", "PHE", "508"},
	{CL_N_PROLINE_G, "proline_g", "Proline", "g", "PRO", "517"},
	{CL_N_SERINE_G, "serine_g", "Serine", "g", "SER", "518"},
	{CL_N_THREONINE_G, "threonine_g", "Threonine", "g", "THR", "502"},
	{CL_N_TRYPTOPHAN_G, "tryptophan_g", "Tryptophan", "g", "TRP", "501"},
	{CL_N_TYROSINE_G, "tyrosine_g", "Tyrosine", "g", "TYR", "509"},
	{CL_N_VALINE_G, "valine_g", "Valine", "g", "VAL", "510"},
};

const cl_nutrient_info *cl_nutrient_get(cl_nutrient id)
{
	return (unsigned)id < CL_NUTRIENT_COUNT ? &nutrients[id] : NULL;
}

cl_nutrient cl_nutrient_by_key(const char *key)
{
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
		if (strcmp(nutrients[i].key, key) == 0)
			return (cl_nutrient)i;
	return CL_NUTRIENT_COUNT;
}

cl_nutrient cl_nutrient_by_sr24_name(const char *name)
{
	for (int i = 0; i < CL_NUTRIENT_COUNT; i++)
		if (nutrients[i].sr24_name && strcmp(nutrients[i].sr24_name, name) == 0)
			return (cl_nutrient)i;
	return CL_NUTRIENT_COUNT;
}

/* Everyday names the keys and labels do not cover. */
static const struct {
	const char *alias;
	cl_nutrient id;
} aliases[] = {
	{"b1", CL_N_THIAMIN_MG},      {"vitamin b1", CL_N_THIAMIN_MG}, {"thiamine", CL_N_THIAMIN_MG},
	{"b12", CL_N_VITAMIN_B12_UG}, {"cobalamin", CL_N_VITAMIN_B12_UG},
	{"vit d", CL_N_VITAMIN_D_UG}, {"d", CL_N_VITAMIN_D_UG},         {"vitamin d", CL_N_VITAMIN_D_UG},
	{"vit b12", CL_N_VITAMIN_B12_UG}, {"omega 3", CL_N_OMEGA3_G},  {"omega3", CL_N_OMEGA3_G},
	{"calories", CL_N_ENERGY_KCAL}, {"energy", CL_N_ENERGY_KCAL},  {"fiber", CL_N_FIBER_G},
	{"mg", CL_N_MAGNESIUM_MG},    {"k", CL_N_POTASSIUM_MG},        {"ca", CL_N_CALCIUM_MG},
	{"fe", CL_N_IRON_MG},         {"na", CL_N_SODIUM_MG},          {"salt", CL_N_SODIUM_MG},
};

cl_nutrient cl_nutrient_find(const char *name)
{
	char *want = NULL;
	cl_nutrient found = cl_nutrient_by_key(name);

	if (found != CL_NUTRIENT_COUNT)
		return found;
	if (cl_fold(&want, name) != 0 || !want || !*want) {
		free(want);
		return CL_NUTRIENT_COUNT;
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]) && found == CL_NUTRIENT_COUNT; i++)
		if (strcmp(want, aliases[i].alias) == 0)
			found = aliases[i].id;
	for (int i = 0; i < CL_NUTRIENT_COUNT && found == CL_NUTRIENT_COUNT; i++) {
		char *key = NULL, *label = NULL;
		const char *k = nutrients[i].key;
		const char *unit = strrchr(k, '_');
		char stem[64];
		snprintf(stem, sizeof(stem), "%.*s", unit ? (int)(unit - k) : (int)strlen(k), k);
		if (cl_fold(&key, stem) == 0 && cl_fold(&label, nutrients[i].label) == 0 &&
		    (strcmp(want, key) == 0 || strcmp(want, label) == 0))
			found = (cl_nutrient)i;
		free(key);
		free(label);
	}
	free(want);
	return found;
}
