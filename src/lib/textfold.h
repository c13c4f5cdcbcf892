/*
 * Text folding for search: Unicode NFKD, case folding and accent stripping
 * (utf8proc), with every character that is not a letter or digit turned
 * into a single space.  "Crème Brûlée, RAW" folds to "creme brulee raw".
 */
#ifndef CL_TEXTFOLD_H
#define CL_TEXTFOLD_H

/* Fold text into a new string (caller frees).  CL_EINVAL on invalid UTF-8. */
int cl_fold(char **out, const char *text);

/* True if text is valid UTF-8. */
int cl_utf8_valid(const char *text, long len);

/* The length of the longest prefix of text of at most max bytes that does
 * not end inside a UTF-8 character, for "%.*s" in messages that quote input. */
int cl_utf8_cut(const char *text, int max);

#endif
