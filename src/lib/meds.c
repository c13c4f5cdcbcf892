/*
 * Medicines and conditions: a name as a person writes it ("Lasix 40mg",
 * "CKD stage 3", "chronic_kidney_disease") is normalised to lower-case
 * words and matched against the generic and brand names of
 * data/medications.json.  The longest name that the input equals or starts
 * with wins, so "iron sucrose" is not taken for something shorter.  Not
 * finding a name is a normal answer, not an error: the assessment reports
 * it as not recognised.
 */
#include <string.h>

#include "cramplab/meds.h"
#include "error.h"
#include "kb_internal.h"
#include "textfold.h"

static const cl_med_info *match(const struct kb_med *list, size_t n, const char *name)
{
	char norm[256];
	const cl_med_info *best = NULL;
	size_t best_len = 0;

	kb_norm_words(name, norm, sizeof(norm));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < list[i].nnames; k++) {
			const char *cand = list[i].names[k];
			size_t len = strlen(cand);
			if (strncmp(norm, cand, len) == 0 && (norm[len] == '\0' || norm[len] == ' ') &&
			    len > best_len) {
				best = &list[i].info;
				best_len = len;
			}
		}
	return best;
}

static int lookup(const cl_med_info **out, const cl_kb *kb, const char *name,
		  const struct kb_med *list, size_t n, const char *what)
{
	int rc;

	*out = NULL;
	if ((rc = kb_need(kb, CL_KB_MEDS)))
		return rc;
	if (!name || !*name)
		return cl_error_set(CL_EINVAL, "%s: expected a name", what);
	if (!cl_utf8_valid(name, -1))
		return cl_error_set(CL_EINVAL, "%s: the name is not valid UTF-8 text", what);
	*out = match(list, n, name);
	return CL_OK;
}

int cl_med_lookup(const cl_med_info **out, const cl_kb *kb, const char *name)
{
	return lookup(out, kb, name, kb ? kb->meds : NULL, kb ? kb->nmeds : 0, "medication");
}

int cl_condition_lookup(const cl_med_info **out, const cl_kb *kb, const char *name)
{
	return lookup(out, kb, name, kb ? kb->conds : NULL, kb ? kb->nconds : 0, "condition");
}

json_t *cl_med_info_to_json(const char *input, const cl_med_info *info)
{
	json_t *o, *effects;

	if (!info)
		return json_pack("{s:s, s:b}", "input", input ? input : "", "recognized", 0);
	effects = json_array();
	for (size_t i = 0; effects && i < info->neffects; i++) {
		const cl_med_effect *e = &info->effects[i];
		json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:b}", "nutrient", e->nutrient, "effect",
				      e->effect, "strength", e->strength, "note", e->note,
				      "verified", e->verified);
		if (!j || json_array_append_new(effects, j)) {
			json_decref(effects);
			return NULL;
		}
	}
	o = json_pack("{s:s, s:b, s:s, s:s, s:s, s:o, s:o}", "input", input ? input : "",
		      "recognized", 1, "id", info->id, "label", info->label, "kind", info->kind,
		      "effects", effects, "sources", cl_source_list_to_json(&info->sources));
	return o;
}
