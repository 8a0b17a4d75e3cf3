/* intern.c — string interning with an open-addressing hash table. */
#include "intern.h"
#include <stdlib.h>
#include <string.h>

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;                      /* FNV-1a */
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
    return h;
}

void intern_init(Interner *in, Arena *arena)
{
    in->arena = arena;
    in->cap = 64;
    in->count = 1;
    in->names = xmalloc(in->cap * sizeof *in->names);
    in->names[0] = "";
    in->table_cap = 128;
    in->table = xcalloc(in->table_cap, sizeof *in->table);
}

void intern_free(Interner *in)
{
    free(in->names);
    free(in->table);
    in->names = NULL;
    in->table = NULL;
}

static uint32_t *slot_for(const Interner *in, const char *s, size_t n)
{
    uint32_t mask = in->table_cap - 1;
    uint32_t i = hash_bytes(s, n) & mask;
    for (;;) {
        uint32_t sym = in->table[i];
        if (sym == 0) return &in->table[i];
        const char *name = in->names[sym];
        if (strncmp(name, s, n) == 0 && name[n] == '\0') return &in->table[i];
        i = (i + 1) & mask;
    }
}

static void rehash(Interner *in)
{
    uint32_t old_cap = in->table_cap;
    uint32_t *old = in->table;
    uint32_t *grown = xcalloc((size_t)old_cap * 2, sizeof *in->table);   /* before anything changes */
    in->table_cap *= 2;
    in->table = grown;
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i]) {
            const char *nm = in->names[old[i]];
            *slot_for(in, nm, strlen(nm)) = old[i];
        }
    free(old);
}

Sym intern(Interner *in, const char *s, size_t n)
{
    uint32_t *slot = slot_for(in, s, n);
    if (*slot) return *slot;
    /* allocate first, then change: an allocation that fails leaves the
     * interner as it was (see oom_catch) */
    if (in->count == in->cap) {
        in->names = xrealloc(in->names, (size_t)in->cap * 2 * sizeof *in->names);
        in->cap *= 2;
    }
    const char *copy = arena_strndup(in->arena, s, n);
    Sym sym = in->count++;
    in->names[sym] = copy;
    *slot = sym;
    if ((uint64_t)in->count * 4 > (uint64_t)in->table_cap * 3) rehash(in);   /* at most 3/4 full */
    return sym;
}

Sym intern_cstr(Interner *in, const char *s) { return intern(in, s, strlen(s)); }

Sym intern_lookup(const Interner *in, const char *s, size_t n)
{
    return *slot_for(in, s, n);
}

const char *sym_name(const Interner *in, Sym s)
{
    return s < in->count ? in->names[s] : "?";
}
