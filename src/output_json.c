/* output_json.c — results and diagnostics as JSON values (see docs/json.md). */
#include "output.h"
#include "conditions.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void *json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j) return j;
    /* rare: rebuild it with each bad byte replaced (3 bytes for 1, at most) */
    size_t n = strlen(s), k = 0;
    char *fixed = xmalloc(3 * n + 1);
    for (size_t i = 0; i < n;) {
        int len = utf8_char_len((const unsigned char *)s + i, n - i);
        if (len) { memcpy(fixed + k, s + i, (size_t)len); k += (size_t)len; i += (size_t)len; }
        else { memcpy(fixed + k, "\xEF\xBF\xBD", 3); k += 3; i++; }
    }
    fixed[k] = '\0';
    j = json_string(fixed);
    free(fixed);
    return j;
}

void json_set_loc(void *obj, Loc l)
{
    json_t *j = obj;
    if (l.src) {
        json_object_set_new(j, "file", json_text(l.src->path));
        json_object_set_new(j, "line", json_integer(loc_shown_line(l)));
        json_object_set_new(j, "column", json_integer(loc_col(l)));
    } else {
        json_object_set_new(j, "file", json_null());
        json_object_set_new(j, "line", json_null());
        json_object_set_new(j, "column", json_null());
    }
}

static json_t *names(const World *w, const EntList *l)
{
    json_t *a = json_array();
    for (int i = 0; i < l->n; i++) json_array_append_new(a, json_text(ent_name(w, l->items[i])));
    return a;
}

static json_t *coalitions_json(const World *w, const EntList *l, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(a, names(w, &l[i]));
    return a;
}

/* power in ORG: every index exact (text output rounds them). */
static json_t *power_json(const World *w, const PowerTable *pt)
{
    json_t *p = json_object(), *rows = json_array();
    for (int k = 0; k < pt->n; k++) {
        const PowerRow *row = &pt->rows[k];
        json_t *x = json_object();
        json_object_set_new(x, "name", json_text(ent_name(w, row->who)));
        json_object_set_new(x, "banzhaf", json_real(row->banzhaf));
        json_object_set_new(x, "shapley_shubik", json_real(row->shapley));
        json_object_set_new(x, "swings", json_integer((json_int_t)row->swings));
        json_object_set_new(x, "veto", json_boolean(row->veto));
        json_object_set_new(x, "weight", json_real(row->weight));
        json_array_append_new(rows, x);
    }
    json_object_set_new(p, "members", rows);
    json_object_set_new(p, "minimal_winning", json_integer((json_int_t)pt->min_winning));
    json_object_set_new(p, "minimal_blocking", json_integer((json_int_t)pt->min_blocking));
    json_object_set_new(p, "winning", coalitions_json(w, pt->winning, pt->n_winning));
    json_object_set_new(p, "blocking", coalitions_json(w, pt->blocking, pt->n_blocking));
    json_object_set_new(p, "nothing_wins", json_boolean(pt->nothing_wins));
    return p;
}

static json_t *value_json(const World *w, Value v)
{
    char buf[16];
    switch (v.k) {
    case V_NONE: return json_null();
    case V_BOOL: return json_boolean(v.u.b);
    case V_NUM: return json_real(v.u.n);
    case V_STR: return json_text(v.u.s);
    case V_DATE: date_format(v.u.d, buf); return json_string(buf);
    case V_ENT: return json_text(ent_name(w, v.u.e));
    case V_KIND: return json_pack("{s:o}", "kind", json_text(sym_name(&w->names, v.u.kind)));
    case V_SET: {
        json_t *a = json_array();
        for (int i = 0; i < v.u.set.n; i++) json_array_append_new(a, value_json(w, v.u.set.items[i]));
        return a;
    }
    }
    return json_null();
}

static int by_text(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The names of a list kept by id, sorted by name as every list in answers. */
static json_t *names_by_name(const World *w, const EntList *l)
{
    const char **sorted = xmalloc((size_t)(l->n ? l->n : 1) * sizeof *sorted);
    for (int i = 0; i < l->n; i++) sorted[i] = ent_name(w, l->items[i]);
    qsort(sorted, (size_t)l->n, sizeof *sorted, by_text);
    json_t *a = json_array();
    for (int i = 0; i < l->n; i++) json_array_append_new(a, json_text(sorted[i]));
    free(sorted);
    return a;
}

static json_t *date_or_null(Date d, Date open)
{
    char buf[16];
    if (d == open) return json_null();
    date_format(d, buf);
    return json_string(buf);
}

/* One condition of an obligation, with its status when the scenario
 * settled it (status NULL: the question did not settle conditions). */
static json_t *condition_json(const World *w, const Obligation *ob, int k, const signed char *status)
{
    const Condition *c = &ob->conds.items[k];
    json_t *j = json_object();
    json_object_set_new(j, "condition", json_string(cond_kind_name(c->kind)));
    if (c->kind == CD_AGAINST || (c->kind == CD_AT_LEAST && c->names.n))
        json_object_set_new(j, "adversaries", names_by_name(w, &c->names));
    if (c->kind == CD_AT_LEAST) json_object_set_new(j, "count", json_integer(c->count));
    if (c->kind == CD_IN) json_object_set_new(j, "location", json_text(ent_name(w, c->ent)));
    if (c->kind == CD_DURING) json_object_set_new(j, "conflict", json_text(ent_name(w, c->ent)));
    json_object_set_new(j, "status", status ? json_string(cond_status_name((CondStatus)status[k])) : json_null());
    json_object_set_new(j, "text", json_text(c->text));
    json_set_loc(j, c->loc);
    return j;
}

static json_t *conditions_json(const World *w, const Obligation *ob, const signed char *status)
{
    json_t *a = json_array();
    if (ob->outsiders)
        json_array_append_new(a, json_pack("{s:s,s:o,s:s}", "condition", "against outsiders", "status",
                                           status ? json_string("met") : json_null(), "text", "against outsiders"));
    for (int k = 0; k < ob->conds.n; k++) json_array_append_new(a, condition_json(w, ob, k, status));
    return a;
}

/* The obligation behind a reason, as structure (docs/obligations.md). */
static json_t *obligation_json(const World *w, const Reason *rs)
{
    const Obligation *ob = &w->obls.items[rs->obl - 1];
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(obl_kind_name(ob->kind)));
    json_object_set_new(o, "organisation", json_text(ent_name(w, ob->org)));
    json_object_set_new(o, "obliged", names(w, &rs->parties));
    json_object_set_new(o, "beneficiary", rs->beneficiary ? json_text(ent_name(w, rs->beneficiary)) : json_null());
    if (rs->beneficiaries.n) json_object_set_new(o, "beneficiaries", names(w, &rs->beneficiaries));
    json_object_set_new(o, "from", date_or_null(rs->from, DATE_NONE));
    json_object_set_new(o, "until", date_or_null(rs->until, DATE_END));
    if (ob->principle >= 0) json_object_set_new(o, "principle", json_string(principle_name((PrincipleKind)ob->principle)));
    if (except_obliged_of(ob)->n) json_object_set_new(o, "except_obliged", names_by_name(w, except_obliged_of(ob)));
    if (except_beneficiaries_of(ob)->n)
        json_object_set_new(o, "except_beneficiaries", names_by_name(w, except_beneficiaries_of(ob)));
    json_object_set_new(o, "conditions", conditions_json(w, ob, rs->cond_status));
    return o;
}

/* A membership event behind a reason (a suspended member, a notice): the
 * member and its two days, under the keys given. */
static json_t *member_event(const World *w, const Reason *rs, const char *from_key, const char *until_key)
{
    json_t *m = json_object();
    json_object_set_new(m, "member", json_text(ent_name(w, rs->member)));
    json_object_set_new(m, from_key, date_or_null(rs->from, DATE_NONE));
    json_object_set_new(m, until_key, date_or_null(rs->until, DATE_END));
    return m;
}

/* ---- accession (docs/json.md) ---- */
static json_t *accession_json(const AccessionAnswer *a)
{
    json_t *steps = json_array();
    for (int k = 0; k < ACCESSION_STEPS; k++) {
        const Step *st = &a->steps[k];
        json_t *one = json_object();
        json_object_set_new(one, "step", json_string(step_name((StepKind)k)));
        json_object_set_new(one, "date", date_or_null(st->date, DATE_NONE));
        if (st->at_latest) json_object_set_new(one, "at_latest", json_true());
        json_object_set_new(one, "done", json_boolean(st->done));
        json_set_loc(one, st->loc);
        json_array_append_new(steps, one);
    }
    return steps;
}

static json_t *ratified_at_latest(const World *w, const Ratifications *rs)
{
    json_t *a = json_array();
    for (int i = 0; i < rs->unsure.n; i++)
        json_array_append_new(a, json_pack("{s:o,s:o}", "party", json_text(ent_name(w, rs->unsure.items[i]->by)),
                                           "by", date_or_null(rs->unsure.items[i]->date, DATE_NONE)));
    return a;
}
/* ---- end of accession ---- */

/* "through": who owes the answer's obligations through which organisation,
 * one entry per organisation and kind of binding (conditional: only if open
 * conditions hold), in the order of the reasons, its parties sorted by name. */
typedef struct Through { EntId org; int open; EntList parties; } Through;

static json_t *through_json(const World *w, const Result *r)
{
    Arena a;
    arena_init(&a);
    VEC(Through) groups = { 0 };
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        if (rs->kind != RK_OBLIGATION || !rs->obl || !rs->parties.n || rs->held == 0) continue;
        int open = rs->open != 0, g = 0;
        while (g < groups.n && !(groups.items[g].org == rs->org && groups.items[g].open == open)) g++;
        if (g == groups.n) {      /* organisations in one answer: a few, so a scan */
            Through t = { rs->org, open, { 0 } };
            vec_push(&a, &groups, t);
        }
        for (int p = 0; p < rs->parties.n; p++) vec_push(&a, &groups.items[g].parties, rs->parties.items[p]);
    }
    json_t *out = json_array();
    for (int g = 0; g < groups.n; g++) {
        EntList *l = &groups.items[g].parties;
        sort_by_name(w, l);
        entlist_drop_repeats(l);
        json_array_append_new(out, json_pack("{s:o,s:o,s:b}", "organisation", json_text(ent_name(w, groups.items[g].org)),
                                             "parties", names(w, l), "conditional", groups.items[g].open));
    }
    arena_free(&a);
    return out;
}

void *json_result(const World *w, const Result *r)
{
    char date[16];
    date_format(r->date, date);
    json_t *j = json_object();
    json_object_set_new(j, "query", json_text(r->text ? r->text : ""));
    json_object_set_new(j, "at", json_string(date));
    if (r->error) {
        json_object_set_new(j, "verdict", json_string("error"));
    } else if (r->answer == ANS_SET) {
        json_object_set_new(j, "verdict", json_string("set"));
        json_object_set_new(j, "set", names(w, &r->set));
        if (r->q && query_is_who_must(r->q->kind)) {
            json_t *groups = json_array();
            for (int g = 0; g < r->conditional.n; g++) {
                const CondGroup *cg = &r->conditional.items[g];
                json_t *one = json_object();
                json_object_set_new(one, "if", json_text(cg->text));
                json_object_set_new(one, "parties", names(w, &cg->parties));
                json_object_set_new(one, "conditions", conditions_json(w, &w->obls.items[cg->obl - 1], cg->cond_status));
                json_array_append_new(groups, one);
            }
            json_object_set_new(j, "conditional", groups);
            if (!r->terse) json_object_set_new(j, "through", through_json(w, r));
        }
    } else if (r->answer == ANS_VALUE) {
        json_object_set_new(j, "verdict", json_string("value"));
        json_object_set_new(j, "value", value_json(w, r->value));
    } else if (r->answer == ANS_POWER) {
        json_object_set_new(j, "verdict", json_string("power"));
        if (r->power) json_object_set_new(j, "power", power_json(w, r->power));
    } else {
        json_object_set_new(j, "verdict", json_string(r->verdict));
    }
    if (r->no_kind) json_object_set_new(j, "no_kind", json_string(no_kind_name(r->no_kind)));
    if (r->fail_kind) json_object_set_new(j, "fail_kind", json_string(fail_kind_name(r->fail_kind)));
    if (r->summary) json_object_set_new(j, "summary", json_text(r->summary));
    if (r->residual.n) json_object_set_new(j, "residual", names(w, &r->residual));
    if (r->no_kind == NO_OBJECTION) json_object_set_new(j, "objectors", names(w, &r->vetoes));
    if (r->accession && !r->error) {
        json_object_set_new(j, "stage", json_string(r->verdict));
        json_object_set_new(j, "steps", accession_json(r->accession));
        json_object_set_new(j, "ratified_by", names(w, &r->accession->ratifications.done));
        json_object_set_new(j, "not_yet", names(w, &r->accession->ratifications.not_yet));
        json_object_set_new(j, "ratified_at_latest", ratified_at_latest(w, &r->accession->ratifications));
        json_object_set_new(j, "objectors", names(w, &r->vetoes));
    }
    if (r->q && r->q->kind == Q_ADOPT && r->n_members) {
        json_t *v = json_pack("{s:i,s:i,s:i,s:i,s:f}", "members", r->n_members, "yes", r->n_yes, "no", r->n_no,
                              "abstain", r->n_abstain, "yes_budget_share", r->w_yes);
        json_object_set_new(v, "absent", json_integer(r->n_absent));
        json_object_set_new(v, "pivotal", names(w, &r->pivotal));
        json_object_set_new(v, "to_pass", names(w, &r->to_pass));
        json_object_set_new(v, "vetoes", names(w, &r->vetoes));
        json_object_set_new(j, "votes", v);
    }
    json_t *reasons = json_array();
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        json_t *x = json_object();
        json_object_set_new(x, "kind", json_string(reason_kind_name(rs->kind)));
        json_object_set_new(x, "rule", json_text(reason_text(w, r, rs)));
        if (rs->detail) json_object_set_new(x, "detail", json_text(rs->detail));
        json_object_set_new(x, "held", rs->held < 0 ? json_null() : json_boolean(rs->held));
        json_object_set_new(x, "decisive", json_boolean(rs->decisive));
        if (rs->org) json_object_set_new(x, "organisation", json_text(ent_name(w, rs->org)));
        if (rs->obl) json_object_set_new(x, "obligation", obligation_json(w, rs));
        if (rs->open) json_object_set_new(x, "open", json_true());
        if (rs->objection) {
            const Objection *ob = rs->objection;
            json_t *oj = json_object();
            json_object_set_new(oj, "by", names_by_name(w, &ob->by));
            json_object_set_new(oj, "applicant", ob->applicant ? json_text(ent_name(w, ob->applicant)) : json_null());
            json_object_set_new(oj, "motion", ob->motion ? json_text(ob->motion) : json_null());
            json_object_set_new(oj, "from", date_or_null(ob->from, DATE_NONE));
            json_object_set_new(oj, "until", date_or_null(ob->until, DATE_END));
            json_object_set_new(x, "objection", oj);
        }
        if (rs->cond && rs->obl) json_object_set_new(x, "condition", json_text(w->obls.items[rs->obl - 1].conds.items[rs->cond - 1].text));
        if (rs->susp) {
            const Suspension *s = &w->susps.items[rs->susp - 1];
            json_t *sj = json_object();
            json_object_set_new(sj, "from", date_or_null(s->from, DATE_NONE));
            json_object_set_new(sj, "until", date_or_null(s->until, DATE_END));
            json_set_loc(sj, s->loc);
            json_object_set_new(x, "suspension", sj);
        }
        if (rs->kind == RK_SUSPENDED_MEMBER) json_object_set_new(x, "suspended_member", member_event(w, rs, "from", "until"));
        if (rs->kind == RK_NOTICE) json_object_set_new(x, "notice", member_event(w, rs, "given", "ends"));
        if (rs->kind == RK_VIOLATION && rs->other_org)      /* an exclusive principle broken */
            json_object_set_new(x, "exclusive", json_pack("{s:o,s:o,s:o,s:o}", "member", json_text(ent_name(w, rs->member)),
                                                          "organisation", json_text(ent_name(w, rs->org)),
                                                          "excluded", json_text(ent_name(w, rs->other_org)),
                                                          "kind", json_text(sym_name(&w->names, rs->principle_arg))));
        json_set_loc(x, rs->loc);
        json_array_append_new(reasons, x);
    }
    json_object_set_new(j, "reasons", reasons);
    return j;
}

void *json_diagnostic(const Diagnostic *d)
{
    json_t *j = json_object();
    json_object_set_new(j, "level", json_string(diag_level_name(d->level)));
    json_object_set_new(j, "message", json_text(d->msg));
    json_set_loc(j, d->loc);
    if (d->loc.src && d->loc.src->query_index) {     /* `<query>:1:COL` cannot say which -e */
        json_object_set_new(j, "query_index", json_integer(d->loc.src->query_index));
        json_object_set_new(j, "query_text", json_text(d->loc.src->text));
    }
    return j;
}

/* ---- expectations (treaty test; docs/json.md) ---- */

/* The answer an expectation states, as written. */
static json_t *expected_json(const World *w, const Expected *x, const ExpectCheck *ck)
{
    json_t *j = json_object();
    if (x->kind == EXP_WORD) json_object_set_new(j, "verdict", json_text(x->word));
    if (x->kind == EXP_SET) {
        json_t *set = json_array();
        for (int i = 0; i < x->set.n; i++) json_array_append_new(set, json_text(sym_name(&w->names, x->set.items[i].sym)));
        json_object_set_new(j, "set", set);
        if (x->has_cond_set) {
            json_t *cond = json_array();
            for (int i = 0; i < x->cond_set.n; i++)
                json_array_append_new(cond, json_text(sym_name(&w->names, x->cond_set.items[i].sym)));
            json_object_set_new(j, "conditional", cond);
        }
    }
    if (x->kind == EXP_VALUE) {
        const Expr *e = x->value;
        json_object_set_new(j, "value", e->kind == EX_NUM ? json_real(e->num)
                                      : e->kind == EX_STR ? json_text(e->str) : json_boolean(e->num != 0));
        if (x->has_within) json_object_set_new(j, "within", json_real(x->within));
    }
    if (ck->because) json_object_set_new(j, "because", json_text(ck->because));
    return j;
}

/* A reason in brief: its kind, the rule and where it is written. */
static json_t *reason_brief(const World *w, const Result *r, const Reason *rs)
{
    json_t *x = json_object();
    json_object_set_new(x, "kind", json_string(reason_kind_name(rs->kind)));
    json_object_set_new(x, "rule", json_text(reason_text(w, r, rs)));
    if (rs->detail) json_object_set_new(x, "detail", json_text(rs->detail));
    json_set_loc(x, rs->loc);
    return x;
}

/* The answer given, in the shape of the expected one: for a verdict, the
 * reasons that decided it (for check and violations, the violations). */
static json_t *actual_json(const World *w, const Result *r, const Expected *x)
{
    json_t *j = json_object();
    if (r->error) {
        json_object_set_new(j, "error", json_true());
        return j;
    }
    if (r->answer == ANS_SET) {
        json_object_set_new(j, "set", names(w, &r->set));
        if (x->has_cond_set) {
            Arena a;
            arena_init(&a);
            EntList all = { 0 };
            for (int g = 0; g < r->conditional.n; g++)
                for (int i = 0; i < r->conditional.items[g].parties.n; i++)
                    vec_push(&a, &all, r->conditional.items[g].parties.items[i]);
            entlist_keep_first(&a, &all);
            json_object_set_new(j, "conditional", names_by_name(w, &all));
            arena_free(&a);
        }
        return j;
    }
    if (r->answer == ANS_VALUE) {
        json_object_set_new(j, "value", value_json(w, r->value));
        return j;
    }
    if (r->verdict) json_object_set_new(j, "verdict", json_string(r->verdict));
    if (r->no_kind) json_object_set_new(j, "no_kind", json_string(no_kind_name(r->no_kind)));
    if (r->fail_kind) json_object_set_new(j, "fail_kind", json_string(fail_kind_name(r->fail_kind)));
    json_t *reasons = json_array();
    for (int i = 0; i < r->reasons.n; i++) {
        const Reason *rs = &r->reasons.items[i];
        if (r->answer == ANS_LIST ? rs->kind == RK_VIOLATION : rs->decisive)
            json_array_append_new(reasons, reason_brief(w, r, rs));
    }
    json_object_set_new(j, "reasons", reasons);
    return j;
}

static const char *failure_name(ExpectFailure f)
{
    static const char *const words[] = { "none", "error", "answer", "set", "conditional", "because" };
    return words[f];
}

void json_expectation(void *obj, const World *w, const ScenItem *it, const Result *r, const ExpectCheck *ck)
{
    json_t *j = obj;
    json_object_set_new(j, "expected", expected_json(w, &it->exp, ck));
    json_object_set_new(j, "actual", actual_json(w, r, &it->exp));
    if (ck->failure == XF_NONE) return;
    json_t *d = json_object();
    json_object_set_new(d, "failure", json_string(failure_name(ck->failure)));
    if (ck->failure == XF_SET || ck->failure == XF_CONDITIONAL) {
        json_object_set_new(d, "missing", names(w, &ck->missing));
        json_object_set_new(d, "unexpected", names(w, &ck->unexpected));
    }
    json_object_set_new(j, "differences", d);
}
