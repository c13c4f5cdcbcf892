/*
 * Text folding for search: Unicode NFKD, case folding and accent stripping
 * (utf8proc), with every character that is not a letter or digit turned
 * into a single space.  "Crème Brûlée, RAW" folds to "creme brulee raw".
 */
#ifndef CL_TEXTFOLD_H
#define CL_TEXTFOLD_H

#include <stddef.h>

/* Fold text into a new string (caller frees).  CL_EINVAL on invalid UTF-8. */
int cl_fold(char **out, const char *text);

/* Fold text a person typed (a query, a diary line): as cl_fold, but a
 * word's "'s" stays part of the word ("cheerio's" folds to "cheerios",
 * not "cheerio s", which only names with a possessive hold); after a
 * single letter ("M&M's") the "s" stays apart, as SR's names have it. */
int cl_fold_typed(char **out, const char *text);

/* The length in bytes of the apostrophe (ASCII or U+2019) at p when an "s"
 * ending the word follows it ("'s" of "cheerio's"), else 0. */
size_t cl_possessive_at(const char *p);

/* True if text is valid UTF-8. */
int cl_utf8_valid(const char *text, long len);

/* The length of the longest prefix of text of at most max bytes that does
 * not end inside a UTF-8 character, for "%.*s" in messages that quote input. */
int cl_utf8_cut(const char *text, int max);

#endif
