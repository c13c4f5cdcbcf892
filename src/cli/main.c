/*
 * cramplab: the command-line tool over libcramplab.  main() only finds the
 * subcommand in the table below and hands over; `help` reads the same table,
 * so the dispatcher and the help text cannot drift apart.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#endif

#include <sqlite3.h>

#include "cli.h"
#include "commands.h"
#include "jsonsnap.h"
#include "foodrules_internal.h"
#include "kbimage.h"
#include "rules_internal.h"

const struct cli_command cli_commands[] = {
	{"food", cmd_food, "search the food database and show a food's nutrients",
	 "usage: cramplab food search QUERY [--limit N] [--json] [--db FILE]\n"
	 "       cramplab food show NDB [--json] [--db FILE]\n"
	 "       cramplab food rich NUTRIENT [--diet omnivore|vegetarian|vegan]\n"
	 "                          [--avoid dairy,gluten,nuts,fish,egg,soy] [--organ-meats]\n"
	 "                          [--limit N] [--json]\n"
	 "\n"
	 "search  finds foods the way people type them: plurals, word order, capitals,\n"
	 "        accents, common typos and everyday names ('oj', 'mayo', 'courgette').\n"
	 "        Best match first; --limit sets how many (default 10, at most 1000).\n"
	 "show    prints a food's nutrients per 100 g and its household measures.\n"
	 "        NDB is the 5-digit USDA number, e.g. 09040 (Bananas, raw).\n"
	 "rich    lists the foods with most of a nutrient per realistic serving (1 oz\n"
	 "        seeds, 1 cup cooked beans, 3 oz fish), one line per food, with the\n"
	 "        amount per 100 kcal. Leaves out baby foods, brands, restaurant items,\n"
	 "        organ meats (unless --organ-meats) and things not eaten as such.\n"
	 "        NUTRIENT: magnesium, potassium, calcium, iron, vitamin_d, b12, ...\n"
	 "\n"
	 "Unknown values are shown as unknown (null in JSON), never as zero.\n"},
	{"import", cmd_import, "build the food database from USDA SR data",
	 "usage: cramplab import sr24 [JAR] [--db FILE]\n"
	 "       cramplab import sr-ascii DIR [--db FILE]\n"
	 "\n"
	 "sr24      reads USDA SR24 as shipped in Debian's cronometer package\n"
	 "          (default JAR: /usr/share/cronometer/usda_sr24.jar).\n"
	 "sr-ascii  reads an official SR ASCII release: a directory holding FOOD_DES.txt,\n"
	 "          NUT_DATA.txt, WEIGHT.txt, NUTR_DEF.txt and FD_GROUP.txt.\n"
	 "\n"
	 "The database is written to a new file and renamed into place only when the\n"
	 "import has succeeded, so a failed or interrupted import leaves the old one.\n"},
	{"dri", cmd_dri, "show the Dietary Reference Intakes for a person",
	 "usage: cramplab dri --age N --sex male|female [--pregnant|--lactating]\n"
	 "                    [--vegetarian|--vegan] [--json]\n"
	 "\n"
	 "Prints EAR, RDA or AI, UL and (sodium) CDRR per day for magnesium, potassium,\n"
	 "calcium, vitamin D, vitamin B12, thiamin, iron, sodium and water (water_g is\n"
	 "total water, beverage_water_g the part from drinks; 1000 g = 1 L), each with\n"
	 "the ids of its sources.  Potassium and sodium are NASEM 2019 values, calcium\n"
	 "and vitamin D IOM 2011.  The magnesium UL covers supplements and medicines\n"
	 "only.  --vegetarian (or --vegan) multiplies the iron EAR and RDA by 1.8.\n"
	 "\n"
	 "cramplab covers ages 9 to 120; --pregnant and --lactating are for females\n"
	 "aged 14-50.  Values not set by the source are shown as - (null in JSON).\n"},
	{"lab", cmd_lab, "read one laboratory result against its reference bands",
	 "usage: cramplab lab TEST VALUE UNIT [--sex male|female] [--age N] [--pregnant]\n"
	 "                    [--trimester 1|2|3] [--inflammation]\n"
	 "                    [--albumin V --albumin-unit g/L|g/dL] [--json]\n"
	 "\n"
	 "TEST in everyday words: magnesium (Mg), potassium (K), sodium (Na), calcium\n"
	 "(Ca; corrected for --albumin), ionized calcium, vitamin D (25-OH D), B12,\n"
	 "methylmalonic acid (MMA), ferritin, haemoglobin (Hb), albumin.  Units are\n"
	 "case-insensitive; µ, u and mc are the same (umol/L = µmol/L).\n"
	 "\n"
	 "Prints the value in the canonical unit and its band (severely_low ... normal\n"
	 "... high) with the sources.  Haemoglobin cut-offs depend on --sex, --age and\n"
	 "--pregnant; ferritin on --inflammation.  Implausible values are refused.\n"
	 "Laboratories' own reference ranges take precedence.\n"},
	{"parse", cmd_parse, "read one diary line: which food, how many grams",
	 "usage: cramplab parse \"LINE\" [--json] [--db FILE] [--no-cache]   (unquoted words are joined)\n"
	 "\n"
	 "Reads a diary line the way people write it and prints the USDA food, the\n"
	 "grams, the quantity and the measure used (and, for vague amounts, what was\n"
	 "assumed).\n"
	 "\n"
	 "  amounts   2, 1.5, 1/2, 1 1/2, \u00bd, two, a, an, half a, 2 x 100 g\n"
	 "  units     g kg mg oz lb, ml l cup tbsp tsp fl oz (with or without a space\n"
	 "            or a period, singular or plural)\n"
	 "  measures  the food's own USDA measures: '2 medium bananas', '1 large egg',\n"
	 "            '2 slices whole wheat bread', '10 grapes', '1 can tuna'\n"
	 "  volumes   weighed through the food's own cup or fl oz measure\n"
	 "  order     'coffee, 2 cups' and 'salmon 150g' work too\n"
	 "  exact     'ndb:09040 118 g' (NDB number, amount, unit or measure)\n"
	 "\n"
	 "Vague amounts are read by a stated rule, returned as \"assumption\":\n"
	 "  a glass / mug / bowl of = 1 cup (236.6 ml); a handful = 1 oz (28.35 g);\n"
	 "  a count without a size ('2 bananas') = the food's medium (else large,\n"
	 "  whole, ...) measure; no amount at all = one.\n"
	 "\n"
	 "Refused with exit 2 and the reason: negative or zero amounts, division by\n"
	 "zero, NaN, no food named, no food found, more than 5 kg in one line, lines\n"
	 "over 500 bytes, and units the food has no measure for.\n"
	 "\n"
	 "JSON: {\"ndb\", \"name\", \"grams\", \"quantity\", \"measure\", \"assumption\"?, \"line\"}\n"
	 "\n"
	 "--no-cache  resolve every diary line afresh: without it, a free-text line\n"
	 "            resolved before is answered from the per-user cache (the same\n"
	 "            answer; see 'cramplab --help'); CRAMPLAB_CACHE=off does the same.\n"},
	{"intake", cmd_intake, "per-day nutrient totals from a diary or a CSV export",
	 "usage: cramplab intake FILE [--json] [--db FILE] [--no-cache]\n"
	 "\n"
	 "FILE is a diary or an export, recognised by its first line:\n"
	 "  diary text   a line YYYY-MM-DD starts a day; '#' starts a comment; one food\n"
	 "               per line, free ('2 medium bananas') or exact ('ndb:09040 118 g');\n"
	 "               drinks are foods ('2 cups water', 'coffee, 1 mug') and count\n"
	 "               toward water.  'supplement: magnesium 200 mg' (also vitamin D in\n"
	 "               IU or mcg, B12, thiamin, potassium, calcium, iron, sodium, zinc,\n"
	 "               omega-3) adds a supplement, counted and shown apart.\n"
	 "  Cronometer   'servings' export (Day,[Time,Group,]Food Name,Amount,...,Category)\n"
	 "               and 'daily nutrition' export (Date,Energy (kcal),...,Completed).\n"
	 "  MyFitnessPal 'Nutrition Summary' export (Date,Meal,Calories,...,Note).\n"
	 "\n"
	 "Prints each day's totals and the mean for energy_kcal water_g magnesium_mg\n"
	 "potassium_mg calcium_mg iron_mg sodium_mg vitamin_d_ug vitamin_b12_ug\n"
	 "thiamin_mg omega3_g.  A value some foods lack is never counted as zero: the\n"
	 "total of the known values is shown as 'at least N' with the number of foods\n"
	 "lacking it, and JSON lists them under \"missing\".  Supplements (Cronometer\n"
	 "category Supplements) are counted and shown apart.\n"
	 "\n"
	 "Any bad line fails the whole read (exit 2) with every bad line listed as\n"
	 "FILE:LINE: reason.\n"
	 "\n"
	 "JSON: {\"days\":[{\"date\", \"totals\":{key:value|null}, \"missing\":{key:[ndb,...]},\n"
	 "      \"entries\":[{\"ndb\",\"name\",\"grams\",\"line\",\"lineno\"}], \"supplement\"?}],\n"
	 "      \"mean\":{key:value|null}, \"note\"?}\n"
	 "\n"
	 "--no-cache  resolve every diary line afresh: without it, a free-text line\n"
	 "            resolved before is answered from the per-user cache (the same\n"
	 "            answer; see 'cramplab --help'); CRAMPLAB_CACHE=off does the same.\n"},
	{"assess", cmd_assess, "screen a case: triage, findings with evidence, advice",
	 "usage: cramplab assess CASE.json [--json | --html] [--db FILE] [--no-cache]\n"
	 "\n"
	 "Reads a case (profile, diary, exercise, symptoms, labs, medicines and\n"
	 "conditions; see examples/ and DESIGN.md) and prints, in order: how urgently\n"
	 "to see a clinician and why; which factors (magnesium, potassium, calcium,\n"
	 "vitamin D, B12, thiamin, iron, dehydration, sweat sodium loss, injury,\n"
	 "medicines) plausibly contribute, how strongly, on what evidence and with\n"
	 "which sources; what could not be judged; and what to do (foods, supplement\n"
	 "cautions within upper limits, fluids, recovery).\n"
	 "\n"
	 "It screens and explains; it does not diagnose.  A field that is wrong is\n"
	 "refused with exit 2 and its name (profile.age, labs[0].unit, ...).\n"
	 "\n"
	 "--json  the assessment document (the stable machine interface)\n"
	 "--html  one self-contained web page (charts, no external files) to open,\n"
	 "        print or give to a clinician: cramplab assess CASE.json --html >report.html\n"
	 "\n"
	 "--no-cache  resolve every diary line afresh: without it, a free-text line\n"
	 "            resolved before is answered from the per-user cache (the same\n"
	 "            answer; see 'cramplab --help'); CRAMPLAB_CACHE=off does the same.\n"},
	{"explain", cmd_explain, "explain a factor: role, signs, risks, evidence, foods, limits",
	 "usage: cramplab explain FACTOR [--age N] [--sex male|female] [--pregnant|--lactating]\n"
	 "                        [--vegetarian] [--json] [--db FILE]\n"
	 "\n"
	 "FACTOR: magnesium, potassium, calcium, vitamin_d, vitamin_b12, thiamin, iron,\n"
	 "dehydration, sodium_loss, injury, medication.\n"
	 "\n"
	 "Says what the factor does in muscle and nerve, how a shortfall shows, who is at\n"
	 "risk, what the evidence does and does not show (correcting the seed article\n"
	 "where the sources disagree), the reference intakes and upper limit for the\n"
	 "life stage (default: a 40-year-old woman), the best food sources, and sources.\n"},
	{"med", cmd_med, "what a medicine or condition does to nutrients and muscles",
	 "usage: cramplab med NAME [--json]\n"
	 "       cramplab med --condition NAME [--json]\n"
	 "\n"
	 "NAME is a generic or brand name ('furosemide', 'Lasix 40 mg', 'Nexium') or,\n"
	 "with --condition, a condition ('CKD', 'vegan', 'gastric bypass').  Prints its\n"
	 "effects (nutrient, effect, strength, note) and sources.  A name cramplab does\n"
	 "not know is reported as not recognised (exit 0, \"recognized\": false).\n"},
	{"serve", cmd_serve, "serve the web app and JSON API on this computer",
	 "usage: cramplab serve [--port N] [--bind ADDR] [--db FILE] [--history FILE]\n"
	 "                      [--timeout S] [--threads N] [--json]\n"
	 "\n"
	 "Serves cramplab's web page and its JSON API until stopped with Ctrl-C\n"
	 "(SIGINT) or SIGTERM. Prints 'listening on http://127.0.0.1:PORT/' when ready\n"
	 "(with --json: {\"url\": ..., \"port\": ...}).\n"
	 "\n"
	 "--port N     the TCP port (default 8080; 0 picks a free one)\n"
	 "--bind ADDR  the address to listen on (default 127.0.0.1, this computer only).\n"
	 "             Another address, such as 0.0.0.0, lets other machines see the\n"
	 "             health data you enter; cramplab warns when you do that.\n"
	 "--timeout S  drop a connection idle or stalled for S seconds (default 10)\n"
	 "--threads N  worker threads (default 4)\n"
	 "--history F  the history file the /api/history endpoints read and write\n"
	 "             (default as 'cramplab history': $CRAMPLAB_HISTORY, else\n"
	 "             ~/.local/share/cramplab/history.db)\n"
	 "\n"
	 "API (answers are the same JSON as the matching command's --json):\n"
	 "  GET /api/food/search?q=QUERY&limit=N   cramplab food search QUERY --limit N\n"
	 "  GET /api/food/NDB                      cramplab food show NDB\n"
	 "  POST /api/parse    {\"line\": LINE}      cramplab parse LINE\n"
	 "  POST /api/intake   diary or CSV text    cramplab intake FILE\n"
	 "  POST /api/assess   CASE JSON            cramplab assess CASE.json\n"
	 "                     (the diary inline: the server reads no file a request names)\n"
	 "  POST /report       CASE JSON, or the page's form   cramplab assess CASE.json --html\n"	 "  GET /api/history?from=&to=             cramplab history list\n"
	 "  GET /api/history/summary?from=&to=&weeks=   cramplab history summary\n"
	 "  POST /api/history/cramp  {\"date\", \"time\", \"context\", \"muscle\", \"side\",\n"
	 "                     \"severity\", \"minutes\", \"note\"}    cramplab history cramp\n"
	 "  POST /api/history/days[?replace=1]  diary or CSV text   cramplab history add\n"
	 "Errors answer 400 (bad input), 404 (not found), 405 (wrong method),\n"
	 "413 (body over 1 MB) or 500, with {\"error\": MESSAGE} (an HTML page for /report).\n"},
	{"history", cmd_history, "keep diary days and cramp episodes over weeks",
	 "usage: cramplab history add FILE [--replace] [--db FILE]\n"
	 "       cramplab history cramp DATE [--time HH:MM] [--context night|exercise|rest]\n"
	 "                         [--muscle NAME] [--side left|right|both]\n"
	 "                         [--severity 0-10] [--minutes N] [--note TEXT]\n"
	 "       cramplab history list [--from DATE] [--to DATE]\n"
	 "       cramplab history summary [--from DATE] [--to DATE] [--weeks N]\n"
	 "       cramplab history case BASE.json [--from DATE] [--to DATE] [--weeks N]\n"
	 "       cramplab history delete-day DATE | delete-cramp ID\n"
	 "       (each also takes --history FILE and --json)\n"
	 "\n"
	 "add      stores every day of a diary or CSV export (as 'cramplab intake' reads\n"
	 "         it: any bad line stores nothing).  Each entry keeps its line, food,\n"
	 "         grams and what it supplied of every nutrient.  A day already stored\n"
	 "         is refused unless --replace is given.\n"
	 "cramp    records one cramp episode on DATE (YYYY-MM-DD).\n"
	 "list     the stored days with their totals, and the episodes, oldest first.\n"
	 "summary  cramps a week (at night, during exercise, at rest), mean severity,\n"
	 "         muscles, and mean intake over the period.  The period is --from to\n"
	 "         --to, or the --weeks N weeks (default 4) ending on --to, which\n"
	 "         defaults to the latest date stored.\n"
	 "case     prints a CASE for 'cramplab assess': BASE.json (profile, labs,\n"
	 "         medicines, other symptoms; no diary) plus the period's diary days and,\n"
	 "         from its episodes, symptoms.cramps, cramps_per_week, nocturnal,\n"
	 "         during_exercise and duration_days (since the first episode):\n"
	 "           cramplab history case me.json | cramplab assess -\n"
	 "\n"
	 "An unknown amount is never counted as zero: a total some entries lack is\n"
	 "shown as 'at least'.  The history file is --history FILE, else\n"
	 "$CRAMPLAB_HISTORY, else ~/.local/share/cramplab/history.db; it is created\n"
	 "mode 0600 and cramplab refuses to change a file that is not its history.\n"},
	{"help", cmd_help, "show help for cramplab or one command",
	 "usage: cramplab help [COMMAND]\n"},
	{NULL, NULL, NULL, NULL},
};

static void print_overview(FILE *out)
{
	fprintf(out, "usage: cramplab [--version] [--help] COMMAND [ARGS] [--json]\n\n"
		     "cramplab screens the nutrition and hydration behind hamstring pain and\n"
		     "muscle cramps. It screens and explains; it does not diagnose.\n\n"
		     "commands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\nEvery command takes --json. Exit status: 0 ok, 1 failure, 2 bad input or usage.\n"
		     "The food database is --db FILE, else $CRAMPLAB_DB, else\n"
		     "~/.local/share/cramplab/foods.db.\n"
		     "Diary lines already resolved are answered from a cache (the same answers,\n"
		     "without the search): $CRAMPLAB_CACHE/diary-lines.db, else\n"
		     "$XDG_CACHE_HOME/cramplab/, else ~/.cache/cramplab/; --no-cache (any command)\n"
		     "or CRAMPLAB_CACHE=off turns it off.\n");
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return CLI_EXIT_OK;
	}
	const struct cli_command *c = cli_find_command(argv[1]);
	if (!c)
		return cli_usage_error("help", "no such command '%s'", argv[1]);
	fputs(c->usage, stdout);
	return CLI_EXIT_OK;
}

/*
 * One command is one short process whose heap grows to a few megabytes (the
 * food pool alone is 1.5 MB), and on the virtual machines this runs on a
 * first touch of a 4 KB page costs some 15 microseconds: an assessment took
 * about 1,500 page faults, half its time.  So the heap is reserved in one
 * piece at start and marked for transparent huge pages (2 MB, one fault
 * each; the kernel's default "madvise" mode needs the request), large
 * blocks are taken from it rather than from mmap, and it is never trimmed.
 * The memory the process really uses is the same; only the number of faults
 * changes.  Not for `serve`, a long-lived process with threads.  Anything
 * that fails here is ignored: the default heap works, only slower.
 */
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
static void *heap_head, *heap_push;
#endif

static void reserve_heap(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
	const uintptr_t huge = (uintptr_t)2 << 20;
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_TOP_PAD, 64 << 20);
	/* A block larger than the 128 KB a heap starts with, below the mmap
	 * threshold: it makes malloc extend the heap by the top pad whether or
	 * not the heap exists yet (a static C library has already allocated
	 * before main, a shared one has not). */
	const size_t push = (size_t)256 << 10;
	uintptr_t lo = (uintptr_t)sbrk(0);
	char *volatile first = malloc(push); /* volatile: must not be optimised away */
	uintptr_t hi = (uintptr_t)sbrk(0);
	/* Only the part of the heap this call added is marked: a later
	 * extension of the heap would be a separate mapping without the mark. */
	if (!first || lo == (uintptr_t)-1 || hi <= lo || hi - lo < (uintptr_t)32 << 20)
		goto done;
	uintptr_t from = (lo + huge - 1) & ~(huge - 1), to = hi & ~(huge - 1);
	if (to <= from || madvise((void *)from, to - from, MADV_HUGEPAGE) != 0)
		goto done;
	/* The heap's new part starts anywhere in a 2 MB page, and below the
	 * first boundary pages stay small: one block, never written but for its
	 * header, skips them.  It follows `first` and ends a little before the
	 * boundary, so that the header malloc writes after it does not touch
	 * the first huge page with a small one.  Kept (still reachable), never
	 * freed. */
	uintptr_t after = (uintptr_t)first + push;
	if (after + 4096 < from)
		heap_head = malloc(from - after - 64);
	/* `first` is kept too, untouched but for its header: freed, its small
	 * pages would be the first that later blocks write. */
	heap_push = first;
	return;
done:
	free(first);
#endif
}

/*
 * jansson's memory for a one-shot command, from an arena.  Such a command
 * builds the knowledge base's trees and its output's, some 100,000 small
 * blocks, and frees each at the end: malloc and free were a fifth of an
 * assessment's instructions.  A block from here is a pointer bump and its
 * free does nothing; the arena goes back in one piece at exit.  jansson's
 * allocator is process-wide, so not for `serve` (threads, long-lived, its
 * trees must be freed), and not under AddressSanitizer, whose leak check
 * must still see jansson's blocks one by one.
 */
#if defined(__SANITIZE_ADDRESS__)
#define CLI_JSON_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLI_JSON_ARENA 0
#endif
#endif
#ifndef CLI_JSON_ARENA
#define CLI_JSON_ARENA 1
#endif

#if CLI_JSON_ARENA
struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};
static struct arena_block *arena;

static void *arena_alloc(size_t n)
{
	const size_t align = sizeof(max_align_t), chunk = (size_t)1 << 20;

	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	if (!arena || arena->size - arena->used < n) {
		size_t size = n > chunk / 4 ? n : chunk;
		struct arena_block *b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		/* A block too big to share does not end the current one. */
		if (arena && size != chunk) {
			b->next = arena->next;
			arena->next = b;
			b->used = n;
			return b->data;
		}
		b->next = arena;
		arena = b;
	}
	void *p = (char *)arena->data + arena->used;
	arena->used += n;
	return p;
}

static void arena_free(void *p)
{
	(void)p;
}

static void arena_release(void)
{
	while (arena) {
		struct arena_block *next = arena->next;
		free(arena);
		arena = next;
	}
}
#endif

static void use_json_arena(void)
{
#if CLI_JSON_ARENA
	json_set_alloc_funcs(arena_alloc, arena_free);
	atexit(arena_release);
#endif
}

/*
 * SQLite for a one-shot command, which has one thread: no mutexes (each
 * allocation and page-cache fetch took two, some 0.3 M instructions in an
 * assessment) and no memory statistics, which nothing reads.  Its page
 * cache starts from a few slots taken from the heap (huge pages, above)
 * rather than each connection allocating and freeing its pages one by one:
 * 0.14 M instructions less in an assessment, and no more page faults
 * (SQLite falls back to its own allocations when they are used up; 64
 * measured cheaper than 32, 128 or 512, whose free list is built at
 * start).  Kept to the end: SQLite may use them until exit.  Before any
 * other SQLite call; whatever SQLite refuses leaves its defaults.  Not for
 * `serve`, whose workers share the process.
 */
static void configure_sqlite(void)
{
	enum { PAGE = 4096, SLOTS = 64 };
	static void *page_slots;
	int hdr = 0;

	if (sqlite3_config(SQLITE_CONFIG_SINGLETHREAD) != SQLITE_OK)
		return;
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) != SQLITE_OK || hdr <= 0 ||
	    hdr > 1024)
		return;
	size_t slot = ((size_t)PAGE + (size_t)hdr + 7) & ~(size_t)7;
	if ((page_slots = malloc(slot * SLOTS)) &&
	    sqlite3_config(SQLITE_CONFIG_PAGECACHE, page_slots, (int)slot, (int)SLOTS) != SQLITE_OK) {
		free(page_slots);
		page_slots = NULL;
	}
}

/*
 * The data files' parsed trees, built into the tool (see jsonsnap.c): a
 * loader takes a tree from it only for a file whose bytes are those it was
 * built from, so an edited file is parsed.  CRAMPLAB_DATA_SNAPSHOT=off
 * parses every file, to compare or to measure.  A snapshot the library
 * refuses is not an error: the files are then parsed.  The same holds for
 * the knowledge base's, the food rules' and the triage rules' compiled
 * tables (kbimage.c, foodrules.c, rules.c), used only when their files are
 * the ones they were built from, and switched off by the same variable.
 */
static void use_data_snapshot(void)
{
	const char *env = getenv("CRAMPLAB_DATA_SNAPSHOT");

	if (env && strcmp(env, "off") == 0)
		return;
	(void)cl_jsonsnap_use(cli_data_snapshot, cli_data_snapshot_len);
	if (cli_kb_image_len)
		(void)cl_kbimage_use(cli_kb_image, cli_kb_image_len);
	if (cli_food_rules_image_len)
		(void)cl_food_rules_image_use(cli_food_rules_image, cli_food_rules_image_len);
	if (cli_triage_image_len)
		(void)cl_rules_image_use(cli_triage_image, cli_triage_image_len);
}

static int print_version(void)
{
	cl_buf files = {0};

	printf("cramplab %s\n", CRAMPLAB_VERSION);
	if (cl_jsonsnap_describe(&files) == CL_OK && files.len) {
		printf("data snapshot:");
		for (char *p = files.data, *nl; (nl = strchr(p, '\n')); p = nl + 1)
			printf(" %.*s", (int)(nl - p), p);
		printf("\n");
	}
	cl_buf_free(&files);
	return CLI_EXIT_OK;
}

/*
 * The release tool is a static PIE (Makefile: no loader, no shared C
 * library to map and relocate at each start).  Such a program cannot
 * dlopen() libzip or libmicrohttpd, which would bring a second C library
 * into the process, so for the two commands that open them it hands over
 * to the same objects linked dynamically, cramplab-dynamic beside it: exec
 * keeps the process id, the arguments and the descriptors, so callers see
 * one process.  Returns only on failure.  A dynamic tool (the loader's base
 * in the auxiliary vector is not 0), the tests' and valgrind's, runs every
 * command itself.
 */
static bool run_dynamic_sibling(const char *command, char **argv)
{
#ifdef __GLIBC__
	static const char suffix[] = "-dynamic";
	char path[PATH_MAX];

	if (getauxval(AT_BASE) != 0)
		return false;
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - sizeof(suffix));
	if (n <= 0 || (size_t)n >= sizeof(path) - sizeof(suffix)) {
		fprintf(stderr, "cramplab %s: cannot find this program's path to run %s beside it\n",
			command, "cramplab-dynamic");
		return true;
	}
	memcpy(path + n, suffix, sizeof(suffix));
	execv(path, argv);
	fprintf(stderr, "cramplab %s: cannot run %s (this static build opens no libraries itself): %s\n",
		command, path, strerror(errno));
	return true;
#else
	(void)command;
	(void)argv;
	return false;
#endif
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr);
		return CLI_EXIT_USAGE;
	}
	use_data_snapshot();
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0)
		return print_version();
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_overview(stdout);
		return CLI_EXIT_OK;
	}
	const struct cli_command *c = cli_find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "cramplab: '%s' is not a command (see 'cramplab --help')\n", argv[1]);
		return CLI_EXIT_USAGE;
	}
	/* `cramplab CMD --help` is the same as `cramplab help CMD`. */
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(c->usage, stdout);
			return CLI_EXIT_OK;
		}
	if ((strcmp(c->name, "import") == 0 || strcmp(c->name, "serve") == 0) &&
	    run_dynamic_sibling(c->name, argv))
		return CLI_EXIT_FAIL;
	/* --no-cache, for every command that reads diary lines: taken out here
	 * so that each command's options need not list it. */
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--no-cache") == 0) {
			cli_no_cache = true;
			memmove(argv + i, argv + i + 1, (size_t)(argc - i) * sizeof(*argv));
			argc--;
			i--;
		}
	if (strcmp(c->name, "serve") != 0) {
		reserve_heap();
		use_json_arena();
		configure_sqlite();
	}
	return c->run(argc - 1, argv + 1);
}
