/* query.c — the meaning of each query: admission, obligations, violations,
 * memberships, expressions.  Votes are in vote.c. */
#include "query.h"
#include "resolve.h"
#include "conditions.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *fmt_date(Arena *a, Date d)
{
    char buf[16];
    date_format(d, buf);
    return arena_strdup(a, buf);
}

static const Principle *find_principle(const Entity *o, PrincipleKind k)
{
    for (int i = 0; i < o->org->principles.n; i++)
        if (o->org->principles.items[i].kind == k) return &o->org->principles.items[i];
    return NULL;
}

/* "a military_alliance", "an alliance" */
/* "a union", "an alliance", "an hour": the article goes by the sound, and
 * these beginnings sound otherwise than they are spelled. */
static int sounds_like_vowel(const char *w)
{
    static const char *const consonant_sound[] = { "uni", "use", "usu", "uti", "ura", "eu", "ewe", "one", "once" };
    static const char *const vowel_sound[] = { "hour", "honest", "honor", "honour", "heir" };
    for (size_t i = 0; i < sizeof consonant_sound / sizeof *consonant_sound; i++)
        if (strncasecmp(w, consonant_sound[i], strlen(consonant_sound[i])) == 0) return 0;
    for (size_t i = 0; i < sizeof vowel_sound / sizeof *vowel_sound; i++)
        if (strncasecmp(w, vowel_sound[i], strlen(vowel_sound[i])) == 0) return 1;
    return w[0] && strchr("aeiouAEIOU", w[0]) != NULL;
}

static const char *a_kind(Ctx *c, Sym k)
{
    const char *name = sym_name(&c->w->names, k);
    return arena_printf(c->scratch, "%s %s", sounds_like_vowel(name) ? "an" : "a", name);
}


/* A reason about a principle; one with a period says it, so that the dates
 * it rests on are in the answer. */
static void add_principle(Ctx *c, Result *r, int held, EntId org, const Principle *p, const char *detail)
{
    if (detail && (p->from != DATE_NONE || p->until != DATE_END))
        detail = arena_printf(c->scratch, "%s (the principle binds %s)", detail,
                              period_words(c->scratch, p->from, p->until));
    result_add(c->scratch, r, RK_PRINCIPLE, held, p->loc,
               arena_printf(c->scratch, "%s: %s", ent_name(c->w, org), p->text), detail);
    Reason *rs = last_reason(r);
    rs->org = org;
    rs->principle = p->kind;
    rs->principle_arg = p->arg;
}

/* What "consent of members" asks for under the organisation's decision rule. */
static const char *consent_text(Ctx *c, const Decision *d, const EntList *members)
{
    const char *who = entlist_text(c->w, c->scratch, members);
    int n = members->n;
    switch (d ? d->kind : DEC_NONE) {
    case DEC_CONSENSUS: return arena_printf(c->scratch, "no objection from any of %s (consensus)", who);
    case DEC_MAJORITY:
        return arena_printf(c->scratch, "yes votes from at least %d of the %d members (%s)", votes_needed(d, n), n, who);
    case DEC_QUALIFIED:
        return arena_printf(c->scratch, "yes votes from at least %d of the %d members (%d/%d of %s)",
                            votes_needed(d, n), n, d->num, d->den, who);
    case DEC_WEIGHTED:
        return arena_printf(c->scratch, "yes votes from members holding %s %g%% of the %s (%s)",
                            d->has_threshold ? "at least" : "more than", d->threshold, weight_word(c->w, d), who);
    case DEC_UNANIMITY: return arena_printf(c->scratch, "a yes vote from each of %s (unanimity)", who);
    case DEC_COMPOUND:
        return arena_printf(c->scratch, "yes votes that meet %s (%s)", rule_text(c->w, c->scratch, d) + strlen("decides by "),
                            who);
    case DEC_NONE: break;
    }
    return arena_printf(c->scratch, "the consent of each of %s (no decision rule is declared)", who);
}

/* The kinds of the active organisations of a list sorted by name (but
 * `except`), sorted by kind and then by place: the first organisation of a
 * kind is a binary search away. */
typedef struct KindAt { Sym kind; int at; EntId org; } KindAt;

static int by_kind_then_place(const void *a, const void *b)
{
    const KindAt *x = a, *y = b;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static KindAt *kinds_held(Ctx *c, const EntList *orgs, EntId except, int *n)
{
    KindAt *k = arena_alloc(c->scratch, (size_t)(orgs->n ? orgs->n : 1) * sizeof *k);
    *n = 0;
    for (int j = 0; j < orgs->n; j++)
        if (orgs->items[j] != except && org_active(c, orgs->items[j])) {
            KindAt ka = { kind_of(c, orgs->items[j], NULL), j, orgs->items[j] };
            k[(*n)++] = ka;
        }
    qsort(k, (size_t)*n, sizeof *k, by_kind_then_place);
    return k;
}

static EntId first_of_kind(const KindAt *k, int n, Sym kind)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (k[mid].kind < kind) lo = mid + 1; else hi = mid;
    }
    return lo < n && k[lo].kind == kind ? k[lo].org : ENT_NONE;
}

/* Exclusivity that stands in the way of `x` becoming a member of `y`. */
static int check_exclusivity(Ctx *c, Result *r, EntId x, EntId y)
{
    int forbidden = 0;
    const World *w = c->w;
    EntList held = { 0 };
    orgs_held(c, x, ROLE_MEMBER, &held);
    /* y's own exclusivity: x may belong to no other organisation of that kind */
    const Entity *oy = ent(w, y);
    int nkinds = 0;
    KindAt *kinds = kinds_held(c, &held, y, &nkinds);
    for (int i = 0; i < oy->org->principles.n; i++) {
        const Principle *p = &oy->org->principles.items[i];
        if (p->kind != PR_EXCLUSIVE || !principle_in_force(p, c->date)) continue;
        EntId clash = first_of_kind(kinds, nkinds, p->arg);
        if (clash) {
            add_principle(c, r, 0, y, p, arena_printf(c->scratch, "%s is a member of %s, which is %s",
                          ent_name(w, x), ent_name(w, clash), a_kind(c, p->arg)));
            forbidden = 1;
        } else {
            add_principle(c, r, 1, y, p, arena_printf(c->scratch, "%s belongs to no other %s",
                          ent_name(w, x), sym_name(&w->names, p->arg)));
        }
    }
    /* the exclusivity of organisations x already belongs to */
    Loc kind_loc;
    memset(&kind_loc, 0, sizeof kind_loc);
    Sym ky = kind_of(c, y, &kind_loc);
    for (int j = 0; j < held.n; j++) {
        EntId p_org = held.items[j];
        if (p_org == y || !org_active(c, p_org)) continue;
        const Entity *op = ent(w, p_org);
        for (int i = 0; i < op->org->principles.n; i++) {
            const Principle *p = &op->org->principles.items[i];
            if (p->kind != PR_EXCLUSIVE || !principle_in_force(p, c->date)) continue;
            if (ky && ky == p->arg) {
                add_principle(c, r, 0, p_org, p, arena_printf(c->scratch,
                              "%s is a member of %s, whose members may belong to no other %s; %s is one",
                              ent_name(w, x), ent_name(w, p_org), sym_name(&w->names, p->arg), ent_name(w, y)));
                forbidden = 1;
            } else {
                add_principle(c, r, 1, p_org, p, arena_printf(c->scratch, "%s is not %s",
                              ent_name(w, y), a_kind(c, p->arg)));
            }
        }
    }
    return forbidden;
}

static void mark_first_failure(Result *r, ReasonKind k)
{
    for (int i = 0; i < r->reasons.n; i++)
        if (r->reasons.items[i].kind == k && r->reasons.items[i].held == 0) {
            r->reasons.items[i].decisive = 1;
            return;
        }
}

/* The members (of `members`, sorted by name) who object to x's admission
 * to y on the date: by a supposed `objection by M in Y` (to everything Y
 * decides), or by an objection recorded against x's admission.  Each is a
 * failed consent reason at its source; the objectors go to `out`, sorted
 * by name. */
void objectors_of(Ctx *c, Result *r, EntId x, EntId y, const EntList *members, EntList *out)
{
    const World *w = c->w;
    EntList ids = entlist_ids(c->scratch, members);
    for (int i = 0; c->ov && i < c->ov->n; i++) {
        const Supp *s = &c->ov->items[i];
        if (s->kind != SUP_OBJECTION || s->b != y || !entlist_has_id(&ids, s->a)) continue;
        result_add(c->scratch, r, RK_CONSENT, 0, s->loc, loc_text(c->scratch, s->loc),
                   arena_printf(c->scratch, "%s objects (supposed)", ent_name(w, s->a)));
        vec_push(c->scratch, out, s->a);
    }
    const OrgInfo *o = org_info(w, y);
    for (int i = 0; i < o->rare->objections.n; i++) {
        const Objection *ob = &o->rare->objections.items[i];
        if (ob->applicant != x || c->date < ob->from || c->date >= ob->until) continue;
        EntList who = { 0 };
        for (int k = 0; k < ob->by.n; k++)
            if (entlist_has_id(&ids, ob->by.items[k])) vec_push(c->scratch, &who, ob->by.items[k]);
        if (!who.n) continue;
        sort_by_name(w, &who);
        result_add(c->scratch, r, RK_CONSENT, 0, ob->loc, ob->text,
                   arena_printf(c->scratch, "%s %s on %s", entlist_text(w, c->scratch, &who),
                                who.n == 1 ? "objects" : "object", fmt_date(c->scratch, c->date)));
        last_reason(r)->objection = ob;
        last_reason(r)->org = y;
        for (int k = 0; k < who.n; k++) vec_push(c->scratch, out, who.items[k]);
    }
    sort_by_name(w, out);
    entlist_drop_repeats(out);
}

/* Can the consent still be given, with `objectors` refusing it, under y's
 * rule on the date?  The objectors vote no and every other member yes: the
 * rule decides as it decides a vote (rule.c).  Consensus, unanimity and no
 * rule: not at all; a majority: if enough members are left; weighted: if
 * the others hold enough; a veto holder's objection is a veto. */
static int consent_possible(Ctx *c, EntId y, const Decision *d, const EntList *members, const EntList *objectors)
{
    if (!objectors->n) return 1;
    if (!d || d->kind == DEC_NONE) return 0;
    RuleView view;
    rule_view(c, y, d, members, &view);
    EntList ids = entlist_ids(c->scratch, objectors);
    Ballot b;
    memset(&b, 0, sizeof b);
    for (int k = 0; k < members->n; k++)
        ballot_add(&view, &b, k, entlist_has_id(&ids, members->items[k]) ? VOTE_NO : VOTE_YES, 1);
    return rule_passes(&view, &b);
}

/* `require ratification by members`: where the ratifications of x's
 * admission by `members` (sorted by name) stand on the date (accession.c).
 * The requirement stays open while a member has not ratified, or has only
 * `by DATE` with DATE still to come; those go to `pending` (sorted by
 * name), and *summary says what is still required. */
static void ratifications_of(Ctx *c, Result *r, const Requirement *rq, EntId x, EntId y, const EntList *members,
                             EntList *pending, const char **summary)
{
    Ratifications rs;
    ratifications_at(c, x, y, members, &rs);
    int open = rs.not_yet.n || rs.unsure.n;
    result_add(c->scratch, r, RK_REQUIREMENT, open ? -1 : 1, rq->loc, rq->text, ratifications_text(c, &rs));
    last_reason(r)->open = open;       /* still to come: shown `?` */
    for (int k = 0; k < rs.not_yet.n; k++) vec_push(c->scratch, pending, rs.not_yet.items[k]);
    for (int k = 0; k < rs.unsure.n; k++) vec_push(c->scratch, pending, rs.unsure.items[k]->by);
    sort_by_name(c->w, pending);
    const char *unsure = ratifications_unsure_text(c, &rs);
    *summary = !rs.not_yet.n ? arena_printf(c->scratch, "requires ratification: %s", unsure)
             : *unsure ? arena_printf(c->scratch, "requires ratification by %s; %s",
                                      entlist_text(c->w, c->scratch, &rs.not_yet), unsure)
                       : arena_printf(c->scratch, "requires ratification by %s", entlist_text(c->w, c->scratch, &rs.not_yet));
}

static void can_join(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId x = world_find(w, q->x.sym), y = world_find(w, q->y.sym);
    const Entity *o = ent(w, y);
    Role role = q->role;
    const char *xn = ent_name(w, x), *yn = ent_name(w, y);
    r->answer = ANS_VERDICT;
    r->verdict = "no";
    if (o->founded && c->date < o->founded) {
        r->no_kind = NO_NOT_FOUNDED;
        result_add(c->scratch, r, RK_STATUS, 0, o->org->founded_loc,
                   arena_printf(c->scratch, "%s is founded on %s", yn, fmt_date(c->scratch, o->founded)), NULL);
        last_reason(r)->decisive = 1;
        r->summary = arena_printf(c->scratch, "%s does not exist yet on %s", yn, fmt_date(c->scratch, c->date));
        return;
    }
    if (o->org->dissolved && c->date >= o->org->dissolved) {
        r->no_kind = NO_DISSOLVED;
        result_add(c->scratch, r, RK_STATUS, 0, o->org->dissolved_loc,
                   arena_printf(c->scratch, "%s is dissolved on %s", yn, fmt_date(c->scratch, o->org->dissolved)), NULL);
        last_reason(r)->decisive = 1;
        r->summary = arena_printf(c->scratch, "%s is dissolved", yn);
        return;
    }
    Loc why;
    memset(&why, 0, sizeof why);
    Role cur = role_of(c, x, y, &why);
    if (cur == role || (cur == ROLE_MEMBER && role != ROLE_MEMBER)) {
        r->no_kind = NO_ALREADY;
        result_add(c->scratch, r, RK_MEMBERSHIP, 0, why,
                   arena_printf(c->scratch, "%s is already %s of %s", xn, role_article(cur), yn), NULL);
        last_reason(r)->decisive = 1;
        r->summary = arena_printf(c->scratch, "%s is already %s of %s", xn, role_article(cur), yn);
        return;
    }
    if (cur != ROLE_NONE)
        result_add(c->scratch, r, RK_MEMBERSHIP, -1, why,
                   arena_printf(c->scratch, "%s is now %s of %s", xn, role_article(cur), yn), NULL);

    const Admission *adm = NULL;
    for (int i = 0; i < o->org->admissions.n; i++) if (o->org->admissions.items[i].role == role) adm = &o->org->admissions.items[i];

    int req_failed = 0, needs_consent = 0, objected = 0, needs_ratification = 0;
    EntList pending = { 0 };
    const char *ratification_summary = NULL;
    if (adm) {
        Env org_env = { w->sym_org, ent_value(y), NULL };
        Env env = { w->sym_applicant, ent_value(x), &org_env };
        for (int i = 0; i < adm->reqs.n; i++) {
            const Requirement *rq = &adm->reqs.items[i];
            if (rq->kind == REQ_RULE) continue;      /* read below, with the consent */
            if (rq->kind == REQ_RATIFICATION) {
                EntList members = { 0 }, missing = { 0 };
                ratifiers_of(c, r, x, y, &members);
                ratifications_of(c, r, rq, x, y, &members, &missing, &ratification_summary);
                if (missing.n) { needs_ratification = 1; pending = missing; }
                continue;
            }
            if (rq->kind == REQ_CONSENT) {
                const Decision *rule = adm->rule ? adm->rule : decision_of(c, y, NULL);
                EntList members = { 0 };
                holders_of(c, y, ROLE_MEMBER, &members);
                for (int k = 0; k < members.n; k++)
                    if (members.items[k] == x) members.items[k] = members.items[--members.n];
                sort_by_name(w, &members);
                drop_suspended_members(c, r, y, &members, "its consent is not asked");
                if (!members.n) {       /* nobody to ask: the condition holds */
                    result_add(c->scratch, r, RK_CONSENT, 1, rq->loc, rq->text,
                               arena_printf(c->scratch, "%s has no members to consent on %s", yn,
                                            fmt_date(c->scratch, c->date)));
                    continue;
                }
                EntList objectors = { 0 };
                objectors_of(c, r, x, y, &members, &objectors);
                if (!consent_possible(c, y, rule, &members, &objectors)) {
                    objected = 1;
                    r->vetoes = objectors;
                    continue;
                }
                EntList willing = { 0 }, ids = entlist_ids(c->scratch, &objectors);
                for (int k = 0; k < members.n; k++)
                    if (!entlist_has_id(&ids, members.items[k])) vec_push(c->scratch, &willing, members.items[k]);
                r->residual = willing;
                needs_consent = 1;
                result_add(c->scratch, r, RK_CONSENT, -1, rq->loc, rq->text, consent_text(c, rule, &members));
                continue;
            }
            int h = eval_cond(c, rq->expr, &env);
            if (h < 0) { r->error = 1; return; }
            result_add(c->scratch, r, RK_REQUIREMENT, h, rq->loc, rq->text, NULL);
            if (!h) req_failed = 1;
        }
    }
    int forbidden = role == ROLE_MEMBER ? check_exclusivity(c, r, x, y) : 0;
    const char *as = role == ROLE_MEMBER ? "" : arena_printf(c->scratch, " as %s", role_name(role));
    if (req_failed) {
        r->no_kind = NO_REQUIREMENT;
        mark_first_failure(r, RK_REQUIREMENT);
        for (int i = 0; i < r->reasons.n; i++)
            if (r->reasons.items[i].decisive)
                r->summary = arena_printf(c->scratch, "requirement not met: %s", reason_text(c->w, r, &r->reasons.items[i]));
    } else if (forbidden) {
        r->no_kind = NO_PRINCIPLE;
        mark_first_failure(r, RK_PRINCIPLE);
        for (int i = 0; i < r->reasons.n; i++)
            if (r->reasons.items[i].decisive)
                r->summary = arena_printf(c->scratch, "forbidden by %s", reason_text(c->w, r, &r->reasons.items[i]));
    } else if (objected) {
        r->no_kind = NO_OBJECTION;
        mark_first_failure(r, RK_CONSENT);
        r->summary = arena_printf(c->scratch, "%s %s to the admission of %s", entlist_text(w, c->scratch, &r->vetoes),
                                  r->vetoes.n == 1 ? "objects" : "object", xn);
    } else if (!adm) {
        r->no_kind = NO_RULE;
        result_add(c->scratch, r, RK_STATUS, 0, o->loc,
                   arena_printf(c->scratch, "%s has no admission rule for %s", yn, role_article(role)), NULL);
        last_reason(r)->decisive = 1;
        r->summary = arena_printf(c->scratch, "no rule covers joining %s%s", yn, as);
    } else if (needs_consent || needs_ratification) {
        r->verdict = "conditional";
        for (int i = 0; i < r->reasons.n; i++)
            if ((r->reasons.items[i].kind == RK_CONSENT && r->reasons.items[i].held < 0) ||
                (r->reasons.items[i].kind == RK_REQUIREMENT && r->reasons.items[i].held < 0)) {
                r->reasons.items[i].decisive = 1;
                if (!r->summary)
                    r->summary = r->reasons.items[i].kind == RK_CONSENT
                                     ? arena_printf(c->scratch, "requires %s", r->reasons.items[i].detail)
                                     : ratification_summary;
            }
        if (!needs_consent) r->residual = pending;
    } else {
        r->verdict = "yes";
        r->summary = arena_printf(c->scratch, "every requirement for joining %s%s holds", yn, as);
    }
}

/* Position of org in a list of organisations sorted by name, or -1. */
static int find_by_name(const World *w, const EntList *sorted, EntId org)
{
    const char *name = ent_name(w, org);
    int lo = 0, hi = sorted->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int cmp = strcmp(ent_name(w, sorted->items[mid]), name);
        if (cmp == 0) return mid;
        if (cmp < 0) lo = mid + 1; else hi = mid;
    }
    return -1;
}

/* The hostilities a `who must` answer is about, each an Attack whose `by`
 * is x's adversary: for offence the supposed attacks by x (on Z only, with
 * `against Z`), for the other kinds the supposed attacks on x (by Z only).
 * Without any, one by Z, or one by a party nobody knows. */
static Attack *hostilities(Ctx *c, const Query *q, EntId x, OblKind kind, int *n)
{
    VEC(Attack) out = { 0 };
    EntId z = q->against.sym ? world_find(c->w, q->against.sym) : ENT_NONE;
    for (int i = 0; c->ov && i < c->ov->n; i++) {
        const Supp *s = &c->ov->items[i];
        if (s->kind != SUP_ATTACK || (kind == OB_OFFENCE ? s->a : s->b) != x) continue;
        EntId adversary = kind == OB_OFFENCE ? s->b : s->a;
        if (z && adversary != z) continue;
        Attack a = { adversary, s->b, s->place, s->conflict, s->provoked, s->demands };
        vec_push(c->scratch, &out, a);
    }
    if (!out.n) {
        Attack a = { z, kind == OB_OFFENCE ? z : x, ENT_NONE, ENT_NONE, 0, 0 };
        vec_push(c->scratch, &out, a);
    }
    *n = out.n;
    return out.items;
}

/* An attacker that is a member of one of x's organisations, at its place in
 * the attackers' list. */
typedef struct Inside { int org, attacker; } Inside;

static int by_org_then_attacker(const void *a, const void *b)
{
    const Inside *x = a, *y = b;
    if (x->org != y->org) return x->org < y->org ? -1 : 1;
    return x->attacker < y->attacker ? -1 : x->attacker > y->attacker;
}

/* For each of x's organisations (sorted by name), which attackers are its
 * members: each attacker's own organisations are looked up among x's, so
 * the cost is that of the attackers' memberships, not orgs x attackers.
 * first[i] .. first[i + 1] are those of organisation i. */
static Inside *attackers_inside(Ctx *c, const EntList *orgs, const EntList *attackers, int **first)
{
    VEC(Inside) in = { 0 };
    for (int a = 0; a < attackers->n; a++) {
        if (!attackers->items[a]) continue;
        EntList held = { 0 };
        orgs_held(c, attackers->items[a], ROLE_MEMBER, &held);
        for (int k = 0; k < held.n; k++) {
            int at = find_by_name(c->w, orgs, held.items[k]);
            if (at >= 0) { Inside x = { at, a }; vec_push(c->scratch, &in, x); }
        }
    }
    if (in.n > 1) qsort(in.items, (size_t)in.n, sizeof *in.items, by_org_then_attacker);
    *first = arena_alloc(c->scratch, (size_t)(orgs->n + 1) * sizeof **first);
    for (int i = 0, k = 0; i <= orgs->n; i++) {
        while (k < in.n && in.items[k].org < i) k++;
        (*first)[i] = k;
    }
    return in.items;
}

/* An obligation owed to x, and the place of its organisation among x's
 * (-1: x is not a member there, it is named as a beneficiary). */
typedef struct Owed { uint32_t obl; int org; const char *org_name; } Owed;

static int by_org_name_then_declaration(const void *a, const void *b)
{
    const Owed *x = a, *y = b;
    int c = x->org_name == y->org_name ? 0 : strcmp(x->org_name, y->org_name);   /* mostly one organisation's */
    if (c) return c;
    return x->obl < y->obl ? -1 : x->obl > y->obl;
}

/* Is the obligation to be looked at?  All are, unless the caller asks
 * only for those in force on the date (a terse answer, whose reasons
 * about the others nobody reads). */
static int wanted(const Ctx *c, const Obligation *ob, int in_force)
{
    return !in_force || (c->date >= ob->from && c->date < ob->until);
}

/* The obligations of `kind` (every kind when kind < 0) owed to x: those
 * that name x, and those that x's organisations owe to their members; or
 * (x_owes) those x owes: that name x as obliged, and those the members of
 * x's organisations owe.  Sorted by organisation, then as declared.  Only
 * obligations that involve x are looked at: the indexes by beneficiary and
 * by obliged party. */
static Owed *obligations_owed(Ctx *c, EntId x, int kind, const EntList *orgs, int x_owes, int in_force, int *n)
{
    const World *w = c->w;
    VEC(Owed) out = { 0 };
    int k;
    const uint32_t *named = x_owes ? obls_owed_by(w, x, &k) : obls_owed_to(w, x, &k);
    for (int i = 0; i < k; i++)
        if ((kind < 0 || (int)w->obls.items[named[i]].kind == kind) && wanted(c, &w->obls.items[named[i]], in_force)) {
            Owed o = { named[i], find_by_name(w, orgs, w->obls.items[named[i]].org),
                       ent_name(w, w->obls.items[named[i]].org) };
            vec_push(c->scratch, &out, o);
        }
    for (int j = 0; j < orgs->n; j++) {
        const OrgInfo *oi = org_info(w, orgs->items[j]);
        const uint32_t *group = kind >= 0 ? obls_members_of_kind(w, oi, x_owes, (OblKind)kind, &k)
                              : x_owes ? obls_by_members(w, oi, &k) : obls_to_members(w, oi, &k);
        for (int i = 0; i < k; i++)
            if (wanted(c, &w->obls.items[group[i]], in_force)) {
                Owed o = { group[i], j, ent_name(w, orgs->items[j]) };
                vec_push(c->scratch, &out, o);
            }
    }
    sort_unless_sorted(out.items, (size_t)out.n, sizeof *out.items, by_org_name_then_declaration);
    *n = out.n;
    return out.items;
}

/* The days an obligation binds: its period within its organisation's
 * existence. */
static void binding_period(const World *w, const Obligation *ob, Date *from, Date *until)
{
    const Entity *o = ent(w, ob->org);
    *from = ob->from > o->founded ? ob->from : o->founded;
    *until = o->org->dissolved && o->org->dissolved < ob->until ? o->org->dissolved : ob->until;
}

/* "since 1992-05-15", "from A until B", "until B", "at all dates" */
static const char *period_text(Ctx *c, Date from, Date until)
{
    if (from == DATE_NONE && until == DATE_END) return "at all dates";
    return period_words(c->scratch, from, until);
}

/* A reason about obligation `i` owed to x, binding `parties`. */
static Reason *add_obligation(Ctx *c, Result *r, ReasonKind k, int held, uint32_t i, EntId x,
                              const EntList *parties, const char *detail)
{
    const Obligation *ob = &c->w->obls.items[i];
    /* a terse answer is its set and conditional groups: no reason is read
     * back but violations, which are counted; the caller's writes go to a
     * reason that is never read */
    static _Thread_local Reason unread;
    if (c->terse && k != RK_VIOLATION) return &unread;
    /* the text is made when printed (reason_text), but a violation's now:
     * violations are told apart by their text */
    result_add(c->scratch, r, k, held, ob->loc, k == RK_VIOLATION ? obligation_text(c->w, ob, c->scratch) : NULL,
               detail);
    Reason *rs = last_reason(r);
    rs->org = ob->org;
    rs->principle = ob->principle >= 0 ? (PrincipleKind)ob->principle : PR_DECLARED;
    rs->obl = i + 1;
    rs->beneficiary = x;
    if (parties) rs->parties = *parties;
    binding_period(c->w, ob, &rs->from, &rs->until);
    return rs;
}

/* A party an obligation would bind, but for a suspension, or (susp
 * PAUSED_MEMBER) because the party is a suspended member. */
typedef struct Paused { uint32_t susp; EntId who; } Paused;
typedef VEC(Paused) PausedList;
#define PAUSED_MEMBER UINT32_MAX

void add_suspended_member(Ctx *c, Result *r, EntId who, EntId org, int held, const char *what)
{
    const World *w = c->w;
    MemberEvent s;
    if (!member_suspended(c, who, org, &s)) return;
    const char *period = c->terse && s.text ? "" : period_words(c->scratch, s.from, s.until);
    const char *text = s.text ? s.text : arena_printf(c->scratch, "suppose %s suspended in %s%s%s", ent_name(w, who),
                                                      ent_name(w, org), *period ? " " : "", period);
    result_add(c->scratch, r, RK_SUSPENDED_MEMBER, held, s.loc, text,
               REASON_DETAIL(c, "%s is a suspended member of %s %s: %s", ent_name(w, who), ent_name(w, org), period,
                             what ? what : ""));
    Reason *rs = last_reason(r);
    rs->org = org;
    rs->member = who;
    rs->from = s.from;
    rs->until = s.until;
}

void drop_suspended_members(Ctx *c, Result *r, EntId org, EntList *members, const char *what)
{
    int k = 0;
    for (int i = 0; i < members->n; i++) {
        if (!member_suspended(c, members->items[i], org, NULL)) { members->items[k++] = members->items[i]; continue; }
        add_suspended_member(c, r, members->items[i], org, 0, what);
    }
    members->n = k;
}

/* A note for a member that has given notice to org: when it ceases to be
 * one. */
static void add_notice_note(Ctx *c, Result *r, EntId who, EntId org)
{
    MemberEvent n;
    if (!notice_pending(c, who, org, &n)) return;
    result_add(c->scratch, r, RK_NOTICE, -1, n.loc,
               arena_printf(c->scratch, "%s gave notice to %s on %s", ent_name(c->w, who), ent_name(c->w, org),
                            fmt_date(c->scratch, n.from)),
               arena_printf(c->scratch, "it ceases to be a member on %s", fmt_date(c->scratch, n.until)));
    Reason *rs = last_reason(r);
    rs->org = org;
    rs->member = who;
    rs->from = n.from;
    rs->until = n.until;
}

/* A note for a member of an organisation with a fixed term whose record,
 * as written, ends with the term running on the date (or with the one
 * before it, that a renewal it was not named in ended). */
static void add_term_note(Ctx *c, Result *r, EntId who, EntId org)
{
    const OrgRare *rare = org_info(c->w, org)->rare;
    Date ends;
    if (!rare->terms.n || term_end_at(c->w, org, c->date, &ends) < 0) return;
    const Entity *e = ent(c->w, who);
    const Membership *held = NULL;
    for (int i = 0; i < e->as_holder.n && !held; i++) {
        const Membership *m = mem_held(c->w, e, i);
        if (m->org == org && m->role == ROLE_MEMBER && m->from <= c->date && c->date < m->until) held = m;
    }
    if (!held || role_of(c, who, org, NULL) != ROLE_MEMBER) return;
    int lo = 0, hi = rare->terms.n;                /* the term running: the latest that has started */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (rare->terms.items[mid].from <= c->date) lo = mid + 1; else hi = mid;
    }
    int k = lo - 1;                             /* >= 0: term_end_at() found one */
    const Term *t = held->until == rare->terms.items[k].until ? &rare->terms.items[k]
                  : k && held->until == rare->terms.items[k - 1].until ? &rare->terms.items[k - 1] : NULL;
    if (!t) return;
    const char *end = fmt_date(c->scratch, t->until);
    result_add(c->scratch, r, RK_INFO, -1, t == &rare->terms.items[k] ? t->loc : rare->terms.items[k].loc,
               t == &rare->terms.items[k]
                   ? arena_printf(c->scratch, "the term of %s ends on %s", ent_name(c->w, org), end)
                   : arena_printf(c->scratch, "%s is not named in the renewal of %s on %s", ent_name(c->w, who),
                                  ent_name(c->w, org), fmt_date(c->scratch, rare->terms.items[k].from)),
               arena_printf(c->scratch, "%s ceases to be a member on %s", ent_name(c->w, who), end));
    last_reason(r)->org = org;
}

/* Is x a suspended member of the obligation's organisation?  Then the
 * obligation neither binds x nor is owed to x, and a reason says so (once
 * for a run of obligations of one organisation). */
static int suspended_party(Ctx *c, Result *r, const Obligation *ob, EntId x, int x_owes)
{
    if (!member_suspended(c, x, ob->org, NULL)) return 0;
    const Reason *last = r->reasons.n ? last_reason(r) : NULL;
    if (last && last->kind == RK_SUSPENDED_MEMBER && last->org == ob->org && last->member == x) return 1;
    add_suspended_member(c, r, x, ob->org, 0, REASON_DETAIL(c, x_owes ? "it owes nothing under %s"
                                                            : "it is owed nothing under %s", ent_name(c->w, ob->org)));
    return 1;
}

static int by_suspension_then_party(const void *a, const void *b)
{
    const Paused *x = a, *y = b;
    if (x->susp != y->susp) return x->susp < y->susp ? -1 : 1;
    return x->who < y->who ? -1 : x->who > y->who;
}

/* `who` (p or b) goes to `out` when ob binds p towards b on the date, or
 * to `paused` with the suspension that relieves p of it: a binary search
 * in the index of suspensions. */
static void bound_or_paused(Ctx *c, const Obligation *ob, EntId p, EntId b, EntId who, EntList *out,
                            PausedList *paused)
{
    if (member_suspended(c, who, ob->org, NULL)) {
        Paused one = { PAUSED_MEMBER, who };
        vec_push(c->scratch, paused, one);
        return;
    }
    const Suspension *s = suspension_of(c->w, ob->org, ob->kind, p, b, c->date);
    if (s) {
        Paused one = { (uint32_t)(s - c->w->susps.items), who };
        vec_push(c->scratch, paused, one);
    } else
        vec_push(c->scratch, out, who);
}

/* The parties an obligation binds towards x on the date: its named obliged
 * parties that are members then, or all the members; never x itself nor an
 * attacker.  Sorted by name.  Those whose obligation to x is suspended on
 * the date go to `paused` instead: a binary search each in the index of
 * suspensions. */
static void bound_parties(Ctx *c, const Obligation *ob, EntId x, const EntList *attacker_ids, EntList *out,
                          PausedList *paused)
{
    EntList cands = { 0 };
    if (ob->by_members) holders_of(c, ob->org, ROLE_MEMBER, &cands);
    else
        cands = ob->obliged;            /* read only: those not members on the date are passed over below */
    for (int i = 0; i < cands.n; i++) {
        EntId p = cands.items[i];
        if (p == x || entlist_has_id(attacker_ids, p) || entlist_has_id(except_obliged_of(ob), p)) continue;
        if (!ob->by_members && role_of(c, p, ob->org, NULL) != ROLE_MEMBER) continue;
        bound_or_paused(c, ob, p, x, p, out, paused);
    }
    sort_by_name(c->w, out);
}

/* The members `members except ...` leaves out of an obligation towards x
 * on the date (but x and the attackers), sorted by name: the exception
 * list is read, not the members. */
static void excepted_parties(Ctx *c, const Obligation *ob, EntId x, const EntList *attacker_ids, EntList *out)
{
    const EntList *excepted = except_obliged_of(ob);
    for (int i = 0; i < excepted->n; i++) {
        EntId p = excepted->items[i];
        if (p != x && !entlist_has_id(attacker_ids, p) && role_of(c, p, ob->org, NULL) == ROLE_MEMBER)
            vec_push(c->scratch, out, p);
    }
    sort_by_name(c->w, out);
}

/* The reason of kind exception for obligation `obl` owed to x: the
 * excepted members that would owe it (`who`), or x itself (who NULL). */
static void add_exception(Ctx *c, Result *r, uint32_t obl, EntId x, const EntList *who)
{
    if (who && !who->n) return;
    const World *w = c->w;
    const char *kind = obl_kind_name(w->obls.items[obl].kind);
    Reason *rs = add_obligation(c, r, RK_EXCEPTION, 0, obl, x, who, NULL);
    rs->detail = !who ? REASON_DETAIL(c, "%s is excepted: it is owed no %s under this obligation", ent_name(w, x), kind)
                 : who->n == 1 ? REASON_DETAIL(c, "%s is excepted: it owes %s no %s under this obligation",
                                               ent_name(w, who->items[0]), ent_name(w, x), kind)
                               : REASON_DETAIL(c, "%s are excepted: they owe %s no %s under this obligation",
                                               entlist_text(w, c->scratch, who), ent_name(w, x), kind);
}

/* The reasons of kind suspension for obligation `obl`: one per suspension,
 * naming the parties it relieves ("USA owes NEW no defence: suspended since
 * 1986-09-17").  In `paused`, the parties that would owe it to x, or (x_owes)
 * those x would owe it to. */
static void add_suspensions(Ctx *c, Result *r, uint32_t obl, EntId x, PausedList *paused, int x_owes)
{
    const World *w = c->w;
    if (paused->n > 1) qsort(paused->items, (size_t)paused->n, sizeof *paused->items, by_suspension_then_party);
    for (int i = 0; i < paused->n;) {
        if (paused->items[i].susp == PAUSED_MEMBER) {     /* sorted last */
            const char *kind = obl_kind_name(w->obls.items[obl].kind);
            add_suspended_member(c, r, paused->items[i].who, w->obls.items[obl].org, 0,
                                 x_owes ? REASON_DETAIL(c, "%s owes it no %s", ent_name(w, x), kind)
                                        : REASON_DETAIL(c, "it owes %s no %s", ent_name(w, x), kind));
            i++;
            continue;
        }
        const Suspension *s = &w->susps.items[paused->items[i].susp];
        EntList who = { 0 }, just_x = { 0 };
        for (; i < paused->n && &w->susps.items[paused->items[i].susp] == s; i++)
            vec_push(c->scratch, &who, paused->items[i].who);
        sort_by_name(w, &who);
        vec_push(c->scratch, &just_x, x);
        Reason *rs = add_obligation(c, r, RK_SUSPENSION, 0, obl, x_owes ? ENT_NONE : x, x_owes ? &just_x : &who, NULL);
        if (x_owes) rs->beneficiaries = who;
        rs->own_text = s->text;
        rs->loc = s->loc;
        rs->susp = (uint32_t)(s - w->susps.items) + 1;
        const EntList *owing = x_owes ? &just_x : &who, *owed = x_owes ? &who : &just_x;
        rs->detail = REASON_DETAIL(c, "%s %s %s no %s: suspended %s", entlist_text(w, c->scratch, owing),
                                  owing->n == 1 ? "owes" : "owe", entlist_text(w, c->scratch, owed),
                                  obl_kind_name(w->obls.items[obl].kind), period_words(c->scratch, s->from, s->until));
    }
    paused->n = 0;
}

/* A party bound only if open conditions hold, and the conditions. */
typedef struct Pending {
    const char *text, *name;          /* the conditions; the party's name (for sorting) */
    EntId who;
    uint32_t obl;
    const signed char *status;
} Pending;
typedef VEC(Pending) PendingList;

static int by_text_then_name(const void *a, const void *b)
{
    const Pending *x = a, *y = b;
    int c = x->text == y->text ? 0 : strcmp(x->text, y->text);     /* often one text (open_conditions_text) */
    if (c) return c;
    c = strcmp(x->name, y->name);
    return c ? c : (x->obl < y->obl ? -1 : x->obl > y->obl);
}

/* The conditional parties, grouped by their conditions' text and sorted:
 * a party already in the answer's set is left out (it is bound anyway). */
static void group_pending(Ctx *c, Result *r, PendingList *pending)
{
    if (!pending->n) return;
    EntList set_ids = entlist_ids(c->scratch, &r->set);
    sort_unless_sorted(pending->items, (size_t)pending->n, sizeof *pending->items, by_text_then_name);
    for (int i = 0; i < pending->n; i++) {
        const Pending *p = &pending->items[i];
        if (entlist_has_id(&set_ids, p->who)) continue;
        CondGroup *g = r->conditional.n ? &r->conditional.items[r->conditional.n - 1] : NULL;
        if (!g || strcmp(g->text, p->text) != 0) {
            CondGroup fresh = { p->text, { 0 }, p->obl, p->status };
            vec_push(c->scratch, &r->conditional, fresh);
            g = &r->conditional.items[r->conditional.n - 1];
        }
        if (!g->parties.n || g->parties.items[g->parties.n - 1] != p->who) vec_push(c->scratch, &g->parties, p->who);
    }
}

/* The reason of kind condition: obligation `obl` does not apply, because
 * of the first condition the deciding attack fails. */
static void add_condition_failed(Ctx *c, Result *r, uint32_t obl, EntId x, const CondOutcome *oc,
                                 const Attack *attacks, int na)
{
    const Obligation *ob = &c->w->obls.items[obl];
    int k = 0;
    while (k < ob->conds.n - 1 && oc->each[k] != CS_FAILED) k++;
    Reason *rs = add_obligation(c, r, RK_CONDITION, 0, obl, x, NULL,
                                c->terse ? NULL
                                         : condition_why_not(c->w, c->scratch, &ob->conds.items[k], &attacks[oc->attack],
                                                             attacks, na, x, c->date));
    rs->cond = k + 1;
    rs->cond_status = oc->each;
}

/* "; met: in NorthAtlantic, unless provoked": the conditions an applying
 * obligation met ("" without conditions). */
static const char *met_text(Ctx *c, const Obligation *ob, const CondOutcome *oc)
{
    const char *s = "";
    for (int k = 0; k < ob->conds.n; k++)
        if (oc->each && oc->each[k] == CS_MET)
            s = arena_printf(c->scratch, "%s%s%s", s, *s ? ", " : "; met: ", ob->conds.items[k].text);
    return s;
}

/* The open conditions of the obligation last put in words, and the words:
 * obligations owed one after another often have the same conditions (each
 * member's own obligation under one treaty), and are put in words once. */
typedef struct IfMemo { const Obligation *ob; const signed char *each; const char *text; } IfMemo;

static const char *open_conditions_text(Ctx *c, const Obligation *ob, const CondOutcome *oc, EntId x, IfMemo *m)
{
    if (m->ob && m->ob->org == ob->org && conditions_cmp(&m->ob->conds, &ob->conds) == 0 &&
        memcmp(m->each, oc->each, (size_t)ob->conds.n) == 0)
        return m->text;
    m->ob = ob;
    m->each = oc->each;
    m->text = conditions_if(c->w, c->scratch, ob, oc, x);
    return m->text;
}

/* What `who must ...` asks of the parties, by kind of obligation. */
static const char *must_verb(OblKind kind)
{
    static const char *const verbs[] = { "defend", "join", "stay neutral for", "not attack", "consult on" };
    return verbs[kind];
}

/* Who is obliged, on the date, to act for x: defend it, join it, stay
 * neutral, not attack it, or consult it.  The set holds the parties whose
 * obligation applies; those whose obligation depends on a condition the
 * scenario leaves open are grouped in r->conditional. */
static void obliged(Ctx *c, const Query *q, Result *r, OblKind kind)
{
    const World *w = c->w;
    EntId x = world_find(w, q->x.sym);
    const char *verb = must_verb(kind);
    int na = 0;
    Attack *attacks = hostilities(c, q, x, kind, &na);
    EntList attackers = { 0 };
    for (int i = 0; i < na; i++) if (attacks[i].by) vec_push(c->scratch, &attackers, attacks[i].by);
    entlist_keep_first(c->scratch, &attackers);
    if (!attackers.n) vec_push(c->scratch, &attackers, ENT_NONE);   /* an attacker outside every organisation */
    /* an attacker is never in the answer, but non-aggression is owed by the attacker too */
    EntList attacker_ids = kind == OB_NON_AGGRESSION ? (EntList){ 0 } : entlist_ids(c->scratch, &attackers);
    r->answer = ANS_SET;
    EntList orgs = { 0 };
    orgs_held(c, x, ROLE_MEMBER, &orgs);
    int *first_inside = NULL;
    Inside *inside = attackers_inside(c, &orgs, &attackers, &first_inside);
    int n = 0, covered = 0;
    PendingList pending = { 0 };
    IfMemo memo = { 0 };
    Owed *owed = obligations_owed(c, x, (int)kind, &orgs, 0, c->terse, &n);
    for (int i = 0; i < n; i++) {
        const Obligation *ob = &w->obls.items[owed[i].obl];
        EntId o = ob->org;
        if (!org_active(c, o)) continue;
        covered = 1;
        if (c->date < ob->from || c->date >= ob->until) {
            add_obligation(c, r, RK_INFO, -1, owed[i].obl, x, NULL,
                           REASON_DETAIL(c, "not in force on %s", fmt_date(c->scratch, c->date)));
            continue;
        }
        if (entlist_has_id(except_beneficiaries_of(ob), x)) {
            add_exception(c, r, owed[i].obl, x, NULL);
            continue;
        }
        if (suspended_party(c, r, ob, x, 0)) continue;
        EntList inside_ids = { 0 };
        if (ob->outsiders && owed[i].org >= 0) {
            int lo = first_inside[owed[i].org], hi = first_inside[owed[i].org + 1];
            for (int k = lo; k < hi; k++) {
                add_obligation(c, r, RK_PRINCIPLE, 0, owed[i].obl, x, NULL, REASON_DETAIL(c,
                               "%s is itself a member of %s: the obligation covers attacks from outside",
                               ent_name(w, attackers.items[inside[k].attacker]), ent_name(w, o)));
                vec_push(c->scratch, &inside_ids, attackers.items[inside[k].attacker]);
            }
            if (hi - lo == attackers.n) continue;      /* every attacker is inside */
            inside_ids = entlist_ids(c->scratch, &inside_ids);
        }
        CondOutcome oc = { CS_MET, 0, NULL };
        if (ob->conds.n) {
            oc = conditions_settle(w, c->scratch, ob, attacks, na, &inside_ids, c->date);
            if (oc.attack < 0) continue;
            if (oc.status == CS_FAILED) {
                add_condition_failed(c, r, owed[i].obl, x, &oc, attacks, na);
                continue;
            }
        }
        EntList bound = { 0 }, excepted = { 0 };
        PausedList paused = { 0 };
        bound_parties(c, ob, x, &attacker_ids, &bound, &paused);
        if (except_obliged_of(ob)->n) excepted_parties(c, ob, x, &attacker_ids, &excepted);
        if (!bound.n && (paused.n || excepted.n)) {
            add_exception(c, r, owed[i].obl, x, &excepted);
            add_suspensions(c, r, owed[i].obl, x, &paused, 0);
            continue;
        }
        if (!bound.n) {
            /* nobody is bound: say so, without claiming an obligation */
            add_obligation(c, r, RK_INFO, -1, owed[i].obl, x, NULL,
                           ob->by_members ? REASON_DETAIL(c, "no other member of %s is left to %s %s",
                                                          ent_name(w, o), verb, ent_name(w, x))
                                          : REASON_DETAIL(c, "no party it binds is left to %s %s", verb, ent_name(w, x)));
            continue;
        }
        static const signed char nothing_open = CS_OPEN;           /* read only, never written */
        if (!oc.each) oc.each = &nothing_open;                     /* settled: nothing was open */
        int open = oc.status == CS_OPEN;
        const char *cond_if = open ? open_conditions_text(c, ob, &oc, x, &memo) : NULL;
        for (int k = 0; k < bound.n; k++) {
            if (open) {
                Pending one = { cond_if, ent_name(w, bound.items[k]), bound.items[k], owed[i].obl + 1, oc.each };
                vec_push(c->scratch, &pending, one);
            } else
                vec_push(c->scratch, &r->set, bound.items[k]);
        }
        Reason *rs = add_obligation(c, r, RK_OBLIGATION, open ? -1 : 1, owed[i].obl, x, &bound, NULL);
        rs->detail = REASON_DETAIL(c, "%s %s: %s must %s %s%s%s", obl_kind_name(kind),
                                  period_text(c, rs->from, rs->until), entlist_text(w, c->scratch, &bound), verb,
                                  ent_name(w, x), open ? " " : "", open ? cond_if : met_text(c, ob, &oc));
        rs->decisive = !open;
        rs->open = open;
        rs->cond_status = oc.each;
        if (excepted.n) add_exception(c, r, owed[i].obl, x, &excepted);   /* both are rare */
        if (paused.n) add_suspensions(c, r, owed[i].obl, x, &paused, 0);
    }
    sort_by_name(w, &r->set);
    entlist_drop_repeats(&r->set);
    group_pending(c, r, &pending);
    if (!covered && !c->terse) {            /* a terse answer reads no reasons */
        if (kind == OB_DEFENCE || kind == OB_CONSULTATION)
            result_add(c->scratch, r, RK_INFO, -1, ent(w, x)->loc,
                       arena_printf(c->scratch, "%s belongs to no organisation with %s on %s", ent_name(w, x),
                                    principle_name(kind == OB_DEFENCE ? PR_COLLECTIVE_DEFENCE : PR_CONSULTATION),
                                    fmt_date(c->scratch, c->date)), NULL);
        else
            result_add(c->scratch, r, RK_INFO, -1, ent(w, x)->loc,
                       arena_printf(c->scratch, "%s is owed no obligation of %s on %s", ent_name(w, x),
                                    obl_kind_name(kind), fmt_date(c->scratch, c->date)), NULL);
    }
    if (!c->no_summary)
        r->summary = arena_join(c->scratch, r->set.n ? entlist_text(w, c->scratch, &r->set) : "nobody", " must ",
                                verb, " ", ent_name(w, x), r->conditional.n ? "; more if open conditions hold" : "",
                                NULL);
}

/* " if the attack is in NorthAtlantic": every condition of an obligation,
 * for answers that settle none (obligations of / to X); "" without. */
static const char *unsettled_text(Ctx *c, const Obligation *ob, EntId beneficiary)
{
    if (!ob->conds.n) return "";
    return arena_printf(c->scratch, " %s", conditions_if(c->w, c->scratch, ob, NULL, beneficiary));
}

/* Whom x owes obligation ob on the date: its named beneficiaries, or the
 * members but those excepted (who go to `excepted`); never x itself.
 * Those whose obligation from x is suspended go to `paused`. */
static void owed_parties(Ctx *c, uint32_t obl, EntId x, EntList *out, EntList *excepted, PausedList *paused)
{
    const Obligation *ob = &c->w->obls.items[obl];
    EntList cands = { 0 };
    if (ob->to_members) holders_of(c, ob->org, ROLE_MEMBER, &cands);
    else
        for (int i = 0; i < ob->beneficiaries.n; i++) vec_push(c->scratch, &cands, ob->beneficiaries.items[i]);
    for (int i = 0; i < cands.n; i++) {
        EntId b = cands.items[i];
        if (b == x) continue;
        if (entlist_has_id(except_beneficiaries_of(ob), b)) { vec_push(c->scratch, excepted, b); continue; }
        bound_or_paused(c, ob, x, b, b, out, paused);
    }
    sort_by_name(c->w, out);
    sort_by_name(c->w, excepted);
}

/* A reason about obligation `obl` that x owes to `whom`. */
static Reason *add_owing(Ctx *c, Result *r, ReasonKind k, int held, uint32_t obl, EntId x, const EntList *whom)
{
    EntList obliged = { 0 };
    vec_push(c->scratch, &obliged, x);
    Reason *rs = add_obligation(c, r, k, held, obl, 0, &obliged, NULL);
    if (whom) rs->beneficiaries = *whom;
    return rs;
}

/* One obligation x owes (or would owe) on the date, with its reasons. */
static void owing_one(Ctx *c, Result *r, uint32_t obl, EntId x)
{
    const World *w = c->w;
    const Obligation *ob = &w->obls.items[obl];
    const char *kind = obl_kind_name(ob->kind);
    if (c->date < ob->from || c->date >= ob->until) {
        add_owing(c, r, RK_INFO, -1, obl, x, NULL)->detail =
            arena_printf(c->scratch, "not in force on %s", fmt_date(c->scratch, c->date));
        return;
    }
    if (role_of(c, x, ob->org, NULL) != ROLE_MEMBER) {
        add_owing(c, r, RK_INFO, -1, obl, x, NULL)->detail =
            arena_printf(c->scratch, "%s is not a member of %s on %s", ent_name(w, x), ent_name(w, ob->org),
                         fmt_date(c->scratch, c->date));
        return;
    }
    if (suspended_party(c, r, ob, x, 1)) return;
    if (entlist_has_id(except_obliged_of(ob), x)) {
        add_owing(c, r, RK_EXCEPTION, 0, obl, x, NULL)->detail =
            arena_printf(c->scratch, "%s is excepted: it owes no %s under this obligation", ent_name(w, x), kind);
        return;
    }
    EntList whom = { 0 }, excepted = { 0 };
    PausedList paused = { 0 };
    owed_parties(c, obl, x, &whom, &excepted, &paused);
    if (whom.n) {
        for (int k = 0; k < whom.n; k++) vec_push(c->scratch, &r->set, whom.items[k]);
        Reason *rs = add_owing(c, r, RK_OBLIGATION, 1, obl, x, &whom);
        rs->detail = arena_printf(c->scratch, "%s %s: %s owes %s%s", kind, period_text(c, rs->from, rs->until),
                                  ent_name(w, x), entlist_text(w, c->scratch, &whom),
                                  unsettled_text(c, ob, whom.n == 1 ? whom.items[0] : ENT_NONE));
        rs->decisive = 1;
    } else if (!excepted.n && !paused.n) {
        add_owing(c, r, RK_INFO, -1, obl, x, NULL)->detail =
            arena_printf(c->scratch, "no other party is left for %s to owe it to", ent_name(w, x));
    }
    if (excepted.n)
        add_owing(c, r, RK_EXCEPTION, 0, obl, x, &excepted)->detail =
            arena_printf(c->scratch, "%s %s excepted: %s owes %s no %s under this obligation",
                         entlist_text(w, c->scratch, &excepted), excepted.n == 1 ? "is" : "are", ent_name(w, x),
                         excepted.n == 1 ? "it" : "them", kind);
    add_suspensions(c, r, obl, x, &paused, 1);
}

/* One obligation owed to x on the date, with its reasons: who owes it,
 * who is excepted from it or relieved of it by a suspension. */
static void owed_one(Ctx *c, Result *r, uint32_t obl, EntId x)
{
    const World *w = c->w;
    const Obligation *ob = &w->obls.items[obl];
    if (c->date < ob->from || c->date >= ob->until) {
        add_obligation(c, r, RK_INFO, -1, obl, x, NULL,
                       arena_printf(c->scratch, "not in force on %s", fmt_date(c->scratch, c->date)));
        return;
    }
    if (entlist_has_id(except_beneficiaries_of(ob), x)) {
        add_exception(c, r, obl, x, NULL);
        return;
    }
    if (suspended_party(c, r, ob, x, 0)) return;
    EntList nobody = { 0 }, bound = { 0 }, excepted = { 0 };
    PausedList paused = { 0 };
    bound_parties(c, ob, x, &nobody, &bound, &paused);
    excepted_parties(c, ob, x, &nobody, &excepted);
    if (bound.n) {
        for (int k = 0; k < bound.n; k++) vec_push(c->scratch, &r->set, bound.items[k]);
        Reason *rs = add_obligation(c, r, RK_OBLIGATION, 1, obl, x, &bound, NULL);
        rs->detail = arena_printf(c->scratch, "%s %s: %s %s %s%s", obl_kind_name(ob->kind),
                                  period_text(c, rs->from, rs->until), entlist_text(w, c->scratch, &bound),
                                  bound.n == 1 ? "owes" : "owe", ent_name(w, x), unsettled_text(c, ob, x));
        rs->decisive = 1;
    } else if (!paused.n && !excepted.n) {
        add_obligation(c, r, RK_INFO, -1, obl, x, NULL,
                       arena_printf(c->scratch, "no party it binds is left to owe it to %s", ent_name(w, x)));
    }
    add_exception(c, r, obl, x, &excepted);
    add_suspensions(c, r, obl, x, &paused, 0);
}

/* obligations of X / obligations to X [kind KIND]: whom X owes what on the
 * date, or who owes X what.  The set is the other parties; each
 * obligation is a reason. */
static void obligations_query(Ctx *c, const Query *q, Result *r, int x_owes)
{
    const World *w = c->w;
    EntId x = world_find(w, q->x.sym);
    int ok = 1, kind = q->kind_name.sym ? (int)obl_kind_find(sym_name(&w->names, q->kind_name.sym), &ok) : -1;
    r->answer = ANS_SET;
    EntList orgs = { 0 };
    orgs_held(c, x, ROLE_MEMBER, &orgs);
    int n = 0, covered = 0;
    Owed *found = obligations_owed(c, x, kind, &orgs, x_owes, 0, &n);
    for (int i = 0; i < n; i++) {
        if (!org_active(c, w->obls.items[found[i].obl].org)) continue;
        covered = 1;
        if (x_owes) owing_one(c, r, found[i].obl, x);
        else owed_one(c, r, found[i].obl, x);
    }
    sort_by_name(w, &r->set);
    entlist_drop_repeats(&r->set);
    const char *what = kind < 0 ? "obligation" : arena_printf(c->scratch, "obligation of %s", obl_kind_name((OblKind)kind));
    const char *kinds = kind < 0 ? "obligations" : obl_kind_name((OblKind)kind);
    if (!covered)
        result_add(c->scratch, r, RK_INFO, -1, ent(w, x)->loc,
                   arena_printf(c->scratch, x_owes ? "%s owes no %s on %s" : "%s is owed no %s on %s",
                                ent_name(w, x), what, fmt_date(c->scratch, c->date)), NULL);
    if (x_owes)
        r->summary = r->set.n ? arena_printf(c->scratch, "%s owes %s to %s", ent_name(w, x), kinds,
                                             entlist_text(w, c->scratch, &r->set))
                              : arena_printf(c->scratch, "%s owes nobody any %s", ent_name(w, x), what);
    else
        r->summary = r->set.n ? arena_printf(c->scratch, "%s %s %s %s", entlist_text(w, c->scratch, &r->set),
                                             r->set.n == 1 ? "owes" : "owe", ent_name(w, x), kinds)
                              : arena_printf(c->scratch, "nobody owes %s any %s", ent_name(w, x), what);
}

static void add_violation(Ctx *c, Result *r, EntId org, const Principle *p, const char *detail)
{
    add_principle(c, r, 0, org, p, detail);
    last_reason(r)->kind = RK_VIOLATION;
}

/* Organisations (active, with principle pk) in which both a and b are
 * members: the two lists of organisations, both sorted by name, merged. */
static void shared_violations(Ctx *c, Result *r, EntId a, EntId b, PrincipleKind pk, const char *what)
{
    const World *w = c->w;
    EntList oa = { 0 }, ob = { 0 };
    orgs_held(c, a, ROLE_MEMBER, &oa);
    orgs_held(c, b, ROLE_MEMBER, &ob);
    for (int i = 0, j = 0; i < oa.n && j < ob.n;) {
        int cmp = strcmp(ent_name(w, oa.items[i]), ent_name(w, ob.items[j]));
        if (cmp) { if (cmp < 0) i++; else j++; continue; }
        EntId o = oa.items[i];
        i++, j++;
        const Principle *p = find_principle(ent(w, o), pk);
        if (!p || !org_active(c, o) || !principle_in_force(p, c->date)) continue;
        add_violation(c, r, o, p, arena_printf(c->scratch, "%s; both are members of %s", what, ent_name(w, o)));
    }
}

/* Does obligation ob bind `a` towards `b` on the date?  (Its organisation
 * exists, the date is in its period, `a` is on its obliged side and a
 * member; `b` is on its beneficiary side, which obligations_owed() has
 * already made sure of.) */
static int binds(Ctx *c, const Obligation *ob, EntId a, EntId b)
{
    if (a == b || !org_active(c, ob->org) || c->date < ob->from || c->date >= ob->until) return 0;
    if (!ob->by_members && !entlist_has_id(&ob->obliged, a)) return 0;
    return role_of(c, a, ob->org, NULL) == ROLE_MEMBER;
}

/* The obligations of `kind` that `a` owes `b` and breaks by `what`: found
 * among those owed to b (its own and its organisations'), in the order of
 * their organisations' names. */
static void broken_obligations(Ctx *c, Result *r, EntId a, EntId b, OblKind kind, const char *what)
{
    const World *w = c->w;
    EntList orgs = { 0 };
    orgs_held(c, b, ROLE_MEMBER, &orgs);
    int n = 0;
    Owed *owed = obligations_owed(c, b, (int)kind, &orgs, 0, 0, &n);
    for (int i = 0; i < n; i++) {
        const Obligation *ob = &w->obls.items[owed[i].obl];
        if (!binds(c, ob, a, b)) continue;
        if (entlist_has_id(except_beneficiaries_of(ob), b)) {       /* no violation: say why */
            add_exception(c, r, owed[i].obl, b, NULL);
            continue;
        }
        if (entlist_has_id(except_obliged_of(ob), a)) {
            EntList who = { 0 };
            vec_push(c->scratch, &who, a);
            add_exception(c, r, owed[i].obl, b, &who);
            continue;
        }
        if (member_suspended(c, a, ob->org, NULL) || member_suspended(c, b, ob->org, NULL)) {
            int a_out = member_suspended(c, a, ob->org, NULL);  /* no violation: say why */
            add_suspended_member(c, r, a_out ? a : b, ob->org, 0,
                                 a_out ? arena_printf(c->scratch, "it owes %s no %s", ent_name(w, b), obl_kind_name(kind))
                                       : arena_printf(c->scratch, "%s owes it no %s", ent_name(w, a), obl_kind_name(kind)));
            continue;
        }
        const Suspension *s = suspension_of(w, ob->org, kind, a, b, c->date);
        if (s) {                    /* no violation: say why */
            PausedList paused = { 0 };
            Paused one = { (uint32_t)(s - w->susps.items), a };
            vec_push(c->scratch, &paused, one);
            add_suspensions(c, r, owed[i].obl, b, &paused, 0);
            continue;
        }
        EntList who = { 0 };
        vec_push(c->scratch, &who, a);
        Reason *rs = add_obligation(c, r, RK_VIOLATION, 0, owed[i].obl, b, &who, NULL);
        rs->detail = ob->by_members && ob->to_members
                         ? arena_printf(c->scratch, "%s; both are members of %s", what, ent_name(w, ob->org))
                         : arena_printf(c->scratch, "%s; %s owes %s %s", what, ent_name(w, a), ent_name(w, b),
                                        obl_kind_name(kind));
    }
}

/* One violation of exclusivity, found member by member and reported in
 * the order principle, member, other organisation. */
typedef struct Clash { int principle, member, at; EntId other; } Clash;

static int by_principle_member_place(const void *a, const void *b)
{
    const Clash *x = a, *y = b;
    if (x->principle != y->principle) return x->principle < y->principle ? -1 : 1;
    if (x->member != y->member) return x->member < y->member ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* Members of o that also belong to an organisation of a kind o excludes.
 * Each member's organisations are read once, whatever the number of
 * exclusive principles; each (member, organisation) is matched against the
 * principles by kind. */
static void exclusivity_violations(Ctx *c, Result *r, EntId o)
{
    const World *w = c->w;
    const OrgInfo *oi = org_info(w, o);
    KindAt *excl = arena_alloc(c->scratch, (size_t)oi->principles.n * sizeof *excl);
    int nexcl = 0;
    for (int i = 0; i < oi->principles.n; i++)
        if (oi->principles.items[i].kind == PR_EXCLUSIVE && principle_in_force(&oi->principles.items[i], c->date)) {
            KindAt k = { oi->principles.items[i].arg, i, ENT_NONE };
            excl[nexcl++] = k;
        }
    if (!nexcl) return;
    qsort(excl, (size_t)nexcl, sizeof *excl, by_kind_then_place);
    EntList members = { 0 };
    holders_of(c, o, ROLE_MEMBER, &members);
    VEC(Clash) clashes = { 0 };
    for (int m = 0; m < members.n; m++) {
        EntList held = { 0 };
        orgs_held(c, members.items[m], ROLE_MEMBER, &held);
        for (int j = 0; j < held.n; j++) {
            if (held.items[j] == o || !org_active(c, held.items[j])) continue;
            Sym kind = kind_of(c, held.items[j], NULL);
            int lo = 0, hi = nexcl;
            while (lo < hi) {
                int mid = lo + (hi - lo) / 2;
                if (excl[mid].kind < kind) lo = mid + 1; else hi = mid;
            }
            for (int k = lo; k < nexcl && excl[k].kind == kind; k++) {
                Clash cl = { excl[k].at, m, j, held.items[j] };
                vec_push(c->scratch, &clashes, cl);
            }
        }
    }
    if (clashes.n > 1) qsort(clashes.items, (size_t)clashes.n, sizeof *clashes.items, by_principle_member_place);
    for (int i = 0; i < clashes.n; i++) {
        const Clash *cl = &clashes.items[i];
        const Principle *p = &oi->principles.items[cl->principle];
        add_violation(c, r, o, p, arena_printf(c->scratch, "%s is a member of %s and of %s, %s",
                      ent_name(w, members.items[cl->member]), ent_name(w, o), ent_name(w, cl->other),
                      a_kind(c, p->arg)));
        last_reason(r)->member = members.items[cl->member];    /* who breaks it, and where else it is */
        last_reason(r)->other_org = cl->other;
    }
}

void check_world(Ctx *c, Result *r)
{
    const World *w = c->w;
    for (EntId o = 1; o < (EntId)w->ents.n; o++)
        if (ent(w, o)->kind == ENT_ORG && org_active(c, o)) exclusivity_violations(c, r, o);
    for (int i = 0; i < w->constraints.n; i++) {
        const Constraint *k = &w->constraints.items[i];
        if (k->org && !org_active(c, k->org)) continue;
        Env env = { w->sym_org, ent_value(k->org), NULL };
        const Env *e = k->org ? &env : NULL;
        int h = eval_cond(c, k->body, e);
        if (h < 0) { r->error = 1; return; }
        const char *detail = NULL;
        if (!h && (k->body->kind == EX_ALL)) {
            /* name the first element that breaks an `all` constraint */
            Value s = eval_expr(c, k->body->a, e);
            for (int j = 0; !c->failed && s.k == V_SET && j < s.u.set.n; j++) {
                Env inner = { k->body->name.sym, s.u.set.items[j], e };
                if (eval_cond(c, k->body->b, &inner) == 0) {
                    detail = arena_printf(c->scratch, "fails for %s", value_text(w, c->scratch, s.u.set.items[j]));
                    break;
                }
            }
        }
        result_add(c->scratch, r, h ? RK_CONSTRAINT : RK_VIOLATION, h, k->loc,
                   arena_printf(c->scratch, "constraint \"%s\"", k->text), detail);
        last_reason(r)->org = k->org;
        last_reason(r)->principle = PR_DECLARED;   /* marks a constraint, not a principle */
    }
}

/* A supposition with its place in the list, sorted so that equal ones, and
 * the aids to one party, come together: by kind, target, author, place. */
typedef struct Placed { SupKind kind; EntId a, b; int at; } Placed;

static int by_kind_target_author(const void *pa, const void *pb)
{
    const Placed *x = pa, *y = pb;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    if (x->b != y->b) return x->b < y->b ? -1 : 1;
    if (x->a != y->a) return x->a < y->a ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static void supposed_violations(Ctx *c, Result *r)
{
    const World *w = c->w;
    const Overlay *ov = c->ov;
    int n = ov->n;
    Placed *sorted = arena_alloc(c->scratch, (size_t)n * sizeof *sorted);
    char *repeat = arena_alloc(c->scratch, (size_t)n);
    for (int i = 0; i < n; i++) {
        Placed p = { ov->items[i].kind, ov->items[i].a, ov->items[i].b, i };
        sorted[i] = p;
    }
    qsort(sorted, (size_t)n, sizeof *sorted, by_kind_target_author);
    /* a supposition made twice is one event: only its first time counts */
    int aids = n, aids_end = n;           /* the aids, grouped by the party aided */
    for (int k = 0; k < n; k++) {
        const Placed *p = &sorted[k];
        repeat[p->at] = k && p->kind == p[-1].kind && p->a == p[-1].a && p->b == p[-1].b;
        if (p->kind == SUP_AID && aids == n) aids = k;
        if (p->kind == SUP_AID) aids_end = k + 1;
    }
    for (int i = 0; i < n; i++) {
        const Supp *s = &ov->items[i];
        if (repeat[i]) continue;
        if (s->kind == SUP_ATTACK) {
            broken_obligations(c, r, s->a, s->b, OB_NON_AGGRESSION,
                              arena_printf(c->scratch, "%s attacks %s", ent_name(w, s->a), ent_name(w, s->b)));
            /* the aids to the attacker, in the order supposed */
            int lo = aids, hi = aids_end;
            while (lo < hi) {
                int mid = lo + (hi - lo) / 2;
                if (sorted[mid].b < s->a) lo = mid + 1; else hi = mid;
            }
            for (int k = lo; k < aids_end && sorted[k].b == s->a; k++) {
                const Supp *aid = &ov->items[sorted[k].at];
                /* neutrality forbids aiding the attacker of *another* member */
                if (repeat[sorted[k].at] || aid->a == s->b) continue;
                broken_obligations(c, r, aid->a, s->b, OB_NEUTRALITY,
                                  arena_printf(c->scratch, "%s aids %s, which attacks %s", ent_name(w, aid->a),
                                               ent_name(w, s->a), ent_name(w, s->b)));
            }
        } else if (s->kind == SUP_INTERVENTION) {
            shared_violations(c, r, s->a, s->b, PR_NON_INTERFERENCE,
                              arena_printf(c->scratch, "%s intervenes in %s", ent_name(w, s->a), ent_name(w, s->b)));
        }
    }
}

static void violations(Ctx *c, Result *r, int with_suppositions)
{
    r->answer = ANS_LIST;
    if (with_suppositions && c->ov && c->ov->n) supposed_violations(c, r);
    check_world(c, r);
    int n = 0;
    for (int i = 0; i < r->reasons.n; i++)
        if (r->reasons.items[i].kind == RK_VIOLATION) {
            r->reasons.items[i].decisive = 1;      /* each one alone makes the verdict `violated` */
            n++;
        }
    r->verdict = n ? "violated" : "clean";
    r->summary = n ? arena_printf(c->scratch, "%d violation%s", n, n == 1 ? "" : "s") : "no violations";
}

static void members_query(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId y = world_find(w, q->y.sym);
    r->answer = ANS_SET;
    if (!org_active(c, y)) {
        result_add(c->scratch, r, RK_STATUS, -1, ent(w, y)->loc,
                   arena_printf(c->scratch, "%s does not exist on %s", ent_name(w, y), fmt_date(c->scratch, c->date)),
                   NULL);
    } else {
        holders_of(c, y, q->role, &r->set);
        for (int i = 0; i < r->set.n; i++) {
            Loc why;
            memset(&why, 0, sizeof why);
            role_of(c, r->set.items[i], y, &why);
            result_add(c->scratch, r, RK_MEMBERSHIP, 1, why,
                       arena_printf(c->scratch, "%s is %s of %s", ent_name(w, r->set.items[i]),
                                    role_article(q->role), ent_name(w, y)), NULL);
            if (q->role == ROLE_MEMBER) {
                add_suspended_member(c, r, r->set.items[i], y, -1,
                                     "it stays a member, but owes nothing, is owed nothing and does not vote");
                add_notice_note(c, r, r->set.items[i], y);
                add_term_note(c, r, r->set.items[i], y);
            }
        }
    }
    r->summary = arena_printf(c->scratch, "%ss of %s: %s", role_name(q->role), ent_name(w, y),
                              r->set.n ? entlist_text(w, c->scratch, &r->set) : "none");
}

/* "UZB joined CSTO on 1992-05-15; left on 1999-04-02; joined again on
 * 2006-08-16": the periods as a member from `first` on, as of the query's
 * date. */
static const char *joined_story(Ctx *c, const Entity *e, EntId org, const Membership *first)
{
    const World *w = c->w;
    /* the pieces, joined once at the end: a pair may have many periods,
     * and a text grown by copying would cost the square of their number */
    VEC(const char *) parts = { 0 };
    vec_push(c->scratch, &parts, arena_printf(c->scratch, "%s joined %s on %s", ent_name(w, first->who),
                                              ent_name(w, org), fmt_date(c->scratch, first->from)));
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(w, e, i);
        if (m->org != org || m->role != ROLE_MEMBER || m->from < first->from || m->from > c->date) continue;
        if (m != first) {
            vec_push(c->scratch, &parts, "; joined again on ");
            vec_push(c->scratch, &parts, fmt_date(c->scratch, m->from));
        }
        if (m->until <= c->date) {
            vec_push(c->scratch, &parts, "; left on ");
            vec_push(c->scratch, &parts, fmt_date(c->scratch, m->until));
        }
    }
    return arena_join_list(c->scratch, parts.items, parts.n);
}

/* when did X join ORG: every recorded period of X in ORG, in date order,
 * each a reason at its clause; the answer is the first day of X's first
 * period as a member that starts by the query's date (a date), `never`, or
 * `undated` when that period has no start.  Periods that start later are
 * reasons marked "later".  A supposition is not a period: when one decides X's role on
 * the query's date, it is one more reason. */
static void when_joined(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId x = world_find(w, q->x.sym), org = world_find(w, q->y.sym);
    const Entity *e = ent(w, x);
    const Membership *first = NULL;
    int periods = 0;
    for (int i = 0; i < e->as_holder.n; i++) {          /* sorted by organisation, then start */
        const Membership *m = mem_held(w, e, i);
        if (m->org != org) continue;
        int later = m->from != DATE_NONE && m->from > c->date;      /* not yet, on the query's date */
        if (m->role == ROLE_MEMBER && !first && !later) first = m;
        periods += !later;
        const char *when = period_words(c->scratch, m->from, m->until);
        int now = m->from <= c->date && c->date < m->until;
        result_add(c->scratch, r, RK_MEMBERSHIP, now ? 1 : -1, m->loc,
                   arena_printf(c->scratch, "%s%s is %s of %s %s", later ? "later: " : "", ent_name(w, x),
                                role_article(m->role), ent_name(w, org), *when ? when : "at all dates"), NULL);
    }
    Loc why;
    memset(&why, 0, sizeof why);
    Role now = role_of(c, x, org, &why);
    int recorded = 0;
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(w, e, i);
        if (m->org == org && m->loc.src == why.src && m->loc.off == why.off) recorded = 1;
    }
    if (why.src && !recorded) {                          /* a supposition decides the role on the date */
        char on[16];
        date_format(c->date, on);
        result_add(c->scratch, r, RK_MEMBERSHIP, now == ROLE_MEMBER, why,
                   now == ROLE_NONE ? arena_printf(c->scratch, "supposed: %s is not in %s on %s", ent_name(w, x),
                                                   ent_name(w, org), on)
                                    : arena_printf(c->scratch, "supposed: %s is %s of %s on %s", ent_name(w, x),
                                                   role_article(now), ent_name(w, org), on), NULL);
    }
    int supposed = why.src && !recorded;
    if (!first && supposed && now == ROLE_MEMBER) {       /* suppositions have no date */
        r->answer = ANS_VERDICT;
        r->verdict = "undated";
        r->summary = arena_printf(c->scratch, "%s is supposed a member of %s, with no date", ent_name(w, x),
                                  ent_name(w, org));
    } else if (!first) {
        char on[16];
        date_format(c->date, on);
        r->answer = ANS_VERDICT;
        r->verdict = "never";
        r->summary = arena_printf(c->scratch, "%s has no recorded membership of %s by %s%s", ent_name(w, x),
                                  ent_name(w, org), on, periods ? " (only other roles)" : "");
    } else if (first->from == DATE_NONE) {
        r->answer = ANS_VERDICT;
        r->verdict = "undated";
        r->summary = arena_printf(c->scratch, "%s is a member of %s with no start recorded", ent_name(w, x),
                                  ent_name(w, org));
    } else {
        r->answer = ANS_VALUE;
        r->value.k = V_DATE;
        r->value.u.d = first->from;
        r->summary = joined_story(c, e, org, first);
    }
}

static void orgs_query(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId x = world_find(w, q->x.sym);
    r->answer = ANS_SET;
    const Role roles[] = { ROLE_MEMBER, ROLE_OBSERVER, ROLE_PARTNER };
    for (int k = 0; k < 3; k++) {
        EntList l = { 0 };
        orgs_held(c, x, roles[k], &l);
        for (int i = 0; i < l.n; i++) {
            if (!org_active(c, l.items[i])) continue;
            if (roles[k] == ROLE_MEMBER) vec_push(c->scratch, &r->set, l.items[i]);
            Loc why;
            memset(&why, 0, sizeof why);
            role_of(c, x, l.items[i], &why);
            result_add(c->scratch, r, RK_MEMBERSHIP, roles[k] == ROLE_MEMBER ? 1 : -1, why,
                       arena_printf(c->scratch, "%s is %s of %s", ent_name(w, x), role_article(roles[k]),
                                    ent_name(w, l.items[i])), NULL);
            if (roles[k] == ROLE_MEMBER) {
                add_suspended_member(c, r, x, l.items[i], -1,
                                     "it stays a member, but owes nothing, is owed nothing and does not vote");
                add_notice_note(c, r, x, l.items[i]);
                add_term_note(c, r, x, l.items[i]);
            }
        }
    }
    sort_by_name(w, &r->set);
    r->summary = arena_printf(c->scratch, "%s is a member of %s", ent_name(w, x),
                              r->set.n ? entlist_text(w, c->scratch, &r->set) : "no organisation");
}

/* ---------------- compare obligations ---------------- */

/* One thing a party owes on a date: obligation `obl` to `b`. */
typedef struct Owing { uint32_t obl; EntId b; const char *b_name; } Owing;
typedef VEC(Owing) OwingList;

/* What x owes on date d, each (obligation, beneficiary) once: found
 * through the index by obliged party, as `obligations of`.  With
 * `explain`, the suspensions that relieve x on d are added to it as
 * reasons. */
static OwingList owing_at(Ctx *c, EntId x, Date d, Result *explain)
{
    const World *w = c->w;
    Date saved = c->date;
    c->date = d;
    OwingList out = { 0 };
    EntList orgs = { 0 };
    orgs_held(c, x, ROLE_MEMBER, &orgs);
    int n = 0;
    Owed *found = obligations_owed(c, x, -1, &orgs, 1, 0, &n);
    for (int i = 0; i < n; i++) {
        uint32_t obl = found[i].obl;
        const Obligation *ob = &w->obls.items[obl];
        if (!org_active(c, ob->org) || d < ob->from || d >= ob->until) continue;
        if (role_of(c, x, ob->org, NULL) != ROLE_MEMBER || entlist_has_id(except_obliged_of(ob), x)) continue;
        EntList whom = { 0 }, excepted = { 0 };
        PausedList paused = { 0 };
        owed_parties(c, obl, x, &whom, &excepted, &paused);
        for (int k = 0; k < whom.n; k++) {
            Owing o = { obl, whom.items[k], ent_name(w, whom.items[k]) };
            vec_push(c->scratch, &out, o);
        }
        if (explain) add_suspensions(c, explain, obl, x, &paused, 1);
    }
    c->date = saved;
    return out;
}

/* What makes two things owed the same: the organisation, kind, period,
 * conditions and beneficiary; when two parties are compared, each owing
 * the other counts as the same beneficiary ("each other"). */
typedef struct OwingKey { const Owing *o; const Obligation *ob; EntId b; } OwingKey;

static int by_owing_key(const void *pa, const void *pb)
{
    const OwingKey *x = pa, *y = pb;
    const Obligation *p = x->ob, *q = y->ob;
    if (p->org != q->org) return p->org < q->org ? -1 : 1;
    if (p->kind != q->kind) return p->kind < q->kind ? -1 : 1;
    if (p->from != q->from) return p->from < q->from ? -1 : 1;
    if (p->until != q->until) return p->until < q->until ? -1 : 1;
    if (p->outsiders != q->outsiders) return p->outsiders < q->outsiders ? -1 : 1;
    int c = conditions_cmp(&p->conds, &q->conds);
    if (c) return c;
    if (x->b == y->b) return 0;
    if (!x->b || !y->b) return !x->b ? -1 : 1;
    return strcmp(x->o->b_name, y->o->b_name);
}

static int by_obligation_then_name(const void *pa, const void *pb)
{
    const OwingKey *x = pa, *y = pb;
    if (x->o->obl != y->o->obl) return x->o->obl < y->o->obl ? -1 : 1;
    return strcmp(x->o->b_name, y->o->b_name);
}

/* The keys of one side, sorted; `me` and `other` (the two parties
 * compared, or ENT_NONE) stand for "each other". */
static OwingKey *owing_keys(Ctx *c, const OwingList *l, EntId me, EntId other, int *n)
{
    *n = l->n;
    OwingKey *k = arena_alloc(c->scratch, (size_t)(l->n ? l->n : 1) * sizeof *k);
    for (int i = 0; i < l->n; i++) {
        k[i].o = &l->items[i];
        k[i].ob = &c->w->obls.items[l->items[i].obl];
        k[i].b = other && (l->items[i].b == other || l->items[i].b == me) ? ENT_NONE : l->items[i].b;
    }
    if (*n > 1) qsort(k, (size_t)*n, sizeof *k, by_owing_key);
    return k;
}

/* The keys of `a` not in `b` (both sorted: one merge), as reasons, one
 * per obligation with the beneficiaries that differ. */
static int owing_difference(Ctx *c, Result *r, const OwingKey *a, int na, const OwingKey *b, int nb, int held,
                            EntId who, EntId versus, Date d1, Date d2)
{
    const World *w = c->w;
    VEC(OwingKey) only = { 0 };
    for (int i = 0, j = 0; i < na; i++) {
        while (j < nb && by_owing_key(&b[j], &a[i]) < 0) j++;
        if (j < nb && by_owing_key(&b[j], &a[i]) == 0) continue;
        vec_push(c->scratch, &only, a[i]);
    }
    if (only.n > 1) qsort(only.items, (size_t)only.n, sizeof *only.items, by_obligation_then_name);
    int reasons = 0;
    for (int i = 0; i < only.n;) {
        uint32_t obl = only.items[i].o->obl;
        EntList whom = { 0 };
        for (; i < only.n && only.items[i].o->obl == obl; i++)
            if (!whom.n || whom.items[whom.n - 1] != only.items[i].o->b) vec_push(c->scratch, &whom, only.items[i].o->b);
        Reason *rs = add_owing(c, r, RK_OBLIGATION, held, obl, who, &whom);
        const char *kind = obl_kind_name(w->obls.items[obl].kind), *list = entlist_text(w, c->scratch, &whom);
        rs->detail = versus ? arena_printf(c->scratch, "%s owes %s %s; %s does not", ent_name(w, who), list, kind,
                                           ent_name(w, versus))
                            : arena_printf(c->scratch, "%s owes %s %s on %s, not on %s", ent_name(w, who), list, kind,
                                           fmt_date(c->scratch, d1), fmt_date(c->scratch, d2));
        reasons++;
    }
    return reasons;
}

/* compare obligations of X at D1 and D2 / of X and Y [at D]: what one
 * owes and the other does not.  `-` lines are owed only by the first (or
 * on the first date), `+` lines only by the second; the suspensions that
 * relieve X on the later date are shown too. */
static void compare_obligations(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId x = world_find(w, q->x.sym), y = q->y.sym ? world_find(w, q->y.sym) : ENT_NONE;
    Date d1 = y ? c->date : q->at1, d2 = y ? c->date : q->at2;
    if (!y) r->date = d1;
    OwingList first = owing_at(c, x, d1, NULL);
    Result why = { 0 };                /* the suspensions on the later date, shown after the differences */
    OwingList second = owing_at(c, y ? y : x, d2, y ? NULL : &why);
    int n1, n2;
    OwingKey *k1 = owing_keys(c, &first, x, y, &n1), *k2 = owing_keys(c, &second, y, x, &n2);
    r->answer = ANS_VERDICT;
    int lost = owing_difference(c, r, k1, n1, k2, n2, 0, x, y, d1, d2);
    int gained = owing_difference(c, r, k2, n2, k1, n1, 1, y ? y : x, y ? x : ENT_NONE, d2, d1);
    for (int i = 0; lost && i < why.reasons.n; i++) vec_push(c->scratch, &r->reasons, why.reasons.items[i]);
    r->verdict = lost || gained ? "different" : "same";
    r->summary = y ? arena_printf(c->scratch, "%s and %s owe %s obligations on %s", ent_name(w, x), ent_name(w, y),
                                  lost || gained ? "different" : "the same", fmt_date(c->scratch, d1))
                   : arena_printf(c->scratch, "%s owes %s obligations on %s and on %s", ent_name(w, x),
                                  lost || gained ? "different" : "the same", fmt_date(c->scratch, d1),
                                  fmt_date(c->scratch, d2));
}

Result *query_run(Ctx *c, const Query *q)
{
    Result *r = arena_alloc(c->scratch, sizeof *r);
    r->scratch = c->scratch;
    r->q = q;
    r->text = q->text;
    r->terse = c->terse;
    Date saved = c->date;
    if (q->has_at) c->date = q->at;
    r->date = c->date;
    c->failed = 0;
    c->limits = eval_limits(c->limits);      /* each query has the whole budget */
    c->steps = 0;
    c->scratch_base = c->scratch->used_total;
    c->shares_seen.org = ENT_NONE;       /* share() totals are remembered within one query only */
    memset(c->held_seen, 0, sizeof c->held_seen);   /* and so are the sets of holders */
    switch (q->kind) {
    case Q_CAN_JOIN: can_join(c, q, r); break;
    case Q_WHO_DEFEND: obliged(c, q, r, OB_DEFENCE); break;
    case Q_WHO_CONSULT: obliged(c, q, r, OB_CONSULTATION); break;
    case Q_WHO_JOIN: obliged(c, q, r, OB_OFFENCE); break;
    case Q_WHO_NEUTRAL: obliged(c, q, r, OB_NEUTRALITY); break;
    case Q_WHO_NOT_ATTACK: obliged(c, q, r, OB_NON_AGGRESSION); break;
    case Q_VIOLATIONS: violations(c, r, 1); break;
    case Q_CHECK: violations(c, r, 0); break;
    case Q_ADOPT: vote_run(c, q, r); break;
    case Q_MEMBERS: members_query(c, q, r); break;
    case Q_ORGS_OF: orgs_query(c, q, r); break;
    case Q_WHEN_JOINED: when_joined(c, q, r); break;
    case Q_OBLIGATIONS_OF: obligations_query(c, q, r, 1); break;
    case Q_OBLIGATIONS_TO: obligations_query(c, q, r, 0); break;
    case Q_COMPARE: compare_obligations(c, q, r); break;
    case Q_POWER: case Q_BANZHAF: case Q_SHAPLEY: case Q_MIN_WINNING: case Q_MIN_BLOCKING: power_run(c, q, r); break;
    case Q_ACCESSION: accession_run(c, q, r); break;
    case Q_EVAL:
        r->answer = ANS_VALUE;
        r->value = eval_expr(c, q->expr, NULL);
        r->summary = value_text(c->w, c->scratch, r->value);
        result_add(c->scratch, r, RK_INFO, r->value.k == V_BOOL ? r->value.u.b : -1, q->expr->loc,
                   loc_text(c->scratch, q->expr->loc), r->summary);
        break;
    }
    if (c->failed) r->error = 1;
    c->date = saved;
    return r;
}
