/*
 * libFuzzer harness: the diary line parser, layer by layer.  First the
 * database-free pieces (tokenizer, amount and unit readers, singular forms)
 * at every token position, then the whole cl_diary_parse() and the JSON the
 * CLI prints for it.  fuzz_search mixes the parser with search; this one
 * stays on one line and checks what a parse promises: a parsed line has a
 * food and a finite, non-negative weight, a refused one has a message.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/diary.h"
#include "cramplab/intake.h"
#include "error.h"
#include "quantity.h"

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[600];
	cl_tokens t = {0};
	cl_diary_line line = {0};

	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = '\0';

	if (cl_tokenize(&t, text) == CL_OK) {
		for (size_t i = 0; i <= t.n; i++) {
			double qty = 0;
			size_t next = 0, used = 0;
			bool article = false;
			char why[160], one[64];
			if (cl_amount_at(&t, i, &qty, &next, &article, why, sizeof(why)) ==
				    CL_AMOUNT_OK &&
			    (!isfinite(qty) || qty < 0 || next <= i || next > t.n))
				abort();
			if (i < t.n) {
				(void)cl_unit_at(&t, i, &used);
				(void)cl_token_numeric(t.tok[i]);
				cl_singular(one, sizeof(one), t.tok[i]);
			}
		}
		cl_tokens_free(&t);
	}
	cl_error_clear();
	int rc = cl_diary_parse(&line, parser, text);
	if (rc == CL_OK) {
		if (!isfinite(line.grams) || line.grams < 0)
			abort();
		json_t *doc = cl_diary_line_to_json(text, &line);
		if (!doc)
			abort();
		json_decref(doc);
		cl_diary_line_clear(&line);
	} else if (!cl_error_last()[0]) {
		abort();
	}
	return 0;
}
