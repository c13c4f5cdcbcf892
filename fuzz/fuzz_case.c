/*
 * libFuzzer harness: the CASE JSON reader.  Any input must either load or
 * be refused with CL_EINVAL/CL_ENOMEM and a message; never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cl_case *k = NULL;
	int rc = cl_case_parse(&k, (const char *)data, size, "fuzz", "");
	if (rc == CL_OK && !k)
		abort();
	if (rc != CL_OK && (k || !cl_error_last()[0]))
		abort();
	cl_case_free(k);
	return 0;
}
