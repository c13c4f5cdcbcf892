/*
 * USDA SR food groups.  The table is SR24's FD_GROUP file (the 25 groups of
 * that release); NDB numbers begin with their group's two digits, except
 * the extra ranges that later SR releases filled (23xxx beef, 27xxx and
 * 31xxx branded soups and vegetable products, 42xxx-93xxx assorted).
 */
#ifndef CL_SR_GROUPS_H
#define CL_SR_GROUPS_H

struct cl_sr_group {
	const char *code;
	const char *name;
};

extern const struct cl_sr_group cl_sr_groups[];

/* The group code for an NDB number by its leading digits, or NULL. */
const char *cl_sr_group_for_ndb(const char *ndb);

#endif
