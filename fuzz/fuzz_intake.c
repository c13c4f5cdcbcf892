/*
 * libFuzzer harness: diary text and CSV exports (cl_intake_read_text), the
 * diary line parser and food search behind them.  Needs the food database
 * ($CRAMPLAB_DB, default build/foods.db), opened once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cramplab/diary.h"
#include "cramplab/intake.h"

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cl_intake *in = NULL;
	char *errors = NULL;
	int rc = cl_intake_read_text(&in, &errors, parser, (const char *)data, size, "fuzz");
	if (rc == CL_OK && !in)
		abort();
	if (rc != CL_OK && !cl_error_last()[0])
		abort();
	free(errors);
	cl_intake_free(in);
	return 0;
}
