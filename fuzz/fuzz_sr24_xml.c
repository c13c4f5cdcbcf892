/*
 * libFuzzer harness: the SR24 importer's one-food XML reader (expat
 * underneath).  The entry name is made from the input's uid attribute when
 * it has one, so the fuzzer gets past the uid check and into the measures
 * and nutrients.  A read food must have a name and finite, non-negative
 * values; a refused one must have a message naming the entry.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/fooddb.h"
#include "cramplab/json.h"
#include "cramplab/nutrient.h"
#include "error.h"
#include "import_sr24.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char entry[32] = "usda_sr24/00000.xml";
	const char *uid = NULL;
	cl_food *food = NULL;

	for (size_t i = 0; i + 5 + 5 <= size && !uid; i++)
		if (memcmp(data + i, "uid=\"", 5) == 0)
			uid = (const char *)data + i + 5;
	if (uid)
		memcpy(entry + 10, uid, 5);
	cl_error_clear();
	int rc = cl_sr24_parse_food_xml(&food, entry, (const char *)data, size);
	if (rc == CL_OK) {
		if (!food || !food->name || !food->name[0])
			abort();
		for (int n = 0; n < CL_NUTRIENT_COUNT; n++)
			if (food->per_100g[n] < 0 || isinf(food->per_100g[n]))
				abort();
		for (size_t m = 0; m < food->nmeasures; m++)
			if (!(food->measures[m].grams > 0) || !isfinite(food->measures[m].grams))
				abort();
		json_t *doc = cl_food_to_json(food);
		if (!doc)
			abort();
		json_decref(doc);
	} else if (food || !strstr(cl_error_last(), entry)) {
		abort();
	}
	cl_food_free(food);
	return 0;
}
