/* conditions.c — resolving, settling and saying an obligation's conditions
 * (see conditions.h). */
#include "conditions.h"
#include "places.h"
#include "whatif.h"
#include <stdlib.h>
#include <string.h>

const char *cond_status_name(CondStatus s)
{
    return s == CS_MET ? "met" : s == CS_OPEN ? "open" : "failed";
}

const char *cond_kind_name(CondKind k)
{
    static const char *const names[] = { "against", "against outsiders", "against at least", "in", "during",
                                         "unless provoked", "after demands" };
    return names[k];
}

/* A name of one of the sorts `ok` allows (bits of EntKind), or ENT_NONE
 * after reporting it. */
static EntId lookup_sort(const World *w, Diag *d, Name n, unsigned ok, EntKind hint, const char *what,
                         const char *a_what)
{
    if (n.sym == SYM_NONE) return ENT_NONE;
    const char *name = sym_name(&w->names, n.sym);
    EntId id = world_find(w, n.sym);
    if (!id) {
        const char *s = d->stopped ? NULL : world_suggest(w, name, hint);
        if (!s && !d->stopped) s = world_suggest(w, name, 0);
        if (s) diag_error(d, n.loc, "unknown %s '%s'; did you mean '%s'?", what, name, s);
        else diag_error(d, n.loc, "unknown %s '%s'", what, name);
        return ENT_NONE;
    }
    EntKind k = ent(w, id)->kind;
    if (!(ok >> k & 1u)) {
        diag_error(d, n.loc, "'%s' is %s %s, not %s", name, ent_kind_article(k), ent_kind_name(k), a_what);
        return ENT_NONE;
    }
    return id;
}

enum { PARTY_SORTS = 1u << ENT_STATE | 1u << ENT_ACTOR,
       LOCATION_SORTS = 1u << ENT_STATE | 1u << ENT_PLACE | 1u << ENT_AREA };

/* The named parties of a condition, sorted by id; a name given twice is
 * reported. */
static int condition_parties(World *w, Diag *d, const NameList *names, EntList *out)
{
    int ok = 1;
    for (int i = 0; i < names->n; i++) {
        EntId id = lookup_sort(w, d, names->items[i], PARTY_SORTS, ENT_STATE, "state or actor", "a state or an actor");
        if (!id) { ok = 0; continue; }
        vec_push(&w->arena, out, id);
    }
    if (out->n > 1) qsort(out->items, (size_t)out->n, sizeof *out->items, entid_cmp);
    for (int i = 1; i < out->n; i++)
        if (out->items[i] == out->items[i - 1]) {
            /* the place of the repeat: the second name written that is it */
            Loc at = names->items[0].loc;
            for (int k = 0, seen = 0; k < names->n; k++)
                if (names->items[k].sym == ent(w, out->items[i])->name && seen++) { at = names->items[k].loc; break; }
            diag_error(d, at, "'%s' is named twice in this condition", ent_name(w, out->items[i]));
            ok = 0;
            break;
        }
    return ok;
}

/* "A, B, C": the names as written, built in one pass (a condition may
 * name very many parties). */
static const char *names_written(const World *w, Arena *a, const NameList *names)
{
    size_t len = 1;
    for (int i = 0; i < names->n; i++) len += strlen(sym_name(&w->names, names->items[i].sym)) + 2;
    char *s = arena_alloc_bytes(a, len), *end = s;
    for (int i = 0; i < names->n; i++) {
        const char *name = sym_name(&w->names, names->items[i].sym);
        size_t n = strlen(name);
        if (i) { memcpy(end, ", ", 2); end += 2; }
        memcpy(end, name, n);
        end += n;
    }
    *end = '\0';
    return s;
}

int conditions_resolve(World *w, Diag *d, const CondSpecList *specs, Obligation *ob)
{
    int ok = 1;
    unsigned seen = 0;
    vec_reserve(&w->arena, &ob->conds, specs->n);       /* the list as long as the clause's, not doubled */
    for (int i = 0; i < specs->n; i++) {
        const CondSpec *s = &specs->items[i];
        if (seen & (1u << s->kind)) {
            diag_error(d, s->loc, "this obligation already has a condition '%s' (write two obligations for "
                       "\"either\")", cond_kind_name(s->kind));
            ok = 0;
            continue;
        }
        seen |= 1u << s->kind;
        if (s->kind == CD_OUTSIDERS) { ob->outsiders = 1; continue; }
        Condition c;
        memset(&c, 0, sizeof c);
        c.kind = s->kind;
        c.loc = s->loc;
        switch (s->kind) {
        case CD_AGAINST:
            if (!condition_parties(w, d, &s->names, &c.names)) { ok = 0; continue; }
            c.text = arena_join(&w->arena, "against ", names_written(w, &w->arena, &s->names), NULL);
            break;
        case CD_AT_LEAST:
            if (!(s->count >= 1 && s->count <= 1000000) || s->count != (int)s->count) {
                diag_error(d, s->loc, "the number of attackers is a whole number from 1 to 1000000");
                ok = 0;
                continue;
            }
            c.count = (int)s->count;
            if (!condition_parties(w, d, &s->names, &c.names)) { ok = 0; continue; }
            if (s->names.n && c.count > c.names.n) {
                diag_error(d, s->loc, "at least %d of %d parties can never attack: this condition is never met",
                           c.count, c.names.n);
                ok = 0;
                continue;
            }
            c.text = s->names.n ? arena_printf(&w->arena, "against at least %d of %s", c.count,
                                               names_written(w, &w->arena, &s->names))
                                : arena_printf(&w->arena, "against at least %d", c.count);
            break;
        case CD_IN:
            c.ent = lookup_sort(w, d, s->name, LOCATION_SORTS, ENT_AREA, "place or area", "a place or an area");
            if (!c.ent) { ok = 0; continue; }
            c.text = arena_join(&w->arena, "in ", ent_name(w, c.ent), NULL);
            break;
        case CD_DURING:
            c.ent = lookup_sort(w, d, s->name, 1u << ENT_CONFLICT, ENT_CONFLICT, "conflict", "a conflict");
            if (!c.ent) { ok = 0; continue; }
            c.text = arena_join(&w->arena, "during ", ent_name(w, c.ent), NULL);
            break;
        case CD_UNPROVOKED: c.text = "unless provoked"; break;
        case CD_AFTER_DEMANDS: c.text = "after demands"; break;
        case CD_OUTSIDERS: break;
        }
        vec_push(&w->arena, &ob->conds, c);
    }
    /* by kind (each kind is there once), so that two obligations with the
     * same conditions compare equal whatever order they were written in */
    for (int i = 1; i < ob->conds.n; i++)
        for (int k = i; k > 0 && ob->conds.items[k].kind < ob->conds.items[k - 1].kind; k--) {
            Condition t = ob->conds.items[k];
            ob->conds.items[k] = ob->conds.items[k - 1];
            ob->conds.items[k - 1] = t;
        }
    return ok;
}

void condition_spec_check(const World *w, Diag *d, const CondSpec *s)
{
    for (int i = 0; i < s->names.n; i++)
        lookup_sort(w, d, s->names.items[i], PARTY_SORTS, ENT_STATE, "state or actor", "a state or an actor");
    if (s->kind == CD_IN) lookup_sort(w, d, s->name, LOCATION_SORTS, ENT_AREA, "place or area", "a place or an area");
    if (s->kind == CD_DURING) lookup_sort(w, d, s->name, 1u << ENT_CONFLICT, ENT_CONFLICT, "conflict", "a conflict");
}

Condition condition_from_spec(const World *w, Arena *a, const CondSpec *s)
{
    Condition c;
    memset(&c, 0, sizeof c);
    c.kind = s->kind;
    c.loc = s->loc;
    c.count = (int)s->count;
    c.ent = s->name.sym ? world_find(w, s->name.sym) : ENT_NONE;      /* only `in` and `during` name one */
    for (int i = 0; i < s->names.n; i++) vec_push(a, &c.names, world_find(w, s->names.items[i].sym));
    if (c.names.n > 1) qsort(c.names.items, (size_t)c.names.n, sizeof *c.names.items, entid_cmp);
    c.text = loc_text(a, s->loc);
    return c;
}

/* The distinct known attackers among the attacks, counted (those in
 * `among` only, when it is not empty): sorted, so n log n. */
static int attackers_counted(Arena *a, const Attack *all, int n, const EntList *among, int *unknown)
{
    EntId *ids = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *ids);
    int k = 0, count = 0;
    *unknown = 0;
    for (int i = 0; i < n; i++) {
        if (!all[i].by) { *unknown = 1; continue; }
        if (among->n && !entlist_has_id(among, all[i].by)) continue;
        ids[k++] = all[i].by;
    }
    if (k > 1) qsort(ids, (size_t)k, sizeof *ids, entid_cmp);
    for (int i = 0; i < k; i++) count += !i || ids[i] != ids[i - 1];
    return count;
}

/* The status of one condition for one attack; `at_least` is the status of
 * a count condition, the same for every attack. */
static CondStatus one_status(const World *w, const Condition *c, const Attack *at, CondStatus at_least, Date d)
{
    switch (c->kind) {
    case CD_AGAINST:
        if (!at->by) return CS_OPEN;
        return entlist_has_id(&c->names, at->by) ? CS_MET : CS_FAILED;
    case CD_AT_LEAST: return at_least;
    case CD_IN:
        if (!at->place) return CS_OPEN;
        return location_within(w, at->place, c->ent, d) ? CS_MET : CS_FAILED;
    case CD_DURING:
        if (!at->conflict) return CS_OPEN;
        return at->conflict == c->ent ? CS_MET : CS_FAILED;
    case CD_UNPROVOKED: return at->provoked == 0 ? CS_OPEN : at->provoked < 0 ? CS_MET : CS_FAILED;
    case CD_AFTER_DEMANDS: return at->demands == 0 ? CS_OPEN : at->demands > 0 ? CS_MET : CS_FAILED;
    case CD_OUTSIDERS: return CS_MET;
    }
    return CS_OPEN;
}

CondOutcome conditions_settle(const World *w, Arena *scratch, const Obligation *ob, const Attack *attacks,
                              int n, const EntList *skip_ids, Date d)
{
    CondOutcome best = { CS_FAILED, -1, NULL };
    int nc = ob->conds.n;
    signed char room[16] = { 0 };         /* the statuses for one attack: on the stack for the usual few conditions */
    signed char *each = nc <= (int)sizeof room ? room : arena_alloc(scratch, (size_t)nc);
    CondStatus at_least = CS_MET;
    for (int k = 0; k < nc; k++)
        if (ob->conds.items[k].kind == CD_AT_LEAST) {
            int unknown, count = attackers_counted(scratch, attacks, n, &ob->conds.items[k].names, &unknown);
            at_least = count >= ob->conds.items[k].count ? CS_MET : unknown ? CS_OPEN : CS_FAILED;
        }
    int last = -1;                        /* the attack whose statuses `each` holds */
    for (int i = 0; i < n; i++) {
        if (attacks[i].by && skip_ids && entlist_has_id(skip_ids, attacks[i].by)) continue;
        CondStatus worst = CS_MET;
        for (int k = 0; k < nc; k++) {
            each[k] = (signed char)one_status(w, &ob->conds.items[k], &attacks[i], at_least, d);
            if (each[k] < worst) worst = (CondStatus)each[k];
        }
        last = i;
        if (best.attack < 0 || worst > best.status) {
            best.status = worst;
            best.attack = i;
            if (worst == CS_MET) break;
        }
    }
    if (best.attack < 0) return best;
    if (last != best.attack)              /* a later attack was looked at: the best one's statuses again */
        for (int k = 0; k < nc; k++)
            each[k] = (signed char)one_status(w, &ob->conds.items[k], &attacks[best.attack], at_least, d);
    if (nc <= 1) {                        /* one status (none: open): a shared copy, nobody writes to it */
        static const signed char status[3] = { CS_FAILED, CS_OPEN, CS_MET };
        best.each = &status[each[0] - CS_FAILED];
    } else {
        signed char *kept = arena_alloc(scratch, (size_t)nc);
        memcpy(kept, each, (size_t)nc);
        best.each = kept;
    }
    return best;
}

/* "FRN, RUS, UKG": a condition's names (kept by id) sorted by name. */
static const char *names_sorted(const World *w, Arena *a, const EntList *ids)
{
    EntList l = { 0 };
    for (int i = 0; i < ids->n; i++) vec_push(a, &l, ids->items[i]);
    sort_by_name(w, &l);
    return entlist_text(w, a, &l);
}

const char *condition_phrase(const World *w, Arena *a, const Obligation *ob, const Condition *c, EntId x)
{
    /* only two kinds name parties: the others need no sorted list */
    const char *names = c->kind == CD_AGAINST || c->kind == CD_AT_LEAST ? names_sorted(w, a, &c->names) : "";
    switch (c->kind) {
    case CD_AGAINST: return arena_join(a, c->names.n == 1 ? "the attacker is " : "the attacker is one of ", names, NULL);
    case CD_AT_LEAST:
        return c->names.n ? arena_printf(a, "at least %d of %s attack%s%s", c->count, names, x ? " " : "",
                                         x ? ent_name(w, x) : "")
                          : arena_printf(a, "at least %d %s attack%s%s", c->count,
                                         c->count == 1 ? "party" : "parties", x ? " " : "", x ? ent_name(w, x) : "");
    case CD_IN: return arena_join(a, "the attack is in ", ent_name(w, c->ent), NULL);
    case CD_DURING: return arena_join(a, "the attack is part of ", ent_name(w, c->ent), NULL);
    case CD_UNPROVOKED:
        return x ? arena_join(a, ent_name(w, x), " did not provoke the attack", NULL)
                 : "the party attacked did not provoke the attack";
    case CD_AFTER_DEMANDS: return "demands were made of the attacker first";
    case CD_OUTSIDERS: return arena_join(a, "the attacker is not a member of ", ent_name(w, ob->org), NULL);
    }
    return "";
}

const char *conditions_if(const World *w, Arena *a, const Obligation *ob, const CondOutcome *oc, EntId x)
{
    const char *s = "if ";
    int any = 0;
    for (int k = 0; k < ob->conds.n; k++)
        if (!oc || oc->each[k] == CS_OPEN) {                /* an outcome always has its statuses */
            s = arena_join(a, s, any ? " and " : "", condition_phrase(w, a, ob, &ob->conds.items[k], x), NULL);
            any = 1;
        }
    return s;
}

static const char *date_text(Arena *a, Date d)
{
    char buf[16];
    date_format(d, buf);
    return arena_printf(a, "%s", buf);
}

const char *condition_why_not(const World *w, Arena *a, const Condition *c, const Attack *at,
                              const Attack *all, int n, EntId x, Date d)
{
    const char *names = names_sorted(w, a, &c->names);
    switch (c->kind) {
    case CD_AGAINST: {
        EntList by = { 0 };
        for (int i = 0; i < n; i++) if (all[i].by) vec_push(a, &by, all[i].by);
        entlist_keep_first(a, &by);
        if (by.n > 1)
            return arena_printf(a, "the attackers, %s, are not %s", entlist_text(w, a, &by), names);
        return arena_printf(a, "the attacker, %s, is not %s%s", ent_name(w, at->by), c->names.n == 1 ? "" : "one of ",
                            names);
    }
    case CD_AT_LEAST: {
        int unknown, count = attackers_counted(a, all, n, &c->names, &unknown);
        if (c->names.n)
            return arena_printf(a, "%d of %s %s %s, fewer than %d", count, names, count == 1 ? "attacks" : "attack",
                                ent_name(w, x), c->count);
        return arena_printf(a, "%d %s %s %s, fewer than %d", count, count == 1 ? "party" : "parties",
                            count == 1 ? "attacks" : "attack", ent_name(w, x), c->count);
    }
    case CD_IN:
        if (ent(w, c->ent)->kind == ENT_AREA)
            return arena_printf(a, "the attack on %s is in %s, which is not in %s on %s", ent_name(w, at->on),
                                ent_name(w, at->place), ent_name(w, c->ent), date_text(a, d));
        return arena_printf(a, "the attack on %s is in %s, not in %s", ent_name(w, at->on), ent_name(w, at->place),
                            ent_name(w, c->ent));
    case CD_DURING:
        return arena_printf(a, "the attack on %s is part of %s, not of %s", ent_name(w, at->on),
                            ent_name(w, at->conflict), ent_name(w, c->ent));
    case CD_UNPROVOKED: return arena_printf(a, "%s provoked the attack", ent_name(w, x));
    case CD_AFTER_DEMANDS: return "no demands were made of the attacker first";
    case CD_OUTSIDERS: return "";
    }
    return "";
}

static int condition_cmp(const Condition *a, const Condition *b)
{
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    if (a->count != b->count) return a->count < b->count ? -1 : 1;
    if (a->ent != b->ent) return a->ent < b->ent ? -1 : 1;
    if (a->names.n != b->names.n) return a->names.n < b->names.n ? -1 : 1;
    for (int i = 0; i < a->names.n; i++)
        if (a->names.items[i] != b->names.items[i]) return a->names.items[i] < b->names.items[i] ? -1 : 1;
    return 0;
}

int conditions_same(const Condition *a, const Condition *b) { return condition_cmp(a, b) == 0; }

int conditions_cmp(const ConditionList *a, const ConditionList *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = 0; i < a->n; i++) {
        int c = condition_cmp(&a->items[i], &b->items[i]);
        if (c) return c;
    }
    return 0;
}
