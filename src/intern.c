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

static InternSlot *slot_for(const Interner *in, const char *s, size_t n, uint32_t hash)
{
    uint32_t mask = in->table_cap - 1;
    for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
        InternSlot *slot = &in->table[i];
        if (slot->sym == 0) return slot;
        if (slot->hash != hash) continue;
        const char *name = in->names[slot->sym];
        if (strncmp(name, s, n) == 0 && name[n] == '\0') return slot;
    }
}

/* Names move to a table twice the size with the hashes they have: no
 * string is read again. */
static void rehash(Interner *in)
{
    uint32_t old_cap = in->table_cap;
    InternSlot *old = in->table;
    InternSlot *grown = xcalloc((size_t)old_cap * 2, sizeof *in->table);   /* before anything changes */
    in->table_cap *= 2;
    in->table = grown;
    uint32_t mask = in->table_cap - 1;
    for (uint32_t i = 0; i < old_cap; i++)
        if (old[i].sym) {
            uint32_t j = old[i].hash & mask;
            while (grown[j].sym) j = (j + 1) & mask;
            grown[j] = old[i];
        }
    free(old);
}

Sym intern(Interner *in, const char *s, size_t n)
{
    uint32_t hash = hash_bytes(s, n);
    InternSlot *slot = slot_for(in, s, n, hash);
    if (slot->sym) return slot->sym;
    /* allocate first, then change: an allocation that fails leaves the
     * interner as it was (see oom_catch) */
    if (in->count == in->cap) {
        in->names = xrealloc(in->names, (size_t)in->cap * 2 * sizeof *in->names);
        in->cap *= 2;
    }
    const char *copy = arena_strndup(in->arena, s, n);
    Sym sym = in->count++;
    in->names[sym] = copy;
    slot->sym = sym;
    slot->hash = hash;
    if ((uint64_t)in->count * 4 > (uint64_t)in->table_cap * 3) rehash(in);   /* at most 3/4 full */
    return sym;
}

Sym intern_cstr(Interner *in, const char *s) { return intern(in, s, strlen(s)); }

Sym intern_lookup(const Interner *in, const char *s, size_t n)
{
    return slot_for(in, s, n, hash_bytes(s, n))->sym;
}

const char *sym_name(const Interner *in, Sym s)
{
    return s < in->count ? in->names[s] : "?";
}
