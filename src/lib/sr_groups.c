/* SR24 food groups (FD_GROUP.txt of USDA SR24) and the NDB prefix rule. */
#include <string.h>

#include "sr_groups.h"

const struct cl_sr_group cl_sr_groups[] = {
	{"0100", "Dairy and Egg Products"},
	{"0200", "Spices and Herbs"},
	{"0300", "Baby Foods"},
	{"0400", "Fats and Oils"},
	{"0500", "Poultry Products"},
	{"0600", "Soups, Sauces, and Gravies"},
	{"0700", "Sausages and Luncheon Meats"},
	{"0800", "Breakfast Cereals"},
	{"0900", "Fruits and Fruit Juices"},
	{"1000", "Pork Products"},
	{"1100", "Vegetables and Vegetable Products"},
	{"1200", "Nut and Seed Products"},
	{"1300", "Beef Products"},
	{"1400", "Beverages"},
	{"1500", "Finfish and Shellfish Products"},
	{"1600", "Legumes and Legume Products"},
	{"1700", "Lamb, Veal, and Game Products"},
	{"1800", "Baked Products"},
	{"1900", "Sweets"},
	{"2000", "Cereal Grains and Pasta"},
	{"2100", "Fast Foods"},
	{"2200", "Meals, Entrees, and Sidedishes"},
	{"2500", "Snacks"},
	{"3500", "Ethnic Foods"},
	{"3600", "Restaurant Foods"},
	{NULL, NULL},
};

const char *cl_sr_group_for_ndb(const char *ndb)
{
	if (strlen(ndb) != 5)
		return NULL;
	if (strncmp(ndb, "23", 2) == 0) /* SR's second range of beef cuts */
		return "1300";
	for (int i = 0; cl_sr_groups[i].code; i++)
		if (strncmp(cl_sr_groups[i].code, ndb, 2) == 0)
			return cl_sr_groups[i].code;
	return NULL;
}
