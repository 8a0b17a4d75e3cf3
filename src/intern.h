/* intern.h — every name is stored once and compared as a small integer. */
#ifndef TREATY_INTERN_H
#define TREATY_INTERN_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

typedef uint32_t Sym;            /* 0 means "no name" */
#define SYM_NONE 0u

/* A slot of the hash table: a name's sym (0: empty) and the hash of its
 * bytes, so that a probe compares strings only when the hashes agree. */
typedef struct InternSlot { uint32_t sym, hash; } InternSlot;

typedef struct Interner {
    Arena *arena;                /* where the strings live */
    const char **names;          /* names[sym] */
    uint32_t count, cap;         /* count includes slot 0 */
    InternSlot *table;           /* open addressing */
    uint32_t table_cap;
} Interner;

void        intern_init(Interner *in, Arena *arena);
void        intern_free(Interner *in);      /* the strings go with the arena */
Sym         intern(Interner *in, const char *s, size_t n);
Sym         intern_cstr(Interner *in, const char *s);
Sym         intern_lookup(const Interner *in, const char *s, size_t n); /* SYM_NONE if absent */
const char *sym_name(const Interner *in, Sym s);
#endif
