/*
 * What the harnesses that read food text share: the food database
 * ($CRAMPLAB_DB, default build/foods.db) and a diary parser over it, opened
 * once per fuzzing process.  A harness cannot run without them, so a
 * failure aborts (the harness, never the library).
 */
#ifndef CRAMPLAB_FUZZ_DB_H
#define CRAMPLAB_FUZZ_DB_H

#include <stdlib.h>

#include "cramplab/diary.h"
#include "cramplab/fooddb.h"

static cl_fooddb *db;
static cl_parser *parser;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("CRAMPLAB_DB");
	(void)argc;
	(void)argv;
	if (cl_fooddb_open(&db, path ? path : "build/foods.db") || cl_parser_new(&parser, db))
		abort();
	return 0;
}

#endif
