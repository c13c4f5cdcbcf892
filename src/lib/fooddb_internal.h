/*
 * What the library's modules share about a food database handle beyond the
 * public API: prepared statements kept for the handle's life.  Preparing is
 * not cheap (parsing, name resolution, planning: some 30 thousand
 * instructions for a search's join), and a diary of 27 distinct foods ran
 * the same seven statements 27 times each; kept, each is prepared once.
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

#endif
