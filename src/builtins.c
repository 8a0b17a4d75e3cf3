/* builtins.c — the table of built-in functions. */
#include "builtins.h"
#include <string.h>

const Builtin builtin_table[] = {
    {"member_of", 2, BI_MEMBER_OF, "member_of(x, ORG or kind K)"},
    {"observer_of", 2, BI_OBSERVER_OF, "observer_of(x, ORG)"},
    {"partner_of", 2, BI_PARTNER_OF, "partner_of(x, ORG)"},
    {"borders", 2, BI_BORDERS, "borders(a, b)"},
    {"count", 1, BI_COUNT, "count(set)"},
    {"share", 2, BI_SHARE, "share(x, ORG)"},
    {"kind", 1, BI_KIND, "kind(ORG)"},
    {"region", 1, BI_REGION, "region(x)"},
    {"members", 1, BI_MEMBERS, "members(ORG)"},
    {"observers", 1, BI_OBSERVERS, "observers(ORG)"},
    {"partners", 1, BI_PARTNERS, "partners(ORG)"},
};
const int builtin_count = (int)(sizeof builtin_table / sizeof builtin_table[0]);

const Builtin *builtin_find(const char *name)
{
    for (int i = 0; i < builtin_count; i++)
        if (strcmp(builtin_table[i].name, name) == 0) return &builtin_table[i];
    return NULL;
}

int attr_known(const char *name)
{
    return strcmp(name, "region") == 0 || strcmp(name, "kind") == 0 ||
           strcmp(name, "founded") == 0 || strcmp(name, "name") == 0;
}
