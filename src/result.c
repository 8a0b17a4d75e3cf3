/* result.c — building results. */
#include "result.h"
#include "resolve.h"
#include <stdlib.h>
#include <string.h>

const char *reason_kind_name(ReasonKind k)
{
    static const char *const names[] = {
        "status", "requirement", "consent", "principle", "membership", "decision", "vote",
        "obligation", "violation", "constraint", "info", "suspension", "exception", "condition",
        "suspended_member", "notice", "clause", "step"
    };
    return names[k];
}

const char *step_name(StepKind k)
{
    static const char *const names[] = { "application", "invitation", "ratification", "entry" };
    return names[k];
}

const char *no_kind_name(NoKind k)
{
    static const char *const names[] = { "none", "requirement", "principle", "no_rule", "already",
                                         "dissolved", "not_founded", "objection" };
    return names[k];
}

const char *fail_kind_name(FailKind k)
{
    static const char *const names[] = { "none", "veto", "count", "weight", "no_rule", "not_founded",
                                         "dissolved", "quorum" };
    return names[k];
}

const char *result_answer_text(const World *w, Arena *a, const Result *r)
{
    if (r->error) return "error";
    if (r->answer == ANS_SET) {
        return arena_join(a, "{", entlist_text(w, a, &r->set), "}", NULL);
    }
    if (r->answer == ANS_VALUE) return value_text(w, a, r->value);
    if (r->answer == ANS_POWER) return r->summary ? r->summary : "power";
    if (r->answer == ANS_LIST) {
        int n = 0;
        for (int i = 0; i < r->reasons.n; i++) n += r->reasons.items[i].kind == RK_VIOLATION;
        return n ? arena_printf(a, "violated (%d)", n) : "clean";
    }
    if (r->no_kind) return arena_printf(a, "%s (%s)", r->verdict, no_kind_name(r->no_kind));
    if (r->fail_kind) return arena_printf(a, "%s (%s)", r->verdict, fail_kind_name(r->fail_kind));
    return r->verdict;
}

void reason_texts_init(ReasonTexts *t)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->arena);
}

void reason_texts_free(ReasonTexts *t)
{
    free(t->by_obl);
    arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}

const char *reason_text(const World *w, const Result *r, const Reason *rs)
{
    if (rs->own_text || !rs->obl) return rs->own_text ? rs->own_text : "";
    const Obligation *ob = &w->obls.items[rs->obl - 1];
    ReasonTexts *t = r->texts;
    if (!t) return obligation_text(w, ob, r->scratch);
    if (!t->by_obl) {
        t->n = (uint32_t)w->obls.n;
        t->by_obl = xcalloc(t->n ? t->n : 1, sizeof *t->by_obl);
    }
    if (rs->obl > t->n) return obligation_text(w, ob, r->scratch);
    const char **kept = &t->by_obl[rs->obl - 1];
    if (!*kept) *kept = obligation_text(w, ob, &t->arena);
    return *kept;
}

void result_add(Arena *a, Result *r, ReasonKind k, int held, Loc loc, const char *text, const char *detail)
{
    Reason rs;
    memset(&rs, 0, sizeof rs);
    rs.kind = k;
    rs.held = held;
    rs.loc = loc;
    rs.own_text = text;
    rs.detail = detail;
    vec_push(a, &r->reasons, rs);
}
