/*
 * What the library's modules share about a food database handle beyond the
 * public API: prepared statements kept for the handle's life.  Preparing is
 * not cheap (parsing, name resolution, planning: some 30 thousand
 * instructions for a search's join), and a diary of 27 distinct foods ran
 * the same seven statements 27 times each; kept, each is prepared once.
 * Also kept: the search documents, once the handle searches often
 * (search_docs.h).
 */
#ifndef CL_FOODDB_INTERNAL_H
#define CL_FOODDB_INTERNAL_H

#include <sqlite3.h>

#include "cramplab/fooddb.h"

/*
 * The handle's statement for sql, prepared on first use, reset and with its
 * bindings cleared; NULL with the error set if SQLite refuses it.  sql must
 * be a string constant (statements are looked up by its address, then its
 * text).  Use it as a statement of one's own but reset it after use, and do
 * not finalize it: cl_fooddb_close() does.  Not re-entrant for the same sql.
 */
sqlite3_stmt *cl_fooddb_stmt(cl_fooddb *db, const char *sql);

/*
 * The handle's slot for its search documents (search_docs.c fills it;
 * cl_fooddb_close() frees it with cl_search_docs_free()).
 */
struct cl_search_docs;
struct cl_search_docs **cl_fooddb_search_docs(cl_fooddb *db);

/*
 * Reads the file through a memory map of up to `bytes` (a decimal number)
 * from now on, for the handle's life: the first call sets it, later calls
 * cost nothing.  The search maps the file (search.c); other readers of a
 * handle that never searched read pages with pread() (cl_fooddb_open).
 */
int cl_fooddb_map(cl_fooddb *db, const char *bytes);

/*
 * Amounts per 100 g of a few nutrients of one food: per_100g[i] for
 * which[i], NAN where none is recorded (or the NDB number names no food).
 * A seek per nutrient: the food plan needs some ten of a food's 60-odd
 * amounts, and cl_food_get() stepped through all of them and its measures.
 */
int cl_food_amounts(double *per_100g, cl_fooddb *db, const char *ndb, const cl_nutrient *which,
		    size_t n);

#endif
