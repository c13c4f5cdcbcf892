/*
 * The sweat and fluid model.  Every number it uses is read from
 * data/hydration.json (with its source), so the code is only arithmetic and
 * validation.  Validation is strict because the inputs are typed by hand:
 * a mass loss of more than 10% in one session, or 30 hours of exercise, is
 * a typing error, not a physiology, and is refused with the field named.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/hydration.h"
#include "error.h"
#include "util.h"

#define MAX_HEAT_STEPS 8

struct cl_hydration_model {
	double dehydration_pct;
	double replace_low, replace_high;
	double rate[3], sodium[3];
	double heat_above[MAX_HEAT_STEPS], heat_add[MAX_HEAT_STEPS];
	size_t nheat;
	double mg_per_mmol;
	double minutes_max, mass_min, mass_max, temp_min, temp_max, fluid_max, change_max;
	const char **sources;
	json_t *doc;
};

int cl_intensity_parse(cl_intensity *out, const char *text)
{
	static const char *const names[] = {"easy", "moderate", "hard"};
	for (int i = 0; i < 3; i++)
		if (text && strcmp(text, names[i]) == 0) {
			*out = (cl_intensity)i;
			return CL_OK;
		}
	return cl_error_set(CL_EINVAL, "intensity must be easy, moderate or hard, not '%s'",
			    text ? text : "(none)");
}

static int number(double *out, json_t *obj, const char *key, const char *path, const char *where)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < 0)
		return cl_error_set(CL_EINVAL, "%s: %s.%s must be a non-negative number", path, where,
				    key);
	*out = json_number_value(v);
	return CL_OK;
}

static int by_intensity(double out[3], json_t *doc, const char *key, const char *path)
{
	json_t *obj = json_object_get(doc, key);
	int rc;
	if (!json_is_object(obj))
		return cl_error_set(CL_EINVAL, "%s: missing \"%s\"", path, key);
	if ((rc = number(&out[0], obj, "easy", path, key)) ||
	    (rc = number(&out[1], obj, "moderate", path, key)) ||
	    (rc = number(&out[2], obj, "hard", path, key)))
		return rc;
	return CL_OK;
}

int cl_hydration_model_load(cl_hydration_model **out, const char *path)
{
	json_error_t jerr;
	cl_hydration_model *m;
	json_t *v, *lim;
	int rc;

	*out = NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return cl_error_oom();
	m->doc = cl_json_load_path(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!m->doc) {
		rc = cl_error_set(CL_EINVAL, "%s line %d column %d: %s", path, jerr.line, jerr.column,
				  jerr.text);
		goto fail;
	}
	json_t *sources = json_object_get(m->doc, "sources");
	if (!json_is_object(sources) || json_object_size(sources) == 0) {
		rc = cl_error_set(CL_EINVAL, "%s: missing \"sources\"", path);
		goto fail;
	}
	m->sources = calloc(json_object_size(sources) + 1, sizeof(*m->sources));
	if (!m->sources) {
		rc = cl_error_oom();
		goto fail;
	}
	const char *key;
	size_t ns = 0;
	json_object_foreach(sources, key, v)
	{
		if (!json_is_string(v)) {
			rc = cl_error_set(CL_EINVAL, "%s: source \"%s\" must be a citation string", path,
					  key);
			goto fail;
		}
		m->sources[ns++] = json_string_value(v);
	}
	lim = json_object_get(m->doc, "limits");
	if ((rc = number(&m->dehydration_pct, json_object_get(m->doc, "dehydration_loss_pct"), "value",
			 path, "dehydration_loss_pct")) ||
	    (rc = number(&m->replace_low, json_object_get(m->doc, "replacement_l_per_kg_lost"), "low",
			 path, "replacement_l_per_kg_lost")) ||
	    (rc = number(&m->replace_high, json_object_get(m->doc, "replacement_l_per_kg_lost"),
			 "high", path, "replacement_l_per_kg_lost")) ||
	    (rc = number(&m->mg_per_mmol, json_object_get(m->doc, "sodium_mg_per_mmol"), "value",
			 path, "sodium_mg_per_mmol")) ||
	    (rc = by_intensity(m->rate, m->doc, "sweat_rate_l_per_h", path)) ||
	    (rc = by_intensity(m->sodium, m->doc, "sweat_sodium_mmol_l", path)) ||
	    (rc = number(&m->minutes_max, lim, "minutes_max", path, "limits")) ||
	    (rc = number(&m->mass_min, lim, "mass_kg_min", path, "limits")) ||
	    (rc = number(&m->mass_max, lim, "mass_kg_max", path, "limits")) ||
	    (rc = number(&m->temp_max, lim, "temperature_c_max", path, "limits")) ||
	    (rc = number(&m->fluid_max, lim, "fluid_ml_max", path, "limits")) ||
	    (rc = number(&m->change_max, lim, "mass_change_pct_max", path, "limits")))
		goto fail;
	v = json_object_get(lim, "temperature_c_min");
	if (!json_is_number(v)) {
		rc = cl_error_set(CL_EINVAL, "%s: limits.temperature_c_min must be a number", path);
		goto fail;
	}
	m->temp_min = json_number_value(v);
	json_t *heat = json_object_get(m->doc, "heat_add_l_per_h");
	if (!json_is_array(heat) || json_array_size(heat) > MAX_HEAT_STEPS) {
		rc = cl_error_set(CL_EINVAL, "%s: \"heat_add_l_per_h\" must be an array of at most %d steps",
				  path, MAX_HEAT_STEPS);
		goto fail;
	}
	size_t i;
	json_array_foreach(heat, i, v)
	{
		if ((rc = number(&m->heat_above[i], v, "above_c", path, "heat_add_l_per_h")) ||
		    (rc = number(&m->heat_add[i], v, "add", path, "heat_add_l_per_h")))
			goto fail;
		if (i > 0 && m->heat_above[i] <= m->heat_above[i - 1]) {
			rc = cl_error_set(CL_EINVAL, "%s: heat steps must rise in temperature", path);
			goto fail;
		}
		m->nheat = i + 1;
	}
	if (m->replace_low > m->replace_high) {
		rc = cl_error_set(CL_EINVAL, "%s: replacement low is above high", path);
		goto fail;
	}
	*out = m;
	return CL_OK;
fail:
	cl_hydration_model_free(m);
	return rc;
}

void cl_hydration_model_free(cl_hydration_model *m)
{
	if (!m)
		return;
	free(m->sources);
	json_decref(m->doc);
	free(m);
}

const char *const *cl_hydration_model_sources(const cl_hydration_model *m)
{
	return m->sources;
}

static int check_range(double v, double lo, double hi, const char *field, const char *unit)
{
	if (isnan(v))
		return CL_OK;
	if (!isfinite(v) || v < lo || v > hi)
		return cl_error_set(CL_EINVAL, "%s is %g %s; expected %g to %g", field, v, unit, lo,
				    hi);
	return CL_OK;
}

static void note(cl_sweat *s, const char *text)
{
	size_t len = strlen(s->assumptions);
	snprintf(s->assumptions + len, sizeof(s->assumptions) - len, "%s%s", len ? " " : "", text);
}

int cl_sweat_compute(cl_sweat *s, const cl_hydration_model *m, const cl_exercise *ex)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->deficit_pct = NAN;
	if (isnan(ex->minutes) || ex->minutes <= 0 || ex->minutes > m->minutes_max)
		return cl_error_set(CL_EINVAL, "minutes must be more than 0 and at most %g",
				    m->minutes_max);
	if ((unsigned)ex->intensity > CL_INTENSITY_HARD)
		return cl_error_set(CL_EINVAL, "intensity must be easy, moderate or hard");
	if ((rc = check_range(ex->temperature_c, m->temp_min, m->temp_max, "temperature_c", "°C")) ||
	    (rc = check_range(ex->mass_before_kg, m->mass_min, m->mass_max, "mass_before_kg", "kg")) ||
	    (rc = check_range(ex->mass_after_kg, m->mass_min, m->mass_max, "mass_after_kg", "kg")) ||
	    (rc = check_range(ex->body_mass_kg, m->mass_min, m->mass_max, "weight_kg", "kg")) ||
	    (rc = check_range(ex->fluid_during_ml, 0, m->fluid_max, "fluid_during_ml", "ml")) ||
	    (rc = check_range(ex->urine_ml, 0, m->fluid_max, "urine_ml", "ml")))
		return rc;
	if (isnan(ex->mass_before_kg) != isnan(ex->mass_after_kg))
		return cl_error_set(CL_EINVAL, "give both mass_before_kg and mass_after_kg, or neither");

	double hours = ex->minutes / 60.0;
	double fluid_l = isnan(ex->fluid_during_ml) ? 0 : ex->fluid_during_ml / 1000.0;
	double urine_l = isnan(ex->urine_ml) ? 0 : ex->urine_ml / 1000.0;
	if (isnan(ex->fluid_during_ml))
		note(s, "Fluid drunk during exercise was not given; none was assumed.");

	if (!isnan(ex->mass_before_kg)) {
		double lost_kg = ex->mass_before_kg - ex->mass_after_kg;
		double change_pct = 100.0 * fabs(lost_kg) / ex->mass_before_kg;
		if (change_pct > m->change_max)
			return cl_error_set(CL_EINVAL,
					    "mass_after_kg differs from mass_before_kg by %.1f%%; more "
					    "than %g%% in one session is not plausible",
					    change_pct, m->change_max);
		s->measured = true;
		s->sweat_loss_l = lost_kg + fluid_l - urine_l;
		if (s->sweat_loss_l < 0)
			s->sweat_loss_l = 0;
		s->deficit_l = lost_kg;
		s->deficit_pct = 100.0 * lost_kg / ex->mass_before_kg;
		s->overdrank = lost_kg < 0 && fluid_l > 0;
	} else {
		double rate = m->rate[ex->intensity];
		double t = isnan(ex->temperature_c) ? 20.0 : ex->temperature_c;
		for (size_t i = 0; i < m->nheat; i++)
			if (t > m->heat_above[i])
				rate = m->rate[ex->intensity] + m->heat_add[i];
		s->sweat_loss_l = rate * hours;
		s->deficit_l = s->sweat_loss_l - fluid_l + urine_l;
		if (!isnan(ex->body_mass_kg))
			s->deficit_pct = 100.0 * s->deficit_l / ex->body_mass_kg;
		note(s, "Sweat loss is estimated from intensity and temperature (a typical rate, not "
			"yours); weigh yourself before and after exercise to measure it.");
		if (isnan(ex->temperature_c))
			note(s, "Temperature was not given; temperate conditions were assumed.");
	}
	s->sweat_rate_l_per_h = s->sweat_loss_l / hours;
	s->dehydrated = !isnan(s->deficit_pct) && s->deficit_pct > m->dehydration_pct;
	s->sodium_mmol_l = m->sodium[ex->intensity];
	s->sodium_loss_mg = s->sweat_loss_l * s->sodium_mmol_l * m->mg_per_mmol;
	note(s, "Sweat sodium is a typical concentration for the intensity; it varies several-fold "
		"between people.");
	if (s->deficit_l > 0 && !s->overdrank) {
		s->replace_low_l = s->deficit_l * m->replace_low;
		s->replace_high_l = s->deficit_l * m->replace_high;
	}
	return CL_OK;
}
