/*
 * Supplement lines of a diary: "supplement: magnesium 200 mg",
 * "supplement: vitamin D3 1000 IU".  A supplement supplies the one nutrient
 * it names, in the amount the label states; it is kept apart from food
 * because some upper limits (magnesium) apply to supplements only.
 */
#ifndef CL_SUPPLEMENT_H
#define CL_SUPPLEMENT_H

#include <stdbool.h>

#include "cramplab/nutrient.h"

/* True if the line is a supplement line ("supplement:" or "supplement " first). */
bool cl_supplement_line(const char *line);

/* Reads a supplement line: which nutrient, how much in the key's unit, and a
 * display name ("Magnesium supplement", written into name).  CL_EINVAL with
 * the reason if it cannot be read. */
int cl_supplement_parse(cl_nutrient *n, double *amount, char *name, size_t namelen,
			const char *line);

#endif
