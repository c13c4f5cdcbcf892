/*
 * libFuzzer harness: the CSV export reader alone (Cronometer servings and
 * daily nutrition, MyFitnessPal nutrition summary).  It needs no food
 * database, so it runs far faster than fuzz_intake and goes deeper into the
 * RFC 4180 reader, the header mapping and the unit conversions.  Any input
 * must be read, refused with a message, or left unrecognised; a recognised
 * export that fails must say so in the error list.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/intake.h"
#include "error.h"
#include "intake_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cl_intake *in = NULL;
	char *errors = NULL;
	bool recognised = false;
	cl_error_clear();
	int rc = cl_intake_read_csv(&in, &errors, (const char *)data, size, "fuzz.csv", &recognised);
	if (rc == CL_OK && recognised && !in)
		abort();
	if (rc != CL_OK && (in || !cl_error_last()[0])) {
		fprintf(stderr, "fuzz_csv: rc %d, intake %p, message '%s'\n", rc, (void *)in,
			cl_error_last());
		abort();
	}
	if (in) {
		/* Everything the CLI does with a read export. */
		json_t *doc = cl_intake_to_json(in);
		if (!doc)
			abort();
		json_decref(doc);
		for (size_t i = 0; i < cl_intake_nkeys; i++)
			(void)cl_intake_mean(in, cl_intake_keys[i], NULL);
	}
	free(errors);
	cl_intake_free(in);
	return 0;
}
