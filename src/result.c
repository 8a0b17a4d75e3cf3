/* result.c — building results. */
#include "result.h"
#include <string.h>

const char *reason_kind_name(ReasonKind k)
{
    static const char *const names[] = {
        "status", "requirement", "consent", "principle", "membership", "decision", "vote",
        "obligation", "violation", "constraint", "info"
    };
    return names[k];
}

const char *no_kind_name(NoKind k)
{
    static const char *const names[] = { "none", "requirement", "principle", "no_rule", "already",
                                         "dissolved", "not_founded" };
    return names[k];
}

const char *fail_kind_name(FailKind k)
{
    static const char *const names[] = { "none", "veto", "count", "weight", "no_rule" };
    return names[k];
}

void result_add(Arena *a, Result *r, ReasonKind k, int held, Loc loc, const char *text, const char *detail)
{
    Reason rs;
    memset(&rs, 0, sizeof rs);
    rs.kind = k;
    rs.held = held;
    rs.loc = loc;
    rs.text = text;
    rs.detail = detail;
    vec_push(a, &r->reasons, rs);
}
