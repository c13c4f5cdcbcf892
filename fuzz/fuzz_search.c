/*
 * libFuzzer harness: food search and the diary line parser on arbitrary
 * text (folding, typo correction, synonyms, FTS5 query building).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/diary.h"
#include "cramplab/fooddb.h"

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[1200];
	cl_food_hits hits = {0};
	cl_diary_line line = {0};
	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	if (cl_food_search(&hits, db, text, 10) == CL_OK)
		cl_food_hits_free(&hits);
	if (cl_diary_parse(&line, parser, text) == CL_OK)
		cl_diary_line_clear(&line);
	return 0;
}
