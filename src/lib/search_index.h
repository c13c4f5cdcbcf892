/*
 * The full-text index behind food search (SQLite FTS5).  Created empty with
 * the schema, filled from the food table once all foods are written.
 */
#ifndef CL_SEARCH_INDEX_H
#define CL_SEARCH_INDEX_H

#include <sqlite3.h>

int cl_search_index_create(sqlite3 *db);
int cl_search_index_build(sqlite3 *db);

#endif
