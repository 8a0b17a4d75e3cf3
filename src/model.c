/* model.c — the world's storage and name lookups. */
#include "model.h"
#include <stdlib.h>
#include <string.h>

const char *ent_kind_name(EntKind k)
{
    return k == ENT_STATE ? "state" : k == ENT_ACTOR ? "actor" : k == ENT_ORG ? "organisation" : "thing";
}

const char *principle_name(PrincipleKind k)
{
    static const char *const names[] = {
        "collective_defence", "consultation", "non_aggression",
        "non_interference", "neutrality", "exclusive", "declared"
    };
    return names[k];
}

World *world_new(void)
{
    World *w = xcalloc(1, sizeof *w);
    arena_init(&w->arena);
    intern_init(&w->names, &w->arena);
    Entity none;
    memset(&none, 0, sizeof none);
    vec_push(&w->arena, &w->ents, none);
    w->sym_applicant = intern_cstr(&w->names, "applicant");
    w->sym_org = intern_cstr(&w->names, "org");
    w->sym_exclusive = intern_cstr(&w->names, "exclusive");
    return w;
}

void world_free(World *w)
{
    if (!w) return;
    free(w->by_sym);
    free(w->rule_by_sym);
    intern_free(&w->names);
    arena_free(&w->arena);
    free(w);
}

EntId world_find(const World *w, Sym s)
{
    return s < w->by_sym_cap ? w->by_sym[s] : ENT_NONE;
}

EntId world_find_name(const World *w, const char *name)
{
    Sym s = intern_lookup(&w->names, name, strlen(name));
    return s ? world_find(w, s) : ENT_NONE;
}

const Rule *world_rule(const World *w, Sym s)
{
    if (s >= w->by_sym_cap || !w->rule_by_sym[s]) return NULL;
    return &w->rules.items[w->rule_by_sym[s] - 1];
}

const char *world_suggest(const World *w, const char *name, EntKind kind)
{
    int n = 0;
    const char **cands = xmalloc((size_t)w->ents.n * sizeof *cands);
    for (int i = 1; i < w->ents.n; i++)
        if (!kind || w->ents.items[i].kind == kind)
            cands[n++] = sym_name(&w->names, w->ents.items[i].name);
    const char *best = suggest_closest(name, cands, n);
    free(cands);
    return best;
}
