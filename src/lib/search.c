/*
 * Food search: the words a person types -> SR foods, best first.
 *
 * A query is folded (case, accents, punctuation), cut into words, and each
 * word becomes a group of alternatives: everyday words are rewritten to SR
 * wording from the synonyms the index holds ("ketchup" -> "catsup"; behind
 * the hand-written ones, WordNet 3.0's food words for phrases holding a word
 * no SR name has: "brinjal" -> eggplant, "granny smith" -> apple), a word
 * the index lacks is corrected to the closest indexed word (symmetric-delete
 * look-ups, Damerau-Levenshtein distance 1, or 2 for long words, and from
 * six letters to a longer word a letter left out and another slip, "cihken"; a
 * four-letter word only for a letter left out, two swapped, one typed three
 * times ("eggg") or a vowel for a vowel ("melk", the last only where the
 * query's other words allow it), a
 * three-letter one only for a letter left out after its first ("mlk");
 * singular and plural alike, "colard" being SR's "Collards"; a sound-alike
 * spelling such as "lemonaid" one slip, and so is a doubled letter put on
 * the wrong letter, "mollases" or "cherrios", or doubled letters wrong
 * however many, "cinammonn" or "fettaa"; among equals a doubled
 * letter, a swap or a sound-alike first, then a letter left out, then a
 * vowel for a vowel, then a letter added ("lerek" leek), then the word some
 * name holds with more of the query's other words ("potato cheps" is chips,
 * not chops), then the commoner
 * word; at two edits the one changing only vowels, "lentles" lentils), and
 * a word that is only the start of indexed words is searched as a prefix,
 * unless it is one slip from a word more names hold ("wien" is wine) or
 * one it starts with its last letter left out ("banan", "gammo"); of
 * three letters only beside other words ("rice mil", "snow pes").  A
 * word FTS5's stemmer alone finds ("lentills" stems as "lentil") is a typo
 * too when one slip from a name word, since scoring compares words.  A
 * word the stemmer or a prefix finds is still a slip for a word some name
 * holds with more of the query's other words than it is held with
 * ("creamed carn" is corn, not carne's stem; "mackeral caned" canned).  A
 * word that with its neighbour is one name word ("cole slaw") is no typo.
 * A word no name holds ending in its last letter typed again or the key
 * beside it ("limer", "winee") is the name word before that letter, unless
 * a letter left out or a slip of spelling makes another word ("lady finer");
 * one a slip from a portion or serving word ("walnut halkves") is that word
 * when no food word is one slip away, or only one a consonant changed or
 * its first letter ("vodka shott", "walnut hales").  A word no name holds
 * that run together with its neighbour is one slip from a name word ending
 * or starting with the neighbour is that word's part, unless alone it is a
 * likelier slip ("brasil nuts" brazilnuts, not basil; "vegie burger"
 * veggie).  When no name holds every word the
 * index has of the query, a real word typed for another is read as its
 * correction (a vowel, a letter left out or a slip of spelling) that names
 * hold with all the others ("beats canned", "pork chip", "pond cake").  A
 * word's "'s" is read against the names (read_possessives: "cheerio's"
 * cheerios, "campbell's" SR's "CAMPBELL'S", "tomato's" tomato), and a word
 * typed that a synonym of another says and nothing else ("jello dessert")
 * is read once, where it was typed ("nutella chocolate hazelnut spread" is
 * a spread); a synonym standing for a class of foods beside a word naming
 * one of them ("spaghetti pasta", "macaroni pasta") is only asked for
 * (kind_chosen).  Initials joined by "&" and typed as a plural ("m&ms") are
 * read as SR writes them ("M&M's": initials_plural).  A synonym phrase of
 * three words or more typed food first, its first word last ("pinto beans
 * refried", "milk powder whole"), is read as the phrase (food_first_phrase).
 * Before any of that, a word the index lacks that is two words of four
 * letters or more run together, which some name holds both of, or a synonym's
 * two words whether or not a name holds both ("rootbeer", "pinenuts",
 * "hashbrowns", "butterbeans"), is split into them.
 *
 * FTS5 finds candidates holding every group (or, if none does, any group),
 * read in document order, which the index builder made "generic,
 * well-described foods first"; the read is capped, so a query costs the same
 * over 8 thousand or a million names (a handle that searches often reads
 * the candidates' documents from memory instead, keeps the words it cut
 * each name into, and answers the expressions from the rowids it kept of
 * each term: search_docs.h).
 * Each candidate is then scored in C
 * against the words of its name by comma segment, because what a person
 * means by "milk" is not what term statistics rank first: words of the head
 * (the first segment, or the first two when the first is a category such as
 * "Fish") count most, exact words beat prefixes, extra words and segments
 * cost a little (a whole word typed matches a longer name word only as a
 * form of it, "roast" roasted, or in a detail, "butter" butterhead: in the
 * food's head the longer word is another food, "grape" no grapefruit), an
 * "extra" before a word asked more, being another grade of it ("heavy
 * syrup" is no "extra heavy syrup"),
 * plain preparations (raw, whole) beat processed ones
 * (dried, canned), products made from a food ("Snacks, popcorn, cakes",
 * "Soup, tomato") and foods "with" another give way to the food itself, SR's
 * inverted names ("Cream, sour") read as written ("sour cream"), a dish
 * named with what it comes with is the dish ("Lasagna with meat & sauce" is
 * a lasagna), a name saying it lacks what the query asks for contradicts it
 * ("meat sauce": "spaghetti sauce, meatless"), and baby
 * foods, fast foods, restaurant and branded items give way to generic foods
 * unless the query names them (a dish SR names only as fast food,
 * data/search_dishes.tsv, as the query's noun names them: "beef taco",
 * "burrito with beans"; "taco" of TACO BELL is then no dish word; not when
 * another word names a food no name holds with the dish: "fish tacos" is
 * the fish); a baby food, unless asked for, ranks below
 * every other food the query names, however many of its words it holds
 * ("beef lasagna" is no toddler dinner); a word SR has only in baby foods'
 * names ("strained", "junior") asks for one.  Foods nobody eats raw (rice, pasta, dry
 * beans, meat, fish, frozen vegetables: data/search_forms.tsv) default to
 * their cooked form (a frozen one "unprepared" costs), and the
 * everyday foods of data/common_foods.tsv and data/search_usual.tsv
 * to their usual variety; a bare word (no state or form asked) puts the
 * usual row first even where its details cost more than a shorter name's,
 * unless its noun heads usual rows of several varieties.  A state the query
 * names rules out names that contradict it ("raw" canned, "homemade"
 * commercial, a package such as "carton" home-made, or raw where the food
 * is a drink pressed fresh: "Orange juice, raw"), and a knife cut
 * it names ("chopped") is no evidence for a processed form that says it
 * ("frozen, chopped") when the query asked for no processing; nor is a
 * cooking method said of a food kept dried or canned first ("stewed
 * apples" are fresh apples cooked, not "Apples, dried, sulfured,
 * stewed"), and a name saying the method's class beats one saying only
 * "cooked" or another method ("onions fried": sauteed, not boiled), but
 * for a fresh food eaten cooked ("steamed rice" is SR's cooked rice).  A
 * food made up "from" a concentrate, mix or box, or asked "boxed" and not
 * dry, is the made-up one
 * ("prepared", "diluted"), not the form as sold, which gives way further
 * where a food the query's noun names is found made up ("cocoa from
 * powder"); a part the food is asked
 * to come with ("chicken with skin") is not found in a name that has
 * the part alone ("skin only").  "A bar of" a food is the food in a bar's
 * shape, not a granola bar.
 * When only brands or foods that are something else hold every word ("red
 * onion": a French onion soup), foods holding any of them compete too; but
 * first a word SR writes only as a brand whose foods hold no other word of
 * the query ("heinz baked beans": SR's HEINZ foods are a gravy and an
 * eclair) is dropped, as a brand SR lacks is, with a "style" after it
 * ("heinz style baked beans").  Where the brand's own foods are found, a
 * brand word after the one asked names another line of it ("snickers": the
 * plain "SNICKERS Bar", not "SNICKERS CRUNCHER").  A synonym phrase typed beside
 * such a brand word is the brand's wording, read as typed, when the brand's
 * names hold a word of it and never the synonym's wording ("snickers
 * chocolate bar": SR's SNICKERS Bar, not the generic milk chocolate).  A
 * one-word synonym adding a default kind to its word ("v8": the vegetable
 * juice) is read as typed when another word names a line of the word's
 * foods lacking that kind ("v8 fusion").  All weights are in one table
 * below.
 *
 * A soup or sauce is made from the word its name files it under ("Sauce,
 * pizza"), so when another food is that word ("Pizza, ...") the soup gives
 * way; what comes "with", "in" or "from" a food, or what it is "for"
 * ("buttermilk for pancakes"), or how it was "made with" ("hot chocolate
 * made with water"), is asked for, not required (but what a canned food is
 * packed "in", where a describing phrase says it with its "in", is that
 * phrase: "in juice", SR's "juice pack"), and never joins
 * the food's words in a joined word; what it is for joins them in no
 * phrase either, unless a synonym reads it as no part of the food ("oil
 * for frying": oil), while "mac with cheese" is the dish; a purpose SR
 * names the food by ("Beef, chuck for stew") is read as part of the
 * food; what a food is served "on" ("avocado on toast") is dropped, unless
 * SR's names hold "on" and that word ("kernels on cob", "on giant kelp") or
 * it is a part of the food ("on the bone"); describing words after it stay
 * ("eggs on toast scrambled"), but a food "in" or "on" a bun or roll is
 * the sandwich SR names by it ("hot dog in a bun": "Fast foods, hotdog";
 * "hamburger on a bun"); "X and Y" is a dish of
 * both only when the query says "and"; a class
 * word after a food ("lemon fruit") is asked for, not the noun.  A state the
 * query names ("raw", "fresh") costs the names that contradict it (cooked,
 * canned; dried, ground), which then do not count as the food named; so
 * does "raw" in a name when the query names a state raw food is not
 * ("grilled", "canned", "toasted").  A raw food has nothing added, so with
 * "raw" asked it says "no salt" or "no added sugar" as well as a roasted
 * food "without salt added" does.  "lean" asked ranks ground meat by the
 * lean share its name gives ("95% lean meat / 5% fat" first).
 *
 * The query's noun is read from what its words are in SR, not only from
 * where they stand, because diaries are written food first as often as not
 * ("coffee black", "sugar white", "flax seeds ground"): the index counts for
 * every name word how often it names the food (search_stat), and a last word
 * that seldom does although SR uses it often (a colour, a texture, a
 * preparation) gives the noun to one that often does, and a colour as typed
 * ("banana slightly green") never keeps it.  With no food holding
 * every word, a noun that names no food in any SR name, even after a category
 * path ("mashed", "skinless": search_stat's nouns), gives way to the word
 * naming foods most often ("avocado mashed"), a word many times rarer in SR
 * than the noun names the food ("edamame beans", "collard greens"), its foods
 * are read first, and words that only describe ("cooked", "from a jar",
 * "sliced") bring in no foods.
 *
 * Describing phrases are data (data/search_describe.tsv, search_desc) and
 * are read before synonyms.  A cooking method is first required as written
 * ("fried rice" is SR's dish); when no food the query names says it, its
 * class stands in, nearest first ("onions fried": sauteed, then any cooked
 * form), so a method SR lacks for the food gives a cooked form, never raw
 * and never another food holding the word ("courgette fried" is not french
 * fries); so it does when the foods saying a preparation file the noun
 * under another food while the noun heads foods of its own ("boiled
 * spaghetti": "Squash, winter, spaghetti, cooked, boiled";
 * method_under_other).  A method said with "in" or "on" ("in the pan",
 * "on the grill") is read as the describing phrase, not as a food the
 * food comes with or is served on.  A part, shape, package or use word ("florets", "loaf", "pocket",
 * "puree", "paste", "flakes", "tube", "snack", "liquid", "links") is asked
 * for in SR's wordings but brings in no foods; such a phrase of two words
 * or more that is the whole query, or starts it when a synonym row reads
 * it as a food itself ("dried fruit snack"), is read as that.  "no X", "X
 * free", "unsalted", and amounts ("light", "reduced salt": SR's "low fat",
 * "low sodium") match any of SR's phrases for the concept ("without salt",
 * "no salt added", "unsalted") and never ask for X; a "no X", "without X" or "X free"
 * the data lacks ("black tea no milk") is read the same way from SR's usual
 * wordings, and a name saying X outright ("Pizza, cheese topping") costs,
 * as one saying the "un-" twin of a wanted word does ("salted": "unsalted").
 * "2 percent" and "two percent" read as "2%", a percentage matches SR's
 * range holding it ("75%": "70-85% cacao solids"), and the "cocoa" it
 * measures is SR's "cacao".  Two query words are joined
 * into one ("black berries") only when a name holds the joined word.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cramplab/fooddb.h"
#include "error.h"
#include "fooddb_internal.h"
#include "search_docs.h"
#include "search_index.h"
#include "textfold.h"
#include "util.h"

#define MAX_QUERY_BYTES 500
#define MAX_QUERY_WORDS 12
#define MAX_ALTS 6
#define MAX_NAME_WORDS 96
/* Candidates scored per query.  FTS5 returns them in document order
 * (generic, well-described foods first), so the cap bounds the work over any
 * database size while keeping the likely answers. */
#define MAX_CANDIDATES 400
#define MMAP_BYTES "1073741824"
/* Words a prefix stands for at most ("banan" -> bananas, banana). */
#define MAX_COMPLETIONS 12
/* slip_rank() of a slip of spelling (a doubled letter, two swapped, a
 * sound-alike): the likeliest */
#define SLIP_SPELLING 4
/* ... and of a letter added (a finger on a neighbouring key) */
#define SLIP_ADDED 1
/* The SR wordings of one describing phrase ("without salt|no salt added|..."). */
#define DESC_PHRASES_MAX 200
/* The longest word a negation the describing phrases lack is read for: its
 * five wordings must fit in DESC_PHRASES_MAX. */
#define NEGATED_MAX 24
/* A word asks for baby food when every one of at least this many SR names
 * holding it is a baby food ("strained": 79 of 79, "junior": 57 of 57).
 * Every, not nearly every: "iron" (57 of 58, "with iron"), "reconstituted"
 * (28 of 30) and "nutrition" (28 of 29) are words of adult foods too. */
#define BABY_WORD_MIN_NAMES 5

/*
 * Scoring weights.  A candidate's score is the sum of these; only the order
 * matters.  The name is read as SR writes it: a category path ("Fish",
 * "Chicken, broilers or fryers": leading segments many foods share), then
 * the segment naming the food, whose last word outside parentheses is its
 * noun ("Chickpea flour" is flour; "Bread sticks" are sticks), then details.
 */
static const struct {
	double noun;         /* a query word is the food's noun or a category word */
	double modifier;     /* ... another word of the food's segment ("chickpea" flour) */
	double tail;         /* ... a word of a later segment or an aside in parentheses */
	double prefix;       /* factor for a prefix match ("banan"): below an exact word */
	double first;        /* the query names the first word of the name ("Bananas, raw") */
	double missing;      /* a query word the food lacks (only when no food has all) */
	double missing_noun; /* ... and it is the query's noun ("strawberry jam" is jam) */
	double missing_any;  /* a non-noun word the food lacks when no food has all ("red" onion) */
	double alt_later;    /* a synonym's later alternative ("spaghetti|pasta"): below the first */
	double missing_optional; /* a preparation asked for ("raw") that the name lacks */
	double qnoun;        /* the query's last word is the name's noun or category */
	double extra_head;   /* an unasked word naming the food: another food ("Pepper, banana") */
	double extra_more;   /* ... each further such word ("brewed from grounds") */
	double category;     /* an unasked category ("Frankfurter, chicken" for "chicken") */
	double category_more; /* ... each further category word */
	double extra_tail;   /* an unasked detail word: cheap, SR names are wordy */
	double extra_seg;    /* an unasked detail segment: one more qualification */
	double grade;        /* "extra" unasked before a word asked: another grade of it */
	double product;      /* an unasked product noun in a detail ("Snacks, popcorn, cakes") */
	double inverted;     /* a modifier SR put after the noun ("Cream, sour"): above a detail */
	double product_class; /* an unasked class of products ("Soup, tomato" for "tomato") */
	double with_other;   /* "with X": another ingredient added ("Cheese, cottage, with fruit") */
	double plain;        /* the name says raw/fresh/whole/plain: the default form */
	double processed;    /* dried, canned, powder, light...: not what a bare word means */
	double cooked;       /* a food eaten cooked (rice, meat) whose name says cooked */
	double common;       /* an everyday food (data/common_foods.tsv): the usual variety */
	double usual;        /* the variety a bare name means (data/search_usual.tsv) */
	double usual_bare;   /* ... more when the query says nothing of state or form */
	double recipe;       /* "home prepared", "prepared from recipe": the bought food is usual */
	double with_salt;    /* "with salt" added: the unsalted form is the default */
	double contradicts;  /* the name says a state the query's "raw"/"fresh" rules out */
	double imitation;    /* "meatless", "imitation": another food standing in */
	double baby;         /* baby foods and infant formula */
	double fastfood;     /* SR group 2100 */
	double restaurant;   /* SR group 3600 */
	double branded;      /* an ALL-CAPS brand word */
	double meal;         /* SR group 2200, mixed dishes: fine when asked by dish name */
	double ethnic;       /* SR group 3500: specialised traditional foods */
	double measures;     /* x log(1+household measures): staples have many */
	double nutrients;    /* x share of ~80 analysed nutrients: staples are analysed fully */
	double words;        /* per word of the name, to break ties towards short names */
	double as_sold;      /* the form as sold when a food made up from it is found */
	double leaner;       /* "lean" asked: x (lean% - 70) / 25 of a name's "95% lean" */
	double method_unsaid; /* a cooking method asked that the name says only as
			       * "cooked" or another method, none of its class ("Onions,
			       * cooked, boiled" for "onions fried", "Onions, sauteed") */
	double desc_later;   /* per place down a describing word's SR wordings ("fried"
			      * before "sauteed" before "cooked") */
	/* The query's noun (not scores: shares of SR names, see head_share). */
	double describes;    /* a word naming the food in fewer of its names describes */
	double names_min;    /* ... and another word naming it in at least this share */
	double names_ratio;  /* ... and this many times as often is the noun */
	double describes_df; /* ... of at least this many names (fewer: too little evidence) */
	double specific;     /* with no food holding every word, a word this many times
			      * rarer than the noun names the food ("edamame beans") */
} W = {
	.noun = 10.0,
	.modifier = 7.0,
	.tail = 5.0,
	.prefix = 0.55,
	.first = 1.0,
	.missing = -12.0,
	.missing_noun = -4.0,
	.missing_any = -6.0,
	.alt_later = -0.5,
	.missing_optional = -3.0,
	.qnoun = 2.0,
	.extra_head = -3.0,
	.extra_more = -0.5,
	.category = -1.5,
	.category_more = -0.3,
	.extra_tail = -0.2,
	.extra_seg = -0.6,
	.grade = -1.0,
	.product = -2.5,
	.inverted = 1.0,
	.product_class = -1.5,
	.with_other = -1.0,
	.plain = 1.5,
	.processed = -1.5,
	.cooked = 2.5,
	.common = 1.0,
	.usual = 2.5,
	.usual_bare = 3.0,
	.recipe = -0.8,
	.with_salt = -1.0,
	.contradicts = -4.0,
	.imitation = -5.0,
	.baby = -9.0,
	.fastfood = -7.0,
	.restaurant = -7.0,
	.branded = -6.0,
	.meal = -2.0,
	.ethnic = -3.0,
	.measures = 1.5,
	.nutrients = 1.0,
	.words = -0.05,
	.desc_later = -1.0,
	.method_unsaid = -3.0,
	.leaner = 1.0,
	.as_sold = -5.0,
	.describes = 0.15,
	.names_min = 0.05,
	.names_ratio = 3.0,
	.specific = 10.0,
	.describes_df = 20,
};

/* Word lists are stems, as stored in search_doc. */
/* Preparation words that name the default form of a food. */
static const char *const plain_words[] = {"raw",     "fresh",     "whole",    "plain", "fluid",
					  "brewed",  "original", "granulated", NULL};
/* Words that name a processed or modified form. */
static const char *const processed_words[] = {
	"dried",     "dehydrated", "powder",   "powdered",      "canned",   "frozen",
	"mix",       "concentrate", "instant", "condensed",     "evaporated",
	"flavored",  "flavor",     "sweetened", "freeze",       "reconstituted",
	"dry",       "juice",      "light",         "lite",     "low",
	"reduced",   "nonfat",     "free",     "diet",          "lowfat",   "made",
	"industrial", "chocolate", "fried", NULL};
/* ... of which these keep a food before it is cooked: SR's "Apples, dried,
 * sulfured, stewed" and "Tomatoes, red, ripe, canned, stewed" were dried or
 * canned first (not "frozen", which SR's cooked vegetables often were, nor
 * "fried", itself a way of cooking). */
static const char *const preserved_words[] = {"dried", "dehydrated", "canned", NULL};
/* Words saying a food was cooked or made ready to eat: the usual form of a
 * food that data/search_forms.tsv says is eaten cooked ("dry heat" is how SR
 * says baked or grilled fish; "prepared", "ready-to-serve" soup). */
static const char *const cooked_words[] = {
	"cooked", "boiled",  "baked",    "roasted",  "broiled",  "grilled", "steamed",
	"stewed", "braised", "simmered", "microwaved", "heat",   "prepared", "serve", NULL};
/* ... of which these are the plain way ("roasted" chicken, "dry heat" fish),
 * free of the cost of a detail; stewed, braised or moist-heat cooking is
 * a particular dish and stays a detail. */
static const char *const cooked_plain_words[] = {
	"cooked", "boiled", "baked", "roasted", "broiled", "grilled", "steamed",
	"microwaved", "heat", "prepared", "serve", NULL};
/* States a name may say that a query asking for the raw food rules out
 * ("quinoa raw" is not "Quinoa, cooked"; "green plantain raw" not fried;
 * "tart red cherries raw" not canned): raw is the food before any of them. */
static const char *const not_raw_words[] = {
	"cooked", "boiled", "baked", "roasted", "broiled", "grilled", "steamed", "stewed",
	"braised", "simmered", "microwaved", "fried", "sauteed", "toasted", "canned", "heat",
	NULL};
/* ... and one asking for the fresh food: "fresh ginger" is the root, not the
 * ground spice; "fresh peas" are not canned or frozen ones. */
static const char *const not_fresh_words[] = {
	"dried", "dehydrated", "ground", "canned", "powder", "powdered", "frozen", NULL};
/* Words that say the food is something else standing in for it. */
static const char *const imitation_words[] = {"imitation", "meatless", "substitute", "analog",
					      NULL};
/* Preparation words: unasked, they are details wherever they stand. */
static const char *const prep_words[] = {
	"cooked", "boiled", "baked", "roasted", "broiled", "grilled", "steamed",
	"stewed", "braised", "microwaved", "heated", "toasted", "drained", "simmered",
	"uncooked", "unheated", "smoked", "salted", "unsalted", "peeled", "chopped", "sliced",
	"ripe", "mature", NULL};
/* Name words that do not change what the food is.  "other than X" names the
 * rest of a kind (SR drops X from the index): "Tea, herb, other than
 * chamomile" is the herbal tea a query not naming chamomile means. */
static const char *const neutral_words[] = {
	"with", "without", "and", "or", "from", "in", "of", "to", "for", "include", "a", "d",
	"added", "vitamin", "enriched", "unenriched", "regular", "commercial", "commercially",
	"all", "type", "variety", "mixed", "specy", "composite", "ns", "nfs", "as", "purchased",
	"unprepared", "milkfat", "prepared", "tap", "year", "round", "average", "generic", "not",
	"specified", "kernel", "style", "area", "seed", "solid", "liquid", "edible", "meat", "only",
	"lean", "separable", "trimmed", "home", "other", "than", NULL};
/* Nouns of products made from a food: unasked in a detail segment they name
 * another food ("Snacks, popcorn, cakes", "Nuts, almond butter"). */
static const char *const product_words[] = {
	"cake",    "chip",   "bar",     "cracker", "cooky",   "sauce",   "soup",    "spread",
	"paste",   "flour",   "bread",   "pie",     "drink",   "syrup",
	"jam",     "jelly",  "salad",   "dressing", "pudding", "muffin", "candy",   "puff",
	"nugget",  "patty",  "pancake", "waffle",  "cereal",  "topping", "filling", "gravy",
	"dip",     "noodle", "stick",   "roll",    "bun",     "biscuit", "pastry",  "tart",
	"loaf",    "casserole", "sandwich", "pizza", "burrito", "taco",  "dessert", "shake",
	"smoothie", "beverage", "wine",  "beer",   "liqueur", "sherbet", "sorbet",  "bagel",
	"croissant", "dumpling", "fritter", "stuffing", "batter", "crust", "frosting", "icing",
	"marinade", "relish", "pickle", "chutney", "soda", NULL};
/* Words after "with" that do not add another food: fortification
 * ("with iron", "with ARA and DHA", "with added calcium") or a part ("with
 * skin"); the parts also end an "on" ("ham on the bone": served_on()). */
static const char *const with_ok_words[] = {
	"added", "iron", "calcium", "ara", "dha", "omega", "fiber", "zinc", "folic", "ascorbic",
	"vitamin", "vitamins", "protein", "skin", "bone", "peel", "shell", "rind", "lutein",
	"water", NULL}; /* "cooked with water": made up, nothing added */
/* Words that carry no meaning in a search. */
static const char *const stop_words[] = {"a", "an", "and", "the", "of", "with", "in", "w", "for",
					 "or", "to", "some", "from", NULL};
/* Query words naming a cut or portion of a food ("salmon fillet", "a rasher
 * of bacon"): like a preparation, SR rarely says them, so they rank foods
 * that do first but do not require them ("Vegetarian fillets" is not fish). */
static const char *const portion_words[] = {"fillet", "filet", "rasher", "portion", "piece",
					    "chunk", "slice", "serving", "half", "halve",
					    "quarter", "wedge", "stick", "floret", "leaf", "leave",
					    "spear", "tail", "kernel", "steak", "clove", "stalk",
					    "heart", "salad",
					    /* a sausage's shape: SR says "links" of few
					     * sausages ("Pork sausage rice links") and
					     * not of "Pork sausage, fresh, cooked" */
					    "link",
					    /* a shape cut ("brownie square"), though SR
					     * sells chocolate in "squares" */
					    "square",
					    /* how it was kept: "sauerkraut from a jar",
					     * "box of peppers" (required, the box no
					     * name holds stopped the usual variety) */
					    "jar", "tin", "bottle", "carton", "packet", "pouch",
					    "box", "tub",
					    /* or served: "cup of tea" */
					    "cup", "mug", "glass", "bowl", "handful", "scoop",
					    NULL}; /* "rocket salad" is rocket;
						    * "artichoke hearts" are artichoke */
/* Words for a texture or how a food was grown ("almond butter smooth",
 * "organic bananas"): like "raw", they rank foods that say them first but
 * neither exclude those that do not nor name the food, since SR names most
 * foods without them. */
static const char *const texture_words[] = {"smooth", "creamy", "crunchy", "chunky", "organic",
					    "crispy", NULL};
/* Query words for how a food was readied to eat that SR names do not say
 * ("edamame shelled", "cherries pitted"): like a texture, asked for but not
 * required, and never a typo for a food word ("shelled" is not "shells"). */
static const char *const state_words[] = {"shelled", "hulled", "pitted", "deseeded", "diced",
					  "cubed", "halved", "grated",
					  /* SR: "home-prepared", "prepared from recipe" */
					  "homemade", NULL};
/* Query words for a knife cut.  A cook cuts the fresh food at home; SR says
 * a cut mostly of a form sold processed ("Peppers, sweet, green, frozen,
 * chopped"), so a cut matched in a name that is processed in a way the query
 * did not ask for is no evidence for it ("green pepper chopped" is the raw
 * pepper, "onions white chopped" not frozen ones).  Not "shredded" or
 * "grated": those are forms sold so ("shredded coconut" is the dried one). */
static const char *const cut_words[] = {"chopped", "sliced", "diced", "cubed", "minced",
					"halved", NULL};
/* Query words for the package a food was bought in ("orange juice from a
 * carton", "bottled iced tea"): a food sold packed, so a name saying it was
 * made from a recipe at home is another form of it.  "Raw" is another form
 * only for a drink (below): eggs, celery or potatoes are sold raw in a box,
 * a juice SR calls raw is pressed fresh and never comes in a carton. */
static const char *const package_words[] = {"carton", "bottle", "bottled", "jar", "tin",
					    "tinned", "packet", "pouch", "box", "boxed", "tub",
					    NULL};
/* Query words after "from" naming a form sold to be made up with water or
 * milk ("lemonade made from frozen concentrate", "hot chocolate from a mix",
 * "mashed potatoes from flakes", "mac n cheese from the box": what SR sells
 * boxed is a dry mix): the food eaten is the one made up, which SR names
 * "prepared", "diluted" or "reconstituted" beside the form as sold. */
static const char *const made_up_sources[] = {"concentrate", "mix", "powder", "powdered",
					      "flakes", "granules", "box", "boxed", NULL};
/* Words that, one or two words before "from", deny it ("not made from
 * concentrate"). */
static const char *const negation_words[] = {"not", "no", "never", NULL};
/* ... and the stems of SR's words for the made-up food. */
static const char *const made_up_words[] = {"prepared", "diluted", "reconstituted", NULL};
/* Words before "prepared" saying the food was bought ready made
 * ("commercially prepared", "in-store prepared", folded "in store"). */
static const char *const bought_ready_words[] = {"commercially", "store", NULL};
/* Nouns (stemmed) of a drink.  SR's "raw" drinks are juices pressed fresh
 * ("Orange juice, raw", "Lemon juice, raw") and coconut milk pressed from the
 * meat: forms a package cannot hold, so a packaged query rules them out when
 * its noun, or the name, is one of these. */
static const char *const drink_words[] = {"juice", "drink", "beverage", "nectar", "milk",
					  "smoothie", "lemonade", "punch", NULL};
/* Class words SR heads names with ("Fruit, mixed", "Fish, salmon"): after
 * a food word they say what kind of food it is ("lemon fruit"). */
static const char *const class_words[] = {"fruit", "fish", NULL};
/* Colours as typed: beside a food they say which variety or how ripe
 * ("banana slightly green", "cabbage green shredded"), never the food,
 * though "green" names foods in a quarter of SR's names holding it, as
 * "Beet greens" and "Turnip greens" fold to it.  Compared as typed, so
 * "greens" ("collard greens") is a food. */
static const char *const colour_words[] = {"green", "red", "yellow", "white", "black", "brown",
					   "purple", "pink", "golden", NULL};
/* Query words that ask for baby foods. */
static const char *const baby_words[] = {"baby", "babyfood", "infant", "formula", "toddler", NULL};

/* ... but "baby" before a food names a young vegetable ("baby spinach",
 * "baby carrots"), unless that word is one of these ("baby food"). */
static const char *const baby_food_words[] = {"food", "foods", "formula", "cereal", "cereals",
					      NULL};

/* The first letters are compared first, and then the rest in one pass, with
 * no strlen of the entry: scoring runs this for every word of every
 * candidate's name, nearly always a miss.  w holds no NUL in its len bytes,
 * so the walk stops at the entry's end. */
static int in_list_n(const char *const *list, const char *w, size_t len)
{
	for (int i = 0; list[i]; i++) {
		const char *e = list[i];
		if (e[0] != w[0] || len == 0)
			continue;
		size_t k = 1;
		while (k < len && e[k] == w[k])
			k++;
		if (k == len && e[len] == '\0')
			return 1;
	}
	return 0;
}

char cl_search_word_kind(const char *stem, const char *prev, const char *next)
{
	size_t len = strlen(stem);
	if (in_list_n(imitation_words, stem, len))
		return CL_SK_IMITATION;
	if (in_list_n(neutral_words, stem, len))
		return CL_SK_NEUTRAL;
	/* a packaged dish's kind, not another food, when more of its
	 * segment follows: "Macaroni and cheese dinner with dry sauce mix,
	 * boxed" is macaroni and cheese; "Rolls, dinner, egg" a dinner roll */
	if (strcmp(stem, "dinner") == 0 && *next)
		return CL_SK_NEUTRAL;
	/* "cooked, dry heat" is how SR says baked or grilled, not a dried food */
	if (strcmp(stem, "dry") == 0 && strcmp(next, "heat") == 0)
		return CL_SK_PREP;
	if (in_list_n(processed_words, stem, len))
		return CL_SK_PROCESSED;
	if (strcmp(stem, "salt") == 0 && strcmp(prev, "with") == 0)
		return CL_SK_WITH_SALT;
	/* "whole wheat", "whole grain" name a flour, not the whole form of a food */
	if (strcmp(stem, "whole") == 0 && (strcmp(next, "wheat") == 0 || strcmp(next, "grain") == 0))
		return 0;
	if (in_list_n(plain_words, stem, len))
		return CL_SK_PLAIN;
	if (in_list_n(prep_words, stem, len))
		return CL_SK_PREP;
	if (in_list_n(product_words, stem, len))
		return CL_SK_PRODUCT;
	return 0;
}

/* One bit per word of a list, at a hash of its first letter, last letter
 * and length (512 bits): a word whose bit is clear is not in the list, which
 * is nearly always so for a name word.  (First letters and lengths alone
 * let two name words in five through to the scan of cooked_words: c, b, p,
 * s, r begin most meat names.) */
typedef struct {
	uint64_t bits[8];
} list_sketch;

static unsigned sketch_slot(const char *w, size_t len)
{
	unsigned h = (unsigned char)w[0] * 31u + (unsigned char)w[len - 1] * 7u +
		     (unsigned)len * 131u;
	return (h ^ (h >> 9)) & 511u;
}

static list_sketch sketch_of(const char *const *list)
{
	list_sketch k;
	memset(&k, 0, sizeof(k));
	for (int i = 0; list[i]; i++) {
		unsigned slot = sketch_slot(list[i], strlen(list[i]));
		k.bits[slot >> 6] |= 1ull << (slot & 63);
	}
	return k;
}

/* in_list_n with the list's sketch_of() known. */
static inline int in_list_sketched(const char *const *list, const list_sketch *k, const char *w,
				   size_t len)
{
	if (len == 0)
		return 0;
	unsigned slot = sketch_slot(w, len);
	return (k->bits[slot >> 6] >> (slot & 63) & 1) && in_list_n(list, w, len);
}

static int in_list(const char *const *list, const char *w)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], w) == 0)
			return 1;
	return 0;
}

double cl_search_prior(int flags, int nmeasures, int nnutrients, int nwords)
{
	double p = W.measures * log1p(nmeasures) +
		   W.nutrients * (nnutrients > 80 ? 1.0 : nnutrients / 80.0) + W.words * nwords;
	if (flags & CL_SF_BABY)
		p += W.baby;
	if (flags & CL_SF_FASTFOOD)
		p += W.fastfood;
	if (flags & CL_SF_RESTAURANT)
		p += W.restaurant;
	if (flags & CL_SF_BRANDED)
		p += W.branded;
	if (flags & CL_SF_MEAL)
		p += W.meal;
	if (flags & CL_SF_ETHNIC)
		p += W.ethnic;
	if (flags & CL_SF_COMMON)
		p += W.common;
	if (flags & CL_SF_USUAL)
		p += W.usual;
	return p;
}

/* ---- the query ------------------------------------------------------------ */

typedef struct {
	char text[CL_SEARCH_WORD_MAX + 1]; /* folded */
	char stem[CL_SEARCH_WORD_MAX + 1];
	size_t stemlen;
	int prefix; /* only a prefix of indexed words */
	int live;   /* found in the index (as is, as a prefix or corrected) */
	int guessed; /* corrected from a word the index lacks */
	char *completions; /* for a prefix: "w1" OR "w2" ..., the commonest words it starts */
	int pct; /* a percentage ("75%"): its number, else -1 */
} alt;

typedef struct {
	alt alts[MAX_ALTS];
	int nalt;
	int live;
	int optional; /* only describes a preparation ("raw", "cooked"): not required */
	int synonym;  /* from a synonym's replacement, in SR's word order */
	int retyped;  /* ... and typed again after it ("albacore tuna"), read there */
	int word;     /* the query word it comes from (after joining) */
	int young;    /* "baby" before a food ("baby spinach"): a describing word */
	int guessed;  /* a typo corrected: too unsure to name the food by itself */
	long df;      /* names holding the word (search_stat), -1 unknown (a prefix) */
	long heads;   /* ... of which it names the food (first segment, a class's food) */
	long nouns;   /* ... in which it is the noun of the segment naming the food */
	long babies;  /* ... that are baby foods */
	/* A describing phrase of data/search_describe.tsv: 'm' a cooking method,
	 * 'p' a part or shape, 'n' "no X" (0: none).  It ranks the forms of the
	 * food that say it first and brings in no foods of its own. */
	char desc;
	/* 'n': SR's wordings, stemmed, words by spaces, alternatives by '|' */
	char phr[DESC_PHRASES_MAX];
	/* its first word names the default form ("fresh"): read once per
	 * query, not once per candidate lacking it */
	int plain;
	/* 'n' read from "no X" itself (no search_desc row): X, stemmed, which
	 * a name saying it outright contradicts ("Pizza, cheese topping") */
	char unwanted[CL_SEARCH_WORD_MAX + 1];
} group;

typedef struct {
	group g[MAX_QUERY_WORDS * 2];
	int n;
	int noun; /* the last required group: in English the noun ("chocolate milk") */
	int nwords; /* the words left once stop words are out ... */
	int nread;  /* ... and how many of them became groups (a phrase's words
		     * become its replacement's groups, "hot dog" -> frankfurter) */
	int wants_baby, wants_fast, wants_restaurant;
	int fast_dish; /* the noun is a dish SR names only as fast food ("taco") */
	int wants_without; /* the query says "without" ("unsalted" = "without salt") */
	int wants_raw, wants_fresh; /* the query says "raw" / "fresh" (a state, see contradicts) */
	int wants_cooked; /* ... a state raw food is not ("grilled", "canned", "toasted") */
	int wants_home; /* ... "homemade": "commercial" rules a name out */
	int wants_bought; /* ... a package ("carton"): a home recipe, or a raw drink, rules out */
	int wants_made_up; /* ... made up "from" a concentrate or mix: the form as sold is not it */
	int has_and; /* the query joins words by "and" ("peas and carrots") */
	int any; /* no food has every word: candidates hold any of them */
	int narrow; /* a cooking method as written only, not its class (first pass) */
	int dish;   /* ... and a method SR writes as a process ("fried"), not a
		     * preparation ("steamed"): it may name a dish ("fried rice") */
	int with_at; /* words before "with", "in", "from" or "for" ("tea with milk": 1), or -1 */
	int with_for; /* ... and that word was "for" */
	int says_only; /* a query word is "only" */
	/* sketch_of(cooked_words), for score_doc's test of every word of a
	 * food eaten cooked: the scan of the list was 8% of a heavy search's
	 * instructions */
	list_sketch cooked_words;
	list_sketch cooked_plain_words; /* and of cooked_plain_words, for every unused word */
} query;

/* fts_has answers already found in this search: a word is asked about when
 * it is checked for a typo and again when it is resolved, and each FTS5
 * query costs some 25 thousand instructions. */
#define FTS_MEMO 16

typedef struct {
	sqlite3 *db;
	cl_fooddb *fdb; /* keeps the statements, prepared once per handle */
	sqlite3_stmt *syn, *exists, *del, *freq, *starts, *stat, *desc;
	sqlite3_stmt *dish; /* search_dish: dishes SR names only as fast food */
	const cl_search_docs *docs; /* the handle's documents in memory, or NULL */
	char memo_word[FTS_MEMO][CL_SEARCH_WORD_MAX + 1];
	int memo_has[FTS_MEMO], nmemo;
} ctx;

static int db_error(sqlite3 *db)
{
	if (strstr(sqlite3_errmsg(db), "no such table") || strstr(sqlite3_errmsg(db), "no such column"))
		return cl_error_set(CL_EDB, "the food database has an older search index (%s);"
					    " run 'cramplab import sr24' again",
				    sqlite3_errmsg(db));
	return cl_error_set(CL_EDB, "search: %s", sqlite3_errmsg(db));
}

static void set_alt(alt *a, const char *w, size_t len)
{
	if (len > CL_SEARCH_WORD_MAX)
		len = CL_SEARCH_WORD_MAX;
	memcpy(a->text, w, len);
	a->text[len] = '\0';
	a->stemlen = cl_search_stem(a->stem, a->text, len);
	a->prefix = 0;
	a->live = 0;
	a->guessed = 0;
	free(a->completions);
	a->completions = NULL;
	a->pct = -1;
	if (len >= 2 && len <= 4 && a->text[len - 1] == '%') {
		a->pct = 0;
		for (size_t i = 0; i + 1 < len && a->pct >= 0; i++)
			a->pct = isdigit((unsigned char)a->text[i]) ? a->pct * 10 + a->text[i] - '0' : -1;
	}
}

/* A folded word as one FTS5 token: '%' (kept by folding for "2%") would
 * split "25%" into a phrase, which detail=none cannot search. */
static const char *fts_term(char out[CL_SEARCH_WORD_MAX + 1], const char *w)
{
	size_t n = 0;
	for (; *w && n < CL_SEARCH_WORD_MAX; w++)
		if (*w != '%')
			out[n++] = *w;
	out[n] = '\0';
	return out;
}

/* The commonest indexed words that w starts, as an FTS5 OR-expression (NULL
 * in *out if none).  Expanding the prefix through the vocabulary, rather than
 * FTS5's "w"*, keeps it exact: FTS5 would Porter-stem the prefix itself
 * ("baby"* becomes "babi"*, which misses "babyfood"), and bounds the work. */
static int completions(ctx *c, char **out, const char *w)
{
	size_t cap = MAX_COMPLETIONS * (CL_SEARCH_WORD_MAX + 8) + 1, len = 0;
	int step, n = 0;
	*out = NULL;
	char *s = malloc(cap);
	if (!s)
		return cl_error_oom();
	sqlite3_bind_text(c->starts, 1, w, -1, SQLITE_STATIC);
	sqlite3_bind_int(c->starts, 2, MAX_COMPLETIONS);
	char term[CL_SEARCH_WORD_MAX + 1];
	while ((step = sqlite3_step(c->starts)) == SQLITE_ROW)
		if (*fts_term(term, (const char *)sqlite3_column_text(c->starts, 0)))
			len += (size_t)snprintf(s + len, cap - len, "%s\"%s\"", n++ ? " OR " : "",
						term);
	sqlite3_reset(c->starts);
	if (step != SQLITE_DONE) {
		free(s);
		return db_error(c->db);
	}
	if (n == 0)
		free(s);
	else
		*out = s;
	return CL_OK;
}

/* Does the FTS index hold this word (Porter-stemmed, so plurals count)? */
static int fts_has(ctx *c, int *out, const char *w)
{
	char expr[CL_SEARCH_WORD_MAX + 8], term[CL_SEARCH_WORD_MAX + 1];
	if (!*fts_term(term, w)) {
		*out = 0;
		return CL_OK;
	}
	for (int i = 0; i < c->nmemo; i++)
		if (strcmp(c->memo_word[i], term) == 0) {
			*out = c->memo_has[i];
			return CL_OK;
		}
	snprintf(expr, sizeof(expr), "\"%s\"", term);
	int known = c->docs ? cl_search_docs_has(c->docs, expr) : -1;
	if (known >= 0) {
		*out = known;
		return CL_OK;
	}
	sqlite3_bind_text(c->exists, 1, expr, -1, SQLITE_TRANSIENT);
	int step = sqlite3_step(c->exists), rc;
	sqlite3_reset(c->exists);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(c->db);
	*out = step == SQLITE_ROW;
	if (c->docs && (rc = cl_search_docs_know(c->docs, expr, *out)))
		return rc;
	if (c->nmemo < FTS_MEMO) {
		memcpy(c->memo_word[c->nmemo], term, strlen(term) + 1);
		c->memo_has[c->nmemo++] = *out;
	}
	return CL_OK;
}

/* The word being corrected and what bounds its corrections. */
typedef struct {
	const char *w;
	size_t len;
	/* its other forms: stemmed ("anchoovies" -> anchoovy) and without a
	 * last s ("whties" -> whtie), for SR's singulars and plurals */
	char form[2][CL_SEARCH_WORD_MAX + 1];
	size_t formlen[2];
	int nform;
	int budget;
	int keep; /* three or four letters: a letter left out, two swapped (or, of four, a vowel changed) */
	/* the query's other words that names hold ("cheps" beside "potato"):
	 * a correction some name holds with one of them is the likelier */
	const char *const *near;
	int nnear;
	int near_first; /* ... and that counts before the kind of slip */
	/* a word the index has, being read as a real word's slip: its stem,
	 * whose forms are no correction of it (real_word_slip) */
	const char *other_than;
} typed;

typedef struct {
	char word[CL_SEARCH_WORD_MAX + 1];
	int dist;
	long freq;
	int lead; /* keeps the first letter of the word typed */
	int slip; /* slip_rank(), or SLIP_SPELLING for a sound-alike */
	int near; /* how many of the query's other words some name holds it with */
} fix;

/* Does b hold a's letters, only one added or two neighbours swapped ("juce"
 * -> juice, "mlik" -> milk)?  For four-letter words, where a letter changed
 * makes another word too often ("cafe" -> cake) to be read as a typo. */
static int keeps_letters(const char *a, size_t la, const char *b, size_t lb)
{
	if (lb == la + 1) {
		size_t i = 0;
		while (i < la && a[i] == b[i])
			i++;
		return memcmp(a + i, b + i + 1, la - i) == 0;
	}
	if (lb != la)
		return 0;
	size_t i = 0;
	while (i < la && a[i] == b[i])
		i++;
	return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	       memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
}

/* Is a b with one of its letters doubled? */
static int doubled(const char *a, size_t la, const char *b, size_t lb)
{
	if (la != lb + 1)
		return 0;
	size_t i = 0;
	while (i < lb && a[i] == b[i])
		i++;
	if (memcmp(a + i + 1, b + i, lb - i) != 0)
		return 0;
	return (i > 0 && a[i] == a[i - 1]) || (i + 1 < la && a[i] == a[i + 1]);
}

/* Is a b with a letter of its double typed a third time ("eggg")?  No word
 * has a letter three times running, so this slip is never another word. */
static int tripled(const char *a, size_t la, const char *b, size_t lb)
{
	if (!doubled(a, la, b, lb))
		return 0;
	for (size_t i = 2; i < la; i++)
		if (a[i] == a[i - 1] && a[i] == a[i - 2])
			return 1;
	return 0;
}

/* Is b a with its doubled letter moved to another letter ("mollases" ->
 * molasses, "cherrios" -> cheerios, "riccota" -> ricotta)?  The writer knew
 * a letter was doubled and doubled the wrong one: one slip, though it is two
 * edits apart or one letter changed. */
static int moved_double(const char *a, size_t la, const char *b, size_t lb)
{
	if (la != lb || la < 4)
		return 0;
	size_t i = 0;
	while (i < la && a[i] == b[i])
		i++;
	if (i == la)
		return 0;
	/* from the first difference on, one of them has its doubled letter
	 * there and the other its doubled letter later, everything between
	 * shifted by one: a = ...xxM..Y..., b = ...xM..YY... (or the reverse) */
	for (int turn = 0; turn < 2; turn++) {
		const char *p = turn ? b : a, *q = turn ? a : b;
		if (i == 0 || p[i] != p[i - 1] || q[i - 1] != p[i - 1])
			continue;
		/* p undoubled at i, q undoubled at some later j: equal */
		for (size_t j = i; j + 1 < la; j++) {
			if (q[j] != q[j + 1])
				continue;
			if (memcmp(p + i + 1, q + i, j + 1 - i) == 0 &&
			    memcmp(p + j + 2, q + j + 2, la - j - 2) == 0)
				return 1;
		}
	}
	return 0;
}

/* Are a and b the same letters once every run of a letter is written once
 * ("cinammonn" and cinnamon, "fettaa" and feta, "mayonaisse" and
 * mayonnaise)?  Which letters are doubled is one doubt of spelling, however
 * many letters it touches; five letters or more, and not the same word. */
static int same_undoubled(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0, j = 0;
	if (la < 5 || lb < 4 || (la == lb && memcmp(a, b, la) == 0))
		return 0;
	while (i < la && j < lb) {
		if (a[i] != b[j])
			return 0;
		char x = a[i];
		while (i < la && a[i] == x)
			i++;
		while (j < lb && b[j] == x)
			j++;
	}
	return i == la && j == lb;
}

/* Is b a with a letter doubled or undoubled ("pasata" -> passata, not
 * pasta), its doubled letters moved, added or dropped, or two neighbours
 * swapped?  The slips of spelling people make most, so more likely than
 * another one-letter change. */
static int spelling_slip(const char *a, size_t la, const char *b, size_t lb)
{
	if (la == lb && keeps_letters(a, la, b, lb))
		return 1;
	if (la == lb)
		return moved_double(a, la, b, lb) || same_undoubled(a, la, b, lb);
	return doubled(a, la, b, lb) || doubled(b, lb, a, la) || same_undoubled(a, la, b, lb);
}

/* Is b a with one vowel, not the first letter, written as another vowel
 * ("melk" milk, "livar" liver, "beits" beets)?  Vowels are spelt by ear, so
 * one for another is a slip of spelling where a changed consonant is not. */
static int vowel_changed(const char *a, size_t la, const char *b, size_t lb)
{
	if (la != lb || la < 2)
		return 0;
	size_t i = 1;
	while (i < la && a[i] == b[i])
		i++;
	if (i == la || !strchr("aeiou", a[i]) || !strchr("aeiou", b[i]))
		return 0;
	return memcmp(a + i + 1, b + i + 1, la - i - 1) == 0 && a[0] == b[0];
}

/* How likely a one-edit correction b of the typed a is: SLIP_SPELLING for
 * a slip of spelling, 3 for a letter left out ("pached" is poached before
 * packed: the commonest slip of typing; "mang" mango before mung), 2 for a
 * vowel for a vowel ("beits" is beets before bits), 1 for a letter added
 * ("lerek" is leek: a finger on a neighbouring key; below a vowel, since
 * "beuns" is beans, not buns), 0 for another change. */
static int slip_rank(const char *a, size_t la, const char *b, size_t lb)
{
	if (spelling_slip(a, la, b, lb))
		return SLIP_SPELLING;
	if (lb == la + 1 && keeps_letters(a, la, b, lb))
		return 3;
	if (vowel_changed(a, la, b, lb))
		return 2;
	return la == lb + 1 && keeps_letters(b, lb, a, la) ? SLIP_ADDED : 0;
}

/* Keeps cand in best if it is the better correction.  The first letter is
 * rarely the mistyped one ("cantelope" is cantaloupe, not antelope): a word
 * keeping it wins; then closer wins; then a slip of spelling (a doubled
 * letter, two swapped, a sound-alike) over a letter left out, over a vowel
 * for a vowel, over a letter added, over another change; then a word some
 * name holds with more of the query's other words ("potato cheps" is
 * chips, not chops); then the more frequent word; then alphabetical, for a
 * stable result. */
static void offer(fix *best, const typed *t, const char *cand, int d, int slip, long f, int near)
{
	int lead = cand[0] == t->w[0];
	if (lead < best->lead)
		return;
	int better = lead > best->lead || d < best->dist;
	if (!better && d == best->dist && t->near_first && near != best->near) {
		better = near > best->near;
	} else if (!better && d == best->dist) {
		if (slip != best->slip)
			better = slip > best->slip;
		else if (near != best->near)
			better = near > best->near;
		else
			better = f > best->freq || (f == best->freq && strcmp(cand, best->word) < 0);
	}
	if (better) {
		best->lead = lead;
		snprintf(best->word, sizeof(best->word), "%s", cand);
		best->dist = d;
		best->slip = slip;
		best->freq = f;
		best->near = near;
	}
}

static int fts_both(ctx *c, int *out, const char *a, const char *b);

/* How many of the query's other words (t->near) some name holds with cand. */
static int near_words(ctx *c, int *out, const typed *t, const char *cand)
{
	*out = 0;
	for (int k = 0; k < t->nnear; k++) {
		int both = 0, rc = fts_both(c, &both, cand, t->near[k]);
		if (rc)
			return rc;
		*out += both;
	}
	return CL_OK;
}

/* Are a and b the same consonants in the same order ("lentles", lentils;
 * not "little")?  Two edits that only move or change vowels are spelling
 * by ear, likelier than two to the consonants. */
static int same_consonants(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < la && strchr("aeiouy", a[i]))
			i++;
		while (j < lb && strchr("aeiouy", b[j]))
			j++;
		if (i == la || j == lb)
			return i == la && j == lb;
		if (a[i++] != b[j++])
			return 0;
	}
}

/* Is b a with a letter left out and one more slip of spelling, a letter
 * left out or a vowel for a vowel ("cihken" chicken, "letice" lettuce,
 * "porrig" porridge; not "seared" steamed, a consonant changed)?  With a
 * vowel for a vowel, the letter left out is a vowel or one of a doubled
 * pair, so that the consonants are heard as before (spelling by ear,
 * "risens" raisins, "letice" lettuce): a lone consonant left out as well
 * makes a real word another ("seared" is no sugared, "paella" no pasilla). */
static int left_out_and_slip(const char *a, size_t la, const char *b, size_t lb)
{
	char shorter[CL_SEARCH_WORD_MAX + 1];
	if (lb < 2 || lb > CL_SEARCH_WORD_MAX)
		return 0;
	for (size_t i = 0; i < lb; i++) {
		memcpy(shorter, b, i);
		memcpy(shorter + i, b + i + 1, lb - i);
		if (cl_search_distance(a, la, shorter, lb - 1, 1) != 1)
			continue;
		int rank = slip_rank(a, la, shorter, lb - 1);
		int heard = strchr("aeiouy", b[i]) || (i > 0 && b[i - 1] == b[i]) ||
			    (i + 1 < lb && b[i + 1] == b[i]);
		if (rank > 2 || (rank == 2 && heard))
			return 1;
	}
	return 0;
}

static int consider(ctx *c, fix *best, const typed *t, const char *del)
{
	sqlite3_bind_text(c->del, 1, del, -1, SQLITE_TRANSIENT);
	int step;
	while ((step = sqlite3_step(c->del)) == SQLITE_ROW) {
		const char *cand = (const char *)sqlite3_column_text(c->del, 0);
		size_t clen = strlen(cand);
		int d = cl_search_distance(t->w, t->len, cand, clen, t->budget);
		/* a typo of the singular of a word SR writes in the plural (or
		 * the reverse: "colard" is SR's "Collards") is as near as the
		 * typo itself */
		if (d > 1) {
			char cs[CL_SEARCH_WORD_MAX + 1];
			size_t cl = cl_search_stem(cs, cand, clen);
			for (int k = -1; k < t->nform; k++) {
				const char *x = k < 0 ? t->w : t->form[k];
				size_t xl = k < 0 ? t->len : t->formlen[k];
				int ds = cl_search_distance(x, xl, cs, cl, t->budget);
				/* only a slip, though: "stems" is no stew */
				if (ds == 1 && !slip_rank(x, xl, cs, cl))
					continue;
				if (ds < d)
					d = ds > 0 ? ds : 1;
			}
		}
		/* a doubled letter put on the wrong letter is one slip, and so
		 * are doubled letters wrong however many ("cinammonn") */
		if (d > 1 && (moved_double(t->w, t->len, cand, clen) ||
			      same_undoubled(t->w, t->len, cand, clen)))
			d = 1;
		if (d > t->budget || (d > best->dist && (cand[0] != t->w[0] || best->lead)))
			continue;
		if (t->other_than) {
			char cs[CL_SEARCH_WORD_MAX + 1];
			cl_search_stem(cs, cand, clen);
			if (cand[0] != t->w[0] || strcmp(cs, t->other_than) == 0)
				continue;
		}
		/* six letters: two edits only to a longer word keeping the first
		 * letter, a letter left out and another slip ("cihken") */
		if (d == 2 && t->len == 6 &&
		    (clen < 7 || cand[0] != t->w[0] || !left_out_and_slip(t->w, t->len, cand, clen)))
			continue;
		/* four letters: a letter left out, two swapped, a vowel for a
		 * vowel ("melk", "ricu") or a letter typed three times ("eggg"),
		 * never a consonant changed ("cafe") or doubled ("coos" is no cos) */
		if (t->keep && !keeps_letters(t->w, t->len, cand, clen) &&
		    !(t->len == 4 && vowel_changed(t->w, t->len, cand, clen)) &&
		    !(t->len == 4 && tripled(t->w, t->len, cand, clen)))
			continue;
		/* three letters are too few to tell a swap from another word */
		if (t->keep && t->len == 3 && (clen != 4 || cand[0] != t->w[0]))
			continue;
		sqlite3_bind_text(c->freq, 1, cand, -1, SQLITE_STATIC);
		long f = sqlite3_step(c->freq) == SQLITE_ROW ? sqlite3_column_int64(c->freq, 0) : 0;
		sqlite3_reset(c->freq);
		int near = 0, rc;
		if (t->nnear && (rc = near_words(c, &near, t, cand))) {
			sqlite3_reset(c->del);
			return rc;
		}
		int slip = d == 1 ? slip_rank(t->w, t->len, cand, clen)
				  : same_consonants(t->w, t->len, cand, clen);
		/* a letter added is a slip to the stem's test above ("lerek" is
		 * leeks' leek), but among corrections no likelier than a letter
		 * changed: the commoner word or the one beside the query's
		 * other words wins ("paspa" is pasta, not PAPA JOHN'S; "chewse"
		 * cheese, not fruit chews) */
		if (d == 1 && slip == SLIP_ADDED)
			slip = 0;
		offer(best, t, cand, d, slip, f, near);
	}
	sqlite3_reset(c->del);
	return step == SQLITE_DONE ? CL_OK : db_error(c->db);
}

static int deletes_of(ctx *c, fix *best, const typed *t, const char *cur, size_t from, int left)
{
	size_t n = strlen(cur);
	char buf[CL_SEARCH_WORD_MAX + 1];
	int rc = CL_OK;
	if (left == 0 || n <= 1)
		return CL_OK;
	for (size_t i = from; i < n && rc == CL_OK; i++) {
		if (i > from && cur[i] == cur[i - 1])
			continue;
		memcpy(buf, cur, i);
		memcpy(buf + i, cur + i + 1, n - i);
		if ((rc = consider(c, best, t, buf)) == CL_OK)
			rc = deletes_of(c, best, t, buf, i, left - 1);
	}
	return rc;
}

/* Spellings that sound the same, each way: one slip of the ear however many
 * letters it changes ("lemonaid" is lemonade, "chickpee" chickpea).  A one-letter swap (c/k, s/z) is one edit already and is not
 * listed.  Never at the first letter, which people get right. */
static const char *const sound_alikes[][2] = {
	{"ph", "f"},   {"f", "ph"},   {"ck", "k"},   {"k", "ck"},  {"ck", "c"},  {"c", "ck"},
	{"ea", "ee"},  {"ee", "ea"},  {"ie", "y"},   {"y", "ie"},  {"ey", "y"},  {"y", "ey"},
	{"ey", "ie"},  {"ie", "ey"},  {"aid", "ade"}, {"ade", "aid"}, {"ai", "ay"}, {"ay", "ai"},
	{"cks", "x"},  {"x", "cks"},  {"oo", "ou"},  {"ou", "oo"},  {"el", "le"},  {"le", "el"},
	{"us", "ous"}, {"ous", "us"}, {"que", "k"},  {"k", "que"},  {"u", "ew"},  {"ew", "u"},
};

/* Tries each sound-alike spelling of t->w once: an indexed word so made is
 * one slip away. */
static int sounds_of(ctx *c, fix *best, const typed *t)
{
	char buf[CL_SEARCH_WORD_MAX + 1];
	for (size_t r = 0; r < sizeof(sound_alikes) / sizeof(sound_alikes[0]); r++) {
		const char *from = sound_alikes[r][0], *to = sound_alikes[r][1];
		size_t fl = strlen(from), tl = strlen(to);
		for (const char *p = strstr(t->w + 1, from); p; p = strstr(p + 1, from)) {
			size_t at = (size_t)(p - t->w);
			if (t->len - fl + tl > CL_SEARCH_WORD_MAX)
				break;
			memcpy(buf, t->w, at);
			memcpy(buf + at, to, tl);
			memcpy(buf + at + tl, p + fl, t->len - at - fl + 1);
			sqlite3_bind_text(c->freq, 1, buf, -1, SQLITE_STATIC);
			int step = sqlite3_step(c->freq);
			long f = step == SQLITE_ROW ? sqlite3_column_int64(c->freq, 0) : 0;
			sqlite3_reset(c->freq);
			if (step != SQLITE_ROW && step != SQLITE_DONE)
				return db_error(c->db);
			int near = 0, rc;
			if (step == SQLITE_ROW && t->nnear && (rc = near_words(c, &near, t, buf)))
				return rc;
			if (step == SQLITE_ROW)
				offer(best, t, buf, 1, SLIP_SPELLING, f, near);
		}
	}
	return CL_OK;
}

/* Measures and servings people write beside a food that no SR name holds
 * and that are one slip from a food word ("espresso shot" is no short
 * loin, "a pint of beer" no pinto beans, "a pinch of salt" no punch). */
static const char *const not_typos[] = {"shot", "pint", "pinch", "sprig", "flask", "dash",
					"knob", "swig", "dollop", "splash", "drizzle", NULL};

/* The closest indexed word to w, within the typo budget for its length,
 * among equals one some name holds with more words of near (the query's
 * other words, nnear of them), before the kind of slip counts if
 * near_first: *found is 0 if none, else its distance (2 is a guess, see
 * may_name()).  other_than, if given, is w's stem when w is a word the
 * index has: then only words keeping its first letter and of another stem
 * are corrections. */
static int correct_typed(ctx *c, int *found, char *out, const char *w, const char *const *near,
			 int nnear, int near_first, const char *other_than)
{
	typed t;
	t.other_than = other_than;
	t.near = near;
	t.nnear = nnear;
	t.near_first = near_first;
	t.w = w;
	t.len = strlen(w);
	t.budget = cl_search_typo_budget(t.len);
	t.keep = t.budget == 0 && (t.len == 4 || t.len == 3);
	if (t.keep)
		t.budget = 1;
	/* a six-letter word is often a seven-letter one with a letter left
	 * out and another slip ("cihken", "letice", "psaata", "porrig"):
	 * consider() reads two edits from it only as that */
	if (t.len == 6)
		t.budget = 2;
	/* a real word's slip is one edit (real_word_slip) */
	if (other_than)
		t.budget = 1;
	fix best = {"", t.budget + 1, -1, 0, 0, 0};
	int rc;

	*found = 0;
	if (t.budget == 0 || t.len > CL_SEARCH_WORD_MAX)
		return CL_OK;
	for (size_t i = 0; i < t.len; i++)
		if (isdigit((unsigned char)w[i]))
			return CL_OK;
	char stem[CL_SEARCH_WORD_MAX + 1];
	cl_search_stem(stem, w, t.len);
	if (in_list(not_typos, stem))
		return CL_OK;
	t.nform = 0;
	if (!t.keep) {
		size_t sl = cl_search_stem(t.form[0], w, t.len);
		if (sl != t.len || memcmp(t.form[0], w, sl) != 0)
			t.formlen[t.nform++] = sl;
		if (t.len > 5 && w[t.len - 1] == 's' && w[t.len - 2] != 's' &&
		    !(t.nform && sl == t.len - 1)) {
			memcpy(t.form[t.nform], w, t.len - 1);
			t.form[t.nform][t.len - 1] = '\0';
			t.formlen[t.nform++] = t.len - 1;
		}
	}
	if ((rc = consider(c, &best, &t, w)) || (rc = deletes_of(c, &best, &t, w, 0, t.budget)))
		return rc;
	for (int k = 0; k < t.nform; k++)
		if ((rc = consider(c, &best, &t, t.form[k])) ||
		    (rc = deletes_of(c, &best, &t, t.form[k], 0, t.budget)))
			return rc;
	if (!t.keep && (rc = sounds_of(c, &best, &t)))
		return rc;
	/* a four-letter word one vowel from another is a typo only where the
	 * query is known (correct_words) and nothing else is asked or some name
	 * holds it with what is ("sticky ricu", "1% melk"; "dave's killer
	 * bread" is no dove) */
	if (t.keep && t.len == 4 && (!near || (t.nnear && !best.near)) &&
	    vowel_changed(w, t.len, best.word, strlen(best.word)))
		return CL_OK;
	if (best.dist <= t.budget) {
		snprintf(out, CL_SEARCH_WORD_MAX + 1, "%s", best.word);
		*found = best.dist;
	}
	return CL_OK;
}

static int correct_near(ctx *c, int *found, char *out, const char *w, const char *const *near,
			int nnear, int near_first)
{
	return correct_typed(c, found, out, w, near, nnear, near_first, NULL);
}

/* The closest indexed word to w, whatever the query's other words. */
static int correct(ctx *c, int *found, char *out, const char *w)
{
	return correct_near(c, found, out, w, NULL, 0, 0);
}

/* Does the one-parameter look-up `st` find a row for w?  *out says. */
static int finds_row(ctx *c, sqlite3_stmt *st, int *out, const char *w)
{
	sqlite3_bind_text(st, 1, w, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(c->db);
	*out = step == SQLITE_ROW;
	return CL_OK;
}

/* Does FTS5 find a row for expr?  A handle holding its documents answers
 * from the rowids it keeps of each term (cl_search_docs_exists) when it can:
 * through FTS5 each such look-up costs some 20 thousand instructions, and
 * the typo checks make hundreds of them in a heavy search. */
static int fts_exists(ctx *c, int *out, const char *expr)
{
	int answered = 0, rc;
	if (c->docs && (rc = cl_search_docs_exists(c->docs, c->fdb, expr, out, &answered)))
		return rc;
	return answered ? CL_OK : finds_row(c, c->exists, out, expr);
}

/* Is w a word of some name, exactly (not only after Porter stemming)? */
static int vocab_has(ctx *c, int *out, const char *w)
{
	return finds_row(c, c->freq, out, w);
}

/* Finds each alternative in the index: as is, as a prefix, or corrected. */
static int resolve(ctx *c, alt *a)
{
	int has = 0, rc;
	/* "potatoe", "tomatoe": a word no name has that is a name word and one
	 * more letter is that word mistyped.  FTS5's stemmer would find it
	 * ("potatoe" stems as "potato"), but the scoring below compares words,
	 * and a prefix would find "Sweet potato" no better than "Potatoes". */
	size_t tl = strlen(a->text);
	if (tl >= 6 && tl <= CL_SEARCH_WORD_MAX) {
		char shorter[CL_SEARCH_WORD_MAX + 1];
		memcpy(shorter, a->text, tl - 1);
		shorter[tl - 1] = '\0';
		int whole = 0;
		if ((rc = vocab_has(c, &whole, a->text)) ||
		    (!whole && (rc = vocab_has(c, &has, shorter))))
			return rc;
		if (!whole && has) {
			set_alt(a, shorter, tl - 1);
			a->live = 1;
			return CL_OK;
		}
	}
	if ((rc = fts_has(c, &has, a->text)))
		return rc;
	if (has) {
		a->live = 1;
		return CL_OK;
	}
	if (strlen(a->text) >= 2) {
		if ((rc = completions(c, &a->completions, a->text)))
			return rc;
		if (a->completions) {
			a->live = a->prefix = 1;
			return CL_OK;
		}
	}
	/* A cut or serving word no name holds ("red wine glass") is no typo
	 * for a food word ("grass"): it only describes, as correct_words() says. */
	if (in_list(portion_words, a->stem) || in_list(state_words, a->stem))
		return CL_OK;
	char fixed[CL_SEARCH_WORD_MAX + 1];
	if ((rc = correct(c, &has, fixed, a->text)))
		return rc;
	if (has) {
		set_alt(a, fixed, strlen(fixed));
		a->live = 1;
		a->guessed = has > 1;
	}
	return CL_OK;
}

/* A stem's row of search_stat (df, heads, nouns, babies: see the index's
 * counts) into n[0..3], through the handle's kept statement; all 0 when no
 * name holds it. */
static int stem_counts(ctx *c, const char *stem, long long n[4])
{
	sqlite3_bind_text(c->stat, 1, stem, -1, SQLITE_STATIC);
	int step = sqlite3_step(c->stat);
	for (int i = 0; i < 4; i++)
		n[i] = step == SQLITE_ROW ? sqlite3_column_int64(c->stat, i) : 0;
	sqlite3_reset(c->stat);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CL_OK : db_error(c->db);
}

/* What the group's word is in SR names (search_stat): how many hold it and
 * how many it names the food in.  A prefix stands for several words: -1. */
static int word_stat(ctx *c, group *g)
{
	g->df = -1;
	g->heads = g->nouns = g->babies = 0;
	for (int k = 0; k < g->nalt; k++) {
		const alt *a = &g->alts[k];
		if (!a->live || a->prefix)
			continue;
		long long n[4];
		int rc = stem_counts(c, a->stem, n);
		if (rc)
			return rc;
		g->df = n[0];
		g->heads = n[1];
		g->nouns = n[2];
		g->babies = n[3];
		break;
	}
	return CL_OK;
}

/* Does the group's word stand only in baby foods' names, as "strained" and
 * "junior" do in SR?  Then the query asks for baby food as surely as if it
 * said "baby".  A few names are needed to tell: a word of one or two names
 * says little about the kind of food. */
static int baby_only_word(const group *g)
{
	return g->live && !g->optional && !g->guessed && g->df >= BABY_WORD_MIN_NAMES &&
	       g->babies == g->df;
}

/* The share of the names holding group i's word that it names the food in. */
static double head_share(const query *q, int i)
{
	return q->g[i].df > 0 ? (double)q->g[i].heads / (double)q->g[i].df : -1.0;
}

/* Can group i take the noun from another word?  A word asked for, typed (a
 * typo's correction is a guess) and alone: a synonym written as several SR
 * words ("prune" -> plums dried) keeps SR's own order. */
static int may_name(const query *q, int i)
{
	const group *g = &q->g[i];
	if (!g->live || g->optional || g->desc || g->guessed || g->df <= 0 || g->heads <= 0)
		return 0;
	for (int j = 0; j < q->n; j++)
		if (j != i && q->g[j].word == g->word)
			return 0;
	return 1;
}

/* Appends the groups of a synonym replacement ("orange juice", "grilled|broiled"). */
static void add_repl(query *q, const char *repl)
{
	for (const char *p = repl; *p && q->n < (int)(sizeof(q->g) / sizeof(q->g[0]));) {
		group *g = &q->g[q->n++];
		memset(g, 0, sizeof(*g));
		g->synonym = 1;
		while (*p && *p != ' ') {
			size_t n = strcspn(p, "| ");
			if (g->nalt < MAX_ALTS)
				set_alt(&g->alts[g->nalt++], p, n);
			p += n;
			if (*p == '|')
				p++;
		}
		while (*p == ' ')
			p++;
	}
}

/* Is this folded word a one-word synonym phrase? */
static int is_synonym(ctx *c, int *out, const char *w)
{
	return finds_row(c, c->syn, out, w);
}

/* Is this two-word phrase a synonym, as written or without a plural 's'
 * ("hot dogs", "hashbrowns")?  It may cut the 's' off pair. */
static int is_synonym_pair(ctx *c, int *out, char *pair)
{
	int rc = is_synonym(c, out, pair);
	size_t pl = strlen(pair);
	if (rc || *out || pl < 2 || pair[pl - 1] != 's' || pair[pl - 2] == 's')
		return rc;
	pair[pl - 1] = '\0';
	return is_synonym(c, out, pair);
}

/* Is this folded phrase a describing phrase (search_desc)? */
static int is_desc(ctx *c, int *out, const char *w)
{
	return finds_row(c, c->desc, out, w);
}

/* Appends the group of a describing phrase: its kind, its one-word SR
 * wordings as alternatives (for a method or part; for "no X" the one-word
 * ones, so "unsalted" alone still searches) and, for "no X", every wording
 * stemmed for score_doc to find in a name. */
static void add_desc(query *q, const char *kind, const char *repl)
{
	if (q->n >= (int)(sizeof(q->g) / sizeof(q->g[0])))
		return;
	group *g = &q->g[q->n++];
	memset(g, 0, sizeof(*g));
	g->desc = kind[0] == 'm' ? 'm' : kind[0] == 'p' ? 'p' : 'n';
	size_t len = 0;
	for (const char *p = repl; *p;) {
		size_t n = strcspn(p, "|");
		if (!memchr(p, ' ', n) && g->nalt < MAX_ALTS)
			set_alt(&g->alts[g->nalt++], p, n);
		if (g->desc == 'n') {
			/* stem each word as the index stored it */
			if (len && len + 1 < sizeof(g->phr))
				g->phr[len++] = '|';
			for (const char *w = p; w < p + n;) {
				size_t wn = strcspn(w, " |");
				if (wn > (size_t)(p + n - w))
					wn = (size_t)(p + n - w);
				char stem[CL_SEARCH_WORD_MAX + 1];
				size_t sl = cl_search_stem(stem, w, wn);
				if (len + sl + 2 < sizeof(g->phr)) {
					if (w > p)
						g->phr[len++] = ' ';
					memcpy(g->phr + len, stem, sl);
					len += sl;
				}
				w += wn;
				while (w < p + n && *w == ' ')
					w++;
			}
		}
		p += n;
		if (*p == '|')
			p++;
	}
	g->phr[len] = '\0';
}

/* How many names hold the indexed word w (0 if none). */
static int word_freq(ctx *c, long *out, const char *w)
{
	sqlite3_bind_text(c->freq, 1, w, -1, SQLITE_STATIC);
	int step = sqlite3_step(c->freq);
	*out = step == SQLITE_ROW ? sqlite3_column_int64(c->freq, 0) : 0;
	sqlite3_reset(c->freq);
	return step == SQLITE_ROW || step == SQLITE_DONE ? CL_OK : db_error(c->db);
}

/* How many of the words near some name holds with a match of expr (an FTS5
 * expression: a word's completions). */
static int near_expr(ctx *c, int *out, const char *expr, const char *const *near, int nnear)
{
	*out = 0;
	for (int k = 0; k < nnear; k++) {
		char term[CL_SEARCH_WORD_MAX + 1];
		size_t n = strlen(expr) + CL_SEARCH_WORD_MAX + 16;
		char *both = malloc(n);
		if (!both)
			return cl_error_oom();
		snprintf(both, n, "(%s) AND \"%s\"", expr, fts_term(term, near[k]));
		int has = 0, rc = finds_row(c, c->exists, &has, both);
		free(both);
		if (rc)
			return rc;
		*out += has;
	}
	return CL_OK;
}

/* A word that only starts indexed words may still be a slip for a commoner
 * one ("wien" starts "wieners" but is wine; "tomatose" starts "tomatoseed"):
 * a one-edit correction wins that some name holds with more of the query's
 * other words (near, nnear of them) than any completion (expr, FTS5's
 * OR of them) is held with ("carn syrup" is corn syrup, not carne), or as
 * many and more names hold it than the commonest completion.  A correction
 * it starts is the word with its last letter left out ("banan", "puddin",
 * "veniso"), which as a prefix scores as any word it starts ("banan
 * yellow" was yellow corn) and as a synonym's word finds nothing ("gammo":
 * gammon); of four letters, which start many words, only when the
 * commonest ("whol" whole; "cole" starts coleslaw before coley), and never
 * a word only of a synonym phrase ("parm" is no "parma").  A word of
 * three letters is read only beside other words, when the correction goes
 * with more of them than any completion does ("rice mil" milk, "snow pes"
 * peas) or is the commonest completion and one letter longer.  *found is 1
 * with the correction in out, else 0. */
static int prefix_typo(ctx *c, int *found, char *out, const char *w, const char *expr,
		       const char *const *near, int nnear)
{
	size_t len = strlen(w);
	int has = 0, rc, step;
	long fc = 0, fp = 0;
	*found = 0;
	/* three letters start too many words to be read alone: only beside
	 * other words ("roo beer", "snow pes") */
	int short3 = len == 3;
	if (len < 3 || (short3 && !nnear))
		return CL_OK;
	if ((rc = correct_near(c, &has, out, w, near, nnear, 1)) || has != 1)
		return rc;
	/* (a "y" after it makes the adjective of the word typed: "lemon
	 * zest" is no zesty) */
	int starts = strncmp(out, w, len) == 0;
	if (starts && (strlen(out) != len + 1 || out[len] == 'y'))
		return CL_OK;
	if (nnear && !starts) {
		typed t = {.w = w, .len = len, .near = near, .nnear = nnear};
		int nc = 0, np = 0;
		if ((rc = near_words(c, &nc, &t, out)) || (rc = near_expr(c, &np, expr, near, nnear)))
			return rc;
		if (nc != np || short3) {
			*found = nc > np;
			return CL_OK;
		}
	}
	sqlite3_bind_text(c->starts, 1, w, -1, SQLITE_STATIC);
	sqlite3_bind_int(c->starts, 2, 1);
	char first[CL_SEARCH_WORD_MAX + 1] = "";
	if ((step = sqlite3_step(c->starts)) == SQLITE_ROW)
		snprintf(first, sizeof(first), "%s", (const char *)sqlite3_column_text(c->starts, 0));
	sqlite3_reset(c->starts);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(c->db);
	if (starts) {
		if (len <= 4 && strcmp(out, first) != 0)
			return CL_OK;
		if ((rc = fts_has(c, found, out)) == CL_OK && !*found)
			rc = is_synonym(c, found, out);
		return rc;
	}
	if ((rc = word_freq(c, &fc, out)) || (rc = word_freq(c, &fp, first)))
		return rc;
	*found = fc > fp;
	return CL_OK;
}

/* Is w, plural-folded, a word of some name (search_stat)? */
static int name_word(ctx *c, int *out, const char *w)
{
	char stem[CL_SEARCH_WORD_MAX + 1];
	cl_search_stem(stem, w, strlen(w));
	return finds_row(c, c->stat, out, stem);
}

/* A word of three to five letters FTS5's stemmer alone finds ("carn" as
 * carne's stem, "rise" as rising's, "pes" as pe-tsai's "pe") is a typo for
 * a one-slip correction that some name holds with more of the query's
 * other words (near) than the stemmed word is held with ("creamed carn" is
 * corn, "steamed rise" rice, "snow pes" peas).  *found is 1 with the
 * correction in out, else 0. */
static int stem_typo(ctx *c, int *found, char *out, const char *w, const char *const *near,
		     int nnear)
{
	int has = 0, rc, nc = 0, nw = 0;
	char expr[CL_SEARCH_WORD_MAX + 3], term[CL_SEARCH_WORD_MAX + 1];
	*found = 0;
	if (nnear == 0 || (rc = correct_near(c, &has, out, w, near, nnear, 1)) || has != 1)
		return nnear == 0 ? CL_OK : rc;
	typed t = {.w = w, .len = strlen(w), .near = near, .nnear = nnear};
	snprintf(expr, sizeof(expr), "\"%s\"", fts_term(term, w));
	if ((rc = near_words(c, &nc, &t, out)) || (rc = near_expr(c, &nw, expr, near, nnear)))
		return rc;
	*found = nc > nw;
	return CL_OK;
}

/* The query's words other than word i that names hold, for a correction
 * of word i to be read beside (correct_near): copies in buf, pointers in
 * near, *nnear of them.  Particles and numbers say nothing of the food. */
static int neighbours(ctx *c, char buf[][CL_SEARCH_WORD_MAX + 1], const char **near, int *nnear,
		      char **w, const size_t *wl, int nw, int i)
{
	*nnear = 0;
	for (int j = 0; j < nw; j++) {
		int has = 0, rc;
		if (j == i || wl[j] < 3 || wl[j] > CL_SEARCH_WORD_MAX)
			continue;
		snprintf(buf[*nnear], CL_SEARCH_WORD_MAX + 1, "%.*s", (int)wl[j], w[j]);
		if (in_list(stop_words, buf[*nnear]) || strpbrk(buf[*nnear], "0123456789%/"))
			continue;
		if ((rc = fts_has(c, &has, buf[*nnear])))
			return rc;
		if (has) {
			near[*nnear] = buf[*nnear];
			(*nnear)++;
		}
	}
	return CL_OK;
}

/* Is word i, run together with the word before or after it, a word some
 * name holds ("cole slaw": coleslaw)?  Then join_compounds() reads the two
 * as one and neither is a typo ("cole" is no cola). */
static int joins_neighbour(ctx *c, int *out, char **w, const size_t *wl, int nw, int i)
{
	*out = 0;
	for (int k = i - 1; k <= i && !*out; k++) {
		char joined[CL_SEARCH_WORD_MAX + 1];
		int rc;
		if (k < 0 || k + 1 >= nw || wl[k] + wl[k + 1] > CL_SEARCH_WORD_MAX)
			continue;
		snprintf(joined, sizeof(joined), "%.*s%.*s", (int)wl[k], w[k], (int)wl[k + 1],
			 w[k + 1]);
		if ((rc = fts_has(c, out, joined)) || (*out && (rc = name_word(c, out, joined))))
			return rc;
	}
	return CL_OK;
}

/* slip_rank() of the one-slip correction b of the typed a as consider()
 * ranks it: a letter added no likelier than a letter changed. */
static int fix_rank(const char *a, size_t la, const char *b)
{
	int rank = slip_rank(a, la, b, strlen(b));
	return rank == SLIP_ADDED ? 0 : rank;
}

/* Is word i, mistyped, run together with the word after or before it one
 * slip from a word some name holds that ends or starts with that word as
 * typed, the rest one slip from word i ("brasil nuts": brazilnuts, not
 * basil)?  Then out is word i's part of it, which join_compounds() joins to
 * its neighbour again, *rank the slip's fix_rank(), and *found is 1; else 0.
 * The neighbour typed whole is the evidence: a word of three letters or
 * more. */
static int joined_typo(ctx *c, int *found, int *rank, char *out, char **w, const size_t *wl,
		       int nw, int i)
{
	*found = 0;
	for (int k = i; k >= i - 1 && !*found; k--) {
		char joined[CL_SEARCH_WORD_MAX + 1], fixed[CL_SEARCH_WORD_MAX + 1];
		int d = 0, rc;
		if (k < 0 || k + 1 >= nw || wl[k] + wl[k + 1] > CL_SEARCH_WORD_MAX)
			continue;
		size_t other = k == i ? wl[k + 1] : wl[k];
		const char *ow = k == i ? w[k + 1] : w[k];
		if (other < 3)
			continue;
		size_t jl = (size_t)snprintf(joined, sizeof(joined), "%.*s%.*s", (int)wl[k], w[k],
					     (int)wl[k + 1], w[k + 1]);
		if ((rc = correct(c, &d, fixed, joined)))
			return rc;
		size_t fl = strlen(fixed);
		if (d != 1 || fl < other + 3)
			continue;
		if (k == i && memcmp(fixed + fl - other, ow, other) == 0)
			snprintf(out, CL_SEARCH_WORD_MAX + 1, "%.*s", (int)(fl - other), fixed);
		else if (k < i && memcmp(fixed, ow, other) == 0)
			snprintf(out, CL_SEARCH_WORD_MAX + 1, "%s", fixed + other);
		else
			continue;
		/* the slip is in word i's part ("peperred" is no "peppe" red) */
		if (cl_search_distance(w[i], wl[i], out, strlen(out), 1) != 1)
			continue;
		*rank = fix_rank(joined, jl, fixed);
		*found = 1;
	}
	return CL_OK;
}

/* Are a and b neighbours in a row of the keyboard (QWERTY)? */
static int key_neighbours(char a, char b)
{
	static const char *const rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		const char *p = a ? strchr(rows[r], a) : NULL;
		if (p && ((p > rows[r] && p[-1] == b) || p[1] == b))
			return 1;
	}
	return 0;
}

/* A word no name holds whose last letter is its letter before typed again
 * or the key beside it ("winee", "limer", "microwavew", "fruity": a finger
 * slipping as the word ends) is the name word before that letter, whatever
 * other word one change away is commoner ("limer" is lime, not liver;
 * "microwavew popcorn" microwave, not microwaved), unless a letter left
 * out or a slip of spelling makes another word.  Five letters or more:
 * the word left has four.  *found is 1 with it in out, else 0. */
static int end_slip(ctx *c, int *found, char *out, const char *w, size_t len)
{
	*found = 0;
	if (len < 5 || len > CL_SEARCH_WORD_MAX ||
	    (w[len - 1] != w[len - 2] && !key_neighbours(w[len - 2], w[len - 1])))
		return CL_OK;
	snprintf(out, CL_SEARCH_WORD_MAX + 1, "%.*s", (int)len - 1, w);
	int rc = vocab_has(c, found, out), d = 0;
	char other[CL_SEARCH_WORD_MAX + 1];
	if (rc || !*found || (rc = correct(c, &d, other, w)))
		return rc;
	/* but a letter left out or a slip of spelling is likelier than the
	 * letter added ("lady finer" is finger, "biter gourd" bitter) */
	if (d == 1 && strcmp(other, out) != 0 && slip_rank(w, len, other, strlen(other)) >= 3)
		*found = 0;
	return CL_OK;
}

/* A word no name holds one slip from a cut, serving or state word, or its
 * plural ("halkves" halves, "shoit" shot, "spaers" spears), is that word
 * when no food word is one slip away: those are read as describing, never
 * as a food word two slips away ("walnut halkves" was hake).  Five letters
 * or more.  *found is 1 with the
 * word in out, else 0. */
static int portion_slip(int *found, char *out, const char *w, size_t len)
{
	const char *const *lists[] = {portion_words, state_words, not_typos};
	*found = 0;
	if (len < 5 || len > CL_SEARCH_WORD_MAX)
		return CL_OK;
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (const char *const *p = lists[l]; *p; p++)
			for (int plural = 0; plural < 2; plural++) {
				int n = snprintf(out, CL_SEARCH_WORD_MAX + 1, "%s%s", *p,
						 plural ? "s" : "");
				if (n < 3 || cl_search_distance(w, len, out, (size_t)n, 1) != 1 ||
				    !slip_rank(w, len, out, (size_t)n))
					continue;
				*found = 1;
				return CL_OK;
			}
	return CL_OK;
}

/* Does the stemmed word name foods of its own in SR, heading their names or
 * under a class ("Pie, apple", "Pate, chicken liver", "Fish, pike"), as
 * search_stat's heads count? */
static int heads_names(ctx *c, int *out, const char *stem)
{
	long long n[4];
	int rc = stem_counts(c, stem, n);
	*out = n[1] > 0;
	return rc;
}

/* Does some name hold every word of words (n of them), word i (if i >= 0)
 * read as as_i instead, or left out if as_i is NULL? */
static int names_all(ctx *c, int *out, const char *const *words, int n, int i, const char *as_i)
{
	char expr[MAX_QUERY_WORDS * (CL_SEARCH_WORD_MAX + 12)], term[CL_SEARCH_WORD_MAX + 1];
	size_t len = 0;
	for (int k = 0; k < n; k++)
		if (k != i || as_i)
			len += (size_t)snprintf(expr + len, sizeof(expr) - len, "%s(\"%s\")",
						len ? " AND " : "",
						fts_term(term, k == i ? as_i : words[k]));
	return fts_exists(c, out, expr);
}

/* A real word typed for another ("beets" as "beats", "pork chop" as "pork
 * chip", "pound cake" as "pond cake"), asked when no generic food holds
 * every word of the query (the search's first pass): where no name holds
 * the words the index has of the query (w, nw of them, the words before
 * "with" or "for"; not a portion, state or texture word, which are never
 * required) but some name holds all but one, that one, if it is no synonym
 * or describing word, is read as its one-edit correction keeping its first
 * letter, not another form of it (other_than), by a vowel for a vowel, a
 * letter left out or a slip of spelling (a consonant changed makes another
 * word), when some name holds it with all the others.  *which is the word's
 * index with the correction in fixed, or -1. */
static int real_word_slip(ctx *c, int *which, char *fixed, char **w, size_t *wl, int nw)
{
	char buf[MAX_QUERY_WORDS][CL_SEARCH_WORD_MAX + 1];
	const char *words[MAX_QUERY_WORDS], *near[MAX_QUERY_WORDS];
	int at[MAX_QUERY_WORDS], n = 0, all = 0, rc;
	*which = -1;
	if ((rc = neighbours(c, buf, words, &n, w, wl, nw, -1)))
		return rc;
	/* a portion, state or texture word is asked for, never required */
	int kept = 0;
	for (int j = 0, k = 0; j < nw && k < n; j++) {
		char stem[CL_SEARCH_WORD_MAX + 1];
		if (wl[j] != strlen(words[k]) || memcmp(w[j], words[k], wl[j]) != 0)
			continue;
		cl_search_stem(stem, words[k], wl[j]);
		if (!in_list(portion_words, stem) && !in_list(state_words, stem) &&
		    !in_list(texture_words, stem) && !in_list(not_typos, stem)) {
			words[kept] = words[k];
			at[kept++] = j;
		}
		k++;
	}
	n = kept;
	if (n < 2)
		return CL_OK;
	if ((rc = names_all(c, &all, words, n, -1, NULL)) || all)
		return rc;
	/* the food asked for, the last word not describing it ("fish pie",
	 * "beef pate", "buckwheat goats cooked") */
	int noun = -1;
	for (int i = n - 1; i >= 0 && noun < 0; i--) {
		char stem[CL_SEARCH_WORD_MAX + 1];
		cl_search_stem(stem, words[i], strlen(words[i]));
		char kind = cl_search_word_kind(stem, "", "");
		if (!kind || kind == CL_SK_PRODUCT)
			noun = i;
	}
	for (int i = 0; i < n; i++) {
		char stem[CL_SEARCH_WORD_MAX + 1], out[CL_SEARCH_WORD_MAX + 1];
		int has = 0, nnear = 0;
		const char *word = words[i];
		cl_search_stem(stem, word, strlen(word));
		/* (only a word without which the others hold together) */
		if ((rc = names_all(c, &has, words, n, i, NULL)))
			return rc;
		if (!has)
			continue;
		if ((rc = is_synonym(c, &has, word)) || (!has && (rc = is_desc(c, &has, word))))
			return rc;
		/* nor the food asked for when SR names foods by it as typed: a
		 * dish SR lacks ("fish pie" is no pike, "beef pate" no beef
		 * plate; "pie nuts" and "buckwheat goats" are slips) */
		if (!has && i == noun && (rc = vocab_has(c, &has, word)) == CL_OK && has)
			rc = heads_names(c, &has, stem);
		if (rc)
			return rc;
		if (has)
			continue;
		for (int k = 0; k < n; k++)
			if (k != i)
				near[nnear++] = words[k];
		if ((rc = correct_typed(c, &has, out, word, near, nnear, 1, stem)))
			return rc;
		/* a vowel for a vowel, a letter left out or a slip of spelling:
		 * a consonant changed makes another word, not a slip of it */
		if (has == 1 && slip_rank(word, strlen(word), out, strlen(out)) < 2)
			has = 0;
		if (has == 1 && (rc = names_all(c, &has, words, n, i, out)))
			return rc;
		if (has == 1) {
			memcpy(fixed, out, strlen(out) + 1);
			*which = at[i];
			return CL_OK;
		}
	}
	return CL_OK;
}

/* Corrects each query word that is neither indexed (as is or as a prefix)
 * nor a synonym, before synonyms apply ("courgete" -> "courgette" -> zucchini),
 * to the word some name holds beside the query's other words when there is
 * a choice ("potato cheps": chips). */
static int correct_words(ctx *c, char fixed[][CL_SEARCH_WORD_MAX + 1], char **w, size_t *wl,
			 int *guessed, int nw)
{
	char nearbuf[MAX_QUERY_WORDS][CL_SEARCH_WORD_MAX + 1];
	const char *near[MAX_QUERY_WORDS];
	int nnear = 0;
	for (int i = 0; i < nw; i++) {
		char word[CL_SEARCH_WORD_MAX + 1];
		int has = 0, rc;
		snprintf(word, sizeof(word), "%.*s", (int)wl[i], w[i]);
		/* A cut ("florets") is not a typo for another food word ("flower"). */
		char stem[CL_SEARCH_WORD_MAX + 1];
		cl_search_stem(stem, word, strlen(word));
		if (in_list(portion_words, stem) || in_list(state_words, stem))
			continue;
		if ((rc = is_synonym(c, &has, word)) || (!has && (rc = is_desc(c, &has, word))))
			return rc;
		/* nor is a word of a synonym phrase with its neighbour ("string
		 * cheese" is not "spring cheese") */
		for (int k = i - 1; k <= i && !has; k++) {
			char pair[2 * CL_SEARCH_WORD_MAX + 2];
			if (k < 0 || k + 1 >= nw)
				continue;
			snprintf(pair, sizeof(pair), "%.*s %.*s", (int)wl[k], w[k], (int)wl[k + 1],
				 w[k + 1]);
			if ((rc = is_synonym(c, &has, pair)) || (!has && (rc = is_desc(c, &has, pair))))
				return rc;
		}
		int fts = 0;
		if (!has && (rc = fts_has(c, &fts, word)))
			return rc;
		/* a word of a synonym phrase ("sticky" rice) is a word */
		if (!has && (rc = vocab_has(c, &has, word)))
			return rc;
		int ends = 0;
		if (!has && (rc = end_slip(c, &ends, fixed[i], word, wl[i])))
			return rc;
		if (ends) {
			w[i] = fixed[i];
			wl[i] = strlen(fixed[i]);
			continue;
		}
		/* FTS5's Porter stemmer finds "lentills" (as "lentil") though no
		 * name holds it, singular or plural, and scoring compares words:
		 * such a word of six letters or more is a one-slip typo when one
		 * is that near, else it stands as typed ("pure" is no puree; a
		 * name word and one more letter, "tomatoe", is resolve()'s) */
		if (!has && fts) {
			int typo = 0;
			if ((rc = name_word(c, &has, word)))
				return rc;
			if (!has && wl[i] >= 6) {
				char shorter[CL_SEARCH_WORD_MAX + 1];
				snprintf(shorter, sizeof(shorter), "%.*s", (int)wl[i] - 1, word);
				if ((rc = vocab_has(c, &has, shorter)))
					return rc;
			}
			if (!has && wl[i] >= 6 &&
			    ((rc = neighbours(c, nearbuf, near, &nnear, w, wl, nw, i)) ||
			     (rc = correct_near(c, &typo, fixed[i], word, near, nnear, 0))))
				return rc;
			/* shorter, only where the query's other words say so */
			if (!has && wl[i] >= 3 && wl[i] < 6 &&
			    ((rc = neighbours(c, nearbuf, near, &nnear, w, wl, nw, i)) ||
			     (rc = stem_typo(c, &typo, fixed[i], word, near, nnear))))
				return rc;
			if (!has && typo == 1) {
				w[i] = fixed[i];
				wl[i] = strlen(fixed[i]);
			}
			continue;
		}
		if (!has && wl[i] >= 2) {
			char *expr = NULL;
			if ((rc = completions(c, &expr, word)))
				return rc;
			if (expr) {
				/* "brazil nuts" is read joined, not as brazils */
				int typo = 0, joins = 0;
				if ((rc = joins_neighbour(c, &joins, w, wl, nw, i)) ||
				    (!joins && (rc = neighbours(c, nearbuf, near, &nnear, w, wl, nw, i))) ||
				    (!joins &&
				     (rc = prefix_typo(c, &typo, fixed[i], word, expr, near, nnear)))) {
					free(expr);
					return rc;
				}
				free(expr);
				if (typo) {
					w[i] = fixed[i];
					wl[i] = strlen(fixed[i]);
				}
				continue;
			}
		}
		if (!has && (rc = joins_neighbour(c, &has, w, wl, nw, i)))
			return rc;
		if (has)
			continue;
		if ((rc = neighbours(c, nearbuf, near, &nnear, w, wl, nw, i)) ||
		    (rc = correct_near(c, &has, fixed[i], word, near, nnear, 0)))
			return rc;
		/* run together with its neighbour, unless the word alone is a
		 * likelier slip ("vegie burger" is veggie, not Vege-Burger) */
		{
			int joined = 0, rank = 0;
			char part[CL_SEARCH_WORD_MAX + 1];
			if ((rc = joined_typo(c, &joined, &rank, part, w, wl, nw, i)))
				return rc;
			if (joined && (has != 1 || fix_rank(word, wl[i], fixed[i]) <= rank)) {
				memcpy(fixed[i], part, strlen(part) + 1);
				w[i] = fixed[i];
				wl[i] = strlen(fixed[i]);
				guessed[i] = 0;
				continue;
			}
		}
		/* a food word two slips away is less likely than a portion
		 * word one slip away ("walnut halkves" is no hake), and so is
		 * one a consonant changed or its first letter ("vodka shott" is
		 * no short loin, "walnut hales" no whale); a food word with a
		 * letter left out stands beside a portion word with two
		 * letters swapped ("bran flaks" is flakes, not a flask) */
		{
			int portion = 0;
			char cut[CL_SEARCH_WORD_MAX + 1];
			if ((rc = portion_slip(&portion, cut, word, wl[i])))
				return rc;
			if (portion && has == 1 && fixed[i][0] == word[0]) {
				size_t cl = strlen(cut);
				int cut_rank = slip_rank(word, wl[i], cut, cl);
				if (cl == wl[i] && cut_rank == SLIP_SPELLING &&
				    keeps_letters(word, wl[i], cut, cl))
					cut_rank = 3;
				if (slip_rank(word, wl[i], fixed[i], strlen(fixed[i])) >= cut_rank)
					portion = 0;
			}
			if (portion) {
				memcpy(fixed[i], cut, strlen(cut) + 1);
				has = 1;
			}
		}
		if (has) {
			w[i] = fixed[i];
			wl[i] = strlen(fixed[i]);
			guessed[i] = has > 1;
		}
	}
	return CL_OK;
}

/* Joins two query words that are one indexed word ("black berries",
 * "water melon"); returns the new word count. */
static int join_compounds(ctx *c, int *nw, char joined[][CL_SEARCH_WORD_MAX + 1], char **w,
			  size_t *wl, int *guessed, int *with_at)
{
	for (int i = 0; i + 1 < *nw; i++) {
		int has = 0, rc;
		if (wl[i] < 2 || wl[i + 1] < 3 || wl[i] + wl[i + 1] > CL_SEARCH_WORD_MAX ||
		    memchr(w[i], '%', wl[i]) || memchr(w[i + 1], '%', wl[i + 1]))
			continue;
		/* the words either side of "with" or "for" were not written
		 * as one: "cheese for burgers" is no cheeseburger */
		if (*with_at == i + 1)
			continue;
		/* A two-word synonym ("low fat") stays two words: the synonym
		 * knows both spellings ("lowfat" and "low fat"). */
		char pair[2 * CL_SEARCH_WORD_MAX + 2];
		snprintf(pair, sizeof(pair), "%.*s %.*s", (int)wl[i], w[i], (int)wl[i + 1], w[i + 1]);
		if ((rc = is_synonym_pair(c, &has, pair)))
			return rc;
		/* nor is a word opening a describing phrase ("milk fat free" is
		 * fat-free milk, not "milkfat") */
		for (int span = 1; span <= 2 && !has && i + span < *nw; span++) {
			size_t pl2 = 0;
			for (int k = 1; k <= span && pl2 < sizeof(pair); k++)
				pl2 += (size_t)snprintf(pair + pl2, sizeof(pair) - pl2, "%s%.*s",
							k > 1 ? " " : "", (int)wl[i + k], w[i + k]);
			if (pl2 < sizeof(pair) && (rc = is_desc(c, &has, pair)))
				return rc;
		}
		if (has)
			continue;
		snprintf(joined[i], CL_SEARCH_WORD_MAX + 1, "%.*s%.*s", (int)wl[i], w[i],
			 (int)wl[i + 1], w[i + 1]);
		/* FTS5 stems the joined word its own way ("pepperred" is Porter's
		 * "pepper"): it must be a word some name holds, singular or plural */
		if ((rc = fts_has(c, &has, joined[i])) || (has && (rc = name_word(c, &has, joined[i]))))
			return rc;
		if (!has)
			continue;
		w[i] = joined[i];
		wl[i] = strlen(joined[i]);
		guessed[i] |= guessed[i + 1];
		for (int k = i + 1; k + 1 < *nw; k++) {
			w[k] = w[k + 1];
			wl[k] = wl[k + 1];
			guessed[k] = guessed[k + 1];
		}
		(*nw)--;
		if (*with_at > i)
			(*with_at)--;
	}
	return CL_OK;
}

/* Do some names hold both words (stemmed)?  The index keeps no word
 * positions (detail=none), so "next to each other" cannot be asked. */
static int fts_both(ctx *c, int *out, const char *a, const char *b)
{
	char expr[2 * CL_SEARCH_WORD_MAX + 16], ta[CL_SEARCH_WORD_MAX + 1],
		tb[CL_SEARCH_WORD_MAX + 1];
	/* (each term as a group: the form the held terms answer) */
	snprintf(expr, sizeof(expr), "(\"%s\") AND (\"%s\")", fts_term(ta, a), fts_term(tb, b));
	return fts_exists(c, out, expr);
}

/* Is this word one no name, synonym, describing phrase or prefix knows? */
static int unknown_word(ctx *c, int *out, const char *word)
{
	char stem[CL_SEARCH_WORD_MAX + 1], *expr = NULL;
	int has = 0, rc;
	*out = 0;
	cl_search_stem(stem, word, strlen(word));
	if (in_list(portion_words, stem) || in_list(state_words, stem))
		return CL_OK;
	if ((rc = is_synonym(c, &has, word)) || (!has && (rc = is_desc(c, &has, word))) ||
	    (!has && (rc = fts_has(c, &has, word))) || (!has && (rc = vocab_has(c, &has, word))) ||
	    (!has && (rc = completions(c, &expr, word))))
		return rc;
	free(expr);
	*out = !has && !expr;
	return CL_OK;
}

/* Splits a word the index lacks into two it has that names hold together,
 * or that a synonym joins ("rootbeer", "pinenuts", "hashbrown": SR's "root
 * beer", "pine nuts", synonym "hash brown"), before it is read as a typo
 * for one word ("pilinuts").  Each part has four letters or more unless a
 * synonym joins them: a three-letter word is too often a typo's piece
 * ("peacan" is not "pea can"); the first such cut from the left is taken. */
static int split_compounds(ctx *c, int *nw, char pieces[][CL_SEARCH_WORD_MAX + 1], char **w,
			   size_t *wl, int *with_at)
{
	int npieces = 0;
	for (int i = 0; i < *nw && *nw < MAX_QUERY_WORDS; i++) {
		char word[CL_SEARCH_WORD_MAX + 1];
		int unknown = 0, rc;
		if (wl[i] < 7 || wl[i] > CL_SEARCH_WORD_MAX)
			continue;
		int letters = 1;
		for (size_t k = 0; k < wl[i]; k++)
			letters &= w[i][k] >= 'a' && w[i][k] <= 'z';
		if (!letters)
			continue;
		snprintf(word, sizeof(word), "%.*s", (int)wl[i], w[i]);
		if ((rc = unknown_word(c, &unknown, word)))
			return rc;
		if (!unknown)
			continue;
		for (size_t cut = 3; cut + 3 <= wl[i]; cut++) {
			char left[CL_SEARCH_WORD_MAX + 1], pair[CL_SEARCH_WORD_MAX + 2];
			const char *right = word + cut;
			int has = 0;
			snprintf(left, sizeof(left), "%.*s", (int)cut, word);
			snprintf(pair, sizeof(pair), "%s %s", left, right);
			if ((rc = is_synonym_pair(c, &has, pair)))
				return rc;
			int syn_pair = has;
			/* a synonym's two words need no name holding both
			 * ("butterbeans": SR's butter beans are lima beans) */
			if (!has && (cut < 4 || wl[i] - cut < 4))
				continue;
			if (!has && (rc = fts_has(c, &has, left)))
				return rc;
			if (has && !syn_pair && (rc = fts_has(c, &has, right)))
				return rc;
			if (has && !syn_pair && (rc = fts_both(c, &has, left, right)))
				return rc;
			if (!has)
				continue;
			/* both parts go to pieces: the word may live in the folded
			 * query, which keeps its bytes */
			memcpy(pieces[npieces], left, cut + 1);
			memcpy(pieces[npieces + 1], right, wl[i] - cut + 1);
			for (int k = *nw; k > i + 1; k--) {
				w[k] = w[k - 1];
				wl[k] = wl[k - 1];
			}
			w[i] = pieces[npieces];
			wl[i] = cut;
			w[i + 1] = pieces[npieces + 1];
			wl[i + 1] = strlen(pieces[npieces + 1]);
			npieces += 2;
			(*nw)++;
			if (*with_at > i)
				(*with_at)++;
			i++;
			break;
		}
	}
	return CL_OK;
}

/* Is the query's "no X", "without X" or "X free" at w a negation the
 * describing phrases lack ("black tea no milk", "bread gluten free")?  *out
 * is X's place (1 or 0), or -1.  A phrase of search_desc ("no salt", "fat
 * free") is read there with SR's wordings, a synonym row holding the words
 * as that row says; and "X free" only of a word that seldom names a food,
 * as "free" after one ("eggs free range") is no negation. */
static int negated_word(ctx *c, int *out, char **w, size_t *wl, int nw)
{
	char phrase[2 * (CL_SEARCH_WORD_MAX + 1)];
	int has = 0, rc, at = -1;
	*out = -1;
	if (nw < 2 || wl[0] > NEGATED_MAX || wl[1] > NEGATED_MAX)
		return CL_OK;
	if ((wl[0] == 2 && memcmp(w[0], "no", 2) == 0) ||
	    (wl[0] == 7 && memcmp(w[0], "without", 7) == 0))
		at = 1;
	else if (wl[1] == 4 && memcmp(w[1], "free", 4) == 0)
		at = 0;
	if (at < 0)
		return CL_OK;
	snprintf(phrase, sizeof(phrase), "%.*s %.*s", (int)wl[0], w[0], (int)wl[1], w[1]);
	if ((rc = is_desc(c, &has, phrase)) || has)
		return rc;
	/* nor a synonym holding it ("lactose free milk"), which parse_query
	 * reads as written */
	if ((rc = is_synonym(c, &has, phrase)) || has)
		return rc;
	if (nw > 2) {
		char three[3 * (CL_SEARCH_WORD_MAX + 1)];
		snprintf(three, sizeof(three), "%s %.*s", phrase, (int)wl[2], w[2]);
		if ((rc = is_desc(c, &has, three)) || has || (rc = is_synonym(c, &has, three)) || has)
			return rc;
	}
	if (at == 0) {
		char stem[CL_SEARCH_WORD_MAX + 1];
		cl_search_stem(stem, w[0], wl[0]);
		long long n[4];
		if ((rc = stem_counts(c, stem, n)))
			return rc;
		double share = n[0] > 0 ? (double)n[1] / (double)n[0] : 0.0;
		if (share >= W.describes)
			return CL_OK;
	}
	*out = at;
	return CL_OK;
}

/* Appends the group of a negation the describing phrases lack: SR's ways of
 * saying "no X" ("without X", "no X added", "X free"), the query's own
 * first (`said_free`: "X free"), asked for as a describing phrase is,
 * never X itself. */
static void add_negation(query *q, const char *x, size_t len, int said_free)
{
	char repl[DESC_PHRASES_MAX];
	int n = (int)len;
	if (said_free)
		snprintf(repl, sizeof(repl), "%.*s free|without %.*s|without added %.*s|no %.*s", n,
			 x, n, x, n, x, n, x);
	else
		snprintf(repl, sizeof(repl), "without %.*s|without added %.*s|no %.*s|no %.*s added|"
					     "%.*s free",
			 n, x, n, x, n, x, n, x, n, x);
	add_desc(q, "not", repl);
	cl_search_stem(q->g[q->n - 1].unwanted, x, len);
}

/* Are two words one, singular or plural ("dessert", "desserts") or one
 * written short of the other ("soy", "soybeans")? */
static int same_word(const alt *a, const alt *b)
{
	size_t la = strlen(a->text), lb = strlen(b->text);
	return strcmp(a->stem, b->stem) == 0 ||
	       strncmp(a->text, b->text, la < lb ? la : lb) == 0;
}

/* Does a synonym group say only the typed group's word ("dessert" against
 * jello's dessert|desserts, "soybeans" against soya's soy|soybeans)?  A word
 * that is one alternative among others ("tenderloin" against steak's
 * steak|loin|tenderloin|rib|round|chuck) chooses among them and is read:
 * without it "steak tenderloin" was any steak, pork loin first. */
static int said_again(const group *typed_g, const group *syn)
{
	if (typed_g->nalt != 1 || typed_g->desc || syn->desc || syn->nalt < 1)
		return 0;
	for (int k = 0; k < syn->nalt; k++)
		if (!same_word(&syn->alts[k], &typed_g->alts[0]))
			return 0;
	return 1;
}

/* Does group narrow say only words that are alternatives of group wide
 * ("spaghetti|pasta" and "macaroni" against pasta's
 * pasta|macaroni|spaghetti|noodles) while wide says more? */
static int chooses_among(const group *narrow, const group *wide)
{
	if (narrow->nalt >= wide->nalt)
		return 0;
	for (int k = 0; k < narrow->nalt; k++) {
		int found = 0;
		for (int m = 0; m < wide->nalt && !found; m++)
			found = same_word(&narrow->alts[k], &wide->alts[m]);
		if (!found)
			return 0;
	}
	return 1;
}

/* "spaghetti pasta", "macaroni pasta": a synonym standing for a class of
 * foods (pasta -> pasta|macaroni|spaghetti|noodles) beside a word naming
 * one of them is only asked for; the word names the kind.  Required, the
 * class's group took the one name word both say ("Spaghetti, cooked"),
 * so no name held both and the corn pasta came first.  Returns whether the
 * noun moved. */
static int kind_chosen(query *q)
{
	int moved = 0;
	for (int i = 0; i < q->n; i++) {
		group *wide = &q->g[i];
		if (!wide->live || wide->optional || wide->desc || !wide->synonym || wide->nalt < 2)
			continue;
		int kind = -1;
		for (int j = 0; j < q->n; j++)
			if (j != i && may_name(q, j) && chooses_among(&q->g[j], wide))
				kind = j;
		if (kind < 0)
			continue;
		wide->optional = 1;
		if (q->noun == i) {
			q->noun = kind;
			moved = 1;
		}
		/* typed first ("pasta spaghetti"), the class would take the name
		 * word the kind needs: it is read after the kind */
		if (i < kind) {
			group g = *wide;
			memmove(&q->g[i], &q->g[i + 1], (size_t)(kind - i) * sizeof(q->g[0]));
			q->g[kind] = g;
			if (q->noun > i && q->noun <= kind)
				q->noun--;
			i--;
		}
	}
	return moved;
}

/* Does a synonym's replacement (words by spaces, alternatives by '|') say
 * one of the n query words w? */
static int repl_says(const char *repl, char **w, const size_t *wl, int n)
{
	for (const char *p = repl; p && *p;) {
		size_t len = strcspn(p, " |");
		for (int k = 0; k < n; k++)
			if (len == wl[k] && memcmp(p, w[k], len) == 0)
				return 1;
		p += len;
		p += *p != '\0';
	}
	return 0;
}

/* Folded words -> groups: typos corrected, split compounds joined, then
 * synonyms of up to three words applied. */
/* Is word (stem its stem) one SR writes only as a brand's name, none of the
 * names holding it having it otherwise ("!heinz" in search_doc's segs)?
 * The caller knows some name holds it.  The look-up stops at the first name
 * holding it otherwise, which for an everyday word is the first read
 * (generic foods come first). */
static int brand_word(ctx *c, int *out, const char *word, const char *stem, size_t stemlen)
{
	char expr[CL_SEARCH_WORD_MAX + 8], term[CL_SEARCH_WORD_MAX + 1];
	sqlite3_stmt *st;
	*out = 0;
	if (!*fts_term(term, word))
		return CL_OK;
	if (!(st = cl_fooddb_stmt(c->fdb, "SELECT 1 FROM food_fts f JOIN search_doc d"
					  " ON d.docid = f.rowid WHERE food_fts MATCH ?1 AND"
					  " instr(' ' || replace(d.segs, ',', ' ') || ' ',"
					  " ' !' || ?2 || ' ') = 0 LIMIT 1")))
		return CL_EDB;
	snprintf(expr, sizeof(expr), "\"%s\"", term);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stem, (int)stemlen, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_error(c->db);
	*out = step == SQLITE_DONE;
	return CL_OK;
}

/* Appends to expr (of cap bytes, len used) " AND " and a synonym's
 * replacement as an FTS5 expression: its words joined by AND, each word's
 * alternatives ("hamburger|ground") by OR.  Returns the new length, or 0
 * when it does not fit. */
static size_t append_repl(char *expr, size_t cap, size_t len, const char *repl)
{
	char word[CL_SEARCH_WORD_MAX + 1], term[CL_SEARCH_WORD_MAX + 1];
	for (const char *p = repl; *p;) {
		int wrote = snprintf(expr + len, cap - len, " AND (");
		if (wrote < 0 || (size_t)wrote >= cap - len)
			return 0;
		len += (size_t)wrote;
		int alts = 0;
		while (*p && *p != ' ') {
			size_t n = strcspn(p, "| ");
			size_t kept = n < CL_SEARCH_WORD_MAX ? n : CL_SEARCH_WORD_MAX;
			memcpy(word, p, kept);
			word[kept] = '\0';
			p += n;
			if (*p == '|')
				p++;
			if (!*fts_term(term, word))
				continue;
			wrote = snprintf(expr + len, cap - len, "%s\"%s\"", alts++ ? " OR " : "", term);
			if (wrote < 0 || (size_t)wrote >= cap - len)
				return 0;
			len += (size_t)wrote;
		}
		if (!alts || len + 2 > cap)
			return 0;
		expr[len++] = ')';
		expr[len] = '\0';
		while (*p == ' ')
			p++;
	}
	return len;
}

/* A word without a plural's "s" ("stews": "stew"), for a LIKE prefix. */
static size_t singular_len(const char *word, size_t len)
{
	return len > 3 && word[len - 1] == 's' && word[len - 2] != 's' ? len - 1 : len;
}

/* Do SR's names hold the word before a synonym phrase and the phrase's
 * first word written together ("Snacks, tortilla chips" for "tortilla"
 * and "chips")?  Then the phrase starts inside a longer food name and is
 * not the synonym: "tortilla chips oven baked" is baked tortilla chips,
 * not the "chips oven baked" fries.  Asked only when the synonym renames
 * that word: one keeping it ("chocolate chips": semisweet chocolate) still
 * fires after "dark", which SR writes before chocolate.  The index finds
 * the names holding both words; the LIKE checks they stand together in
 * one part of the name as written ("Sausage, turkey, hot, smoked" does not
 * make "turkey hot dogs" sausage: a comma parts them). */
static int names_pair(ctx *c, int *out, const char *first, size_t first_len,
		      const char *second, size_t second_len)
{
	char term[2 * CL_SEARCH_WORD_MAX + 16];
	*out = 0;
	for (size_t i = 0; i < first_len; i++)
		if (!isalnum((unsigned char)first[i]))
			return CL_OK;
	for (size_t i = 0; i < second_len; i++)
		if (!isalnum((unsigned char)second[i]))
			return CL_OK;
	if (first_len + second_len + 16 > sizeof(term))
		return CL_OK;
	snprintf(term, sizeof(term), "\"%.*s\" AND \"%.*s\"", (int)first_len, first,
		 (int)second_len, second);
	/* the handle's kept statement: prepared once, not on every search
	 * whose synonym phrase starts after the first word */
	sqlite3_stmt *st = cl_fooddb_stmt(c->fdb,
					  "SELECT 1 FROM food_fts f JOIN search_doc d ON d.docid = f.rowid"
					  " JOIN food ON food.id = d.food_id WHERE food_fts MATCH ?3 AND"
					  " ' ' || food.name LIKE '% ' || ?1 || ' ' || ?2 || '%' LIMIT 1");
	if (!st)
		return CL_EDB;
	sqlite3_bind_text(st, 1, first, (int)first_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, second, (int)singular_len(second, second_len), SQLITE_STATIC);
	sqlite3_bind_text(st, 3, term, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	*out = step == SQLITE_ROW;
	int rc = step == SQLITE_ROW || step == SQLITE_DONE ? CL_OK : db_error(c->db);
	sqlite3_reset(st);
	return rc;
}

/* A synonym phrase typed beside a brand ("snickers chocolate bar") is the
 * brand's own wording of its product, not the generic food the synonym
 * stands for ("chocolate bar" -> milk chocolate): is some other word of
 * the query a word SR has only as a brand, and does a name of that brand
 * hold a word of the phrase as typed, and none the synonym's wording?
 * Then the phrase is read as typed, and the brand's foods compete on their
 * own words (SR's "SNICKERS Bar" lacks "chocolate" but holds the bar). */
static int brand_phrase(ctx *c, int *out, char **w, const size_t *wl, int nw, int at, int span,
			const char *repl)
{
	char term[CL_SEARCH_WORD_MAX + 1], text[CL_SEARCH_WORD_MAX + 1], stem[CL_SEARCH_WORD_MAX + 1];
	/* (the brand's term in parentheses: two bytes more in each, so that
	 * what fits is as before) */
	char brand_term[CL_SEARCH_WORD_MAX + 5], expr[4 * (CL_SEARCH_WORD_MAX + 8) + 2];
	int rc = CL_OK, held = 0, brand = 0;
	*out = 0;
	for (int j = 0; j < nw; j++) {
		if ((j >= at && j < at + span) || wl[j] > CL_SEARCH_WORD_MAX)
			continue;
		memcpy(text, w[j], wl[j]);
		text[wl[j]] = '\0';
		size_t stemlen = cl_search_stem(stem, text, wl[j]);
		/* (a group of one: the form the held terms answer) */
		snprintf(brand_term, sizeof(brand_term), "(\"%s\")", fts_term(term, text));
		/* a database error ends the search: a later word must not
		 * answer over it */
		if ((rc = fts_exists(c, &held, brand_term)))
			return rc;
		if (!held)
			continue;
		if ((rc = brand_word(c, &brand, text, stem, stemlen)))
			return rc;
		if (!brand)
			continue;
		/* the brand's names hold a word of the phrase as typed ... */
		size_t len = (size_t)snprintf(expr, sizeof(expr), "%s AND (", brand_term);
		for (int k = at; k < at + span; k++) {
			size_t n = wl[k] < CL_SEARCH_WORD_MAX ? wl[k] : CL_SEARCH_WORD_MAX;
			memcpy(text, w[k], n);
			text[n] = '\0';
			int wrote = snprintf(expr + len, sizeof(expr) - len, "%s\"%s\"",
					     k == at ? "" : " OR ", fts_term(term, text));
			if (wrote < 0 || (size_t)wrote + 2 > sizeof(expr) - len)
				return CL_OK; /* too long to ask: read the synonym */
			len += (size_t)wrote;
		}
		memcpy(expr + len, ")", 2);
		if ((rc = fts_exists(c, &held, expr)))
			return rc;
		if (!held)
			continue;
		/* ... and none says the synonym's wording ("silk soy milk":
		 * SR's "SILK Plain, soymilk" does) */
		len = (size_t)snprintf(expr, sizeof(expr), "%s", brand_term);
		if (!(len = append_repl(expr, sizeof(expr), len, repl)))
			return CL_OK;
		if ((rc = fts_exists(c, &held, expr)))
			return rc;
		*out = !held;
		return CL_OK;
	}
	return CL_OK;
}

/* A synonym that keeps its phrase and adds a default kind ("v8" -> "v8
 * vegetable juice": V8 unqualified is the vegetable juice) is no default
 * when another word of the query names a line of the phrase's foods whose
 * names lack that kind: "v8 fusion", "v8 v fusion", "v8 splash" are SR's
 * "V8 V. FUSION Juices", "V8 SPLASH Juice Drinks", not the vegetable
 * juice ("v8 low sodium" keeps it: "V8 Vegetable Juice, Low Sodium V8").
 * Then the phrase is read as typed. */
static int names_own_line(ctx *c, int *out, char **w, const size_t *wl, int nw, int with_at,
			  int at, int span, const char *repl)
{
	char expr[4 * (CL_SEARCH_WORD_MAX + 8) + 2], text[CL_SEARCH_WORD_MAX + 1],
		term[CL_SEARCH_WORD_MAX + 1];
	int rc, held = 0;
	size_t len = 0;
	*out = 0;
	/* one word ("vegetable juice" -> "vegetable juice cocktail" stays the
	 * generic juice in "mixed vegetable juice"), which the replacement
	 * keeps as a word of its own */
	int kept = 0;
	for (const char *p = repl; *p && !kept && span == 1;) {
		size_t n = strcspn(p, " ");
		kept = n == wl[at] && memcmp(p, w[at], n) == 0;
		p += n;
		p += *p == ' ';
	}
	if (!kept || wl[at] > CL_SEARCH_WORD_MAX)
		return CL_OK;
	memcpy(text, w[at], wl[at]);
	text[wl[at]] = '\0';
	int wrote = snprintf(expr, sizeof(expr), "\"%s\"", fts_term(term, text));
	if (wrote < 0 || (size_t)wrote >= sizeof(expr))
		return CL_OK;
	len = (size_t)wrote;
	/* the words of the food: not across "with" or "for" ("buttermilk for
	 * pancakes" is no buttermilk pancakes) */
	int lo = with_at >= 0 && at >= with_at ? with_at : 0,
	    hi = with_at >= 0 && at < with_at ? with_at : nw;
	for (int j = lo; j < hi; j++) {
		if (j == at || wl[j] > CL_SEARCH_WORD_MAX ||
		    repl_says(repl, w + j, wl + j, 1))
			continue;
		memcpy(text, w[j], wl[j]);
		text[wl[j]] = '\0';
		if (!*fts_term(term, text))
			continue;
		wrote = snprintf(expr + len, sizeof(expr) - len, " AND \"%s\"", term);
		if (wrote < 0 || (size_t)wrote >= sizeof(expr) - len)
			continue;
		int line = 0;
		if ((rc = fts_exists(c, &line, expr)))
			return rc;
		/* ... and none of that line's names says the replacement */
		size_t with = line ? append_repl(expr, sizeof(expr), len + (size_t)wrote, repl) : 0;
		if (with && (rc = fts_exists(c, &held, expr)))
			return rc;
		expr[len] = '\0';
		if (with && !held) {
			*out = 1;
			return CL_OK;
		}
	}
	return CL_OK;
}

static int parse_query(ctx *c, query *q, char **w, size_t *wl, int nw)
{
	char phrase[3 * (CL_SEARCH_WORD_MAX + 1)];
	char fixed[MAX_QUERY_WORDS][CL_SEARCH_WORD_MAX + 1];
	char joined[MAX_QUERY_WORDS][CL_SEARCH_WORD_MAX + 1];
	char pieces[MAX_QUERY_WORDS][CL_SEARCH_WORD_MAX + 1];
	int guessed[MAX_QUERY_WORDS] = {0};
	int rc = split_compounds(c, &nw, pieces, w, wl, &q->with_at);
	if (rc || (rc = correct_words(c, fixed, w, wl, guessed, nw)) ||
	    (rc = join_compounds(c, &nw, joined, w, wl, guessed, &q->with_at)))
		return rc;
	q->nwords = nw;
	for (int i = 0; i < nw;) {
		int used = 0, neg = -1, groups_before = q->n;
		if ((rc = negated_word(c, &neg, w + i, wl + i, nw - i)))
			return rc;
		if (neg >= 0 && q->n < (int)(sizeof(q->g) / sizeof(q->g[0]))) {
			add_negation(q, w[i + neg], wl[i + neg], neg == 0);
			q->g[q->n - 1].word = i;
			q->nread += 2;
			i += 2;
			continue;
		}
		for (int span = nw - i < 3 ? nw - i : 3; span >= 1 && !used; span--) {
			/* words on both sides of "for" were not written
			 * together: only a synonym that reads what follows as
			 * no part of the food spans them ("oil for frying" ->
			 * oil), not one naming it ("buttermilk for pancakes" is
			 * no "buttermilk pancakes").  After "with" a synonym
			 * naming what follows is the dish ("mac with cheese":
			 * macaroni and cheese). */
			int crosses = q->with_for && q->with_at > i && i + span > q->with_at;
			size_t len = 0;
			for (int k = 0; k < span; k++) {
				/* Words can be longer than the phrase has room for: stop at
				 * the end instead of stepping past it (found by fuzz_intake). */
				int n = snprintf(phrase + len, sizeof(phrase) - len, "%s%.*s",
						 k ? " " : "", (int)wl[i + k], w[i + k]);
				if (n < 0 || (size_t)n >= sizeof(phrase) - len) {
					len = sizeof(phrase) - 1;
					break;
				}
				len += (size_t)n;
			}
			/* a describing phrase ("no salt", "fried") first: it
			 * replaces any synonym of the same words */
			sqlite3_bind_text(c->desc, 1, phrase, -1, SQLITE_STATIC);
			int dstep = crosses ? SQLITE_DONE : sqlite3_step(c->desc);
			/* a use or shape phrase that is the whole query names no
			 * food it describes: read as written ("pizza toppings"
			 * are pizzas, "sandwich filling" no pie filling) */
			if (dstep == SQLITE_ROW && span == nw && span >= 2 &&
			    ((const char *)sqlite3_column_text(c->desc, 0))[0] == 'p')
				dstep = SQLITE_DONE;
			/* nor one that starts the query, before any food it
			 * could describe, when a synonym row reads the phrase
			 * as a food itself ("dried fruit snack", "dried fruit
			 * mix": SR's mixed dried fruit, while "prunes dried
			 * fruit" are prunes); "cold pressed", no food, still
			 * describes the oil after it */
			if (dstep == SQLITE_ROW && i == 0 && span >= 2 &&
			    ((const char *)sqlite3_column_text(c->desc, 0))[0] == 'p') {
				int food = 0;
				if ((rc = is_synonym(c, &food, phrase))) {
					sqlite3_reset(c->desc);
					return rc;
				}
				if (food)
					dstep = SQLITE_DONE;
			}
			if (dstep == SQLITE_ROW) {
				int from = q->n;
				add_desc(q, (const char *)sqlite3_column_text(c->desc, 0),
					 (const char *)sqlite3_column_text(c->desc, 1));
				for (int k = from; k < q->n; k++)
					q->g[k].word = i;
				used = span;
			}
			sqlite3_reset(c->desc);
			if (dstep != SQLITE_ROW && dstep != SQLITE_DONE)
				return db_error(c->db);
			if (used)
				break;
			sqlite3_bind_text(c->syn, 1, phrase, -1, SQLITE_STATIC);
			int step = sqlite3_step(c->syn);
			/* a phrase's plural ("hot dogs", "soft drinks") is the phrase */
			if (step == SQLITE_DONE && span >= 2 && len > 3 && phrase[len - 1] == 's' &&
			    phrase[len - 2] != 's') {
				sqlite3_reset(c->syn);
				phrase[len - 1] = '\0';
				sqlite3_bind_text(c->syn, 1, phrase, -1, SQLITE_STATIC);
				step = sqlite3_step(c->syn);
			}
			if (step == SQLITE_ROW && crosses &&
			    repl_says((const char *)sqlite3_column_text(c->syn, 0), w + q->with_at,
				      wl + q->with_at, i + span - q->with_at))
				step = SQLITE_DONE;
			if (step == SQLITE_ROW && span >= 2 && i > 0 &&
			    !repl_says((const char *)sqlite3_column_text(c->syn, 0), w + i, wl + i, 1)) {
				int inside = 0;
				if ((rc = names_pair(c, &inside, w[i - 1], wl[i - 1], w[i], wl[i]))) {
					sqlite3_reset(c->syn);
					return rc;
				}
				if (inside)
					step = SQLITE_DONE;
			}
			if (step == SQLITE_ROW && span >= 2) {
				int branded = 0;
				if ((rc = brand_phrase(c, &branded, w, wl, nw, i, span,
							 (const char *)sqlite3_column_text(c->syn, 0)))) {
					sqlite3_reset(c->syn);
					return rc;
				}
				if (branded)
					step = SQLITE_DONE;
			}
			if (step == SQLITE_ROW) {
				int line = 0;
				if ((rc = names_own_line(c, &line, w, wl, nw, q->with_at, i, span,
							 (const char *)sqlite3_column_text(c->syn, 0)))) {
					sqlite3_reset(c->syn);
					return rc;
				}
				if (line)
					step = SQLITE_DONE;
			}
			if (step == SQLITE_ROW) {
				int from = q->n;
				add_repl(q, (const char *)sqlite3_column_text(c->syn, 0));
				for (int k = from; k < q->n; k++) {
					q->g[k].word = i;
					q->g[k].guessed = guessed[i];
				}
				used = span;
			}
			sqlite3_reset(c->syn);
			if (step != SQLITE_ROW && step != SQLITE_DONE)
				return db_error(c->db);
		}
		if (!used && q->n >= (int)(sizeof(q->g) / sizeof(q->g[0]))) {
			/* synonyms of several words each filled the groups: this
			 * word goes unread (nread says so) rather than past the end */
			used = 1;
		} else if (!used) {
			group *g = &q->g[q->n++];
			memset(g, 0, sizeof(*g));
			g->word = i;
			g->guessed = guessed[i];
			g->nalt = 1;
			set_alt(&g->alts[0], w[i], wl[i]);
			used = 1;
		}
		if (q->n > groups_before)
			q->nread += used;
		i += used;
	}
	/* A word said twice, once through a synonym ("porridge oats" -> oats
	 * oats, "jello dessert" -> gelatin dessert|desserts dessert), is one
	 * word: the second would ask for a word no name repeats. */
	for (int i = 1; i < q->n; i++)
		for (int j = 0; j < i; j++) {
			int same = q->g[j].nalt == q->g[i].nalt && (q->g[i].synonym || q->g[j].synonym);
			for (int k = 0; k < q->g[i].nalt && same; k++)
				same = strcmp(q->g[j].alts[k].text, q->g[i].alts[k].text) == 0;
			if (!same && q->g[i].synonym != q->g[j].synonym)
				same = said_again(&q->g[q->g[i].synonym ? j : i],
						  &q->g[q->g[i].synonym ? i : j]);
			if (!same)
				continue;
			for (int k = 0; k < q->g[i].nalt; k++)
				free(q->g[i].alts[k].completions);
			/* a synonym said first and its words typed after it ("nutella
			 * chocolate hazelnut spread"): the word stands where it was
			 * typed, so "spread", not "chocolate", stays the last word */
			int at = i;
			if (q->g[j].synonym && !q->g[i].synonym) {
				q->g[i] = q->g[j];
				q->g[i].retyped = 1;
				at = j;
			}
			memmove(&q->g[at], &q->g[at + 1], (size_t)(q->n - at - 1) * sizeof(q->g[0]));
			q->n--;
			i--;
			break;
		}
	for (int i = 0; i < q->n; i++) {
		group *g = &q->g[i];
		for (int k = 0; k < g->nalt; k++) {
			rc = resolve(c, &g->alts[k]);
			if (rc)
				return rc;
			/* an SR wording is searched as written, never as a guess */
			if (g->desc && (g->alts[k].guessed || g->alts[k].prefix))
				g->alts[k].live = g->alts[k].guessed = 0;
			g->live |= g->alts[k].live;
			g->guessed |= g->alts[k].guessed;
			if (strcmp(g->alts[k].text, "baby") == 0 && i + 1 < q->n &&
			    !in_list(baby_food_words, q->g[i + 1].alts[0].text))
				g->young = 1;
			else if (in_list(baby_words, g->alts[k].text))
				q->wants_baby = 1;
			if (strcmp(g->alts[k].text, "fast") == 0)
				q->wants_fast = 1;
			if (strcmp(g->alts[k].text, "restaurant") == 0)
				q->wants_restaurant = 1;
			if (strcmp(g->alts[k].text, "without") == 0)
				q->wants_without = 1;
			if (g->live && strcmp(g->alts[k].stem, "raw") == 0)
				q->wants_raw = 1;
			if (g->live && strcmp(g->alts[k].stem, "fresh") == 0)
				q->wants_fresh = 1;
			/* the word as written (a synonym's first wording): "grilled
			 * chicken breast" is not the raw breast */
			if (g->live && k == 0 && in_list(not_raw_words, g->alts[k].stem))
				q->wants_cooked = 1;
			if (g->live && strcmp(g->alts[k].stem, "homemade") == 0)
				q->wants_home = 1;
			/* as typed, live or not: SR names few packages */
			if (k == 0 && in_list(package_words, g->alts[k].text))
				q->wants_bought = 1;
		}
	}
	/* Unknown words dropped must not leave only a particle behind: "café au
	 * lait" (no café, no lait in the index) is not a search for "au". */
	int dead = 0, long_live = 0;
	for (int i = 0; i < q->n; i++) {
		if (!q->g[i].live) {
			dead++;
			continue;
		}
		for (int k = 0; k < q->g[i].nalt; k++)
			if (q->g[i].alts[k].live && strlen(q->g[i].alts[k].text) >= 3) {
				long_live++;
				break;
			}
	}
	if (dead && !long_live)
		for (int i = 0; i < q->n; i++)
			q->g[i].live = 0;
	/* "raw spinach", "cooked lentils": a preparation word ranks foods that say
	 * it first, but does not exclude those that do not ("Nuts, almonds" is raw). */
	int required = 0;
	for (int i = 0; i < q->n; i++) {
		group *g = &q->g[i];
		g->optional = g->live;
		for (int k = 0; k < g->nalt && g->optional; k++) {
			char kind = cl_search_word_kind(g->alts[k].stem, "", "");
			g->optional = !g->alts[k].prefix &&
				      (kind == CL_SK_PLAIN || kind == CL_SK_PREP ||
				       in_list(portion_words, g->alts[k].stem) ||
				       in_list(texture_words, g->alts[k].stem) ||
				       in_list(state_words, g->alts[k].stem));
		}
		/* "steak" -> steak|loin|rib...: a cut, by the word written
		 * ("tuna steak" is tuna); a young "baby" spinach is spinach */
		if (g->live && !g->alts[0].prefix &&
		    ((g->synonym && in_list(portion_words, g->alts[0].stem)) || g->young))
			g->optional = 1;
		/* "tea with milk", "sardines in tomato sauce": what comes with the
		 * food is asked for, not required; so is what it is for
		 * ("buttermilk for pancakes", "cream for coffee") */
		if (g->live && q->with_at > 0 && g->word >= q->with_at)
			g->optional = 1;
		/* "no X" is found by its wordings, whether or not one is a word */
		if (g->desc == 'n')
			g->live = 1;
		/* a describing phrase describes the food the other words name;
		 * a cooking method is required, as any of its class, so the
		 * candidates are the food's cooked forms ("onions fried" is
		 * never raw onions), but it never names the food */
		if (g->desc)
			g->optional = g->desc != 'm' && g->live;
		required += g->live && !g->optional;
	}
	q->noun = -1;
	int noun_before_with = -1, noun_number = 0;
	for (int i = 0; i < q->n; i++) {
		if (required == 0)
			q->g[i].optional = 0; /* "raw" alone is what it says */
		/* a count ("hot choc 1", "mac and cheese 2") names no food: it
		 * takes the noun only from none, as a describing word does, so a
		 * food named by a synonym's several words (which cannot take the
		 * noun back below) keeps it.  A grade ("70%", "80/20") is left
		 * to the rule below. */
		const char *t = q->g[i].alts[0].text;
		int number = isdigit((unsigned char)t[0]) && t[strspn(t, "0123456789")] == '\0';
		if (q->g[i].live && !q->g[i].optional &&
		    (!q->g[i].desc || q->noun < 0) && (!number || q->noun < 0 || noun_number)) {
			q->noun = i;
			noun_number = number && !q->g[i].desc;
			if (q->g[i].word < q->with_at)
				noun_before_with = i;
		}
	}
	/* "tea with milk", "bagel with cream cheese": what comes with the food
	 * does not name it */
	if (noun_before_with >= 0)
		q->noun = noun_before_with;
	/* Two words written as SR writes them, noun first ("tomatoes cherry",
	 * "eggs scrambled"): a plural then a singular says the plural is the
	 * noun, as nobody writes "tomatoes" to describe cherries. */
	int first = -1, second = -1, kept = 0;
	for (int i = 0; i < q->n; i++)
		if (q->g[i].live && !q->g[i].optional && !q->g[i].desc) {
			kept++;
			if (first < 0)
				first = i;
			else
				second = i;
		}
	int by_order = 0;
	if (kept == 2 && q->g[first].nalt == 1 && q->g[second].nalt == 1 &&
	    !q->g[first].synonym && !q->g[second].synonym) {
		const alt *a = &q->g[first].alts[0], *b = &q->g[second].alts[0];
		size_t al = strlen(a->text), bl = strlen(b->text);
		if (!a->prefix && !b->prefix && al > 3 && a->text[al - 1] == 's' &&
		    a->stemlen < al && b->stemlen == bl && b->text[bl - 1] != 's') {
			q->noun = first;
			by_order = 1;
		}
	}
	for (int i = 0; i < q->n; i++)
		if (q->g[i].live && (rc = word_stat(c, &q->g[i])))
			return rc;
	for (int i = 0; i < q->n; i++)
		if (baby_only_word(&q->g[i]))
			q->wants_baby = 1;
	by_order |= kind_chosen(q);
	/* "lemon fruit", "cod fish": a class word after a food says what kind
	 * of food it is, as SR's "Fruit, ..." and "Fish, ..." heads do; the
	 * food word names it, and the class word is only asked for (a Danish
	 * pastry listing "(includes ... lemon ...)" and "fruit" is not a lemon). */
	if (q->noun >= 0 && q->g[q->noun].nalt == 1 && !q->g[q->noun].synonym &&
	    !q->g[q->noun].alts[0].prefix && in_list(class_words, q->g[q->noun].alts[0].stem)) {
		int other = -1;
		for (int i = 0; i < q->noun; i++)
			if (may_name(q, i) && !q->g[i].alts[0].prefix &&
			    cl_search_word_kind(q->g[i].alts[0].stem, "", "") == 0)
				other = i;
		if (other >= 0) {
			q->g[q->noun].optional = 1;
			q->noun = other;
			by_order = 1; /* settled: not moved again by how SR uses the words */
		}
	}
	/* The noun is what the words are in SR, not where they stand: people
	 * write "coffee black", "sugar white", "flax seeds ground" food first.
	 * A last word that seldom names a food in SR (a colour, a texture, a
	 * preparation) gives the noun to a word that names foods several times
	 * as often; one that names none ("yellow": 68 names, never the food)
	 * to any word naming a few, though SR files most of that word's names
	 * under other foods ("banana": 2 of 56, the rest breads, babyfoods). */
	/* "beef taco", "cheese quesadilla": a dish SR names only as fast food
	 * (data/search_dishes.tsv) as the noun asks for the fast food, and the
	 * dish is the food, however seldom its word heads an SR name; as a
	 * modifier ("taco shells", "enchilada sauce") it changes nothing; nor
	 * when another word names a food no name holds with the dish ("fish
	 * tacos", "shrimp tacos": SR has no such taco, and the fish is the
	 * food asked, not another meat's taco) */
	if (q->noun >= 0 && !q->g[q->noun].alts[0].prefix) {
		int dish = 0;
		if ((rc = finds_row(c, c->dish, &dish, q->g[q->noun].alts[0].stem)))
			return rc;
		for (int i = 0; i < q->n && dish; i++) {
			int both = 1;
			if (i != q->noun && may_name(q, i) && !q->g[i].alts[0].prefix &&
			    cl_search_word_kind(q->g[i].alts[0].stem, "", "") == 0 &&
			    (rc = fts_both(c, &both, q->g[q->noun].alts[0].text,
					   q->g[i].alts[0].text)))
				return rc;
			dish = both;
		}
		if (dish) {
			q->wants_fast = q->fast_dish = 1;
			by_order = 1;
		}
	}
	int noun_alone = q->noun >= 0;
	for (int j = 0; j < q->n && noun_alone; j++)
		noun_alone = j == q->noun || q->g[j].word != q->g[q->noun].word;
	if (noun_alone && noun_before_with < 0 && !by_order) {
		double hn = head_share(q, q->noun), hb = -1;
		int best = -1;
		for (int i = 0; i < q->n; i++)
			if (i != q->noun && may_name(q, i) && head_share(q, i) >= hb) {
				hb = head_share(q, i);
				best = i;
			}
		/* a number ("dark chocolate 70%") names no food however rare */
		int number = isdigit((unsigned char)q->g[q->noun].alts[0].text[0]);
		/* nor does a colour, however many names it heads */
		int colour = q->g[q->noun].nalt == 1 && !q->g[q->noun].synonym &&
			     in_list(colour_words, q->g[q->noun].alts[0].text);
		if (best >= 0 && colour && q->g[best].heads > 0 &&
		    !in_list(colour_words, q->g[best].alts[0].text))
			q->noun = best;
		else if (hn >= 0 && hn < W.describes && (q->g[q->noun].df >= W.describes_df || number) &&
			 best >= 0 && (hb >= W.names_min || (hn == 0 && q->g[best].heads >= 2)) &&
			 hb >= W.names_ratio * hn)
			q->noun = best;
	}
	return CL_OK;
}


/* The alternatives of group g in use: a cooking method's class only once
 * the method as written has failed. */
static int group_alts(const query *q, const group *g)
{
	return g->desc == 'm' && q->narrow && g->nalt > 1 ? 1 : g->nalt;
}

/* The FTS5 expression: every live group (joiner " AND ") or any (" OR "),
 * or group `only` alone (-1: all).  A word that only describes ("cooked",
 * "sliced") is never asked for: foods that have only it are not candidates. */
static int build_match(char **out, const query *q, const char *joiner, int only)
{
	size_t cap = 64, len = 0;
	for (int i = 0; i < q->n; i++)
		cap += (size_t)q->g[i].nalt * MAX_COMPLETIONS * (CL_SEARCH_WORD_MAX + 8) + 16;
	char *m = malloc(cap);
	if (!m)
		return cl_error_oom();
	int groups = 0;
	char term[CL_SEARCH_WORD_MAX + 1];
	/* Foods holding any word: a cooking method brings in no foods of its
	 * own while a food word is asked ("grilled romaine" is romaine, not
	 * broiled pork): a food SR has in no form of the method is read in its
	 * own form. */
	int food_words = 0;
	for (int i = 0; i < q->n; i++)
		food_words += q->g[i].live && !q->g[i].optional && q->g[i].desc != 'm';
	bool any_food = strcmp(joiner, " OR ") == 0 && only < 0 && food_words > 0;
	for (int i = 0; i < q->n; i++) {
		const group *g = &q->g[i];
		if (!g->live || g->optional || (only >= 0 && i != only) || (any_food && g->desc == 'm'))
			continue;
		int nalt = group_alts(q, g), any_live = 0; /* "no sugar" alone has no one-word wording */
		for (int k = 0; k < nalt; k++)
			any_live |= g->alts[k].live;
		if (!any_live)
			continue;
		len += (size_t)snprintf(m + len, cap - len, "%s(", groups++ ? joiner : "");
		int alts = 0;
		for (int k = 0; k < nalt; k++) {
			const alt *a = &g->alts[k];
			if (!a->live)
				continue;
			if (a->prefix)
				len += (size_t)snprintf(m + len, cap - len, "%s%s", alts++ ? " OR " : "",
							a->completions);
			else
				len += (size_t)snprintf(m + len, cap - len, "%s\"%s\"",
							alts++ ? " OR " : "", fts_term(term, a->text));
		}
		len += (size_t)snprintf(m + len, cap - len, ")");
	}
	m[len] = '\0';
	*out = m;
	return CL_OK;
}

/* ---- scoring ------------------------------------------------------------- */

typedef struct {
	const char *s;
	size_t len;
	int seg;
	int brand, paren;
	char kind; /* CL_SK_* from the index, or 0 */
	int used;
	int without; /* after_without(): known once the name is cut, not asked per query word */
	int next_letter; /* the next word whose first letter is this one's (see letter_at), or -1 */
	/* in cooked_words / cooked_plain_words, when known (NWORD_LISTED):
	 * a held document's kept cut says once what score_doc asked per score */
	unsigned char lists;
} nword;

#define NWORD_LISTED 1
#define NWORD_COOKED 2
#define NWORD_COOKED_PLAIN 4

/* The first word of a name starting with each letter (a-z, then one place
 * for any other character), or -1: with nword's next_letter, score_doc
 * compares a query word only with the name words of its first letter,
 * in the name's order, instead of with every word. */
typedef struct {
	signed char first[27];
} letter_at;

static int letter_place(char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

static int is_kind(char c)
{
	return c == CL_SK_NEUTRAL || c == CL_SK_PROCESSED || c == CL_SK_WITH_SALT ||
	       c == CL_SK_PLAIN || c == CL_SK_PREP || c == CL_SK_IMITATION || c == CL_SK_PRODUCT;
}

/* Cuts the stored segs string into words (hot: runs for every candidate)
 * and links the words of each first letter (*at, next_letter). */
static int parse_segs(nword *nw, const char *segs, letter_at *at)
{
	int n = 0, seg = 0, last_without = -1;
	signed char last[27];
	memset(at->first, -1, sizeof(at->first));
	memset(last, -1, sizeof(last));
	for (const char *p = segs; *p && n < MAX_NAME_WORDS;) {
		if (*p == ',' || *p == ' ') {
			seg += *p == ',';
			p++;
			continue;
		}
		nword *w = &nw[n++];
		w->brand = *p == '!';
		w->paren = *p == '(';
		p += w->brand || w->paren;
		w->kind = is_kind(*p) ? *p++ : 0;
		w->s = p;
		while (*p && *p != ' ' && *p != ',')
			p++;
		w->len = (size_t)(p - w->s);
		w->seg = seg;
		w->used = 0;
		w->lists = 0;
		int place = letter_place(w->s[0]);
		w->next_letter = -1;
		if (last[place] < 0)
			at->first[place] = (signed char)(n - 1);
		else
			nw[last[place]].next_letter = n - 1;
		last[place] = (signed char)(n - 1);
		/* one of the two words before it in its segment is "without":
		 * the last "without" seen is the only one that can be */
		w->without = last_without >= 0 && last_without >= n - 3 && nw[last_without].seg == seg;
		if (w->len == 7 && memcmp(w->s, "without", 7) == 0)
			last_without = n - 1;
	}
	return n;
}

/* A held document's name as parse_segs cut it, kept in the document's slot
 * (cl_search_docs_note) by the first search that scored it. */
typedef struct {
	letter_at at;
	int n;
	nword w[];
} kept_words;

/* Cuts segs into nw, as parse_segs does, or for a held document (note not
 * NULL) copies the cut kept in its slot, keeping it there the first time:
 * cutting was a fifth of scoring, and a handle that holds its documents
 * scores each of them again and again.  The kept cut also says which of
 * its words are in cooked_words and cooked_plain_words, which score_doc
 * otherwise asks for every score of a food eaten cooked (q: the lists'
 * sketches).  Without memory to keep it the name is simply cut each time. */
static int name_words(const query *q, nword *nw, const char *segs, void **note, letter_at *at)
{
	const kept_words *kept = note ? *note : NULL;
	if (kept) {
		memcpy(nw, kept->w, (size_t)kept->n * sizeof(*nw));
		*at = kept->at;
		return kept->n;
	}
	int n = parse_segs(nw, segs, at);
	kept_words *keep = note ? malloc(sizeof(*keep) + (size_t)n * sizeof(*nw)) : NULL;
	if (keep) {
		for (int j = 0; j < n; j++)
			nw[j].lists = NWORD_LISTED |
				      (in_list_sketched(cooked_words, &q->cooked_words, nw[j].s,
							nw[j].len)
					       ? NWORD_COOKED
					       : 0) |
				      (in_list_sketched(cooked_plain_words, &q->cooked_plain_words,
							nw[j].s, nw[j].len)
					       ? NWORD_COOKED_PLAIN
					       : 0);
		keep->at = *at;
		keep->n = n;
		memcpy(keep->w, nw, (size_t)n * sizeof(*nw));
		*note = keep;
	}
	return n;
}

/* Endings that make another form of a word, not another word ("roast"
 * roasted, "sweet" sweetened, "chop" chopped), or finish a word typed short
 * of its last letters ("appl" apple, "butte" butter: FTS5's stemmer finds
 * them, so they are read whole). */
static const char *const inflections[] = {"s",  "es",  "d",   "ed", "er",  "ers", "ing", "y",
					  "ey", "ies", "en", "ened", "n", "r", "e", NULL};

/* Is name word w, which alternative a starts, another word than a's, not a
 * form of it: a typed word's letters then more letters, no ending
 * ("grape" in "grapefruit", "pea" in "peanut", "cheese" in "cheesecake")?
 * A prefix typed ("banan") stands for any word it starts. */
static int another_word(const alt *a, const nword *w)
{
	if (a->prefix || w->len <= a->stemlen)
		return 0;
	const char *rest = w->s + a->stemlen;
	size_t len = w->len - a->stemlen;
	if (!isalpha((unsigned char)rest[0]))
		return 0; /* "80" is "80%" */
	if (len > 1 && rest[0] == a->stem[a->stemlen - 1])
		rest++, len--; /* a doubled last letter ("chopped", "canned") */
	return !in_list_n(inflections, rest, len);
}

/* How well alternative a matches name word w: 1 exact, W.prefix, or 0.
 * Inline: score_doc asks it for every query word against every name word. */
static inline double match(const alt *a, const nword *w)
{
	if (w->len < a->stemlen || w->s[0] != a->stem[0])
		return 0.0;
	if (w->len == a->stemlen && memcmp(w->s, a->stem, a->stemlen) == 0)
		return 1.0;
	if (w->len > a->stemlen && a->stemlen >= 2 && memcmp(w->s, a->stem, a->stemlen) == 0)
		return W.prefix;
	return 0.0;
}

/* Is a food of this class one the query did not ask for (branded, baby,
 * fast or restaurant food)? */
static int unasked_class(const query *q, int flags)
{
	return ((flags & CL_SF_BABY) && !q->wants_baby) ||
	       ((flags & CL_SF_FASTFOOD) && !q->wants_fast) ||
	       ((flags & CL_SF_RESTAURANT) && !q->wants_restaurant) || (flags & CL_SF_BRANDED);
}

/* Is name word j part of a brand: a brand word, or the word before one in
 * its segment ("TACO" of "TACO BELL", which folds as a product noun)? */
static int in_brand(const nword *nw, int n, int j)
{
	return nw[j].brand || (j + 1 < n && nw[j + 1].brand && nw[j + 1].seg == nw[j].seg);
}

/* Is name word j the last word of its segment (asides in parentheses and
 * neutral words aside), the noun of that segment? */
static int seg_noun(const nword *nw, int n, int j)
{
	for (int k = j + 1; k < n && nw[k].seg == nw[j].seg; k++)
		if (!nw[k].paren && nw[k].kind != CL_SK_NEUTRAL)
			return 0;
	return 1;
}

/* Is name word j in a "without ..." phrase of its segment ("without salt",
 * "without added salt")?  parse_segs finds out once per name word: score_doc
 * asks it of every word for every query word, and the scan of the words
 * before it there was 7% of a heavy search's instructions. */
static inline int after_without(const nword *nw, int j)
{
	return nw[j].without;
}

/* Finds the first of a "no X" group's SR wordings (stemmed, '|' between
 * them) that the name holds as consecutive unused words; marks them used,
 * sets *score and returns the first word's place, or -1. */
static int find_phrase(const char *phr, nword *nw, int n, double *score)
{
	int k = 0;
	for (const char *p = phr; *p; k++) {
		size_t plen = strcspn(p, "|");
		for (int j = 0; j < n && plen; j++) {
			const char *w = p;
			int at = j;
			while (at < n && w < p + plen && !nw[at].used) {
				size_t wl = strcspn(w, " |");
				if (wl != nw[at].len || memcmp(w, nw[at].s, wl) != 0)
					break;
				at++;
				w += wl;
				if (w < p + plen && *w == ' ')
					w++;
			}
			if (w < p + plen)
				continue;
			for (int u = j; u < at; u++)
				nw[u].used = 1;
			*score = W.tail + k * W.desc_later;
			return j;
		}
		p += plen;
		if (*p == '|')
			p++;
	}
	return -1;
}

/* Does the name hold the "un-" twin of a one-word wording of phr (the
 * wanted concept, stemmed, "|"-separated): "unsalted" where "salted" is
 * asked for?  That name says the concept's opposite. */
static int says_opposite(const char *phr, const nword *nw, int n)
{
	for (int j = 0; j < n; j++) {
		if (nw[j].len < 4 || nw[j].s[0] != 'u' || nw[j].s[1] != 'n')
			continue;
		for (const char *p = phr; *p;) {
			size_t plen = strcspn(p, "|");
			if (plen == nw[j].len - 2 && !memchr(p, ' ', plen) &&
			    memcmp(p, nw[j].s + 2, plen) == 0)
				return 1;
			p += plen;
			if (*p == '|')
				p++;
		}
	}
	return 0;
}

/* Does the name hold the stemmed word x outside a "without ..." phrase? */
static int says_unwanted(const char *x, const nword *nw, int n)
{
	size_t len = strlen(x);
	for (int j = 0; j < n; j++)
		if (nw[j].len == len && memcmp(nw[j].s, x, len) == 0 && !after_without(nw, j))
			return 1;
	return 0;
}

/* "lean beef mince": every ground meat SR has says "N% lean meat / M% fat",
 * so the word alone matched the fattiest as well as the leanest; the leaner
 * the name says it is, the more it is what "lean" asks for (70% lean, the
 * fattiest SR sells, gets nothing). */
static double leaner(const query *q, const nword *nw, const int *g_at)
{
	for (int i = 0; i < q->n; i++) {
		int j = g_at[i];
		if (j < 1 || nw[j].len != 4 || memcmp(nw[j].s, "lean", 4) != 0 ||
		    nw[j - 1].seg != nw[j].seg || nw[j - 1].len < 2 || nw[j - 1].len > 4 ||
		    nw[j - 1].s[nw[j - 1].len - 1] != '%')
			continue;
		int pct = 0;
		for (size_t k = 0; k + 1 < nw[j - 1].len; k++) {
			if (!isdigit((unsigned char)nw[j - 1].s[k]))
				return 0.0;
			pct = pct * 10 + (nw[j - 1].s[k] - '0');
		}
		return pct > 70 && pct <= 100 ? W.leaner * (pct - 70) / 25.0 : 0.0;
	}
	return 0.0;
}

/* Whether the usual variety a name is flagged as should outrank every other
 * variety of the food: the row's details ("canned in water", "dry or hard",
 * "composite of retail cuts") are what the bare word means, yet they cost as
 * unasked details and processed or cooked forms would, so the usual bonus
 * alone lost to a shorter or fresher name ("tuna", "salami", "wine").  The
 * query must be read whole (every word it has became a group found in the
 * index: a word dropped or unknown, "albacore tuna", may name the variety)
 * and say nothing about state or form (no "raw", "cooked", "fresh",
 * "frozen": then the ordinary weights choose); its noun must be the word
 * itself, not a synonym's stand-in ("steak" reaching "loin"), and name the
 * food, not describe it ("Noodles, egg" are not the usual egg: past the
 * first segment only under a class such as "Fish") nor be that class
 * ("candies" is no fudge); no query word may lie past the noun's
 * segment; and the segment naming the food must hold no word the query
 * lacks ("Snacks, rice cakes" is the usual rice cake, not
 * the usual cake).  Where the query's noun heads usual rows of several
 * varieties ("pork": bacon, sausage, loin chops) the data names no one
 * usual food for it, and cl_food_search takes the bonus back
 * (usual_agree).  Every query word was found (the caller's "missed"), so
 * none of them contradicts the row. */
static int usual_unopposed(const query *q, const nword *nw, int n, int flags, const int *g_at,
			   int noun_alt)
{
	if (q->noun < 0 || g_at[q->noun] < 0 || noun_alt != 0)
		return 0;
	/* "albacore tuna": a synonym ("tuna fish") stood for the word before
	 * the noun typed, which named a variety */
	if (q->g[q->noun].retyped)
		return 0;
	if (q->nread < q->nwords)
		return 0; /* the groups ran out: a word was not read */
	/* an optional word found as the name's class ("tuna fish": "Fish,
	 * tuna") says what the food is, not its state or form */
	for (int i = 0; i < q->n; i++)
		if (!q->g[i].live ||
		    (q->g[i].optional &&
		     !(g_at[i] >= 0 && nw[g_at[i]].seg == 0 && (flags & CL_SF_CLASS))) ||
		    (g_at[i] >= 0 && (nw[g_at[i]].kind == CL_SK_PROCESSED ||
				      nw[g_at[i]].kind == CL_SK_PLAIN || nw[g_at[i]].kind == CL_SK_PREP)))
			return 0;
	/* the food's own word, under a class ("Fish, tuna") or heading the
	 * name ("Salami"), never the class word itself ("candies", "sauce",
	 * "mollusks": the class's usual members are several foods) */
	int seg = nw[g_at[q->noun]].seg;
	if ((seg > 0) != ((flags & CL_SF_CLASS) != 0))
		return 0;
	/* a word found past the noun's segment picks a part or kind ("pork
	 * loin": the whole loin, not the usual pork chop) */
	for (int i = 0; i < q->n; i++)
		if (g_at[i] >= 0 && nw[g_at[i]].seg > seg)
			return 0;
	for (int j = 0; j < n; j++)
		if (nw[j].seg == seg && !nw[j].used && !nw[j].paren && nw[j].kind != CL_SK_NEUTRAL)
			return 0;
	return 1;
}

/* The variety a usual row names: a hash of its head path, down to the
 * query's noun at least ("Fish, tuna, light" for every "Fish, tuna, light,
 * canned in water, ..."), never 0, so that rows of one variety agree. */
static unsigned usual_variety(const nword *nw, int n, int food, const int *g_at, int noun)
{
	unsigned h = 2166136261u;
	int last = nw[g_at[noun]].seg > food ? nw[g_at[noun]].seg : food;
	for (int j = 0; j < n; j++)
		for (size_t k = 0; nw[j].seg <= last && k <= nw[j].len; k++) {
			h ^= k < nw[j].len ? (unsigned char)nw[j].s[k] : ' ';
			h *= 16777619u;
		}
	return h | 1u;
}

/* *named: the query's noun is the food's noun (or a category word of it);
 * *contra: the name says a state the query rules out ("raw": cooked);
 * *made: a soup or sauce named after the query's noun (see made_from),
 * scored as such only when demote is set;
 * *variety: for a usual row earning the bare word's bonus, its variety (see
 * usual_variety), else 0. */
/* "home" or "recipe", or for a drink "raw": what a packaged food is not. */
static int says_home_or_raw(const nword *w, int drink)
{
	return (drink && w->len == 3 && memcmp(w->s, "raw", 3) == 0) ||
	       (w->len == 4 && memcmp(w->s, "home", 4) == 0) ||
	       (w->len == 6 && memcmp(w->s, "recipe", 6) == 0);
}

/* Whether a packaged query asks for a drink: its noun, or a word of the
 * name outside parentheses ("Orange juice, raw"), is a drink's noun. */
static int bought_drink(const query *q, const nword *nw, int n)
{
	if (q->noun >= 0)
		for (int k = 0; k < q->g[q->noun].nalt; k++)
			if (in_list(drink_words, q->g[q->noun].alts[k].stem))
				return 1;
	for (int j = 0; j < n; j++)
		if (!nw[j].paren && in_list_n(drink_words, nw[j].s, nw[j].len))
			return 1;
	return 0;
}

/* Whether name word j is a part the query asks the food to come with
 * ("chicken with skin", "turkey with skin") that the name has alone
 * ("Chicken, broilers or fryers, skin only, ..."): the food with its skin is
 * not its skin, so the word does not match there ("meat and skin", "with
 * skin" still do).  Not when the query says "only" itself ("chicken breast
 * with meat only"): it asks for the part alone. */
static int part_alone(const query *q, const group *g, const nword *nw, int n, int j)
{
	return q->with_at > 0 && !q->says_only && g->word >= q->with_at && j + 1 < n && nw[j + 1].seg == nw[j].seg &&
	       nw[j + 1].len == 4 && memcmp(nw[j + 1].s, "only", 4) == 0;
}

/* Whether the folded query says the food was made up from a form sold to be
 * ("made from concentrate", "from a mix"): "from" and, after it, one of
 * made_up_sources as typed.  Read from the whole text, since "from" is a
 * stop word the split drops. */
static int made_up_query(const char *folded)
{
	int from = 0, since_negation = 3;
	for (const char *p = folded; *p;) {
		size_t len = strcspn(p, " ");
		if (from && len && in_list_n(made_up_sources, p, len))
			return 1;
		/* "not from concentrate", "not made from concentrate", "never
		 * from concentrate" is the juice never concentrated */
		from |= since_negation > 2 && len == 4 && memcmp(p, "from", 4) == 0;
		since_negation = in_list_n(negation_words, p, len) ? 1 : since_negation + 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* Words saying a boxed dish is wanted as sold, not made up. */
static const char *const as_sold_words[] = {"dry", "uncooked", "unprepared", "raw", "mix",
					    "powder", NULL};

/* Whether the query (its groups: a synonym's too, "kraft dinner" is
 * "macaroni cheese boxed") asks for a dish "boxed" and not as sold ("dry",
 * "uncooked", "mix"): a boxed dinner named is the dish made up, as "from the
 * box" is (SR: "Macaroni and cheese dinner with dry sauce mix, boxed,
 * prepared ..." beside "..., boxed, uncooked"). */
static int boxed_made_up(const query *q)
{
	int boxed = 0;
	for (int i = 0; i < q->n; i++)
		for (int k = 0; k < q->g[i].nalt; k++) {
			const char *t = q->g[i].alts[k].text;
			if (in_list(as_sold_words, t))
				return 0;
			boxed |= strcmp(t, "boxed") == 0;
		}
	return boxed;
}

/* Whether a name says the food was made up from a form sold to be:
 * "diluted" or "reconstituted", or "prepared" where the name also holds
 * the form it was made up from ("Cocoa mix, powder, prepared with water",
 * "Lemonade, frozen concentrate, prepared").  Alone, "prepared" says no
 * more than ready to eat ("Gravy, meat or poultry, low sodium, prepared"),
 * and "commercially prepared" is bought ready, "prepared from recipe" made
 * from scratch.  Not "undiluted" (which the index keeps as its own word). */
static int says_made_up(const nword *nw, int n)
{
	int prepared = 0, source = 0;
	for (int j = 0; j < n; j++) {
		if (nw[j].paren)
			continue;
		if (in_list_n(made_up_sources, nw[j].s, nw[j].len) ||
		    (nw[j].len == 3 && memcmp(nw[j].s, "dry", 3) == 0))
			source = 1;
		if (!in_list_n(made_up_words, nw[j].s, nw[j].len))
			continue;
		if (nw[j].len != 8 || memcmp(nw[j].s, "prepared", 8) != 0)
			return 1;
		prepared |= j == 0 || !in_list_n(bought_ready_words, nw[j - 1].s, nw[j - 1].len);
	}
	return prepared && source;
}

/* Is name word w in list (cooked_words or cooked_plain_words, whose
 * sketch is k and whose NWORD_ bit is bit)?  A kept cut knows already. */
static inline int in_cooked_list(const nword *w, const char *const *list, const list_sketch *k,
				 unsigned char bit)
{
	if (w->lists & NWORD_LISTED)
		return (w->lists & bit) != 0;
	return in_list_sketched(list, k, w->s, w->len);
}

/* "Lasagna with meat & sauce", "Pasta with tomato sauce": a dish named with
 * what it comes with is the dish, so the noun of a segment saying "X with
 * Y" is X's last word, not Y's.  "made with" and "prepared with" say how a
 * food was made ("Bread, ..., made with low fat milk"), not what it is.
 * Returns the noun's place (noun itself when the rule does not apply). */
static int dish_before_with(const nword *nw, int noun)
{
	if (noun < 1)
		return noun;
	int seg = nw[noun].seg, with = -1;
	for (int j = noun - 1; j > 0 && nw[j - 1].seg == seg; j--)
		if (nw[j].len == 4 && memcmp(nw[j].s, "with", 4) == 0 && !nw[j].paren)
			with = j;
	if (with < 1)
		return noun;
	const nword *before = &nw[with - 1];
	if ((before->len == 4 && memcmp(before->s, "made", 4) == 0) ||
	    (before->len == 8 && memcmp(before->s, "prepared", 8) == 0))
		return noun;
	for (int j = with - 1; j >= 0 && nw[j].seg == seg; j--)
		if (!nw[j].paren && !nw[j].brand && nw[j].kind != CL_SK_NEUTRAL)
			return j;
	return noun;
}

/* Where a cooking method's SR wordings reach "cooked", the general word:
 * those before it are the method's class ("fried|sauteed"), those after
 * other methods, nearest first (data/search_describe.tsv). */
static int cooked_at(const group *g)
{
	for (int k = 0; k < g->nalt; k++)
		if (strcmp(g->alts[k].stem, "cooked") == 0)
			return k;
	return g->nalt;
}

/* "Apples, raw, without skin, cooked, boiled": "raw" before a cooked word
 * says which food was cooked (the fresh one), not that it is raw. */
static int cooked_after(const query *q, const nword *nw, int n, int j)
{
	for (int k = j + 1; k < n; k++)
		if (!nw[k].paren && in_cooked_list(&nw[k], cooked_words, &q->cooked_words, NWORD_COOKED))
			return 1;
	return 0;
}

/* "USDA Commodity, spaghetti sauce, meatless", "Grapes, ..., seedless": a
 * name word that is a query word and "less" says the food lacks what the
 * query asks for ("meat sauce" is no meatless sauce, "chicken with skin" no
 * skinless chicken).  Compared on the query word's stem, so "seeds" meets
 * "seedless"; a stem of three letters at least ("unless" is no "un-"). */
static int lacks_asked(const query *q, const nword *nw, int n)
{
	for (int j = 0; j < n; j++) {
		if (nw[j].paren || nw[j].len < 3 + 4 ||
		    memcmp(nw[j].s + nw[j].len - 4, "less", 4) != 0)
			continue;
		size_t base = nw[j].len - 4;
		for (int i = 0; i < q->n; i++) {
			if (!q->g[i].live)
				continue;
			for (int k = 0; k < q->g[i].nalt; k++) {
				const alt *a = &q->g[i].alts[k];
				if (a->live && !a->prefix && a->stemlen == base &&
				    memcmp(a->stem, nw[j].s, base) == 0)
					return 1;
			}
		}
	}
	return 0;
}

/* Is name word j the start of a range of percentages holding pct ("75%"
 * in SR's "70-85% cacao solids", which the index writes "70% 85%")? */
static int in_percent_range(const nword *nw, int n, int j, int pct)
{
	if (j + 1 >= n || nw[j + 1].seg != nw[j].seg)
		return 0;
	int lo = 0, hi = 0;
	for (int k = 0; k < 2; k++) {
		const nword *w = &nw[j + k];
		int v = 0;
		if (w->len < 2 || w->len > 4 || w->s[w->len - 1] != '%')
			return 0;
		for (size_t i = 0; i + 1 < w->len; i++) {
			if (!isdigit((unsigned char)w->s[i]))
				return 0;
			v = v * 10 + w->s[i] - '0';
		}
		*(k ? &hi : &lo) = v;
	}
	return lo < pct && pct <= hi;
}

static double score_doc(const query *q, const char *segs, void **note, int nhead, int flags,
			int nmeasures, int nnutrients, int demote, int *named, int *contra_out,
			int *made, unsigned *variety, int *made_up)
{
	nword nw[MAX_NAME_WORDS];
	letter_at letters;
	int n = name_words(q, nw, segs, note, &letters), nseg = n ? nw[n - 1].seg + 1 : 0;
	int food = nhead - 1, noun = -1;
	/* only the name's segments: clearing all MAX_NAME_WORDS for every
	 * candidate cost more than the rest of this set-up */
	size_t nclear = (size_t)(nseg < MAX_NAME_WORDS ? nseg : MAX_NAME_WORDS);
	int seg_used[MAX_NAME_WORDS], seg_extra[MAX_NAME_WORDS];
	double s = 0;
	int brand_asked = 0, own = 0, lacks_plain = 0, missed = 0, noun_alt = -1;
	int missed_addition = 0, ncut = 0, nmethod = 0, unsaid = 0, method_said = 0;
	double cut_score = 0, method_score = 0;
	*variety = 0;
	int g_at[MAX_QUERY_WORDS * 2];
	double g_match[MAX_QUERY_WORDS * 2];

	memset(seg_used, 0, nclear * sizeof(*seg_used));
	memset(seg_extra, 0, nclear * sizeof(*seg_extra));
	/* "tacos": for a dish SR names only as fast food, "Fast foods, taco
	 * with beef, ..." is filed under "Fast foods" as "Fish, salmon" is
	 * under "Fish", and the heading the query did not type costs nothing */
	if (q->fast_dish && (flags & CL_SF_FASTFOOD) && nhead > 1)
		flags |= CL_SF_CLASS;

	/* The noun: under a class ("Fish, salmon") the food's own segment names
	 * the food; under a food that heads many names ("Bread, banana", "Cheese,
	 * cheddar") SR has inverted the words and the first segment is the noun. */
	int noun_seg = food == 1 && !(flags & CL_SF_CLASS) ? 0 : food;
	for (int j = 0; j < n; j++)
		if (nw[j].seg == noun_seg && !nw[j].paren && nw[j].kind != CL_SK_NEUTRAL)
			noun = j; /* "mayonnaise type": the noun is mayonnaise */
	noun = dish_before_with(nw, noun);
	/* "Jams and preserves", "hazelnuts or filberts": a word joined to the
	 * noun by "and"/"or" is a noun as well. */
	int noun2 = -1;
	if (noun >= 2 && nw[noun - 1].seg == nw[noun].seg && nw[noun - 2].seg == nw[noun].seg &&
	    !nw[noun - 2].paren &&
	    ((nw[noun - 1].len == 3 && memcmp(nw[noun - 1].s, "and", 3) == 0) ||
	     (nw[noun - 1].len == 2 && memcmp(nw[noun - 1].s, "or", 2) == 0)))
		noun2 = noun - 2;
	/* "Soup, tomato", "Sauce, pizza": the food is the soup or the sauce and
	 * the segment after it says what it is made from or for, so unless the
	 * query names the soup or sauce, that segment's words only modify when
	 * the query's noun is a word that names foods of its own in SR ("pizza"
	 * is a pizza, "black beans canned" are not bean soup; "salsa", named
	 * almost only as a sauce, stays "Sauce, salsa"). */
	int made_from = 0;
	if ((flags & CL_SF_PRODUCT) && n > 0 && food >= 1 && q->noun >= 0 &&
	    q->g[q->noun].df >= W.describes_df && head_share(q, q->noun) >= W.describes &&
	    ((nw[0].len == 4 && memcmp(nw[0].s, "soup", 4) == 0) ||
	     (nw[0].len == 5 && memcmp(nw[0].s, "sauce", 5) == 0))) {
		made_from = 1;
		for (int i = 0; i < q->n && made_from; i++)
			for (int k = 0; k < q->g[i].nalt && made_from; k++)
				made_from = !q->g[i].live || !q->g[i].alts[k].live ||
					    match(&q->g[i].alts[k], &nw[0]) == 0;
	}
	*made = made_from;
	made_from &= demote;
	if (made_from)
		noun = noun2 = -1;
	for (int i = 0; i < q->n; i++) {
		const group *g = &q->g[i];
		/* Set before the live test: the inversion rule below reads the
		 * query noun's place even when that group was dropped. */
		g_at[i] = -1;
		g_match[i] = 0;
		if (!g->live)
			continue;
		double best = 0, best_m = 0;
		int at = -1, best_k = -1;
		if (g->desc == 'n')
			at = find_phrase(g->phr, nw, n, &best);
		if (g->desc == 'n' && at < 0 && g->unwanted[0] && says_unwanted(g->unwanted, nw, n))
			s += W.contradicts;
		/* "salted": SR's "unsalted" twin is not it */
		else if (g->desc == 'n' && at < 0 && says_opposite(g->phr, nw, n))
			s += W.contradicts;
		for (int k = 0; k < group_alts(q, g) && g->desc != 'n'; k++) {
			if (!g->alts[k].live)
				continue;
			/* "fresh" and "homemade" also match other words (below),
			 * so they go through every word; any other word can only
			 * match the name words of its first letter */
			const alt *a = &g->alts[k];
			int fresh = a->stemlen == 5 && memcmp(a->stem, "fresh", 5) == 0;
			int homemade = a->stemlen == 8 && memcmp(a->stem, "homemade", 8) == 0;
			int every = fresh || homemade;
			for (int j = every ? 0 : letters.first[letter_place(a->stem[0])];
			     j >= 0 && j < n; j = every ? j + 1 : nw[j].next_letter) {
				if (nw[j].used || part_alone(q, g, nw, n, j))
					continue;
				/* "without salt" is not salt: "salted peanuts" are not
				 * the unsalted ones, unless the query says "without";
				 * nor is "without added salt" ("spaghetti with salt") */
				if (!q->wants_without && after_without(nw, j))
					continue;
				double m0 = match(&g->alts[k], &nw[j]);
				/* "fresh ginger": SR says a fresh food is raw */
				if (m0 == 0 && fresh && nw[j].len == 3 && memcmp(nw[j].s, "raw", 3) == 0)
					m0 = 1.0;
				/* "homemade" is SR's "home-prepared", "prepared from
				 * recipe", "home recipe" */
				if (m0 == 0 && homemade &&
				    ((nw[j].len == 4 && memcmp(nw[j].s, "home", 4) == 0) ||
				     (nw[j].len == 6 && memcmp(nw[j].s, "recipe", 6) == 0)))
					m0 = 1.0;
				/* "75% dark chocolate": SR's "70-85%" */
				if (m0 == 0 && a->pct >= 0 && in_percent_range(nw, n, j, a->pct))
					m0 = 1.0;
				if (m0 == 0)
					continue;
				/* a whole word typed that starts a longer word of the
				 * food's head names another food there ("grape juice" is
				 * no "Grapefruit juice"); in a detail the longer word may
				 * be a kind of it ("butter lettuce": "butterhead") */
				if (m0 < 1.0 && nw[j].seg <= food && !nw[j].paren &&
				    another_word(&g->alts[k], &nw[j]))
					continue;
				/* "Tomato products, canned, puree": a lone processing word
				 * the head path holds says how the food was kept, as it
				 * does in a detail ("Tomatoes, red, ripe, canned") */
				int lone = nw[j].kind == CL_SK_PROCESSED && nhead > 1 &&
					   (j == 0 || nw[j - 1].seg != nw[j].seg) &&
					   (j + 1 == n || nw[j + 1].seg != nw[j].seg);
				double m = m0 * (nw[j].paren || nw[j].seg > food || lone ? W.tail
						 : nw[j].seg < food || j == noun || j == noun2
							 ? W.noun
										 : W.modifier);
				/* "Turkey and gravy" is a dish of both: for "turkey
				 * gravy" (no "and") turkey only says which gravy */
				if (j == noun2 && !q->has_and && i != q->noun)
					m = m0 * W.modifier;
				/* "taco" in TACO BELL names the maker, not the dish */
				if (q->fast_dish && i == q->noun && in_brand(nw, n, j))
					m = m0 * W.tail;
				if (j == 0)
					m += W.first;
				if (k > 0)
					m += W.alt_later;
				/* a describing word's stand-ins count as a detail
				 * wherever SR put them ("Egg, whole, cooked, fried"
				 * files eggs under "cooked"), nearer ones first */
				if (g->desc && k > 0)
					m = m0 * W.tail + k * W.desc_later;
				if (m > best) {
					best = m;
					best_m = m0;
					at = j;
					best_k = k;
				}
			}
		}
		if (at < 0) {
			/* "fresh anchovies": a plain form asked for that the food
			 * lacks (see the usual variety below) */
			if (g->optional && g->plain)
				lacks_plain = 1;
			/* "no salt", "no added sugar": an addition (a wording says
			 * "added") that a raw food has none of (see below) */
			if (g->desc == 'n' && strstr(g->phr, "added"))
				missed_addition++;
			missed |= !g->optional;
			/* With no food holding every word, a food that has the noun
			 * but lacks a describing word ("Onions, raw" for "red onion")
			 * beats one that has both only in passing. */
			/* a cooking method asked for that the food lacks in every
			 * wording of its class: raw is the last thing meant */
			s += g->optional ? W.missing_optional
			     : q->any && i != q->noun && !unasked_class(q, flags) && g->desc != 'm'
				     ? W.missing_any
				     : W.missing;
			if (i == q->noun && !g->optional)
				s += W.missing_noun;
			continue;
		}
		g_at[i] = at;
		if (g->optional && best_k >= 0 && in_list(cut_words, g->alts[best_k].stem)) {
			cut_score += best;
			ncut++;
		}
		if (g->desc == 'm') {
			int kc = cooked_at(g);
			method_said |= best_k < kc;
			if (best_k >= kc)
				unsaid++;
			else if (nw[at].seg > food + 1) {
				/* what it would score saying only "cooked"; not
				 * SR's dish named inverted ("Beans, baked,
				 * canned" are baked beans) */
				method_score += best - (W.tail + kc * W.desc_later + W.method_unsaid);
				nmethod++;
			}
		}
		if (i == q->noun)
			noun_alt = g->desc == 'n' ? 0 : best_k;
		g_match[i] = g->desc == 'n' ? 1.0 : best_m;
		s += best;
		if (i == q->noun && (at == noun || at == noun2 || nw[at].seg < food)) {
			s += W.qnoun;
			*named = 1;
		}
		/* the food itself or a head it is filed under ("Fish, salmon",
		 * "Snacks, popcorn", "Carbonated beverage"), not a word
		 * describing one ("Cookies, chocolate chip" is a cookie, not
		 * chocolate): the query's noun is in the first segment or is the
		 * last word of a segment of the head path */
		if (i == q->noun && (at == noun || at == noun2 || nw[at].seg == 0 ||
				     (nw[at].seg <= food && !(made_from && nw[at].seg == food) &&
				      seg_noun(nw, n, at))))
			own = 1;
		nw[at].used = 1;
		seg_used[nw[at].seg] = 1;
		/* the dish word in TACO BELL is the dish, not the brand */
		brand_asked |= nw[at].brand && !(q->fast_dish && i == q->noun);
	}
	/* SR inverts names ("Cream, sour", "Milk, chocolate"): with the query's
	 * noun as the food's noun, a word opening the next segment modifies it,
	 * as "sour" does in "sour cream", rather than being a detail. */
	if (noun >= 0 && q->noun >= 0 && g_at[q->noun] == noun)
		for (int i = 0; i < q->n; i++) {
			int j = g_at[i];
			if (!q->g[i].live || i == q->noun || j < 1 || nw[j].paren ||
			    nw[j].seg != nw[noun].seg + 1 || nw[j - 1].seg == nw[j].seg)
				continue;
			/* only a segment that is that word ("Juice, apple and grape
			 * blend" is a blend, not apple juice) */
			int alone = 1;
			for (int k = j + 1; k < n && nw[k].seg == nw[j].seg; k++)
				alone &= nw[k].used || nw[k].kind == CL_SK_NEUTRAL;
			if (alone)
				s += g_match[i] * W.inverted;
		}
	s += leaner(q, nw, g_at);
	/* A class ("Fish") costs nothing; once the query has named a category word,
	 * the rest of the path is context. */
	int plain = 0, cats = (flags & CL_SF_CLASS) != 0, cooked = 0, processed = 0;
	/* Rice, pasta, dry beans, meat, fish: the cooked food is what a bare
	 * query means, so raw is not the default form there. */
	if (flags & CL_SF_COOKED)
		for (int j = 0; j < n && !cooked; j++)
			cooked = !nw[j].paren &&
				 in_cooked_list(&nw[j], cooked_words, &q->cooked_words, NWORD_COOKED);
	for (int j = 0; j < n; j++)
		cats += nw[j].used && nw[j].seg < food;
	/* A state the query names ("raw", "fresh", or one raw food is not:
	 * "grilled", "canned") that the name contradicts costs, whatever else
	 * the name has: the query said which form it is. */
	int contra = 0, drink = q->wants_bought && bought_drink(q, nw, n);
	for (int j = 0; j < n &&
			(q->wants_raw || q->wants_fresh || q->wants_home || q->wants_cooked ||
			 q->wants_bought) &&
			!contra;
	     j++)
		contra = !nw[j].used && !nw[j].paren &&
			 ((q->wants_raw && in_list_n(not_raw_words, nw[j].s, nw[j].len)) ||
			  (q->wants_cooked && !q->wants_raw && nw[j].len == 3 &&
			   memcmp(nw[j].s, "raw", 3) == 0 && !cooked_after(q, nw, n, j)) ||
			  (q->wants_fresh && in_list_n(not_fresh_words, nw[j].s, nw[j].len)) ||
			  (q->wants_home && nw[j].len >= 10 && memcmp(nw[j].s, "commercial", 10) == 0) ||
			  (q->wants_bought && !q->wants_raw && !q->wants_fresh && !q->wants_home &&
			   says_home_or_raw(&nw[j], drink)));
	contra = contra || lacks_asked(q, nw, n);
	if (contra)
		s += W.contradicts;
	*contra_out = contra;
	int recipe = 0, salted = 0, preserved = 0;
	for (int j = 0; j < n; j++) {
		const nword *x = &nw[j];
		/* a brand word right after the brand word asked names another
		 * product of the brand ("snickers": SR's "SNICKERS CRUNCHER"
		 * and "SNICKERS MUNCH bar" are lines of it, the plain bar is
		 * "SNICKERS Bar"), which costs more than the bar's shape word */
		if (x->brand && !x->used && j > 0 && nw[j - 1].brand && nw[j - 1].used &&
		    nw[j - 1].seg == x->seg) {
			s += W.extra_head + W.extra_more;
			continue;
		}
		/* a recipe made at home ("Hummus, home prepared", "Beans, baked,
		 * home prepared") is a variant of the food people buy */
		recipe |= !x->used && !x->paren &&
			  ((x->len == 4 && memcmp(x->s, "home", 4) == 0) ||
			   (x->len == 6 && memcmp(x->s, "recipe", 6) == 0) ||
			   (x->len == 8 && memcmp(x->s, "homemade", 8) == 0));
		/* a food eaten cooked that SR sells "unprepared" (frozen
		 * vegetables, dry mixes) is not yet the food eaten: "corn on
		 * the cob" is the frozen cob cooked, not the unprepared one */
		if ((flags & CL_SF_COOKED) && !x->used && x->len == 10 &&
		    memcmp(x->s, "unprepared", 10) == 0)
			s += W.processed;
		if (x->used || x->brand || x->paren || isdigit((unsigned char)x->s[0]) ||
		    x->kind == CL_SK_NEUTRAL)
			continue;
		/* ... nor is saying so a detail ("cooked, boiled", "dry heat"),
		 * nor beside the cooking method asked, said by its class: "stewed
		 * kale" is "Kale, cooked, boiled, drained" as much as the frozen
		 * kale so cooked, which the query did not ask for */
		int dry_heat = x->len == 3 && memcmp(x->s, "dry", 3) == 0 && j + 1 < n &&
			       nw[j + 1].len == 4 && memcmp(nw[j + 1].s, "heat", 4) == 0;
		if ((cooked || method_said) &&
		    (dry_heat || in_cooked_list(x, cooked_plain_words,
							  &q->cooked_plain_words, NWORD_COOKED_PLAIN)))
			continue;
		int first_extra = !seg_extra[x->seg]++;
		/* "fruit cocktail heavy syrup" is not the "extra heavy syrup"
		 * pack, nor "light syrup" the "extra light": a degree before a
		 * word asked is another grade of what was asked */
		if (j + 1 < n && nw[j + 1].seg == x->seg && nw[j + 1].used && x->len == 5 &&
		    memcmp(x->s, "extra", 5) == 0)
			s += W.grade;
		/* "with fruit", "made with tofu": an added ingredient ("with added
		 * calcium" is fortification, "with salt" is scored on its own) */
		if (j > 0 && nw[j - 1].seg == x->seg && nw[j - 1].len == 4 &&
		    memcmp(nw[j - 1].s, "with", 4) == 0 && x->kind != CL_SK_WITH_SALT &&
		    !in_list_n(with_ok_words, x->s, x->len) &&
		    !(j > 1 && nw[j - 2].seg == x->seg && nw[j - 2].len == 8 &&
		      memcmp(nw[j - 2].s, "prepared", 8) == 0)) /* "prepared with" a process */
			s += W.with_other;
		/* a product noun alone in the food's segment ("Snacks, popcorn,
		 * cakes"); "Doughnuts, cake-type" and "Pizza, pepperoni topping"
		 * name a style */
		int alone = (j + 1 == n || nw[j + 1].seg != x->seg) && (j == 0 || nw[j - 1].seg != x->seg);
		if (x->kind == CL_SK_PRODUCT && alone) {
			s += x->seg > food ? W.product + W.extra_tail
			     : x->seg < food ? (cats++ ? W.category_more : W.category)
			     : W.product + (first_extra ? W.extra_head : W.extra_more);
		} else if (x->kind == CL_SK_PROCESSED) {
			s += W.processed;
			processed = 1;
			preserved |= in_list_n(preserved_words, x->s, x->len);
		}
		else if (x->kind == CL_SK_IMITATION)
			s += W.imitation;
		else if (x->kind == CL_SK_WITH_SALT) {
			s += W.with_salt;
			salted = 1;
		}
		else if (x->kind == CL_SK_PLAIN) {
			/* in the food's own segment it names a variety; for a food
			 * eaten cooked "raw" (or "original" seasoning) is not the
			 * default form, only "whole" ("whole-groat") still is */
			if (!(flags & CL_SF_COOKED) || (x->len == 5 && memcmp(x->s, "whole", 5) == 0))
				plain |= x->seg > food;
		}
		else if (x->kind == CL_SK_PREP || x->seg > food)
			s += W.extra_tail;
		else if (x->seg < food)
			s += cats++ ? W.category_more : W.category;
		else
			s += first_extra ? W.extra_head : W.extra_more;
	}
	if (plain)
		s += W.plain;
	/* a cut said only of the processed form counts as one the name lacks */
	if (processed && ncut)
		s += ncut * W.missing_optional - cut_score;
	/* ... and a cooking method said of a food kept dried or canned is no
	 * more than "cooked" ("stewed apples" are not SR's dried apples
	 * stewed): while the method is read as written, such a name does not
	 * say it, so the method's class is read ("Apples, raw, without skin,
	 * cooked, boiled") */
	/* not for a fresh food eaten cooked, whose plain form SR says
	 * "cooked" ("steamed rice": "Rice, white, ..., cooked", not the
	 * Chinese restaurant's steamed); frozen onions are no such food */
	if (unsaid && !((flags & CL_SF_COOKED) && !processed))
		s += unsaid * W.method_unsaid;
	if (preserved && nmethod) {
		if (method_score > 0)
			s -= method_score;
		if (q->narrow)
			*contra_out = 1;
	}
	/* "raw almonds no salt", "raw cashews unsalted": a food as raw as asked,
	 * neither processed nor salted, has nothing added, so it says the
	 * negation as well as the roasted nuts "without salt added" do, which
	 * otherwise win on that phrase */
	if (q->wants_raw && !contra && !processed && !salted)
		s += missed_addition * (W.tail - W.missing_optional);
	if (recipe)
		s += W.recipe;
	/* "lemonade made from frozen concentrate" is the lemonade made up, not
	 * the concentrate: a name not saying so lacks a state asked for */
	*made_up = q->wants_made_up && says_made_up(nw, n);
	if (q->wants_made_up && !*made_up)
		s += W.missing_optional;
	/* (made_up_first reads a made-up food holding the query's noun) */
	*made_up &= q->noun < 0 || g_at[q->noun] >= 0;
	/* A processed food made ready ("frozen, cooked", "canned, prepared")
	 * is the usual form of that processed food, no more than the fresh
	 * food's plain form: "green peas" stay raw, "frozen peas" are cooked. */
	if (cooked)
		s += processed ? W.plain : W.cooked;
	for (int k = nhead; k < nseg && k < MAX_NAME_WORDS; k++)
		if (!seg_used[k] && seg_extra[k])
			s += W.extra_seg;

	if (flags & CL_SF_PRODUCT) {
		int asked = 0;
		for (int j = 0; j < n && nw[j].seg == 0; j++)
			asked |= nw[j].used;
		if (!asked)
			s += W.product_class;
	}
	if ((flags & CL_SF_BABY) && !q->wants_baby)
		s += W.baby;
	if ((flags & CL_SF_FASTFOOD) && !q->wants_fast && !brand_asked)
		s += W.fastfood;
	if ((flags & CL_SF_RESTAURANT) && !q->wants_restaurant && !brand_asked)
		s += W.restaurant;
	if ((flags & CL_SF_BRANDED) && !brand_asked)
		s += W.branded;
	if (flags & CL_SF_MEAL)
		s += W.meal;
	if (flags & CL_SF_ETHNIC)
		s += W.ethnic;
	if (flags & CL_SF_COMMON)
		s += W.common;
	/* The usual variety of the food the query names: "chocolate" names no
	 * cookie, so the usual cookie (chocolate chip) gets nothing from it;
	 * a food lacking a word asked for ("diet cola" when no name says
	 * diet) is not the usual one of what was asked; and a usual processed
	 * form (canned anchovies) is not what a query asking for the fresh or
	 * raw food means. */
	if ((flags & CL_SF_USUAL) && own && !missed && !(lacks_plain && processed)) {
		s += W.usual;
		if (usual_unopposed(q, nw, n, flags, g_at, noun_alt)) {
			s += W.usual_bare;
			*variety = usual_variety(nw, n, food, g_at, q->noun);
		}
	}
	s += cl_search_prior(0, nmeasures, nnutrients, n);
	return s;
}

/* ---- the search ------------------------------------------------------------ */

typedef struct {
	long long food_id;
	double score;
	double made_score; /* for a soup or sauce named after the query's noun:
			    * its score as one only made from it, else score */
	int flags;
	int adult_named; /* the food the query names, neither contradicted nor a baby food */
	int noun_first; /* ... and the name's first segment says the query's noun */
	unsigned variety, variety_made; /* score_doc's, for score and made_score */
	int made_up; /* says it was made up from the form as sold asked "from" */
} cand;

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->food_id > y->food_id) - (x->food_id < y->food_id);
}

/* The foods earlier reads found, by id: a read with no food failing to
 * match ("any word" after "every word") meets hundreds of them again, and
 * a scan of the list per row cost a sixth of such a search. */
typedef struct {
	size_t *slot; /* place in the candidates + 1, or 0: open addressing */
	size_t mask;
} seen_set;

static size_t seen_hash(long long id, size_t mask)
{
	return (size_t)(((unsigned long long)id * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

static int seen_fill(seen_set *set, const cand *cands, size_t n)
{
	if (n == 0)
		return CL_OK;
	size_t size = 64;
	while (size < 2 * n)
		size *= 2;
	if (!(set->slot = calloc(size, sizeof(*set->slot))))
		return cl_error_oom();
	set->mask = size - 1;
	for (size_t i = 0; i < n; i++) {
		size_t h = seen_hash(cands[i].food_id, set->mask);
		while (set->slot[h])
			h = (h + 1) & set->mask;
		set->slot[h] = i + 1;
	}
	return CL_OK;
}

static int seen_has(const seen_set *set, const cand *cands, long long id)
{
	if (!set->slot)
		return 0;
	for (size_t h = seen_hash(id, set->mask); set->slot[h]; h = (h + 1) & set->mask)
		if (cands[set->slot[h] - 1].food_id == id)
			return 1;
	return 0;
}

/* A soup or sauce read as only made from the query's noun (score_doc's
 * made_from), whose other reading, as the food itself, is kept for later:
 * that reading counts only when no food read is plainly the one the query
 * names (cl_food_search), which is known once every row is read. */
typedef struct {
	size_t at;   /* its place in the candidates */
	size_t segs; /* its segs, at this offset of the pending text */
	int nhead, nmeasures, nnutrients;
	int named; /* what the made-from reading found */
} pending;

typedef struct {
	pending *p;
	size_t n, cap;
	cl_buf text; /* the segs of each, NUL after each */
} pending_list;

static int pend(pending_list *l, const pending *p, const char *segs)
{
	pending *grown = cl_array_room(l->p, &l->cap, l->n, sizeof(*grown), 16);
	if (!grown)
		return cl_error_oom();
	l->p = grown;
	size_t at = l->text.len;
	int rc = cl_buf_append(&l->text, segs, strlen(segs) + 1);
	if (rc)
		return rc;
	l->p[l->n] = *p;
	l->p[l->n++].segs = at;
	return CL_OK;
}

/* A pass's read of candidates: FTS5's rows, or the ids the held index
 * found (cl_search_docs_match), with the cap counted here. */
typedef struct {
	sqlite3_stmt *st; /* NULL when the held index answered */
	uint32_t ids[MAX_CANDIDATES];
	size_t n, at;
	size_t nread; /* documents read, for the cap, when reading FTS5's rowids */
} doc_read;

/* Starts the read of match's candidates: from the held index when the
 * handle holds it, else FTS5 joined to search_doc, or only FTS5's rowids
 * when the documents are held in memory, in which case next_doc() counts
 * the cap itself. */
static int candidates(ctx *c, doc_read *r, const char *match)
{
	int answered = 0, rc;
	r->st = NULL;
	r->n = r->at = r->nread = 0;
	if (c->docs && (rc = cl_search_docs_match(c->docs, c->fdb, match, MAX_CANDIDATES, r->ids,
						  &r->n, &answered)))
		return rc;
	if (answered)
		return CL_OK;
	sqlite3_stmt *st =
		c->docs ? cl_fooddb_stmt(c->fdb, "SELECT rowid FROM food_fts WHERE food_fts MATCH ?1")
			: cl_fooddb_stmt(c->fdb,
					 "SELECT d.food_id, d.segs, d.nhead, d.flags, d.nmeasures,"
					 " d.nnutrients FROM food_fts JOIN search_doc d"
					 " ON d.docid = food_fts.rowid WHERE food_fts MATCH ?1 LIMIT ?2");
	if (!st)
		return CL_EDB;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	if (!c->docs)
		sqlite3_bind_int(st, 2, MAX_CANDIDATES);
	r->st = st;
	return CL_OK;
}

/* The next candidate's document into *d: SQLITE_ROW, or SQLITE_DONE once
 * MAX_CANDIDATES documents are read (r->nread counts them), or an error.  A
 * rowid with no document is passed over, as the join does. */
static int next_doc(const ctx *c, doc_read *r, cl_search_doc *d, void ***note)
{
	int step;
	*note = NULL;
	if (!r->st) {
		if (r->at == r->n)
			return SQLITE_DONE;
		const cl_search_doc *held = cl_search_docs_find(c->docs, r->ids[r->at++]);
		*d = *held;
		*note = cl_search_docs_note(c->docs, held);
		return SQLITE_ROW;
	}
	if (!c->docs) {
		if ((step = sqlite3_step(r->st)) == SQLITE_ROW) {
			d->food_id = sqlite3_column_int64(r->st, 0);
			d->segs = (const char *)sqlite3_column_text(r->st, 1);
			d->nhead = sqlite3_column_int(r->st, 2);
			d->flags = sqlite3_column_int(r->st, 3);
			d->nmeasures = sqlite3_column_int(r->st, 4);
			d->nnutrients = sqlite3_column_int(r->st, 5);
		}
		return step;
	}
	if (r->nread == MAX_CANDIDATES)
		return SQLITE_DONE;
	while ((step = sqlite3_step(r->st)) == SQLITE_ROW) {
		const cl_search_doc *held =
			cl_search_docs_find(c->docs, sqlite3_column_int64(r->st, 0));
		if (held) {
			*d = *held;
			*note = cl_search_docs_note(c->docs, held);
			++r->nread;
			break;
		}
	}
	return step;
}

/* Does the first segment of a name's segs ("squash,winter,spaghetti,...")
 * hold a word of the query's noun? */
static int first_seg_says_noun(const query *q, const char *segs)
{
	if (q->noun < 0)
		return 0;
	const group *g = &q->g[q->noun];
	size_t end = strcspn(segs, ",");
	for (size_t at = 0; at < end;) {
		while (at < end && !isalnum((unsigned char)segs[at]))
			at++;
		size_t len = 0;
		while (at + len < end && segs[at + len] != ' ')
			len++;
		for (int k = 0; k < g->nalt && len; k++)
			if (g->alts[k].stemlen == len && memcmp(g->alts[k].stem, segs + at, len) == 0)
				return 1;
		at += len;
	}
	return 0;
}

/* A cooking method read as written finds a named food of the method only
 * under another food ("boiled spaghetti": "Squash, winter, spaghetti,
 * cooked, boiled"; SR's spaghetti says only "cooked") while a word of the
 * noun heads foods of its own more often than SR files it under another
 * ("Spaghetti, ...": 15 names, 3 under squash; not "Pork, cured, bacon",
 * nor "Squash, summer, zucchini"): the method's class is read as well, so
 * the noun's own foods compete (*wider).  Not for a process that may name
 * a dish ("fried").  Each word's counts are looked up here, with the
 * handle's statement, only for such a query. */
static int method_under_other(ctx *c, const query *q, const cand *cands, size_t n, int *wider)
{
	*wider = 0;
	if (!q->narrow || q->dish || q->noun < 0)
		return CL_OK;
	for (size_t i = 0; i < n; i++)
		if (cands[i].noun_first)
			return CL_OK;
	const group *g = &q->g[q->noun];
	for (int k = 0; k < g->nalt && !*wider; k++) {
		if (!g->alts[k].live || g->alts[k].prefix)
			continue;
		long long counts[4];
		int rc = stem_counts(c, g->alts[k].stem, counts);
		if (rc)
			return rc;
		*wider = counts[1] > counts[2];
	}
	return CL_OK;
}

/* Appends the candidates of match to *cands (n in, n out), skipping foods
 * already there; *generic counts those that are what the query's noun
 * names and of no unasked class.  A soup or sauce that may be only made
 * from the query's noun is scored both ways, the second only when no
 * candidate so far is plainly the food named (*named_plain): otherwise
 * that reading is the one kept in the end, and *generic is already above
 * zero, which is all the caller reads of it. */
static int collect(ctx *c, cand **cands, size_t *n, size_t *generic, size_t *named_n,
		   size_t *named_plain, const query *q, const char *match)
{
	doc_read rows;
	int rc = CL_OK, step;
	size_t cap = *n, first = *n;
	cl_search_doc doc;
	void **note;
	pending_list later = {0};
	seen_set seen = {0};

	*generic = 0;
	*named_n = 0;
	/* a pass whose groups are all negations ("no milk no sugar") asks for
	 * nothing; FTS5 would call the empty MATCH a syntax error */
	if (!*match)
		return CL_OK;
	if ((rc = candidates(c, &rows, match)))
		return rc;
	if ((rc = seen_fill(&seen, *cands, first)))
		goto cleanup;
	while ((step = next_doc(c, &rows, &doc, &note)) == SQLITE_ROW) {
		long long id = doc.food_id;
		if (seen_has(&seen, *cands, id))
			continue;
		cand *grown = cl_array_room(*cands, &cap, *n, sizeof(**cands), 256);
		if (!grown) {
			rc = cl_error_oom();
			goto cleanup;
		}
		*cands = grown;
		cand *k = &(*cands)[(*n)++];
		k->food_id = id;
		k->flags = doc.flags;
		int named = 0, contra = 0, made = 0;
		const char *segs = doc.segs;
		int nhead = doc.nhead, nm = doc.nmeasures, nn = doc.nnutrients;
		k->score = k->made_score = score_doc(q, segs, note, nhead, k->flags, nm, nn, 1,
						     &named, &contra, &made, &k->variety, &k->made_up);
		k->made_up &= !contra && !unasked_class(q, k->flags);
		k->variety_made = k->variety;
		k->adult_named = named && !contra && !(k->flags & CL_SF_BABY);
		k->noun_first = k->adult_named && q->narrow && first_seg_says_noun(q, segs);
		if (made) {
			pending p = {.at = *n - 1, .nhead = nhead, .nmeasures = nm,
				     .nnutrients = nn, .named = named};
			if ((rc = pend(&later, &p, segs)))
				goto cleanup;
			continue;
		}
		if (named && !contra && !unasked_class(q, k->flags))
			(*named_plain)++;
		/* a form the query rules out ("green plantain raw": only fried
		 * ones say green) lets foods holding fewer of the words compete */
		*generic += named && !contra && !unasked_class(q, k->flags);
		*named_n += named;
	}
	if (step != SQLITE_DONE) {
		rc = db_error(c->db);
		goto cleanup;
	}
	for (size_t i = 0; i < later.n && *named_plain == 0; i++) {
		const pending *p = &later.p[i];
		cand *k = &(*cands)[p->at];
		int named = p->named, contra = 0, made = 0;
		k->score = score_doc(q, later.text.data + p->segs, NULL, p->nhead, k->flags,
				     p->nmeasures, p->nnutrients, 0, &named, &contra, &made,
				     &k->variety, &k->made_up);
		k->made_up &= !contra && !unasked_class(q, k->flags);
		k->adult_named = named && !contra && !(k->flags & CL_SF_BABY);
		k->noun_first = k->adult_named && q->narrow &&
				first_seg_says_noun(q, later.text.data + p->segs);
		*generic += named && !contra && !unasked_class(q, k->flags);
		*named_n += named;
	}
cleanup:
	sqlite3_reset(rows.st);
	free(later.p);
	cl_buf_free(&later.text);
	free(seen.slot);
	return rc;
}

/* Builds the query's match again (its words joined by joiner, or only group
 * `only` when >= 0) in place of *match, and collects the foods it finds. */
static int collect_again(ctx *c, cand **cands, size_t *n, size_t *generic, size_t *named_n,
			 size_t *named_plain, const query *q, char **match, const char *joiner,
			 int only)
{
	int rc;
	free(*match);
	*match = NULL;
	if ((rc = build_match(match, q, joiner, only)))
		return rc;
	return collect(c, cands, n, generic, named_n, named_plain, q, *match);
}

/* Is a query word SR's only as a brand's name: some names hold it (df) and
 * none but as a brand word ("!heinz" in search_doc's segs)? */
static int brand_only(ctx *c, int *out, const group *g)
{
	const alt *a = &g->alts[0];
	*out = 0;
	if (g->df <= 0)
		return CL_OK;
	return brand_word(c, out, a->text, a->stem, a->stemlen);
}

/* With no food holding every word: a brand SR has only for other foods
 * ("heinz baked beans": SR's HEINZ foods are a gravy and an eclair) is read
 * as a brand SR lacks is ("tesco baked beans"), the kind alone, so that the
 * foods it names do not compete with the kind the person wrote.  A brand
 * word is dropped when none of its foods holds a word of the query that is
 * not a brand's, and some food holds all the words left; the query's noun
 * is never dropped; a "style" after it goes with it ("heinz style baked
 * beans" are no "ranch style" beans).  *dropped says whether any was. */
static int drop_foreign_brands(ctx *c, query *q, int *dropped)
{
	int brand[MAX_QUERY_WORDS * 2] = {0}, nbrand = 0, rc = CL_OK, found = 0;
	char *others = NULL, *rest = NULL, *expr = NULL;
	*dropped = 0;
	for (int i = 0; i < q->n; i++) {
		const group *g = &q->g[i];
		if (i == q->noun || !g->live || g->optional || g->desc || g->synonym ||
		    g->nalt != 1 || !g->alts[0].live || g->alts[0].prefix)
			continue;
		if ((rc = brand_only(c, &brand[i], g)))
			goto cleanup;
		nbrand += brand[i];
		/* "heinz style baked beans": the brand's "style" says the food
		 * is like the brand's, and goes with it */
		if (brand[i] && i + 1 < q->n && i + 1 != q->noun && q->g[i + 1].live &&
		    strcmp(q->g[i + 1].alts[0].text, "style") == 0)
			brand[++i] = 2;
	}
	if (nbrand == 0)
		goto cleanup;
	/* the words that are not brands, as one OR-expression */
	for (int i = 0; i < q->n; i++)
		if (brand[i])
			q->g[i].live = 0;
	rc = build_match(&others, q, " OR ", -1);
	if (!rc)
		rc = build_match(&rest, q, " AND ", -1);
	for (int i = 0; i < q->n; i++)
		if (brand[i])
			q->g[i].live = 1;
	if (rc || !*others)
		goto cleanup;
	if ((rc = finds_row(c, c->exists, &found, rest)) || !found)
		goto cleanup;
	char term[CL_SEARCH_WORD_MAX + 1];
	size_t cap = strlen(others) + CL_SEARCH_WORD_MAX + 16;
	if (!(expr = malloc(cap))) {
		rc = cl_error_oom();
		goto cleanup;
	}
	for (int i = 0; i < q->n; i++) {
		if (brand[i] != 1)
			continue;
		snprintf(expr, cap, "\"%s\" AND (%s)", fts_term(term, q->g[i].alts[0].text), others);
		if ((rc = finds_row(c, c->exists, &found, expr)))
			goto cleanup;
		if (!found) {
			q->g[i].live = 0;
			if (i + 1 < q->n && brand[i + 1] == 2)
				q->g[i + 1].live = 0;
			*dropped = 1;
		}
	}
cleanup:
	free(expr);
	free(rest);
	free(others);
	return rc;
}

/* Whether the query's noun is one of the SR words a synonym stood for ("oj":
 * "orange juice"): the person wrote one word, so the noun is not moved. */
static int noun_from_synonym(const query *q)
{
	for (int j = 0; j < q->n; j++)
		if (j != q->noun && q->g[j].word == q->g[q->noun].word)
			return 1;
	return 0;
}

/* With no food holding every word: gives the noun to a required word many
 * times rarer in SR names than the noun; returns whether it moved. */
static int specific_noun(query *q)
{
	if (q->noun < 0 || q->g[q->noun].df <= 0)
		return 0;
	if (noun_from_synonym(q))
		return 0;
	int best = -1;
	for (int i = 0; i < q->n; i++)
		if (i != q->noun && may_name(q, i) && head_share(q, i) >= W.names_min &&
		    (best < 0 || q->g[i].df < q->g[best].df))
			best = i;
	if (best < 0 || (double)q->g[best].df * W.specific > (double)q->g[q->noun].df)
		return 0;
	q->noun = best;
	return 1;
}

/* With no food holding every word: gives the noun, when it is a word that
 * names no food in any SR name ("avocado mashed", "chicken breast
 * skinless", "ham sliced deli": neither the food a name opens with nor the
 * one after its category path, as "Cookies, brownies" is), to the word
 * naming foods most often; returns whether it moved.  The last word then
 * only describes, and dropping it is dropping the right word. */
static int describing_noun(query *q)
{
	if (q->noun < 0 || !q->g[q->noun].live || q->g[q->noun].df <= 0 ||
	    q->g[q->noun].heads > 0 || q->g[q->noun].nouns > 0)
		return 0;
	if (noun_from_synonym(q))
		return 0;
	int best = -1;
	for (int i = 0; i < q->n; i++)
		if (i != q->noun && may_name(q, i) && q->g[i].alts[0].stemlen >= 3 &&
		    (head_share(q, i) >= W.names_min || q->g[i].heads >= 2) &&
		    (best < 0 || head_share(q, i) > head_share(q, best)))
			best = i;
	if (best < 0)
		return 0;
	q->noun = best;
	return 1;
}

/* Takes back the bare word's usual bonus (W.usual_bare) when the usual rows
 * that earned it name different varieties below the query's noun: "cake"
 * heads both the usual yellow cake and the usual chocolate cake, so the data
 * does not say which one a bare "cake" means. */
static void usual_agree(cand *c, size_t n)
{
	unsigned first = 0;
	int agree = 1;
	for (size_t i = 0; i < n && agree; i++) {
		unsigned v[2] = {c[i].variety, c[i].variety_made};
		for (int k = 0; k < 2; k++)
			if (v[k] && !first)
				first = v[k];
			else if (v[k] && v[k] != first)
				agree = 0;
	}
	for (size_t i = 0; i < n && !agree; i++) {
		if (c[i].variety)
			c[i].score -= W.usual_bare;
		if (c[i].variety_made)
			c[i].made_score -= W.usual_bare;
	}
}

/* "cocoa from powder": when a food the query's noun names is made up from
 * the form as sold ("Cocoa mix, powder, prepared with water"), the forms
 * as sold ("Cocoa, dry powder") give way further, also where no food holds
 * every word ("hot cocoa from powder": SR's mix made up is not "hot"); when
 * none is ("blueberry muffins from a mix": SR has only the dry mix) they
 * stay. */
static void made_up_first(cand *c, size_t n, const query *q)
{
	size_t i = 0;
	if (!q->wants_made_up)
		return;
	while (i < n && !c[i].made_up)
		i++;
	for (size_t j = 0; i < n && j < n; j++)
		if (!c[j].made_up) {
			c[j].score += W.as_sold;
			c[j].made_score += W.as_sold;
		}
}

/* Baby food is for babies: unless the query asks for it ("baby", "infant",
 * "toddler", or a word only baby foods have: baby_only_word), a baby food ranks below every food the query names that is
 * not one, however many of the query's words the baby food's name holds
 * ("beef lasagna": SR's toddler dinner holds both words, its adult lasagnas
 * are "with meat & sauce").  The baby foods keep their order among
 * themselves: they all move down by the same amount. */
static void babies_below_adults(cand *c, size_t n, const query *q)
{
	double lowest_adult = HUGE_VAL, best_baby = -HUGE_VAL;
	if (q->wants_baby)
		return;
	for (size_t i = 0; i < n; i++) {
		if (c[i].adult_named && c[i].score < lowest_adult)
			lowest_adult = c[i].score;
		if ((c[i].flags & CL_SF_BABY) && c[i].score > best_baby)
			best_baby = c[i].score;
	}
	if (lowest_adult == HUGE_VAL || best_baby < lowest_adult)
		return;
	double shift = best_baby - lowest_adult + 1.0;
	for (size_t i = 0; i < n; i++)
		if (c[i].flags & CL_SF_BABY)
			c[i].score -= shift;
}

/* Moves the best `limit` candidates, best first, to the front; returns how
 * many.  Insertion into a short sorted prefix: limit is small (10 or so). */
static size_t best_first(cand *c, size_t n, size_t limit)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k == limit && cand_cmp(&c[i], &c[k - 1]) >= 0)
			continue;
		cand x = c[i];
		size_t j = k < limit ? k++ : k - 1;
		while (j > 0 && cand_cmp(&x, &c[j - 1]) < 0) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = x;
	}
	return k;
}

/* snprintf(dst, cap, "%s", src) without the formatting machinery: a diary's
 * searches fill a thousand hits. */
static void copy_text(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Fills hits from the best candidates. */
static int fill_hits(ctx *c, cl_food_hits *out, const cand *cands, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc = CL_OK;

	if (n == 0)
		return CL_OK;
	out->hits = calloc(n, sizeof(*out->hits));
	if (!out->hits)
		return cl_error_oom();
	if (!(st = cl_fooddb_stmt(c->fdb,
				  "SELECT ndb, name, coalesce(group_code, '') FROM food WHERE id = ?")))
		return CL_EDB;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, cands[i].food_id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = cl_error_set(CL_EDB, "search: the index names food %lld, which is missing",
					  cands[i].food_id);
			goto cleanup;
		}
		cl_food_hit *h = &out->hits[out->count];
		copy_text(h->ndb, sizeof(h->ndb), (const char *)sqlite3_column_text(st, 0));
		copy_text(h->group_code, sizeof(h->group_code), (const char *)sqlite3_column_text(st, 2));
		h->score = cands[i].score;
		h->eaten_cooked = (cands[i].flags & CL_SF_COOKED) != 0;
		if (!(h->name = strdup((const char *)sqlite3_column_text(st, 1)))) {
			rc = cl_error_oom();
			goto cleanup;
		}
		out->count++;
		sqlite3_reset(st);
	}
cleanup:
	sqlite3_reset(st);
	return rc;
}

/* Does the statement (a string constant: the handle keeps it prepared),
 * given word, find a row? */
static int has_row(cl_fooddb *fdb, int *out, const char *sql, const char *word, size_t len)
{
	sqlite3 *db = cl_fooddb_sqlite(fdb);
	sqlite3_stmt *st = cl_fooddb_stmt(fdb, sql);
	if (!st)
		return db_error(db);
	sqlite3_bind_text(st, 1, word, (int)len, SQLITE_STATIC);
	int step = sqlite3_step(st);
	*out = step == SQLITE_ROW;
	int rc = step == SQLITE_ROW || step == SQLITE_DONE ? CL_OK : db_error(db);
	sqlite3_reset(st);
	return rc;
}

/* Does an SR name hold the food word and, after it, "<link> <purpose>"
 * ("Beef, chuck for stew" for "beef", "for" and "stew"; an empty food word
 * is any food: "Corn, ..., kernels on cob" for "on" and "cob")?  With gap 1
 * one word may stand between the link and the purpose ("Fish, herring eggs
 * on giant kelp" for "on" and "kelp").  Only the names the index finds for
 * both words are read: a scan of every name cost up to 6 ms a query
 * ("cheese for burgers"), six times the whole search's p99. */
static int names_purpose(cl_fooddb *fdb, int *out, const char *food, size_t food_len,
			 const char *link, const char *purpose, size_t purpose_len, int gap)
{
	sqlite3 *db = cl_fooddb_sqlite(fdb);
	sqlite3_stmt *st;
	char term[CL_SEARCH_WORD_MAX + 16];
	int step = SQLITE_DONE;
	*out = 0;
	for (size_t i = 0; i < purpose_len; i++)
		if (!isalnum((unsigned char)purpose[i]))
			return CL_OK; /* no word the index holds */
	if (purpose_len + strlen(link) + 10 > sizeof(term))
		return CL_OK;
	size_t link_len = strlen(link), stem = singular_len(purpose, purpose_len);
	/* both words: "toast" alone is in 58 names, each read and matched
	 * (half a million instructions); "on" and "toast" are in none */
	snprintf(term, sizeof(term), "\"%s\" AND \"%.*s\"", link, (int)purpose_len, purpose);
	/* the handle's kept statement: preparing it cost more than the
	 * look-up itself (some 30 thousand instructions a query with "for"
	 * or "on") */
	if (!(st = cl_fooddb_stmt(fdb, "SELECT ' ' || food.folded FROM food_fts f JOIN search_doc d"
				       " ON d.docid = f.rowid JOIN food ON food.id = d.food_id"
				       " WHERE food_fts MATCH ?3 AND ' ' || food.folded LIKE"
				       " '% ' || ?1 || '% ' || ?4 || ' %' || ?2 || '%'")))
		return db_error(db);
	sqlite3_bind_text(st, 1, food, (int)singular_len(food, food_len), SQLITE_STATIC);
	sqlite3_bind_text(st, 2, purpose, (int)stem, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, term, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, link, -1, SQLITE_STATIC);
	while (!*out && (step = sqlite3_step(st)) == SQLITE_ROW) {
		/* the LIKE found the words in order; here each " <link> " is
		 * followed, after at most gap words, by the purpose */
		const char *name = (const char *)sqlite3_column_text(st, 0);
		for (const char *p = name; name && !*out && (p = strstr(p, " ")) != NULL; p++) {
			if (strncmp(p + 1, link, link_len) != 0 || p[1 + link_len] != ' ')
				continue;
			const char *word = p + 1 + link_len + 1;
			for (int skip = 0; skip <= gap && !*out && *word; skip++) {
				if (strncmp(word, purpose, stem) == 0)
					*out = 1;
				word += strcspn(word, " ");
				word += *word == ' ';
			}
		}
	}
	if (*out)
		step = SQLITE_DONE;
	int rc = step == SQLITE_DONE ? CL_OK : db_error(db);
	sqlite3_reset(st);
	return rc;
}

/* Does the word describe a food rather than name one: how it was cooked,
 * cut or kept ("scrambled", "sliced", a past participle)? */
static int describing_word(const char *w, size_t len)
{
	char word[CL_SEARCH_WORD_MAX + 1];
	if (len >= sizeof(word))
		return 0;
	memcpy(word, w, len);
	word[len] = '\0';
	if (in_list(prep_words, word) || in_list(not_raw_words, word) ||
	    in_list(cut_words, word) || in_list(state_words, word) || in_list(cooked_words, word))
		return 1;
	/* "scrambled", "buttered": not "seed", "bed" */
	return len > 4 && memcmp(word + len - 2, "ed", 2) == 0 && word[len - 3] != 'e';
}

/* Is the query's word i an "on" saying what the food before it is served
 * on ("avocado on toast", "beans on toast", "cheese on crackers")?  Then
 * the food is the one before, and "on" and the served-on food are dropped
 * (*last: the served-on food's last word): asked for, as after "for", they
 * made "butter on toast" SR's tahini "from roasted and toasted kernels" and
 * "cheese on toast" "Bread, cheese".  Describing words after it say how the
 * food was made and stay ("eggs on toast scrambled" is scrambled egg); one
 * before a food word describes the served-on food ("on buttered toast").
 * Not when nothing stands on either side ("skin on"), when a part stands
 * before it ("skin on chicken thigh"), when the word after it is a part of
 * the food ("ham on the bone", "chicken on a stick": a cut,
 * not a dish), nor when a name holds "on <word>", one word between allowed
 * ("Corn, ..., kernels on cob": "corn on the cob" and "sweetcorn on the
 * cob", a word SR never writes, are still read as written; "Fish, herring
 * eggs on giant kelp": "herring eggs on kelp"). */
static int served_on(cl_fooddb *fdb, int *out, int *last, char *const *w, const size_t *wl, int n,
		     int i, int after_food)
{
	*out = 0;
	if (!after_food || wl[i] != 2 || memcmp(w[i], "on", 2) != 0)
		return CL_OK;
	/* "skin on chicken thigh": the part is kept on, nothing served */
	char before[CL_SEARCH_WORD_MAX + 1];
	if (i > 0 && wl[i - 1] < sizeof(before)) {
		memcpy(before, w[i - 1], wl[i - 1]);
		before[wl[i - 1]] = '\0';
		if (in_list(with_ok_words, before))
			return CL_OK;
	}
	int next = i + 1;
	for (; next < n; next++) {
		char save = w[next][wl[next]];
		w[next][wl[next]] = '\0';
		int stop = in_list(stop_words, w[next]);
		int part = in_list(with_ok_words, w[next]) || in_list(portion_words, w[next]);
		w[next][wl[next]] = save;
		if (part)
			return CL_OK;
		if (!stop)
			break;
	}
	if (next == n)
		return CL_OK;
	int named = 0;
	int rc = names_purpose(fdb, &named, "", 0, "on", w[next], wl[next], 1);
	*out = !rc && !named;
	*last = n - 1;
	while (*last > next && describing_word(w[*last], wl[*last]))
		(*last)--;
	return rc;
}

/* A word's "'s", which folding leaves apart ("cheerio's" folds to "cheerio
 * s"), read as the person meant it, in place: joined when the names hold
 * the word so made ("cheerios", "bananas"); apart when they hold the
 * possessive itself, as SR writes brands ("CAMPBELL'S": "campbell s");
 * else the word alone ("tomato's" tomato, "dave's" dave).  A lone "s" read
 * as a word finds only possessive names (Jew's ear), and a joined word no
 * name holds is corrected to another food ("daves": dates).  After a single
 * letter ("M&M's") the "s" stays apart, as SR writes it. */
static int read_possessives(cl_fooddb *fdb, char *folded)
{
	char joined[CL_SEARCH_WORD_MAX + 2];
	for (char *p = folded; (p = strstr(p, " s")) != NULL; p += 2) {
		char *start = p;
		while (start > folded && isalpha((unsigned char)start[-1]))
			start--;
		size_t len = (size_t)(p - start);
		if (len < 2 || len > CL_SEARCH_WORD_MAX || (p[2] && p[2] != ' ') ||
		    (start > folded && start[-1] != ' '))
			continue;
		memcpy(joined, start, len);
		joined[len] = 's';
		int found = 0, rc = has_row(fdb, &found, "SELECT 1 FROM search_vocab WHERE word = ?",
					    joined, len + 1);
		if (rc)
			return rc;
		if (found) {
			memmove(p, p + 1, strlen(p + 1) + 1);
			p--; /* on past the "s" */
			continue;
		}
		/* (the index narrows the scan to names holding both words: a
		 * LIKE over every name cost 1.5 ms, ten times a search) */
		rc = has_row(fdb, &found,
			     "SELECT 1 FROM food f JOIN search_doc d ON d.food_id = f.id"
			     " WHERE d.docid IN (SELECT rowid FROM food_fts WHERE food_fts"
			     " MATCH '\"' || ?1 || '\" \"s\"') AND ' ' || f.folded || ' '"
			     " LIKE '% ' || ?1 || ' s %' LIMIT 1",
			     start, len);
		if (rc)
			return rc;
		if (!found)
			p[1] = ' ';
	}
	return CL_OK;
}

/* Initials joined by "&" name a brand ("M&M's", "A&W"), and typed as a
 * plural they lose the apostrophe: "m&ms" would fold to "m ms", a word no
 * name holds.  The "s" after one initial is the plural or possessive of the
 * initial, never a word of its own, so it is written "m&m's", which folds
 * as SR's names do.  out holds at least 2 * strlen(text) + 1 bytes. */
static void initials_plural(char *out, const char *text)
{
	char *d = out;
	for (const char *p = text; *p; p++) {
		*d++ = *p;
		if (*p != '&' || p == text || !isalpha((unsigned char)p[-1]) ||
		    !isalpha((unsigned char)p[1]) || (p[2] != 's' && p[2] != 'S') ||
		    isalnum((unsigned char)p[3]))
			continue;
		size_t before = 0; /* the initials before the "&": one to three letters */
		while (p - before > text && isalpha((unsigned char)p[-1 - (long)before]))
			before++;
		if (before > 3)
			continue;
		*d++ = p[1];
		*d++ = '\'';
		p++;
	}
	*d = '\0';
}

static bool phrase_of(char *out, size_t cap, char **w, const size_t *wl, int start, int end,
		      int last_first);

/* "hot dog in a bun", "hamburger on a bun", "chicken in a roll": a food
 * served in bread is the sandwich SR names by it ("Fast foods, hotdog,
 * plain", "Fast foods, hamburger; ...", "Fast foods, chicken fillet
 * sandwich"), not the food alone nor the bun.  The words "in"/"on", an
 * article and the bread are read as "sandwich fast food", in place, so a
 * synonym phrase "<food> sandwich" still speaks ("hot dog sandwich").
 * Only after a food word, and "hot dog bun" (no "in") stays the bun.  A
 * new string replaces *folded only when the reading applies. */
static int bun_sandwich(char **folded)
{
	static const char *const breads[] = {"bun", "buns", "roll", "rolls", NULL};
	const char *text = *folded;
	for (const char *p = text; (p = strstr(p, " ")) != NULL; p++) {
		const char *in = p + 1, *art = in + 3;
		if (!((in[0] == 'i' || in[0] == 'o') && in[1] == 'n' && in[2] == ' '))
			continue;
		const char *before = p; /* the word before must be a food word */
		while (before > text && before[-1] != ' ')
			before--;
		if (in_list_n(stop_words, before, (size_t)(p - before)))
			continue;
		const char *bread = art;
		size_t al = strcspn(art, " ");
		if (art[al] == ' ' && ((al == 1 && art[0] == 'a') || (al == 3 && memcmp(art, "the", 3) == 0)))
			bread = art + al + 1;
		size_t bl = strcspn(bread, " ");
		if (!in_list_n(breads, bread, bl))
			continue;
		static const char reading[] = " sandwich fast food";
		/* "hot dogs in buns": the plural food's sandwich is the phrase
		 * "hot dog sandwich", so the food's plural "s" goes with the
		 * bread's (not "ss": "bass") */
		size_t food = (size_t)(p - text), tail = strlen(bread + bl);
		if (bread[bl - 1] == 's' && p - before > 3 && p[-1] == 's' && p[-2] != 's')
			food--;
		char *out = malloc(food + sizeof(reading) + tail);
		if (!out)
			return cl_error_oom();
		memcpy(out, text, food);
		memcpy(out + food, reading, sizeof(reading) - 1);
		memcpy(out + food + sizeof(reading) - 1, bread + bl, tail + 1);
		free(*folded);
		*folded = out;
		return CL_OK;
	}
	return CL_OK;
}

/* Folds the query and cuts it into words (pointers into *folded). */
static int split_query(cl_fooddb *fdb, char **folded, char **w, size_t *wl, int *nw, int *with_at,
		       int *with_for, int *has_and, const char *text)
{
	char plural_read[2 * MAX_QUERY_BYTES + 1];
	initials_plural(plural_read, text);
	int rc = cl_fold(folded, plural_read);
	if (rc || (rc = read_possessives(fdb, *folded)) || (rc = bun_sandwich(folded)))
		return rc;
	int n = 0, content = 0;
	for (char *p = *folded; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (n == MAX_QUERY_WORDS)
			return cl_error_set(CL_EINVAL, "the search has too many words (at most %d)",
					    MAX_QUERY_WORDS);
		w[n] = p;
		wl[n] = strcspn(p, " ");
		p += wl[n];
		char save = w[n][wl[n]];
		w[n][wl[n]] = '\0';
		int stop = in_list(stop_words, w[n]);
		w[n][wl[n]] = save;
		content += !stop;
		n++;
	}
	if (n == 0)
		return cl_error_set(CL_EINVAL, "the search has no words to look for (only spaces or"
					       " punctuation)");
	/* "a bar of milk chocolate" is milk chocolate in a bar's shape: "bar"
	 * before the food asked for granola bars.  It is dropped ("a bar of
	 * fudge" fudge, "a bar of cheese" cheese), but moved after the food,
	 * before what comes with it, when "<food> bar" is a synonym phrase
	 * ("a bar of chocolate" "chocolate bar", SR's milk chocolate; "a bar of
	 * granola"): moved always, "fudge bar" and "cheese bar" were granola
	 * bars. */
	int bar = -1;
	for (int i = 0; i + 2 < n && bar < 0; i++) {
		if (in_list_n(stop_words, w[i], wl[i]))
			continue;
		if (((wl[i] == 3 && memcmp(w[i], "bar", 3) == 0) ||
		     (wl[i] == 4 && memcmp(w[i], "bars", 4) == 0)) &&
		    wl[i + 1] == 2 && memcmp(w[i + 1], "of", 2) == 0)
			bar = i;
		break;
	}
	if (bar >= 0) {
		char *bw = w[bar];
		size_t bl = wl[bar];
		int end = bar + 2;
		while (end < n && !((wl[end] == 4 && (memcmp(w[end], "with", 4) == 0 ||
						      memcmp(w[end], "from", 4) == 0)) ||
				    (wl[end] == 2 && memcmp(w[end], "in", 2) == 0)))
			end++;
		char phrase[MAX_QUERY_BYTES + 1];
		int moved = 0;
		size_t len = 0;
		if (end > bar + 2 && phrase_of(phrase, sizeof(phrase) - 4, w, wl, bar + 2, end, 0)) {
			len = strlen(phrase);
			memcpy(phrase + len, " bar", 5);
			if ((rc = has_row(fdb, &moved, "SELECT 1 FROM search_syn WHERE phrase = ?", phrase,
					  len + 4)))
				return rc;
		}
		for (int i = bar; i + 1 < (moved ? end : n); i++) {
			w[i] = w[i + 1];
			wl[i] = wl[i + 1];
		}
		if (moved) {
			w[end - 1] = bw;
			wl[end - 1] = bl;
		} else {
			n--;
			content--;
		}
	}
	/* Drop words such as "with" unless nothing else is left. */
	if (content > 0) {
		int k = 0;
		int phrase_end = 0; /* words up to here are a describing phrase's */
		for (int i = 0; i < n; i++) {
			if (i < phrase_end) { /* its "the" or "a": "in the pan" */
				w[k] = w[i];
				wl[k++] = wl[i];
				continue;
			}
			char save = w[i][wl[i]];
			w[i][wl[i]] = '\0';
			int stop = in_list(stop_words, w[i]);
			/* "in juice", "in natural juice": what a food is packed in,
			 * when a describing phrase says it with its "in" (SR's
			 * "juice pack"), is read as that phrase, not as a food
			 * that comes with it ("mandarin segments in juice" are
			 * canned mandarins, not tangerine juice); so is a method
			 * said with "in" or "on", its "the" or "a" kept ("onions
			 * softened in the pan": sauteed, no food "pan"; "on the
			 * grill" is no food served on a grill) */
			if (k > 0 && i + 1 < n && (strcmp(w[i], "in") == 0 || strcmp(w[i], "on") == 0)) {
				char phrase[MAX_QUERY_BYTES + 1];
				int pack = 0, end = i + 3 < n ? i + 3 : n;
				for (; end > i + 1 && !pack; end--) {
					if (!phrase_of(phrase, sizeof(phrase), w, wl, i, end, 0))
						continue;
					if ((rc = has_row(fdb, &pack,
							  "SELECT 1 FROM search_desc WHERE phrase = ?",
							  phrase, strlen(phrase))))
						return rc;
				}
				if (pack) {
					phrase_end = end + 1;
					w[i][wl[i]] = save;
					w[k] = w[i];
					wl[k++] = wl[i];
					continue;
				}
			}
			*has_and |= k > 0 && strcmp(w[i], "and") == 0;
			int is_for = strcmp(w[i], "for") == 0;
			int on = 0, on_last = i;
			if ((rc = served_on(fdb, &on, &on_last, w, wl, n, i, k > 0)))
				return rc;
			if (on) { /* what it is served on is no part of it */
				w[i][wl[i]] = save;
				i = on_last;
				continue;
			}
			/* "hot chocolate made with water": how it was made is
			 * asked for, as what comes with it is, from "made" on
			 * ("made" stays a word: SR's "Bread, ..., made with low
			 * fat (2%) milk" says it) */
			int made = i + 1 < n && strcmp(w[i], "made") == 0 && wl[i + 1] == 4 &&
				   memcmp(w[i + 1], "with", 4) == 0;
			if (*with_at < 0 && k > 0 &&
			    (strcmp(w[i], "with") == 0 || strcmp(w[i], "w") == 0 || strcmp(w[i], "in") == 0 ||
			     strcmp(w[i], "from") == 0 || is_for || made)) {
				*with_at = k;
				*with_for = is_for;
			}
			w[i][wl[i]] = save;
			/* SR names foods by what they are for ("Beef, chuck for
			 * stew", "Veal, cubed for stew"): when a name holds the
			 * query's "for <word>" and the word before "for", the
			 * word names the food as it did while "for" was a stop
			 * word ("butter for baking" stays butter, though
			 * shortenings are "for baking") */
			if (is_for && *with_at == k && i + 1 < n) {
				int named = 0;
				if ((rc = names_purpose(fdb, &named, w[k - 1], wl[k - 1], "for", w[i + 1],
							wl[i + 1], 0)))
					return rc;
				if (named)
					*with_at = -1, *with_for = 0;
			}
			if (!stop) {
				w[k] = w[i];
				wl[k++] = wl[i];
			}
		}
		n = k;
	}
	/* "milk 2 percent", "1 pct milk": SR writes "2% milkfat", and the
	 * number alone would ask for any food holding a 2; "two percent" is
	 * written out as often (SR's percentages of fat are 1 and 2 or have
	 * decimals) */
	for (int i = 0; i + 1 < n; i++) {
		int digits = wl[i] > 0;
		for (size_t k = 0; k < wl[i] && digits; k++)
			digits = isdigit((unsigned char)w[i][k]);
		char spelled = wl[i] != 3 ? 0 : memcmp(w[i], "one", 3) == 0 ? '1'
					   : memcmp(w[i], "two", 3) == 0 ? '2' : 0;
		digits |= spelled != 0;
		int drop = 0;
		if (digits && ((wl[i + 1] == 7 && memcmp(w[i + 1], "percent", 7) == 0) ||
			       (wl[i + 1] == 3 && memcmp(w[i + 1], "pct", 3) == 0)))
			drop = 1;
		else if (digits && i + 2 < n && wl[i + 1] == 3 && memcmp(w[i + 1], "per", 3) == 0 &&
			 wl[i + 2] == 4 && memcmp(w[i + 2], "cent", 4) == 0)
			drop = 2;
		if (!drop || (!spelled && w[i][wl[i]] != ' '))
			continue;
		if (spelled) { /* "two" -> "2%", in place in the folded copy */
			w[i][0] = spelled;
			w[i][1] = '%';
			wl[i] = 2;
		} else {
			w[i][wl[i]++] = '%'; /* the space after the number */
		}
		for (int k = i + 1; k + drop < n; k++) {
			w[k] = w[k + drop];
			wl[k] = wl[k + drop];
		}
		n -= drop;
		if (*with_at > i)
			*with_at = *with_at - drop > i ? *with_at - drop : i + 1;
	}
	/* "70% cocoa", "85 percent cocoa solids": what the percentage measures
	 * SR writes "cacao" ("Chocolate, dark, 70-85% cacao solids"); "cocoa"
	 * there is no cocoa powder (in place: the words are as long).  Not
	 * "100% cocoa", pure cocoa, nor where a word after it names the cocoa
	 * product ("100% cocoa powder", "cocoa butter", "cocoa mix"). */
	for (int i = 0; i + 1 < n; i++) {
		int pure = wl[i] == 4 && memcmp(w[i], "100%", 4) == 0;
		int product = i + 2 < n && ((wl[i + 2] == 6 && memcmp(w[i + 2], "powder", 6) == 0) ||
					    (wl[i + 2] == 6 && memcmp(w[i + 2], "butter", 6) == 0) ||
					    (wl[i + 2] == 3 && memcmp(w[i + 2], "mix", 3) == 0));
		if (wl[i] >= 2 && w[i][wl[i] - 1] == '%' && isdigit((unsigned char)w[i][0]) &&
		    wl[i + 1] == 5 && memcmp(w[i + 1], "cocoa", 5) == 0 && !pure && !product)
			memcpy(w[i + 1], "cacao", 5);
	}
	*nw = n;
	return CL_OK;
}

/* Runs one of the handle's kept statements to its end: sqlite3_exec()
 * parsed the search's savepoint and its release again on every search.
 * (The memory map's pragma is no kept statement: SQLite prepared it again
 * at every run, some 9 thousand instructions a search; cl_fooddb_map()
 * sets it once.) */
static int run_kept(ctx *c, const char *sql)
{
	sqlite3_stmt *st = cl_fooddb_stmt(c->fdb, sql);
	int step;
	if (!st)
		return CL_EDB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		; /* the pragma's row: the size set */
	int rc = step == SQLITE_DONE ? CL_OK : db_error(c->db);
	sqlite3_reset(st);
	return rc;
}

/* The words start..end-1 joined by spaces (the last first if asked:
 * "pinto beans refried" -> "refried pinto beans") into
 * out, of cap bytes; false, and no phrase, when they do not fit: folding can
 * make a query several times longer than typed ("\u337f" is 3 bytes typed
 * and 12 folded), and no synonym phrase is that long. */
static bool phrase_of(char *out, size_t cap, char **w, const size_t *wl, int start, int end,
		      int last_first)
{
	size_t len = 0;
	for (int k = 0; k < end - start; k++) {
		int i = !last_first ? start + k : k == 0 ? end - 1 : start + k - 1;
		if (len + (k ? 1 : 0) + wl[i] + 1 > cap)
			return false;
		if (k)
			out[len++] = ' ';
		memcpy(out + len, w[i], wl[i]);
		len += wl[i];
	}
	out[len] = '\0';
	return true;
}

/* A diary writes the food first and what was done to it or which kind it is
 * after ("pinto beans refried", "milk powder whole", "cider vinegar apple"),
 * where a synonym phrase has that word first ("refried pinto beans": SR's
 * "Refried beans").  So when the food's last word (before any "with" or
 * "for") followed by the two or more words typed just before it is a
 * synonym phrase, and those words as typed are none, the last word is read
 * first.  Two-word phrases are left as typed: their order is often the food
 * ("milk chocolate" is no "chocolate milk"). */
static int food_first_phrase(ctx *c, char **w, size_t *wl, int nw, int with_at)
{
	char phrase[MAX_QUERY_BYTES + 1];
	int end = with_at >= 0 ? with_at : nw, found = 0, rc;
	for (int start = 0; start + 3 <= end; start++) {
		if (!phrase_of(phrase, sizeof(phrase), w, wl, start, end, 0))
			continue;
		if ((rc = is_synonym(c, &found, phrase)) || found)
			return rc;
		phrase_of(phrase, sizeof(phrase), w, wl, start, end, 1); /* same length: fits */
		if ((rc = is_synonym(c, &found, phrase)))
			return rc;
		if (!found)
			continue;
		char *last = w[end - 1];
		size_t last_len = wl[end - 1];
		memmove(&w[start + 1], &w[start], (size_t)(end - 1 - start) * sizeof(*w));
		memmove(&wl[start + 1], &wl[start], (size_t)(end - 1 - start) * sizeof(*wl));
		w[start] = last;
		wl[start] = last_len;
		return CL_OK;
	}
	return CL_OK;
}

/* The query searched again for a real word's slip (real_word_slip): the
 * text as typed with the word slipped replaced by slip, so that its stop
 * words still speak ("back tea with milk" is black tea with milk, not
 * "black tea milk"); when no whitespace-cut piece of the text folds to that
 * word alone ("beats,canned"), the query's words read (w, nw of them), word
 * which replaced.  *out is NULL when the query would be too long. */
static int slip_retry(char **out, const char *text, const char *slip, char *const *w,
		      const size_t *wl, int nw, int which)
{
	size_t cap = MAX_QUERY_BYTES + 1, len = 0, tl = 0, slip_len = strlen(slip);
	char piece[MAX_QUERY_BYTES + 1], *folded = NULL;
	const char *p = text;
	int rc = CL_OK, same = 0;
	*out = NULL;
	for (; *p && !same; p += tl) {
		p += strspn(p, " \t\n\r");
		if (!(tl = strcspn(p, " \t\n\r")))
			break;
		snprintf(piece, sizeof(piece), "%.*s", (int)tl, p); /* text fits */
		if ((rc = cl_fold(&folded, piece)))
			return rc;
		same = strlen(folded) == wl[which] && memcmp(folded, w[which], wl[which]) == 0;
		free(folded);
		folded = NULL;
	}
	if (!(*out = malloc(cap)))
		return cl_error_oom();
	if (same) {
		p -= tl; /* the piece that was the word */
		len = (size_t)snprintf(*out, cap, "%.*s%s%s", (int)(p - text), text, slip, p + tl);
	} else {
		for (int i = 0; i < nw && len < cap; i++)
			len += (size_t)snprintf(*out + len, cap - len, "%s%.*s", i ? " " : "",
						i == which ? (int)slip_len : (int)wl[i],
						i == which ? slip : w[i]);
	}
	if (len >= cap) { /* too long to search: read as typed */
		free(*out);
		*out = NULL;
	}
	return CL_OK;
}

/* The search; again: the query is a real word's slip read again
 * (real_word_slip), not to be read for one once more. */
static int search_text(cl_food_hits *out, cl_fooddb *fdb, const char *query_text, size_t limit,
		       int again)
{
	ctx c = {.db = cl_fooddb_sqlite(fdb), .fdb = fdb};
	char *folded = NULL, *match = NULL, *w[MAX_QUERY_WORDS], *retry = NULL;
	size_t wl[MAX_QUERY_WORDS];
	int nw = 0, rc, in_txn = 0;
	query *q = NULL;
	cand *cands = NULL;
	size_t n = 0, generic = 0, named_n = 0, named_plain = 0;

	out->hits = NULL;
	out->count = 0;
	if (!query_text)
		return cl_error_set(CL_EINVAL, "the search has no query");
	if (strlen(query_text) > MAX_QUERY_BYTES)
		return cl_error_set(CL_EINVAL, "the search is too long (at most %d bytes)",
				    MAX_QUERY_BYTES);
	int with_at = -1, with_for = 0, has_and = 0;
	if ((rc = split_query(fdb, &folded, w, wl, &nw, &with_at, &with_for, &has_and, query_text)))
		goto cleanup;
	/* the words as typed, before corrections replace them in w */
	char *as_typed[MAX_QUERY_WORDS];
	size_t typed_len[MAX_QUERY_WORDS];
	memcpy(as_typed, w, sizeof(as_typed));
	memcpy(typed_len, wl, sizeof(typed_len));
	int ntyped = nw;
	if (!(q = calloc(1, sizeof(*q)))) {
		rc = cl_error_oom();
		goto cleanup;
	}
	q->with_at = with_at;
	q->with_for = with_for;
	for (int i = 0; i < nw; i++)
		q->says_only |= wl[i] == 4 && memcmp(w[i], "only", 4) == 0;
	q->has_and = has_and;
	q->wants_made_up = made_up_query(folded);
	q->cooked_words = sketch_of(cooked_words);
	q->cooked_plain_words = sketch_of(cooked_plain_words);
	/* Read the (read-only) file through a memory map rather than a read()
	 * per page: over a million names this halves the time of a search.
	 * Then one read transaction for the dozen small statements of a search:
	 * otherwise SQLite takes and drops its file lock around each of them. */
	if ((rc = cl_fooddb_map(fdb, MMAP_BYTES)) || (rc = run_kept(&c, "SAVEPOINT cl_search")))
		goto cleanup;
	in_txn = 1;
	if ((rc = cl_search_docs_get(&c.docs, fdb)))
		goto cleanup;
	if (!(c.syn = cl_fooddb_stmt(fdb, "SELECT repl FROM search_syn WHERE phrase = ?")) ||
	    !(c.exists = cl_fooddb_stmt(fdb, "SELECT 1 FROM food_fts WHERE food_fts MATCH ? LIMIT 1")) ||
	    !(c.del = cl_fooddb_stmt(fdb, "SELECT word FROM search_del WHERE del = ?")) ||
	    !(c.freq = cl_fooddb_stmt(fdb, "SELECT freq FROM search_vocab WHERE word = ?")) ||
	    !(c.starts = cl_fooddb_stmt(fdb, "SELECT word FROM search_vocab WHERE word > ?1"
					     " AND word < ?1 || char(1114111)"
					     " ORDER BY freq DESC, word LIMIT ?2"))) {
		rc = CL_EDB;
		goto cleanup;
	}
	/* search_stat came later (round 8), search_desc in round 9, search_dish
	 * in round 22: an older database says to re-import */
	if (!(c.stat = cl_fooddb_stmt(fdb, "SELECT df, heads, nouns, babies FROM search_stat"
						   " WHERE stem = ?")) ||
	    !(c.desc = cl_fooddb_stmt(fdb, "SELECT kind, repl FROM search_desc WHERE phrase = ?")) ||
	    !(c.dish = cl_fooddb_stmt(fdb, "SELECT 1 FROM search_dish WHERE stem = ?"))) {
		rc = db_error(c.db);
		goto cleanup;
	}
	/* A cooking method is first read as written; only when no generic food
	 * the query names says it does its class stand in ("onions fried":
	 * SR's sauteed or boiled onions; "steamed rice": cooked rice, not the
	 * restaurant's).  A process ("fried") may name a dish SR has only from
	 * a restaurant ("fried rice"): any food the query names keeps it. */
	if ((rc = food_first_phrase(&c, w, wl, nw, with_at)) ||
	    (rc = parse_query(&c, q, w, wl, nw)))
		goto cleanup;
	for (int i = 0; i < q->n; i++)
		q->g[i].plain = cl_search_word_kind(q->g[i].alts[0].stem, "", "") == CL_SK_PLAIN;
	q->wants_made_up |= boxed_made_up(q);
	for (int i = 0; i < q->n; i++)
		if (q->g[i].desc == 'm' && q->g[i].live && !q->g[i].optional) {
			q->narrow = 1;
			q->dish |= q->g[i].alts[0].live && !q->g[i].alts[0].prefix &&
				   cl_search_word_kind(q->g[i].alts[0].stem, "", "") != CL_SK_PREP;
		}
	if ((rc = build_match(&match, q, " AND ", -1)))
		goto cleanup;
	if (!*match || limit == 0)
		goto cleanup; /* nothing in the query is in the index: no results */
	if ((rc = collect(&c, &cands, &n, &generic, &named_n, &named_plain, q, match)))
		goto cleanup;
	int wider = 0;
	if (q->narrow && generic > 0 && (rc = method_under_other(&c, q, cands, n, &wider)))
		goto cleanup;
	if (q->narrow && ((generic == 0 && (named_n == 0 || !q->dish)) || wider)) {
		q->narrow = 0;
		n = named_plain = 0;
		if ((rc = collect_again(&c, &cands, &n, &generic, &named_n, &named_plain, q, &match,
					" AND ", -1)))
			goto cleanup;
	}
	if (generic == 0 && !again && ntyped >= 2) {
		/* No food has every word: a real word may be a slip for another
		 * that names hold with the others ("beats canned"), read again
		 * with it; only here, so that a query whose words some food
		 * holds costs nothing more */
		char slip[CL_SEARCH_WORD_MAX + 1];
		int which = -1;
		if ((rc = real_word_slip(&c, &which, slip, as_typed, typed_len,
					 with_at >= 0 && with_at < ntyped ? with_at : ntyped)))
			goto cleanup;
		if (which >= 0 && (rc = slip_retry(&retry, query_text, slip, as_typed, typed_len,
						   ntyped, which)))
			goto cleanup;
		if (retry)
			goto cleanup;
	}
	if (generic == 0) {
		int dropped = 0;
		if ((rc = drop_foreign_brands(&c, q, &dropped)))
			goto cleanup;
		if (dropped) {
			n = named_plain = 0;
			if ((rc = collect_again(&c, &cands, &n, &generic, &named_n, &named_plain, q,
						&match, " AND ", -1)))
				goto cleanup;
		}
	}
	if (generic == 0) {
		/* No food has every word, or only brands, restaurant foods or foods
		 * that are something else do ("red onion": "CAMPBELL'S Red and
		 * White, French Onion Soup" is a soup): rank foods by how many of
		 * the words they have as well. */
		free(match);
		match = NULL;
		q->any = 1;
		/* The foods holding every word having failed, the noun moves: from
		 * a word that names no food in SR ("avocado mashed") to the word
		 * naming foods most often, or to the rare, specific word that names
		 * the food ("edamame beans", "collard greens": SR says "Edamame",
		 * "Collards"); the candidates already read were scored against the
		 * other noun. */
		if (describing_noun(q) || specific_noun(q)) {
			n = named_plain = 0;
			if ((rc = build_match(&match, q, " AND ", -1)) ||
			    (rc = collect(&c, &cands, &n, &generic, &named_n, &named_plain, q, match)))
				goto cleanup;
			free(match);
			match = NULL;
		}
		/* The noun's foods first: the read of foods holding any word is
		 * capped, and common words ("green", "beans") would fill it. */
		if (q->noun >= 0 && q->g[q->noun].live) {
			if ((rc = build_match(&match, q, " OR ", q->noun)) ||
			    (rc = collect(&c, &cands, &n, &generic, &named_n, &named_plain, q, match)))
				goto cleanup;
			free(match);
			match = NULL;
		}
		if ((rc = build_match(&match, q, " OR ", -1)) ||
		    (rc = collect(&c, &cands, &n, &generic, &named_n, &named_plain, q, match)))
			goto cleanup;
	}
	made_up_first(cands, n, q);
	usual_agree(cands, n);
	/* A soup or sauce named after the query's noun ("Sauce, pizza") is only
	 * made from it when another food is that noun ("Pizza, ..."). */
	if (named_plain)
		for (size_t i = 0; i < n; i++)
			cands[i].score = cands[i].made_score;
	babies_below_adults(cands, n, q);
	n = best_first(cands, n, limit);
	rc = fill_hits(&c, out, cands, n);
cleanup:
	if (rc)
		cl_food_hits_free(out);
	/* Kept on the handle (cl_fooddb_stmt): reset, not finalized. */
	sqlite3_reset(c.syn);
	sqlite3_reset(c.exists);
	sqlite3_reset(c.del);
	sqlite3_reset(c.freq);
	sqlite3_reset(c.starts);
	sqlite3_reset(c.stat);
	sqlite3_reset(c.desc);
	if (in_txn)
		run_kept(&c, "RELEASE cl_search");
	for (int i = 0; q && i < q->n; i++)
		for (int k = 0; k < q->g[i].nalt; k++)
			free(q->g[i].alts[k].completions);
	free(cands);
	free(match);
	free(folded);
	free(q);
	if (rc == CL_OK && retry)
		rc = search_text(out, fdb, retry, limit, 1);
	free(retry);
	return rc;
}

int cl_food_search(cl_food_hits *out, cl_fooddb *fdb, const char *query_text, size_t limit)
{
	return search_text(out, fdb, query_text, limit, 0);
}

void cl_food_hits_free(cl_food_hits *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->count; i++)
		free(h->hits[i].name);
	free(h->hits);
	h->hits = NULL;
	h->count = 0;
}
