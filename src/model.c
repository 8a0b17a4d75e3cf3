/* model.c — the world's storage and name lookups. */
#include "model.h"
#include <stdlib.h>
#include <string.h>

const char *ent_kind_name(EntKind k)
{
    static const char *const names[] = { "thing", "state", "actor", "organisation", "place", "area", "conflict" };
    return (int)k < (int)ENT_KINDS_END ? names[k] : "thing";
}

const char *ent_kind_article(EntKind k)
{
    return k == ENT_ACTOR || k == ENT_ORG || k == ENT_AREA ? "an" : "a";
}

const char *principle_name(PrincipleKind k)
{
    static const char *const names[] = {
        "collective_defence", "consultation", "non_aggression",
        "non_interference", "neutrality", "exclusive", "declared"
    };
    return names[k];
}

const char *obl_kind_name(OblKind k)
{
    static const char *const names[] = { "defence", "offence", "neutrality", "non_aggression", "consultation" };
    return names[k];
}

OblKind obl_kind_find(const char *name, int *ok)
{
    *ok = 1;
    for (int i = 0; i < OB_KINDS; i++) if (strcmp(name, obl_kind_name((OblKind)i)) == 0) return (OblKind)i;
    if (strcmp(name, "defense") == 0) return OB_DEFENCE;
    if (strcmp(name, "offense") == 0) return OB_OFFENCE;
    *ok = 0;
    return OB_DEFENCE;
}

const OrgRare org_rare_none;

const char *period_words(Arena *a, Date from, Date until)
{
    char f[16], u[16];
    date_format(from, f);
    date_format(until, u);
    if (from == DATE_NONE && until == DATE_END) return "";
    if (until == DATE_END) return arena_printf(a, "since %s", f);
    if (from == DATE_NONE) return arena_printf(a, "until %s", u);
    return arena_printf(a, "from %s until %s", f, u);
}

static int susp_key_cmp(EntId b, EntId p, EntId org, const SuspKey *k)
{
    if (b != k->beneficiary) return b < k->beneficiary ? -1 : 1;
    if (p != k->obliged) return p < k->obliged ? -1 : 1;
    return org < k->org ? -1 : org > k->org;
}

const Suspension *suspension_of(const World *w, EntId org, OblKind kind, EntId p, EntId b, Date d)
{
    uint32_t lo = 0, hi = w->nsusp_index;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (susp_key_cmp(b, p, org, &w->susp_index[mid]) > 0) lo = mid + 1; else hi = mid;
    }
    for (; lo < w->nsusp_index && susp_key_cmp(b, p, org, &w->susp_index[lo]) == 0; lo++) {
        const Suspension *s = &w->susps.items[w->susp_index[lo].susp];
        if ((s->kinds >> kind & 1u) && d >= s->from && d < s->until) return s;
    }
    return NULL;
}

/* The place of the first of n records for `who`: records of `size` bytes
 * that begin with the EntId they are sorted by (MemberSusp, Notice). */
static int first_for(const void *records, size_t size, int n, EntId who)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        EntId at;
        memcpy(&at, (const char *)records + (size_t)mid * size, sizeof at);
        if (at < who) lo = mid + 1; else hi = mid;
    }
    return lo;
}

const MemberSusp *member_suspension_of(const World *w, EntId org, EntId who, Date d)
{
    const IdxSpan *span = &org_info(w, org)->msusps;
    const MemberSusp *m = w->msusps.items ? w->msusps.items + span->at : NULL;
    int lo = m ? first_for(m, sizeof *m, span->n, who) : 0;
    for (; lo < span->n && m[lo].who == who && m[lo].from <= d; lo++)
        if (d < m[lo].until) return &m[lo];
    return NULL;
}

const Notice *notice_running(const World *w, EntId org, EntId who, Date d)
{
    const IdxSpan *span = &org_info(w, org)->notices;
    const Notice *n = w->notices.items ? w->notices.items + span->at : NULL;
    int lo = n ? first_for(n, sizeof *n, span->n, who) : 0;
    for (; lo < span->n && n[lo].who == who && n[lo].given <= d; lo++)
        if (d < n[lo].ends) return &n[lo];
    return NULL;
}

int notice_end(const World *w, EntId org, Date given, Date *ends)
{
    const OrgRare *rare = org_info(w, org)->rare;
    if (!rare->notice_n) return -1;
    return date_add(given, rare->notice_n, rare->notice_unit, ends);
}

int term_end_at(const World *w, EntId org, Date d, Date *ends)
{
    const OrgRare *rare = org_info(w, org)->rare;
    int lo = 0, hi = rare->terms.n;            /* the first term that starts after d */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (rare->terms.items[mid].from <= d) lo = mid + 1; else hi = mid;
    }
    if (lo == 0 || d >= rare->terms.items[lo - 1].until) return -1;
    *ends = rare->terms.items[lo - 1].until;
    return 0;
}

double measure_at(const World *w, EntId e, Sym name, Date d, int *found)
{
    const EntityExtra *x = ent_extra(ent(w, e));
    const Measure *m = x->measures.items;
    int lo = 0, hi = x->measures.n;
    *found = 0;
    /* sorted by name, then start (resolve.c), periods of one name apart:
     * the last value of `name` that starts on or before d */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (m[mid].name < name || (m[mid].name == name && m[mid].from <= d)) lo = mid + 1; else hi = mid;
    }
    if (lo == 0 || m[lo - 1].name != name || d >= m[lo - 1].until) return 0;
    *found = 1;
    return m[lo - 1].value;
}

/* ---- accession (docs/language.md, accession) ---- */
const Ratification *ratification_of(const OrgInfo *o, EntId applicant, EntId by)
{
    const OrgRare *rare = o->rare;
    int lo = 0, hi = rare->ratifications.n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        const Ratification *m = &rare->ratifications.items[mid];
        if (m->applicant < applicant || (m->applicant == applicant && m->by < by)) lo = mid + 1; else hi = mid;
    }
    if (lo < rare->ratifications.n && rare->ratifications.items[lo].applicant == applicant &&
        rare->ratifications.items[lo].by == by)
        return &rare->ratifications.items[lo];
    return NULL;
}

RatifiedState ratified_on(const Ratification *rt, Date d)
{
    if (!rt) return RATIFIED_NOT_YET;
    if (rt->date <= d) return RATIFIED;
    return rt->bound ? RATIFIED_UNSURE : RATIFIED_NOT_YET;
}

const Accession *accession_of(const OrgInfo *o, EntId applicant)
{
    const OrgRare *rare = o->rare;
    int lo = 0, hi = rare->accessions.n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (rare->accessions.items[mid].applicant < applicant) lo = mid + 1; else hi = mid;
    }
    return lo < rare->accessions.n && rare->accessions.items[lo].applicant == applicant ? &rare->accessions.items[lo] : NULL;
}
/* ---- end of accession ---- */

World *world_new(void)
{
    World *w = xcalloc(1, sizeof *w);
    arena_init(&w->arena);
    arena_init(&w->name_text);
    intern_init(&w->names, &w->name_text);
    Entity none;
    memset(&none, 0, sizeof none);
    vec_push(&w->arena, &w->ents, none);
    w->sym_applicant = intern_cstr(&w->names, "applicant");
    w->sym_org = intern_cstr(&w->names, "org");
    w->sym_exclusive = intern_cstr(&w->names, "exclusive");
    return w;
}

void world_own_text(World *w, char *text)
{
    if (w->ntexts == w->texts_cap) {         /* grown first: out of memory, the caller still owns text */
        int cap = w->texts_cap ? w->texts_cap * 2 : 8;
        w->texts = xrealloc(w->texts, (size_t)cap * sizeof *w->texts);
        w->texts_cap = cap;
    }
    w->texts[w->ntexts++] = text;
}

void world_free(World *w)
{
    if (!w) return;
    for (int i = 0; i < w->ntexts; i++) free(w->texts[i]);
    free(w->texts);
    free(w->by_sym);
    free(w->by_len);
    free(w->name_rank);
    free(w->by_holder);
    free(w->by_org);
    free(w->owed_to_at);
    free(w->owed_to);
    free(w->to_members);
    free(w->owed_by_at);
    free(w->owed_by);
    free(w->by_members);
    free(w->susp_index);
    free(w->area_incl);
    intern_free(&w->names);
    arena_free(&w->name_text);
    arena_free(&w->arena);
    free(w);
}

EntId world_find(const World *w, Sym s)
{
    return s < w->by_sym_cap && !(w->by_sym[s] & SYM_RULE) ? w->by_sym[s] : ENT_NONE;
}

EntId world_find_name(const World *w, const char *name)
{
    Sym s = intern_lookup(&w->names, name, strlen(name));
    return s ? world_find(w, s) : ENT_NONE;
}

const Rule *world_rule(const World *w, Sym s)
{
    if (s >= w->by_sym_cap || !(w->by_sym[s] & SYM_RULE)) return NULL;
    return &w->rules.items[w->by_sym[s] & ~SYM_RULE];
}

/* The bucket of a name: by kind, then by length (past SUGGEST_MAX_LEN all
 * lengths share one bucket, which is never searched). */
static int name_bucket(EntKind kind, size_t len)
{
    return (int)kind * NAME_LENGTHS + (len > SUGGEST_MAX_LEN ? SUGGEST_MAX_LEN + 1 : (int)len);
}

typedef struct NameOf { const char *name; EntId id; } NameOf;

static int by_name_then_id(const void *a, const void *b)
{
    const NameOf *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

/* name_rank: every entity (0 too, whose name is "nobody") by its place in
 * name order, n log n once. */
static void rank_names(World *w)
{
    free(w->name_rank);
    w->name_rank = NULL;
    w->nranked = 0;
    uint32_t n = (uint32_t)w->ents.n;
    NameOf *sorted = xmalloc((n ? n : 1) * sizeof *sorted);
    uint32_t *rank = malloc((n ? n : 1) * sizeof *rank);
    if (!rank) { free(sorted); oom_fail(); }
    for (uint32_t i = 0; i < n; i++) { sorted[i].name = ent_name(w, i); sorted[i].id = i; }
    qsort(sorted, n, sizeof *sorted, by_name_then_id);
    for (uint32_t i = 0; i < n; i++) rank[sorted[i].id] = i;
    free(sorted);
    w->name_rank = rank;
    w->nranked = n;
}

void world_index_names(World *w)
{
    rank_names(w);
    free(w->by_len);
    w->by_len = NULL;                            /* out of memory below: nothing freed twice */
    memset(w->len_start, 0, sizeof w->len_start);
    EntId n = (EntId)w->ents.n - 1;              /* entity 0 is world_init's sentinel */
    int *bucket = xmalloc((n ? n : 1) * sizeof *bucket);
    w->by_len = xmalloc((n ? n : 1) * sizeof *w->by_len);
    /* counting sort: count each bucket, sum the counts into starts, then
     * place the ids in order, so each bucket lists its names by id */
    for (EntId i = 1; i <= n; i++) {
        const Entity *e = ent(w, i);
        bucket[i - 1] = name_bucket(e->kind, strlen(sym_name(&w->names, e->name)));
        w->len_start[bucket[i - 1] + 1]++;
    }
    for (int b = 1; b <= NAME_BUCKETS; b++) w->len_start[b] += w->len_start[b - 1];
    uint32_t fill[NAME_BUCKETS];
    memcpy(fill, w->len_start, sizeof fill);
    for (EntId i = 1; i <= n; i++) w->by_len[fill[bucket[i - 1]]++] = i;
    free(bucket);
}

static void suggest_in_bucket(const World *w, Suggest *s, int b)
{
    uint32_t from = w->len_start[b], to = w->len_start[b + 1];
    if (to - from > SUGGEST_PER_LENGTH) to = from + SUGGEST_PER_LENGTH;
    for (uint32_t i = from; i < to; i++)
        suggest_try(s, sym_name(&w->names, ent(w, w->by_len[i])->name), w->by_len[i]);
}

const char *world_suggest(const World *w, const char *name, EntKind kind)
{
    Suggest s;
    suggest_begin(&s, name);
    if (!w->by_len || s.len > SUGGEST_MAX_LEN) return NULL;
    for (EntKind k = ENT_STATE; (int)k < (int)ENT_KINDS_END; k++) {
        if (kind && k != kind) continue;
        for (int len = s.len - s.limit; len <= s.len + s.limit; len++)
            if (len >= 1 && len <= SUGGEST_MAX_LEN) suggest_in_bucket(w, &s, name_bucket(k, (size_t)len));
    }
    return s.best;
}
