/**
 * @file cramplab/nutrient.h
 * @brief The nutrients cramplab knows, their stable keys and units.
 *
 * A nutrient is named everywhere by its key ("magnesium_mg"), which carries
 * its unit so that a number is never read in the wrong unit.  The keys are
 * part of the stable machine interface: new ones may be added, none renamed.
 * Amounts are doubles; an unknown amount is NAN (see cl_nutrient_known()),
 * never 0, because "not analysed" and "none" are different facts.
 */
#ifndef CRAMPLAB_NUTRIENT_H
#define CRAMPLAB_NUTRIENT_H

#include <math.h>
#include <stdbool.h>

typedef enum {
	CL_N_ENERGY_KCAL,
	CL_N_PROTEIN_G,
	CL_N_CARBS_G,
	CL_N_FIBER_G,
	CL_N_STARCH_G,
	CL_N_SUGARS_G,
	CL_N_FAT_G,
	CL_N_ALCOHOL_G,
	CL_N_CAFFEINE_MG,
	CL_N_WATER_G,
	CL_N_ASH_G,
	CL_N_CALCIUM_MG,
	CL_N_COPPER_MG,
	CL_N_FLUORIDE_UG,
	CL_N_IRON_MG,
	CL_N_MAGNESIUM_MG,
	CL_N_MANGANESE_MG,
	CL_N_PHOSPHORUS_MG,
	CL_N_POTASSIUM_MG,
	CL_N_SELENIUM_UG,
	CL_N_SODIUM_MG,
	CL_N_ZINC_MG,
	CL_N_VITAMIN_A_IU,
	CL_N_RETINOL_UG,
	CL_N_ALPHA_CAROTENE_UG,
	CL_N_BETA_CAROTENE_UG,
	CL_N_BETA_CRYPTOXANTHIN_UG,
	CL_N_LYCOPENE_UG,
	CL_N_LUTEIN_ZEAXANTHIN_UG,
	CL_N_FOLATE_UG,
	CL_N_THIAMIN_MG,
	CL_N_RIBOFLAVIN_MG,
	CL_N_NIACIN_MG,
	CL_N_PANTOTHENIC_ACID_MG,
	CL_N_VITAMIN_B6_MG,
	CL_N_VITAMIN_B12_UG,
	CL_N_VITAMIN_C_MG,
	CL_N_VITAMIN_D_UG,
	CL_N_VITAMIN_D_IU,
	CL_N_VITAMIN_E_MG,
	CL_N_BETA_TOCOPHEROL_MG,
	CL_N_DELTA_TOCOPHEROL_MG,
	CL_N_GAMMA_TOCOPHEROL_MG,
	CL_N_VITAMIN_K_UG,
	CL_N_CHOLINE_MG,
	CL_N_SATURATED_FAT_G,
	CL_N_MONOUNSATURATED_FAT_G,
	CL_N_POLYUNSATURATED_FAT_G,
	CL_N_OMEGA3_G,
	CL_N_OMEGA6_G,
	CL_N_TRANS_FAT_G,
	CL_N_CHOLESTEROL_MG,
	CL_N_PHYTOSTEROL_MG,
	CL_N_ALANINE_G,
	CL_N_ARGININE_G,
	CL_N_ASPARTIC_ACID_G,
	CL_N_CYSTINE_G,
	CL_N_GLUTAMIC_ACID_G,
	CL_N_GLYCINE_G,
	CL_N_HISTIDINE_G,
	CL_N_HYDROXYPROLINE_G,
	CL_N_ISOLEUCINE_G,
	CL_N_LEUCINE_G,
	CL_N_LYSINE_G,
	CL_N_METHIONINE_G,
	CL_N_PHENYLALANINE_G,
	CL_N_PROLINE_G,
	CL_N_SERINE_G,
	CL_N_THREONINE_G,
	CL_N_TRYPTOPHAN_G,
	CL_N_TYROSINE_G,
	CL_N_VALINE_G,
	CL_NUTRIENT_COUNT
} cl_nutrient;

typedef struct {
	cl_nutrient id;
	const char *key;       /**< stable key, e.g. "magnesium_mg" */
	const char *label;     /**< for people, e.g. "Magnesium" */
	const char *unit;      /**< "g", "mg", "µg", "kcal", "IU" */
	const char *sr24_name; /**< element name in the SR24 jar (NULL if derived) */
	const char *sr_nutr_no;/**< SR NUTR_DEF number(s), comma-separated; summed */
} cl_nutrient_info;

/** Information about one nutrient (id must be < CL_NUTRIENT_COUNT). */
const cl_nutrient_info *cl_nutrient_get(cl_nutrient id);

/** Look a nutrient up by key; returns CL_NUTRIENT_COUNT if there is none. */
cl_nutrient cl_nutrient_by_key(const char *key);

/** Look a nutrient up by its SR24 jar name; CL_NUTRIENT_COUNT if none. */
cl_nutrient cl_nutrient_by_sr24_name(const char *name);

/**
 * Find a nutrient by what a person types: its key ("magnesium_mg"), its
 * key without the unit ("vitamin_d"), its label ("Vitamin B12") or a common
 * name ("b12", "thiamine", "vit d", "omega-3").  CL_NUTRIENT_COUNT if none.
 */
cl_nutrient cl_nutrient_find(const char *name);

/** True if the amount is known (not NAN). */
static inline bool cl_nutrient_known(double amount)
{
	return !isnan(amount);
}

/** Vitamin D: 1 µg cholecalciferol = 40 IU (IOM 2011, DRI table footnote). */
#define CL_VITAMIN_D_IU_PER_UG 40.0

#endif
