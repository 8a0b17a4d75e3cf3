/* model.h — the world: what the loaded files say, indexed for queries.
 *
 * Names are interned once; entities are found by name in O(1) through
 * `by_sym`.  Each membership record is listed twice, under the organisation
 * (`as_org`) and under the entity that holds it (`as_holder`), so every query
 * touches only the organisations and states it is about, never the whole
 * world.  The world is read-only once loaded; what-if layers (whatif.h) sit on
 * top of it.
 *
 * Ownership: records, lists and syntax live in the world's arena; the names'
 * characters in `name_text`; the tables marked malloc-owned below are freed
 * by world_free().  Sizes matter here (a world may hold millions of names):
 * an Entity carries only what every kind may have, organisations keep the
 * rest in an OrgInfo, and the membership index is two flat arrays. */
#ifndef TREATY_MODEL_H
#define TREATY_MODEL_H
#include "ast.h"
#include "diag.h"

typedef uint32_t EntId;               /* index into World.ents; 0 = none */
#define ENT_NONE 0u

/* Places, areas and conflicts (docs/obligations.md, 8) share the one
 * namespace: they are where and in what war an attack happens. */
typedef enum { ENT_STATE = 1, ENT_ACTOR, ENT_ORG, ENT_PLACE, ENT_AREA, ENT_CONFLICT } EntKind;
enum { ENT_KINDS_END = ENT_CONFLICT + 1 };
/* one bucket per kind and name length 0..SUGGEST_MAX_LEN, plus one for longer names */
enum { NAME_LENGTHS = SUGGEST_MAX_LEN + 2, NAME_BUCKETS = ENT_KINDS_END * NAME_LENGTHS };
const char *ent_kind_name(EntKind k);
const char *ent_kind_article(EntKind k);   /* "a" or "an" */
/* A state or an actor: what may be a party to a treaty or an event. */
static inline int ent_kind_is_party(EntKind k) { return k == ENT_STATE || k == ENT_ACTOR; }

typedef enum {
    PR_COLLECTIVE_DEFENCE, PR_CONSULTATION, PR_NON_AGGRESSION,
    PR_NON_INTERFERENCE, PR_NEUTRALITY, PR_EXCLUSIVE, PR_DECLARED
} PrincipleKind;
const char *principle_name(PrincipleKind k);

typedef struct Principle {
    PrincipleKind kind;
    Sym arg;                          /* exclusive KIND */
    const char *text;                 /* declared principle, or a readable form */
    Date from, until;                 /* where it binds: [from, until), DATE_NONE/DATE_END when open */
    Loc loc;
} Principle;
/* Does the principle bind on date d (within its own period)? */
static inline int principle_in_force(const Principle *p, Date d) { return d >= p->from && d < p->until; }
/* "since D", "from A until B", "until B", or "" for an open period. */
const char *period_words(Arena *a, Date from, Date until);

/* The five kinds of obligation (docs/obligations.md). */
typedef enum { OB_DEFENCE, OB_OFFENCE, OB_NEUTRALITY, OB_NON_AGGRESSION, OB_CONSULTATION } OblKind;
enum { OB_KINDS = OB_CONSULTATION + 1 };
const char *obl_kind_name(OblKind k);
/* The kind of obligation a word names (`defense` and `offense` too); *ok = 0 if none. */
OblKind obl_kind_find(const char *name, int *ok);

typedef struct Membership {
    EntId who, org;
    Role role;
    Date from, until;                 /* [from, until) */
    Loc loc;
} Membership;

typedef struct BudgetShare { EntId who; double pct; Loc loc; } BudgetShare;
typedef VEC(EntId) EntList;

/* ---- accession (docs/language.md, accession) ---- */
/* A member's ratification of an applicant's admission, on a date; `bound`:
 * the day is not recorded, only that it is no later than `date`. */
typedef struct Ratification { EntId by, applicant; Date date; Loc loc; int bound; } Ratification;
/* Where one member's ratification stands on a date. */
typedef enum { RATIFIED_NOT_YET, RATIFIED, RATIFIED_UNSURE } RatifiedState;
/* An applicant's application and the organisation's invitation, each
 * DATE_NONE when not recorded (`seq`: the order read, for the checks). */
typedef struct Accession {
    EntId applicant;
    Date applied, invited;
    Loc applied_loc, invited_loc;
    int seq;
} Accession;
/* ---- end of accession ---- */

/* An objection recorded as a fact: `by` (sorted by id) object to the
 * admission of `applicant`, or to `motion`, during [from, until). */
typedef struct Objection {
    EntList by;
    EntId applicant;                  /* ENT_NONE for a motion */
    const char *motion;               /* NULL for an admission */
    Date from, until;
    Loc loc;
    const char *text;                 /* "NATO: TUR objects to the admission of SWD from ... until ..." */
} Objection;
typedef struct Admission {
    Role role;
    ReqList reqs;
    Loc loc;
    const Decision *rule;             /* `decides by RULE;` in the block: what its consent asks; NULL: the organisation's */
} Admission;

/* One obligation, whatever the number of its parties: an obliged side and
 * a beneficiary side, each named parties or `members` (the organisation's
 * members on the date).  A principle with a meaning is stored as the
 * obligation it stands for, with `principle` set. */
/* A condition of an obligation, resolved (docs/obligations.md, 6). */
typedef struct Condition {
    CondKind kind;
    EntList names;                    /* against / at least N of: sorted by id */
    int count;                        /* against at least N */
    EntId ent;                        /* in LOCATION, during CONFLICT */
    Loc loc;
    const char *text;                 /* as written: "in NorthAtlantic" */
} Condition;
typedef VEC(Condition) ConditionList;

/* The parties `members except ...` leaves out of each side, sorted by id:
 * apart, as few obligations have any. */
typedef struct Exceptions { EntList obliged, beneficiaries; } Exceptions;

typedef struct Obligation {
    EntId org;
    OblKind kind;
    unsigned char by_members, to_members;  /* the side is `members` */
    unsigned char outsiders;          /* only against attackers outside the organisation */
    signed char principle;            /* the PrincipleKind it stands for, or -1 */
    EntList obliged, beneficiaries;   /* the named parties, sorted by id (empty for `members`) */
    const Exceptions *except;         /* `members except ...` on a side (NULL: none): except_obliged_of() */
    Date from, until;                 /* as declared: [from, until), DATE_NONE/DATE_END when open */
    Loc loc;
    /* What it says (obligation_text(), resolve.h): an obligation clause's
     * is made from the clause when asked for, a principle's is kept. */
    union {
        const OblSpec *spec;          /* an obligation clause (principle < 0) */
        const char *principle_text;   /* a principle's: "Pact: collective_defence" */
    };
    ConditionList conds;              /* all must be met; `against outsiders` is `outsiders` */
} Obligation;

/* The parties left out of an obligation's sides (empty lists for none). */
static inline const EntList *except_obliged_of(const Obligation *ob)
{
    static const EntList none;
    return ob->except ? &ob->except->obliged : &none;
}
static inline const EntList *except_beneficiaries_of(const Obligation *ob)
{
    static const EntList none;
    return ob->except ? &ob->except->beneficiaries : &none;
}

/* A suspension: the obliged parties owe the beneficiaries none of the
 * kinds in `kinds` under the organisation during [from, until). */
typedef struct Suspension {
    EntId org;
    unsigned kinds;                   /* bit (1 << OblKind) for each kind suspended */
    EntList obliged, beneficiaries;   /* the named parties, sorted by id */
    Date from, until;
    Loc loc;
    const char *text;                 /* "ANZUS: USA suspends defence, consultation to NEW since 1986-09-17" */
} Suspension;

/* A suspended member (`suspended NAME, ... PERIOD;`): during [from, until)
 * it stays a member of org, but owes nothing, is owed nothing under org
 * and does not vote there (docs/obligations.md, 10). */
typedef struct MemberSusp {
    EntId who, org;
    Date from, until;
    Loc loc;
    const char *text;                 /* "ANZUS: suspended NEW since 1986-09-17" */
} MemberSusp;

/* A notice of withdrawal (`NAME gave notice at DATE;`): the member ceases to
 * be one on `ends`, the day given plus the organisation's notice period; its
 * membership record was cut there when the clause was read. */
typedef struct Notice {
    EntId who, org;
    Date given, ends;
    Loc loc;
} Notice;

/* One term of a treaty with a fixed term: the first (`term N UNIT`) or one
 * started by a renewal. */
typedef struct Term { Date from, until; Loc loc; } Term;

/* One (beneficiary, obliged party, organisation) of a suspension, for the
 * index World.susp_index, sorted in that order and then by start. */
typedef struct SuspKey { EntId beneficiary, obliged, org; uint32_t susp; } SuspKey;

/* A run of membership record indexes: World.by_holder[at .. at + n) for an
 * entity, World.by_org[at .. at + n) for an organisation. */
typedef struct IdxSpan { uint32_t at; int n; } IdxSpan;

/* What few organisations declare, apart from the rest of OrgInfo (a world
 * of thousands of alliances declares none of it): a founding place, an
 * initiator, objections, an accession's steps, a budget, a notice period
 * and a term. */
typedef struct OrgRare {
    const char *founded_in;
    EntId initiator;
    VEC(Objection) objections;        /* as declared */
    VEC(Ratification) ratifications;  /* sorted by applicant, then member, then date */
    VEC(Accession) accessions;        /* sorted by applicant, one per applicant */
    double budget;
    Sym currency;
    Loc budget_loc;
    VEC(BudgetShare) shares;          /* sorted by party (EntId) */
    /* `notice N UNIT [from DATE]` (notice_n 0: none): a member that gives
     * notice on D ceases to be one on D plus N UNITs; not before notice_from */
    int notice_n;
    DateUnit notice_unit;
    Date notice_from;
    Loc notice_loc;
    /* `term N UNIT [from DATE]` and its renewals: the terms by start
     * (empty: the treaty has no term) */
    VEC(Term) terms;
} OrgRare;
/* The one OrgRare of every organisation that declares none of it. */
extern const OrgRare org_rare_none;

/* What only an organisation has: allocated for organisations alone, so that
 * the many states of a large world do not carry it. */
typedef struct OrgInfo {
    Sym org_kind;
    Loc kind_loc;
    Date in_force, dissolved;
    Loc founded_loc, dissolved_loc;
    StrList purposes;
    VEC(Decision) decisions;          /* its rules, by start; their periods do not overlap */
    const OrgRare *rare;              /* never NULL: org_rare_none until some of it is declared */
    VEC(Principle) principles;
    VEC(Admission) admissions;
    IdxSpan as_org;                   /* memberships of this organisation */
    IdxSpan to_members;               /* its obligations owed to `members`: World.to_members */
    IdxSpan by_members;               /* its obligations owed by `members`: World.by_members */
    /* each span holds its obligations by kind, then as declared: kind k is
     * at [at + to_kind[k], at + to_kind[k + 1]) (by_kind for by_members),
     * so that `who must defend` reads the defence obligations alone */
    uint32_t to_kind[OB_KINDS + 1], by_kind[OB_KINDS + 1];
    IdxSpan obls;                     /* all its obligations: World.obls[at .. at + n) */
    IdxSpan susps;                    /* its suspensions: World.susps[at .. at + n) */
    IdxSpan msusps;                   /* its suspended members: World.msusps[at .. at + n), by member, then start */
    IdxSpan notices;                  /* notices given: World.notices[at .. at + n), by member, then day */
} OrgInfo;

/* One location an area includes, for a period: World.area_incl. */
typedef struct AreaIncl { EntId loc; Date from, until; } AreaIncl;

/* A dated numeric attribute of a state or an actor (`measure population
 * 83.2 million since 2020;`), for rules weighted by it. */
typedef struct Measure { Sym name; double value; Date from, until; Loc loc; } Measure;

/* What few entities declare: allocated only when given. */
typedef struct EntityExtra {
    StrList tags;
    EntId based_in;                   /* actors */
    EntId held_by;                    /* places: `of STATE` (shown, not used) */
    VEC(Measure) measures;            /* states and actors: sorted by name (Sym), then by start */
    Date from, until;                 /* conflicts: their period */
    IdxSpan incl;                     /* areas: what they include, World.area_incl[at .. at + n),
                                         flattened through the areas they include, sorted by location */
} EntityExtra;

/* What any entity may have.  The fields that expressions read directly
 * (name, region, borders, kind, founded) are here for every kind. */
typedef struct Entity {
    EntKind kind;
    Sym name;
    const char *display;
    Loc loc;
    const char *region;
    EntList borders;                  /* states */
    Sym actor_kind;                   /* actors */
    Date founded;                     /* organisations (0 for the others: `x.founded` reads it) */
    IdxSpan as_holder;                /* memberships this entity holds */
    OrgInfo *org;                     /* organisations only; NULL for states and actors */
    EntityExtra *extra;               /* NULL when none is declared: see ent_extra() */
} Entity;

typedef struct Rule { Sym name; NameList params; Expr *body; Loc loc; const char *text; } Rule;
typedef struct Constraint { const char *text; EntId org; Expr *body; Loc loc; } Constraint;
typedef struct Scenario { const char *title; const Decl *decl; Loc loc; } Scenario;

typedef struct World {
    Arena arena;
    Interner names;
    VEC(Entity) ents;                 /* ents.items[0] is unused */
    VEC(Membership) mems;
    VEC(Rule) rules;
    VEC(Constraint) constraints;
    VEC(Scenario) scenarios;
    VEC(const Source *) sources;
    /* the texts of the sources read from files, as read (the Sources view
     * them, not copies: a copy would touch as much fresh memory again);
     * malloc-owned */
    char **texts;
    int ntexts, texts_cap;
    VEC(Program *) programs;
    Arena name_text;                  /* the interned names' characters */
    /* by_sym[sym]: the entity of that name, or SYM_RULE | rule index;
     * malloc-owned */
    uint32_t *by_sym;
    uint32_t by_sym_cap;
    /* the membership records by holder and by organisation, each holder's
     * (organisation's) records together in declaration order; malloc-owned,
     * sliced by Entity.as_holder and OrgInfo.as_org */
    uint32_t *by_holder, *by_org;
    VEC(Obligation) obls;
    /* the obligations by beneficiary: those naming entity e are
     * owed_to[owed_to_at[e] .. owed_to_at[e + 1]); those owed to `members`
     * are listed per organisation (OrgInfo.to_members) in to_members;
     * malloc-owned, built once the clauses are applied */
    uint32_t *owed_to_at, *owed_to, *to_members;
    /* the same by obliged party: owed_by[owed_by_at[e] .. owed_by_at[e + 1])
     * name e as obliged, OrgInfo.by_members slices by_members */
    uint32_t *owed_by_at, *owed_by, *by_members;
    VEC(Suspension) susps;
    /* every area's locations, flattened (EntityExtra.incl); malloc-owned */
    AreaIncl *area_incl;
    uint32_t narea_incl;
    /* the suspensions by beneficiary, obliged party and organisation, one key
     * per pair of parties; malloc-owned, built with the obligations' index */
    SuspKey *susp_index;
    uint32_t nsusp_index;
    VEC(MemberSusp) msusps;           /* suspended members, each organisation's together */
    VEC(Notice) notices;              /* notices given, each organisation's together */
    /* "did you mean": entity ids grouped by kind and name length, built once
     * after the declarations (world_index_names); malloc-owned */
    EntId *by_len;
    uint32_t len_start[NAME_BUCKETS + 1];   /* bucket b is by_len[len_start[b] .. len_start[b+1]) */
    /* name_rank[e] (e < nranked): e's place when the entities are sorted by
     * name, so that answers sort their names by comparing numbers; built
     * with by_len; malloc-owned */
    uint32_t *name_rank;
    uint32_t nranked;
    Sym sym_applicant, sym_org, sym_exclusive;
} World;

World       *world_new(void);
void         world_free(World *w);
/* The world takes a malloc'd text, to free with it. */
void         world_own_text(World *w, char *text);
EntId        world_find(const World *w, Sym s);
EntId        world_find_name(const World *w, const char *name);
const Rule  *world_rule(const World *w, Sym s);
#define SYM_RULE 0x80000000u
static inline const Entity *ent(const World *w, EntId id) { return &w->ents.items[id]; }
/* The organisation-only part of an organisation (id must be one). */
static inline const OrgInfo *org_info(const World *w, EntId id) { return w->ents.items[id].org; }
static inline const EntityExtra *ent_extra(const Entity *e)
{
    static const EntityExtra none;
    return e->extra ? e->extra : &none;
}
/* The i-th membership record held by e / of organisation o. */
static inline const Membership *mem_held(const World *w, const Entity *e, int i)
{
    return &w->mems.items[w->by_holder[e->as_holder.at + (uint32_t)i]];
}
static inline const Membership *mem_of(const World *w, const OrgInfo *o, int i)
{
    return &w->mems.items[w->by_org[o->as_org.at + (uint32_t)i]];
}
/* Whether who holds any record (any role, any date) in org. */
static inline int ever_recorded(const World *w, EntId who, EntId org)
{
    const Entity *e = &w->ents.items[who];
    for (int i = 0; i < e->as_holder.n; i++) if (mem_held(w, e, i)->org == org) return 1;
    return 0;
}
/* The obligations that name e as a beneficiary (as declared), and those an
 * organisation owes to its members (by kind, then as declared): n of them,
 * World.obls indexes at *at. */
static inline const uint32_t *obls_owed_to(const World *w, EntId e, int *n)
{
    *n = w->owed_to_at ? (int)(w->owed_to_at[e + 1] - w->owed_to_at[e]) : 0;
    return w->owed_to ? w->owed_to + w->owed_to_at[e] : NULL;
}
static inline const uint32_t *obls_to_members(const World *w, const OrgInfo *o, int *n)
{
    *n = o->to_members.n;
    return w->to_members ? w->to_members + o->to_members.at : NULL;
}
/* Those of one kind that an organisation owes to its members (by_members 0)
 * or that its members owe (by_members 1), in declaration order. */
static inline const uint32_t *obls_members_of_kind(const World *w, const OrgInfo *o, int by_members, OblKind k, int *n)
{
    const IdxSpan *span = by_members ? &o->by_members : &o->to_members;
    const uint32_t *at = by_members ? o->by_kind : o->to_kind;
    *n = (int)(at[k + 1] - at[k]);
    const uint32_t *all = by_members ? w->by_members : w->to_members;
    return all ? all + span->at + at[k] : NULL;
}
/* The obligations that name e as an obliged party, and those an
 * organisation's members owe. */
static inline const uint32_t *obls_owed_by(const World *w, EntId e, int *n)
{
    *n = w->owed_by_at ? (int)(w->owed_by_at[e + 1] - w->owed_by_at[e]) : 0;
    return w->owed_by ? w->owed_by + w->owed_by_at[e] : NULL;
}
static inline const uint32_t *obls_by_members(const World *w, const OrgInfo *o, int *n)
{
    *n = o->by_members.n;
    return w->by_members ? w->by_members + o->by_members.at : NULL;
}
/* The suspension that takes away org's obligation of `kind` from p to b
 * on date d, or NULL: a binary search in the index. */
const Suspension *suspension_of(const World *w, EntId org, OblKind kind, EntId p, EntId b, Date d);
/* The suspension of member `who` in org that covers date d, or NULL: a
 * binary search among the organisation's suspended members. */
const MemberSusp *member_suspension_of(const World *w, EntId org, EntId who, Date d);
/* The notice `who` gave to org that runs on date d (given <= d < ends), or NULL. */
const Notice *notice_running(const World *w, EntId org, EntId who, Date d);
/* The day a notice given on `given` to org ends its membership: 0, or -1
 * when org has no notice clause or the day would be past 9999-12-30. */
int notice_end(const World *w, EntId org, Date given, Date *ends);
/* The end of org's latest term that has started on date d and not ended:
 * 0 and *ends, or -1 when no term runs then. */
int term_end_at(const World *w, EntId org, Date d, Date *ends);
/* The value of measure `name` of entity e on date d; *found = 0 if none. */
double measure_at(const World *w, EntId e, Sym name, Date d, int *found);
static inline const char *ent_name(const World *w, EntId id)
{
    return id ? sym_name(&w->names, w->ents.items[id].name) : "nobody";
}
/* ---- accession ---- */
/* The first ratification by `by` of `applicant`'s admission to the
 * organisation, or NULL: a binary search in the sorted list. */
const Ratification *ratification_of(const OrgInfo *o, EntId applicant, EntId by);
/* Where a ratification (NULL: none recorded) stands on date d: done on or
 * before d; not yet; or, recorded only as `by DATE` with DATE after d,
 * unsure (it may or may not have happened yet). */
RatifiedState ratified_on(const Ratification *rt, Date d);
/* The applicant's accession record, or NULL: a binary search. */
const Accession *accession_of(const OrgInfo *o, EntId applicant);
/* ---- end of accession ---- */
/* Groups the entity names by kind and length for world_suggest(); call once
 * the entities are declared. */
void         world_index_names(World *w);
/* "did you mean" over entity names of the given kind (0: any).  Only names
 * whose length is within the edit limit are compared, and at most
 * SUGGEST_PER_LENGTH of each length and kind, so one hint costs a bounded
 * search however large the world. */
enum { SUGGEST_PER_LENGTH = 512 };
const char  *world_suggest(const World *w, const char *name, EntKind kind);
#endif
