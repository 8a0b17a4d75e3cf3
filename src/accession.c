/* accession.c — accession as a process (docs/language.md, accession): where
 * an applicant's accession to an organisation stands on a date, step by
 * step (application, invitation, ratifications, entry), and the members'
 * ratifications that `require ratification by members` reads as well. */
#include "query.h"
#include <stdlib.h>
#include <string.h>

static const char *day(Arena *a, Date d)
{
    char buf[16];
    date_format(d, buf);
    return arena_strdup(a, buf);
}


void ratifiers_of(Ctx *c, Result *r, EntId x, EntId y, EntList *out)
{
    holders_of(c, y, ROLE_MEMBER, out);
    for (int k = 0; k < out->n; k++)
        if (out->items[k] == x) out->items[k] = out->items[--out->n];
    sort_by_name(c->w, out);
    drop_suspended_members(c, r, y, out, "its ratification is not asked");
}

void ratifications_at(Ctx *c, EntId x, EntId y, const EntList *members, Ratifications *out)
{
    const OrgInfo *o = org_info(c->w, y);
    memset(out, 0, sizeof *out);
    for (int k = 0; k < members->n; k++) {
        const Ratification *rt = ratification_of(o, x, members->items[k]);
        switch (ratified_on(rt, c->date)) {
        case RATIFIED:
            vec_push(c->scratch, &out->done, members->items[k]);
            /* the latest; of two on one day, the one whose day is known */
            if (!out->last || rt->date > out->last->date || (rt->date == out->last->date && out->last->bound))
                out->last = rt;
            break;
        case RATIFIED_UNSURE: vec_push(c->scratch, &out->unsure, rt); break;
        case RATIFIED_NOT_YET: vec_push(c->scratch, &out->not_yet, members->items[k]); break;
        }
    }
}

typedef struct Bound { Date date; const char *name; } Bound;

static int by_bound_then_name(const void *a, const void *b)
{
    const Bound *x = a, *y = b;
    if (x->date != y->date) return x->date < y->date ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* One group per bound, "ratified by DATE at the latest: A, B", groups
 * apart by "; ".  Built in one pass into a buffer of the length it needs,
 * so that many members cost linear time, not a copy per name. */
const char *ratifications_unsure_text(Ctx *c, const Ratifications *rs)
{
    static const char head[] = "ratified by YYYY-MM-DD at the latest: ";
    int n = rs->unsure.n;
    if (!n) return "";
    Bound *b = arena_alloc(c->scratch, (size_t)n * sizeof *b);
    size_t need = 1;
    for (int i = 0; i < n; i++) {
        b[i].date = rs->unsure.items[i]->date;
        b[i].name = ent_name(c->w, rs->unsure.items[i]->by);
        need += strlen(b[i].name) + sizeof head + 2;       /* at most one head and one separator each */
    }
    qsort(b, (size_t)n, sizeof *b, by_bound_then_name);
    char *text = arena_alloc_bytes(c->scratch, need), *at = text;
    for (int i = 0; i < n; i++) {
        if (i == 0 || b[i].date != b[i - 1].date) {
            char when[16];
            date_format(b[i].date, when);
            at += sprintf(at, "%sratified by %s at the latest: ", i ? "; " : "", when);
        } else
            at += sprintf(at, ", ");
        size_t len = strlen(b[i].name);
        memcpy(at, b[i].name, len);
        at += len;
    }
    *at = '\0';
    return text;
}

const char *ratifications_text(Ctx *c, const Ratifications *rs)
{
    const World *w = c->w;
    if (!rs->not_yet.n && !rs->unsure.n)
        return rs->done.n ? arena_printf(c->scratch, "every member has ratified: %s", entlist_text(w, c->scratch, &rs->done))
                          : "there is no member to ratify";
    const char *text = rs->done.n ? arena_printf(c->scratch, "ratified by %s", entlist_text(w, c->scratch, &rs->done)) : "";
    if (rs->unsure.n)
        text = arena_printf(c->scratch, "%s%s%s", text, *text ? "; " : "", ratifications_unsure_text(c, rs));
    if (rs->not_yet.n)
        text = *text ? arena_printf(c->scratch, "%s; not yet by %s", text, entlist_text(w, c->scratch, &rs->not_yet))
                     : arena_printf(c->scratch, "not yet ratified by %s", entlist_text(w, c->scratch, &rs->not_yet));
    return text;
}

/* ---- the steps ---- */

/* One step as a reason: done (+), or open (?) with the clause that will
 * do it, or the organisation when none is recorded. */
static void add_step(Ctx *c, Result *r, StepKind k, const Step *st, const char *detail)
{
    result_add(c->scratch, r, RK_STEP, st->done ? 1 : -1, st->loc, step_name(k), detail);
    last_reason(r)->open = !st->done;
}

/* The application or the invitation: recorded on `date` (DATE_NONE: not
 * recorded) at `loc`. */
static Step dated_step(Ctx *c, EntId org, Date date, Loc loc)
{
    Step st;
    memset(&st, 0, sizeof st);
    st.date = DATE_NONE;
    st.loc = ent(c->w, org)->loc;
    if (date == DATE_NONE) return st;
    st.loc = loc;
    st.done = date <= c->date;
    if (st.done) st.date = date;
    return st;
}

/* The day x's membership of y that holds on the date started, or DATE_NONE
 * (a supposed join). */
static Date member_since(Ctx *c, EntId x, EntId y)
{
    const Entity *e = ent(c->w, x);
    for (int i = 0; i < e->as_holder.n; i++) {
        const Membership *m = mem_held(c->w, e, i);
        if (m->org == y && m->role == ROLE_MEMBER && m->from <= c->date && c->date < m->until) return m->from;
    }
    return DATE_NONE;
}

/* The ratification step on the date: done when every member asked has
 * ratified.  Once x is a member, it is read on the day x entered: the
 * members who came later were never asked. */
static Step ratification_step(Ctx *c, Result *r, EntId x, EntId y, const Step *entry, Ratifications *rs)
{
    Date saved = c->date;
    if (entry->done && entry->date != DATE_NONE) c->date = entry->date;
    EntList members = { 0 };
    ratifiers_of(c, r, x, y, &members);
    ratifications_at(c, x, y, &members, rs);
    c->date = saved;
    Step st;
    memset(&st, 0, sizeof st);
    st.done = !rs->not_yet.n && !rs->unsure.n;
    st.date = st.done && rs->last ? rs->last->date : DATE_NONE;
    st.at_latest = st.done && rs->last && rs->last->bound;
    st.loc = rs->last ? rs->last->loc : ent(c->w, y)->loc;
    return st;
}

static const char *dated_detail(Ctx *c, const Step *st, Date recorded, const char *done_fmt, const char *not_yet,
                                const char *none)
{
    if (st->done) return arena_printf(c->scratch, done_fmt, day(c->scratch, st->date));
    return recorded == DATE_NONE ? none : arena_printf(c->scratch, "%s on %s", not_yet, day(c->scratch, c->date));
}

/* "ratified by 28 of 31 members, 1 more by 2024-02-26 at the latest, not yet by HUN, TUR" */
static const char *ratification_summary(Ctx *c, const Ratifications *rs)
{
    int n = rs->done.n + rs->unsure.n + rs->not_yet.n;
    const char *text = arena_printf(c->scratch, "ratified by %d of %d member%s", rs->done.n, n, n == 1 ? "" : "s");
    if (rs->unsure.n) {
        Date latest = DATE_NONE;
        for (int i = 0; i < rs->unsure.n; i++)
            if (rs->unsure.items[i]->date > latest) latest = rs->unsure.items[i]->date;
        text = arena_printf(c->scratch, "%s, %d more by %s at the latest", text, rs->unsure.n, day(c->scratch, latest));
    }
    if (rs->not_yet.n)
        text = arena_printf(c->scratch, "%s, not yet by %s", text, entlist_text(c->w, c->scratch, &rs->not_yet));
    return text;
}

static const char *stage_summary(Ctx *c, const char *stage, const AccessionAnswer *ans)
{
    const Step *st = ans->steps;
    const Ratifications *rs = &ans->ratifications;
    if (strcmp(stage, "none") == 0) return "no application yet";
    if (strcmp(stage, "applied") == 0)
        return arena_printf(c->scratch, "applied on %s; not invited yet", day(c->scratch, st[STEP_APPLICATION].date));
    if (strcmp(stage, "invited") == 0)
        return arena_printf(c->scratch, "invited on %s; %s", day(c->scratch, st[STEP_INVITATION].date),
                            ratification_summary(c, rs));
    if (strcmp(stage, "ratified") == 0) {
        int n = rs->done.n;
        if (!n) return "no member to ratify; entry still to come";
        const char *when = arena_printf(c->scratch, "%s %s", st[STEP_RATIFICATION].at_latest ? "by" : "on",
                                        day(c->scratch, st[STEP_RATIFICATION].date));
        return n == 1 ? arena_printf(c->scratch, "ratified by its one member, %s; entry still to come", when)
                      : arena_printf(c->scratch, "ratified by all %d members, the last %s; entry still to come", n, when);
    }
    if (st[STEP_ENTRY].date == DATE_NONE) return "a member";
    return arena_printf(c->scratch, "a member since %s", day(c->scratch, st[STEP_ENTRY].date));
}

void accession_run(Ctx *c, const Query *q, Result *r)
{
    const World *w = c->w;
    EntId x = world_find(w, q->x.sym), y = world_find(w, q->y.sym);
    const char *xn = ent_name(w, x), *yn = ent_name(w, y);
    const Accession *a = accession_of(org_info(w, y), x);
    AccessionAnswer *ans = arena_alloc(c->scratch, sizeof *ans);
    Step *st = ans->steps;
    Loc none;
    memset(&none, 0, sizeof none);
    r->answer = ANS_VERDICT;
    r->accession = ans;

    Date applied = a ? a->applied : DATE_NONE, invited = a ? a->invited : DATE_NONE;
    st[STEP_APPLICATION] = dated_step(c, y, applied, a ? a->applied_loc : none);
    st[STEP_INVITATION] = dated_step(c, y, invited, a ? a->invited_loc : none);
    Loc why = ent(w, y)->loc;
    st[STEP_ENTRY].done = role_of(c, x, y, &why) == ROLE_MEMBER;
    st[STEP_ENTRY].loc = st[STEP_ENTRY].done ? why : ent(w, y)->loc;
    st[STEP_ENTRY].date = st[STEP_ENTRY].done ? member_since(c, x, y) : DATE_NONE;
    st[STEP_RATIFICATION] = ratification_step(c, r, x, y, &st[STEP_ENTRY], &ans->ratifications);

    const char *stage = st[STEP_ENTRY].done ? "member"
                      : !st[STEP_APPLICATION].done ? "none"
                      : !st[STEP_INVITATION].done ? "applied"
                      : st[STEP_RATIFICATION].done ? "ratified" : "invited";
    r->verdict = stage;

    add_step(c, r, STEP_APPLICATION, &st[STEP_APPLICATION],
             dated_detail(c, &st[STEP_APPLICATION], applied, arena_printf(c->scratch, "%s applied on %%s", xn),
                          arena_printf(c->scratch, "%s has not applied", xn),
                          arena_printf(c->scratch, "no application by %s is recorded", xn)));
    add_step(c, r, STEP_INVITATION, &st[STEP_INVITATION],
             dated_detail(c, &st[STEP_INVITATION], invited, arena_printf(c->scratch, "%s invited %s on %%s", yn, xn),
                          arena_printf(c->scratch, "%s is not invited", xn),
                          arena_printf(c->scratch, "no invitation of %s is recorded", xn)));
    add_step(c, r, STEP_RATIFICATION, &st[STEP_RATIFICATION], ratifications_text(c, &ans->ratifications));

    /* the objections in force on the date, as `can X join` reads them */
    EntList members = { 0 }, objectors = { 0 };
    Result quiet;              /* ratifiers_of() has said why suspended members are left out */
    memset(&quiet, 0, sizeof quiet);
    ratifiers_of(c, &quiet, x, y, &members);
    objectors_of(c, r, x, y, &members, &objectors);
    r->vetoes = objectors;

    add_step(c, r, STEP_ENTRY, &st[STEP_ENTRY],
             st[STEP_ENTRY].done ? arena_printf(c->scratch, "%s is a member of %s%s%s", xn, yn,
                                                st[STEP_ENTRY].date != DATE_NONE ? " since " : "",
                                                st[STEP_ENTRY].date != DATE_NONE ? day(c->scratch, st[STEP_ENTRY].date) : "")
                                 : arena_printf(c->scratch, "%s is not a member of %s on %s", xn, yn,
                                                day(c->scratch, c->date)));

    /* the step the stage waits for is decisive; once every step is done, the entry */
    Reason *decisive = last_reason(r);
    for (int i = r->reasons.n - 1; i >= 0; i--)
        if (r->reasons.items[i].kind == RK_STEP && r->reasons.items[i].open) decisive = &r->reasons.items[i];
    decisive->decisive = 1;
    const char *summary = stage_summary(c, stage, ans);
    if (objectors.n)
        summary = arena_printf(c->scratch, "%s; objected to by %s", summary, entlist_text(w, c->scratch, &objectors));
    r->summary = arena_printf(c->scratch, "%s's accession to %s on %s: %s", xn, yn, day(c->scratch, c->date), summary);
}
