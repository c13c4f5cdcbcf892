/*
 * How long the knowledge base takes to open and validate, and what one
 * look-up of each kind costs, so the assessment can budget for them.
 * Bounded: a fixed number of iterations, a second or so in all.
 */
#include <stdio.h>
#include <time.h>

#include "cramplab/adequacy.h"
#include "cramplab/kb.h"
#include "cramplab/labs.h"
#include "cramplab/meds.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	const char *dir = CL_DATADIR;
	cl_kb *kb = NULL;
	double t0, t;
	int n;
	volatile double sink = 0;

	t0 = now();
	for (n = 0; n < 50; n++) {
		if (cl_kb_open(&kb, dir)) {
			fprintf(stderr, "%s\n", cl_error_last());
			return 1;
		}
		cl_kb_close(kb);
	}
	t = now() - t0;
	printf("cl_kb_open+close          %8.3f ms each (%d runs)\n", t / n * 1e3, n);

	cl_kb_open(&kb, dir);
	cl_profile p = {40, CL_SEX_FEMALE, CL_REPRO_NONE, false};
	cl_dri_set set;
	t0 = now();
	for (n = 0; n < 100000; n++) {
		p.age = 9 + n % 100;
		cl_dri_lookup(&set, kb, &p);
		sink += set.nutrients[0].ear;
	}
	t = now() - t0;
	printf("cl_dri_lookup             %8.3f us each (%d runs)\n", t / n * 1e6, n);

	p.age = 40;
	cl_dri_lookup(&set, kb, &p);
	static const char *const keys[] = {"magnesium_mg", "potassium_mg", "calcium_mg",
					   "vitamin_d_ug", "vitamin_b12_ug", "thiamin_mg",
					   "iron_mg",      "sodium_mg",    "water_g"};
	cl_adequacy a;
	t0 = now();
	for (n = 0; n < 100000; n++) {
		cl_adequacy_assess(&a, kb, &set, keys[n % 9], 100 + n % 300, 7);
		sink += a.probability;
	}
	t = now() - t0;
	printf("cl_adequacy_assess        %8.3f us each (%d runs)\n", t / n * 1e6, n);

	cl_lab_result r;
	t0 = now();
	for (n = 0; n < 100000; n++) {
		cl_lab_interpret(&r, kb, n % 2 ? "25(OH)D" : "Mg", 0.5 + n % 40, "ng/mL", NULL);
		sink += r.value;
	}
	t = now() - t0;
	printf("cl_lab_interpret          %8.3f us each (%d runs)\n", t / n * 1e6, n);

	const cl_med_info *m;
	t0 = now();
	for (n = 0; n < 100000; n++) {
		cl_med_lookup(&m, kb, n % 2 ? "Lasix 40 mg" : "unknownium");
		sink += m != NULL;
	}
	t = now() - t0;
	printf("cl_med_lookup             %8.3f us each (%d runs)\n", t / n * 1e6, n);
	cl_kb_close(kb);
	return sink < 0;
}
