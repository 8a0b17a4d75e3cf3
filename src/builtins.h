/* builtins.h — the functions and attributes that expressions can use. */
#ifndef TREATY_BUILTINS_H
#define TREATY_BUILTINS_H

typedef enum {
    BI_MEMBER_OF, BI_OBSERVER_OF, BI_PARTNER_OF, BI_BORDERS, BI_COUNT, BI_SHARE,
    BI_KIND, BI_REGION, BI_MEMBERS, BI_OBSERVERS, BI_PARTNERS, BI_NONE
} BuiltinId;

typedef struct Builtin { const char *name; int nargs; BuiltinId id; const char *usage; } Builtin;

const Builtin *builtin_find(const char *name);
extern const Builtin builtin_table[];
extern const int builtin_count;
/* Attributes after '.': region, kind, founded, name. */
int attr_known(const char *name);
#endif
