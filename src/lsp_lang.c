/* lsp_lang.c — the language server's answers about names: what a name is
 * (hover), where it is declared (definition), where it is written
 * (references), the names and keywords that may be typed (completion), and
 * a document's declarations (symbols).
 *
 * Declarations are looked up in the syntax trees, not the checked world,
 * so that they are found while the text has errors; what needs the
 * checked world (memberships and obligations on a date) is shown only when
 * the text loads.  Uses are found by the words of the sources: every name
 * outside a comment or a string whose text is the name's. */
#include "lsp_lang.h"
#include "parse.h"
#include "resolve.h"
#include "whatif.h"
#include <stdlib.h>
#include <string.h>

enum {
    HOVER_MAX_LIST = 12,          /* memberships, members, obligations shown in a hover */
    COMPLETION_MAX_ITEMS = 200,   /* more: the list is marked incomplete */
};

/* ---- words ---- */

static int is_name_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int is_name_char(int c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

/* A word of a source: where it is and its text (not NUL-terminated). */
typedef struct Word { const char *text; int len; Loc loc; } Word;

/* Is byte `at` of the line inside a comment or a string?  (Neither goes
 * past the end of a line: a string that does not close is an error there.) */
static int in_comment_or_string(const char *line, int at)
{
    int in_string = 0;
    for (int i = 0; i < at; i++) {
        if (in_string) {
            if (line[i] == '\\') i++;
            else if (line[i] == '"') in_string = 0;
        } else if (line[i] == '#') return 1;
        else if (line[i] == '"') in_string = 1;
    }
    return in_string;
}

/* The name at an LSP position (under the cursor, or just before it), and
 * in *typed how many of its bytes come before the cursor.  0 if none. */
static int word_at(const LspServer *s, const Source *src, int line, int character, Word *w, int *typed)
{
    int at = lsp_byte_column(s, src, line, character), n;
    if (at < 0) return 0;
    const char *text = source_line(src, line + 1, &n);
    if (in_comment_or_string(text, at)) return 0;
    int start = at, end = at;
    while (start > 0 && is_name_char((unsigned char)text[start - 1])) start--;
    while (end < n && is_name_char((unsigned char)text[end])) end++;
    if (typed) *typed = at - start;
    if (start == end || !is_name_start((unsigned char)text[start])) return 0;
    w->text = text + start;
    w->len = end - start;
    memset(&w->loc, 0, sizeof w->loc);
    w->loc.src = src;
    w->loc.off = (uint32_t)source_offset(src, line + 1, start + 1);
    w->loc.end = (uint32_t)source_offset(src, line + 1, end);         /* end: the column of its last byte */
    return 1;
}

/* Calls `found` for each use of the name in the source: a word outside the
 * comments and strings whose text is the name.  One pass over the text. */
static void find_uses(const Source *src, const char *name, int len, void (*found)(void *, Loc), void *ctx)
{
    const char *t = src->text;
    size_t n = src->len;
    for (size_t i = 0; i < n; ) {
        unsigned char c = (unsigned char)t[i];
        if (c == '\n') { i++; continue; }
        if (c == '#') { while (i < n && t[i] != '\n') i++; continue; }
        if (c == '"') {
            for (i++; i < n && t[i] != '"' && t[i] != '\n'; i++) if (t[i] == '\\' && i + 1 < n && t[i + 1] != '\n') i++;
            if (i < n && t[i] == '"') i++;
            continue;
        }
        if (!is_name_char(c)) { i++; continue; }
        size_t start = i;
        while (i < n && is_name_char((unsigned char)t[i])) i++;
        if (is_name_start(c) && i - start == (size_t)len && memcmp(t + start, name, (size_t)len) == 0) {
            Loc at = { src, (uint32_t)start, (uint32_t)i - 1 };
            found(ctx, at);
        }
    }
}

/* ---- declarations ---- */

/* What each declaration declares, for answers and symbols. */
typedef struct DeclInfo {
    const char *word;             /* as the hover names it */
    int symbol_kind;              /* LSP SymbolKind */
    int completion_kind;          /* LSP CompletionItemKind */
} DeclInfo;

static const DeclInfo *decl_info(DeclKind k)
{
    static const DeclInfo info[] = {
        [D_IMPORT] = { "import", 1, 17 },          /* File, File */
        [D_STATE] = { "state", 19, 21 },           /* Object, Constant */
        [D_ACTOR] = { "actor", 19, 21 },
        [D_ORG] = { "organisation", 2, 9 },        /* Module, Module */
        [D_RULE] = { "rule", 12, 3 },              /* Function, Function */
        [D_CONSTRAINT] = { "constraint", 7, 10 },  /* Property, Property */
        [D_SCENARIO] = { "scenario", 3, 9 },       /* Namespace, Module */
        [D_PLACE] = { "place", 23, 22 },           /* Struct, Struct */
        [D_AREA] = { "area", 23, 22 },
        [D_CONFLICT] = { "conflict", 24, 23 },     /* Event, Event */
        [D_FOR] = { "for", 3, 9 },
    };
    return &info[k];
}

/* A declaration that gives names: entities and rules. */
static int declares_names(DeclKind k)
{
    return k != D_IMPORT && k != D_CONSTRAINT && k != D_SCENARIO && k != D_FOR;
}

/* A declaration with clauses (the others keep other things in their place). */
static int has_clauses(DeclKind k)
{
    return k == D_STATE || k == D_ACTOR || k == D_ORG || k == D_PLACE || k == D_AREA || k == D_CONFLICT || k == D_FOR;
}

/* The names a declaration gives: `state A, B;` gives two. */
static const Name *decl_names(const Decl *d, int *n)
{
    if (d->kind == D_RULE || d->names.n == 0) { *n = d->name.sym ? 1 : 0; return &d->name; }
    *n = d->names.n;
    return d->names.items;
}

/* Where a name is declared: as an entity or rule (decl, name), or given
 * by a clause of declarations (`given`: CL_KIND, the kind of organisations
 * or actors; CL_MEASURE, a measure of states or actors). */
typedef struct Found {
    const Decl *decl;
    Name name;
    int given;                    /* the ClauseKind that gives it, or -1 */
    /* a rule's parameter or a quantifier's variable: where all its uses
     * are (the rule, the quantifier); `binder` says which */
    const char *binder;
    Loc scope;
} Found;

/* The name a clause gives (a kind or a measure), or NULL. */
static const Name *clause_gives(const Clause *c)
{
    if (c->kind == CL_KIND) return &c->name;
    if (c->kind == CL_MEASURE) return &c->measure->name;
    return NULL;
}

static int find_given(const Decl *d, Sym sym, Found *f)
{
    if (!has_clauses(d->kind)) return 0;
    for (int i = 0; i < d->clauses.n; i++) {
        const Name *given = clause_gives(d->clauses.items[i]);
        if (given && given->sym == sym) { f->decl = d; f->name = *given; f->given = (int)d->clauses.items[i]->kind; return 1; }
    }
    return 0;
}

/* Visits every declaration of the name (stops when visit returns nonzero). */
static void each_declaration(const World *w, Sym sym, int (*visit)(void *, const Found *), void *ctx)
{
    for (int p = 0; p < w->programs.n; p++) {
        const Program *prog = w->programs.items[p];
        for (int i = 0; i < prog->decls.n; i++) {
            const Decl *d = prog->decls.items[i];
            if (!d) continue;
            Found f = { d, d->name, -1, NULL, { 0 } };
            int n;
            const Name *names = declares_names(d->kind) ? decl_names(d, &n) : NULL;
            for (int j = 0; names && j < n; j++)
                if (names[j].sym == sym) { f.name = names[j]; if (visit(ctx, &f)) return; }
            if (find_given(d, sym, &f) && visit(ctx, &f)) return;
        }
    }
}

static int keep_first(void *ctx, const Found *f) { *(Found *)ctx = *f; return 1; }

/* The first declaration of the word's name; 0 if it declares nothing. */
static int find_declaration(const World *w, const Word *word, Found *f)
{
    Sym sym = intern_lookup(&w->names, word->text, (size_t)word->len);
    if (!sym) return 0;
    f->decl = NULL;
    each_declaration(w, sym, keep_first, f);
    return f->decl != NULL;
}

static int contains(Loc outer, Loc in)
{
    return outer.src == in.src && in.off >= outer.off && in.end <= outer.end;
}

/* A parameter of the rule the word is written in (it hides any other
 * declaration of the name there). */
static int find_parameter(const World *w, const Word *word, Found *f)
{
    Sym sym = intern_lookup(&w->names, word->text, (size_t)word->len);
    for (int p = 0; sym && p < w->programs.n; p++) {
        const Program *prog = w->programs.items[p];
        if (prog->src != word->loc.src) continue;
        for (int i = 0; i < prog->decls.n; i++) {
            const Decl *d = prog->decls.items[i];
            if (!d || d->kind != D_RULE || !contains(d->loc, word->loc)) continue;
            for (int j = 0; j < d->params.n; j++)
                if (d->params.items[j].sym == sym) {
                    Found param = { d, d->params.items[j], -1, "parameter", d->loc };
                    *f = param;
                    return 1;
                }
            return 0;
        }
    }
    return 0;
}

/* The innermost quantifier in e, around the word, whose variable it is:
 * the variable itself, or a use of it in the quantifier's body. */
static const Expr *binder_in(const Expr *e, const Word *word, Sym sym, int depth)
{
    if (!e || depth > PARSE_MAX_DEPTH || !contains(e->loc, word->loc)) return NULL;
    const Expr *inner = binder_in(e->a, word, sym, depth + 1);
    if (!inner) inner = binder_in(e->b, word, sym, depth + 1);
    for (int i = 0; !inner && i < e->args.n; i++) inner = binder_in(e->args.items[i], word, sym, depth + 1);
    if (inner) return inner;
    int binds = (e->kind == EX_ALL || e->kind == EX_SOME) && e->name.sym == sym;
    return binds && (contains(e->name.loc, word->loc) || (e->b && contains(e->b->loc, word->loc))) ? e : NULL;
}

/* The expressions of a declaration where variables may be bound: a rule's
 * or a constraint's body, an organisation's admission requirements. */
static const Expr *binder_in_decl(const Decl *d, const Word *word, Sym sym)
{
    if (d->kind == D_RULE || d->kind == D_CONSTRAINT) return binder_in(d->body, word, sym, 0);
    if (d->kind != D_ORG && d->kind != D_FOR) return NULL;
    for (int i = 0; i < d->clauses.n; i++) {
        const Clause *c = d->clauses.items[i];
        for (int j = 0; c->kind == CL_ADMISSION && j < c->reqs.n; j++) {
            const Expr *e = c->reqs.items[j].kind == REQ_EXPR ? binder_in(c->reqs.items[j].expr, word, sym, 0) : NULL;
            if (e) return e;
        }
    }
    return NULL;
}

static int find_variable(const World *w, const Word *word, Found *f)
{
    Sym sym = intern_lookup(&w->names, word->text, (size_t)word->len);
    for (int p = 0; sym && p < w->programs.n; p++) {
        const Program *prog = w->programs.items[p];
        for (int i = 0; prog->src == word->loc.src && i < prog->decls.n; i++) {
            const Decl *d = prog->decls.items[i];
            /* (a block's Loc is its head: the expressions say where they are) */
            const Expr *q = d ? binder_in_decl(d, word, sym) : NULL;
            if (!q) continue;
            Found var = { d, q->name, -1, "variable", q->loc };
            *f = var;
            return 1;
        }
    }
    return 0;
}

/* The name under the cursor and its first declaration. */
static int name_at(const LspServer *s, const LspDoc *d, int line, int character, Word *word, Found *f)
{
    const World *w = lsp_doc_world(d);
    const Source *src = lsp_doc_source(d);
    return w && src && word_at(s, src, line, character, word, NULL) &&
           (find_variable(w, word, f) || find_parameter(w, word, f) || find_declaration(w, word, f));
}

/* ---- hover ---- */

static void print_loc(FILE *out, Loc loc)
{
    fprintf(out, "%s:%d:%d", loc.src ? loc.src->path : "?", loc_shown_line(loc), loc_col(loc));
}

static void print_obligation(FILE *out, const World *w, const Obligation *o, Arena *a)
{
    const char *period = period_words(a, o->from, o->until);
    fprintf(out, "- %s%s%s (", obligation_text(w, o, a), *period ? " " : "", period);
    print_loc(out, o->loc);
    fputs(")\n", out);
}

static int obligation_in_force(const Obligation *o, Date d) { return d >= o->from && d < o->until; }

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

typedef VEC(uint32_t) IdList;

static void add_ids(Arena *a, IdList *list, const uint32_t *ids, int n)
{
    for (int i = 0; i < n; i++) vec_push(a, list, ids[i]);
}

/* Does the obligation bind or protect e (named, or one of `members` and
 * not excepted)?  The lists are sorted by id. */
static int involves(const Obligation *o, EntId e)
{
    int obliged = o->by_members ? !entlist_has_id(except_obliged_of(o), e) : entlist_has_id(&o->obliged, e);
    int owed = o->to_members ? !entlist_has_id(except_beneficiaries_of(o), e) : entlist_has_id(&o->beneficiaries, e);
    return obliged || owed;
}

/* The obligations in force on `today` that bind or protect a party: those
 * naming it, and those of each organisation it is a member of then that
 * take in all the members. */
static void party_obligations(FILE *out, const World *w, EntId e, Date today, Arena *a)
{
    IdList ids = { 0 };
    int n;
    const uint32_t *some = obls_owed_by(w, e, &n);
    add_ids(a, &ids, some, n);
    some = obls_owed_to(w, e, &n);
    add_ids(a, &ids, some, n);
    const Entity *en = ent(w, e);
    for (int i = 0; i < en->as_holder.n; i++) {
        const Membership *m = mem_held(w, en, i);
        if (m->role != ROLE_MEMBER || today < m->from || today >= m->until) continue;
        const OrgInfo *o = org_info(w, m->org);
        for (int j = 0; j < o->obls.n; j++) vec_push(a, &ids, o->obls.at + (uint32_t)j);
    }
    if (ids.n) qsort(ids.items, (size_t)ids.n, sizeof *ids.items, cmp_u32);
    int shown = 0, more = 0;
    for (int i = 0; i < ids.n; i++) {
        if (i > 0 && ids.items[i] == ids.items[i - 1]) continue;
        const Obligation *o = &w->obls.items[ids.items[i]];
        if (!obligation_in_force(o, today) || !involves(o, e)) continue;
        if (!shown && !more) fputs("\nobligations in force that bind or protect it:\n", out);
        if (shown < HOVER_MAX_LIST) { print_obligation(out, w, o, a); shown++; }
        else more++;
    }
    if (more) fprintf(out, "- and %d more\n", more);
}

static void party_memberships(FILE *out, const World *w, EntId e, Date today, Arena *a)
{
    const Entity *en = ent(w, e);
    int shown = 0, more = 0;
    for (int i = 0; i < en->as_holder.n; i++) {
        const Membership *m = mem_held(w, en, i);
        if (today < m->from || today >= m->until) continue;
        if (!shown && !more) fputs("\nmemberships:\n", out);
        if (shown == HOVER_MAX_LIST) { more++; continue; }
        const char *period = period_words(a, m->from, m->until);
        fprintf(out, "- %s of %s%s%s (", role_name(m->role), ent_name(w, m->org), *period ? " " : "", period);
        print_loc(out, m->loc);
        fputs(")\n", out);
        shown++;
    }
    if (more) fprintf(out, "- and %d more\n", more);
    if (!shown) fputs("\nno memberships\n", out);
}

static void org_details(FILE *out, const World *w, EntId e, Date today, Arena *a)
{
    const OrgInfo *o = org_info(w, e);
    if (o->org_kind) fprintf(out, "\nkind: %s\n", sym_name(&w->names, o->org_kind));
    int members = 0;
    fputs("\nmembers:", out);
    for (int i = 0; i < o->as_org.n; i++) {
        const Membership *m = mem_of(w, o, i);
        if (m->role != ROLE_MEMBER || today < m->from || today >= m->until) continue;
        if (members < HOVER_MAX_LIST) fprintf(out, "%s %s", members ? "," : "", ent_name(w, m->who));
        members++;
    }
    if (members > HOVER_MAX_LIST) fprintf(out, " and %d more", members - HOVER_MAX_LIST);
    fprintf(out, "%s (%d)\n", members ? "" : " none", members);
    int shown = 0;
    for (int j = 0; j < o->obls.n; j++) {
        const Obligation *ob = &w->obls.items[o->obls.at + (uint32_t)j];
        if (!obligation_in_force(ob, today)) continue;
        if (!shown) fputs("\nobligations in force:\n", out);
        if (shown++ < HOVER_MAX_LIST) print_obligation(out, w, ob, a);
    }
    if (shown > HOVER_MAX_LIST) fprintf(out, "- and %d more\n", shown - HOVER_MAX_LIST);
}

/* What the checked world says of an entity on `today`. */
static void entity_details(FILE *out, const World *w, const Word *word, Date today)
{
    char day[16];
    EntId e = world_find(w, intern_lookup(&w->names, word->text, (size_t)word->len));
    if (!e) return;
    date_format(today, day);
    fprintf(out, "\non %s:\n", day);
    Arena a;
    arena_init(&a);
    if (ent(w, e)->kind == ENT_ORG) org_details(out, w, e, today, &a);
    else if (ent_kind_is_party(ent(w, e)->kind)) {
        party_memberships(out, w, e, today, &a);
        party_obligations(out, w, e, today, &a);
    }
    arena_free(&a);
}

static int count_given(void *ctx, const Found *f)
{
    if (f->given >= 0) ++*(int *)ctx;
    return 0;
}

/* The hover's text, in Markdown. */
static void describe(FILE *out, const LspServer *s, const LspDoc *d, const Word *word, const Found *f)
{
    const World *w = lsp_doc_world(d);
    if (f->given >= 0) {
        int n = 0;
        each_declaration(w, f->name.sym, count_given, &n);
        fprintf(out, f->given == CL_KIND ? "**kind** `%.*s`: the kind of %d declaration%s, the first at "
                                         : "**measure** `%.*s`: measured in %d declaration%s, the first at ",
                word->len, word->text, n, n == 1 ? "" : "s");
        print_loc(out, f->name.loc);
        fputs("\n", out);
        return;
    }
    const Decl *decl = f->decl;
    if (f->binder) {
        fprintf(out, "**%s** `%.*s`", f->binder, word->len, word->text);
        if (decl->kind == D_RULE && *f->binder == 'p') fprintf(out, " of rule `%s`", sym_name(&w->names, decl->name.sym));
        fputs("\n\ndeclared at ", out);
        print_loc(out, f->name.loc);
        fputs("\n", out);
        return;
    }
    fprintf(out, "**%s** `%.*s`", decl_info(decl->kind)->word, word->len, word->text);
    if (decl->display) fprintf(out, " \"%s\"", decl->display);
    fputs("\n\ndeclared at ", out);
    print_loc(out, f->name.loc);
    fputs("\n", out);
    if (decl->kind == D_RULE && decl->src_text) fprintf(out, "\n```treaty\n%s\n```\n", decl->src_text);
    else if (d->lr.world) entity_details(out, d->lr.world, word, lsp_today(s));
}

json_t *lsp_hover(const LspServer *s, const LspDoc *d, int line, int character)
{
    Word word;
    Found f;
    if (!name_at(s, d, line, character, &word, &f)) return json_null();
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) return json_null();
    describe(out, s, d, &word, &f);
    int failed = ferror(out);
    if (fclose(out) != 0 || failed) { free(text); return json_null(); }
    json_t *hover = json_pack("{s:{s:s,s:o},s:o}", "contents", "kind", "markdown", "value", lsp_string(text),
                              "range", lsp_range(s, word.loc));
    free(text);
    return hover;
}

/* ---- definition and references ---- */

/* Locations being gathered, but the one `skip` (a declaration left out),
 * and, for a parameter, only those in its rule. */
typedef struct Locations {
    const LspServer *s;
    const LspDoc *d;
    json_t *list;
    Loc skip;
    int skipping;
    const Loc *scope;
} Locations;

static int add_declaration(void *ctx, const Found *f)
{
    Locations *l = ctx;
    json_array_append_new(l->list, lsp_location(l->s, l->d, f->name.loc));
    return 0;
}

json_t *lsp_definition(const LspServer *s, const LspDoc *d, int line, int character)
{
    Word word;
    Found f;
    if (!name_at(s, d, line, character, &word, &f)) return json_null();
    Locations l = { s, d, json_array(), f.name.loc, 0, NULL };
    if (f.given >= 0) each_declaration(lsp_doc_world(d), f.name.sym, add_declaration, &l);
    else add_declaration(&l, &f);
    return l.list;
}

static int same_place(Loc a, Loc b) { return a.src == b.src && a.off == b.off; }

static void add_use(void *ctx, Loc at)
{
    Locations *l = ctx;
    if ((l->skipping && same_place(l->skip, at)) || (l->scope && !contains(*l->scope, at))) return;
    json_array_append_new(l->list, lsp_location(l->s, l->d, at));
}

json_t *lsp_references(const LspServer *s, const LspDoc *d, int line, int character, int with_declaration)
{
    Word word;
    Found f;
    if (!name_at(s, d, line, character, &word, &f)) return json_null();
    Locations l = { s, d, json_array(), f.name.loc, !with_declaration && f.given < 0, f.binder ? &f.scope : NULL };
    const World *w = lsp_doc_world(d);
    for (int i = 0; i < w->sources.n; i++) find_uses(w->sources.items[i], word.text, word.len, add_use, &l);
    return l.list;
}

/* ---- completion ---- */

typedef struct Completion {
    json_t *items;
    const char *prefix;
    int prefix_len, count;
    unsigned char *seen;          /* by Sym: offered already */
} Completion;

static void offer(Completion *c, const char *label, int kind, const char *detail)
{
    if (strncmp(label, c->prefix, (size_t)c->prefix_len) != 0) return;
    if (++c->count > COMPLETION_MAX_ITEMS) return;
    json_t *item = json_pack("{s:o,s:i}", "label", lsp_string(label), "kind", kind);
    if (detail) json_object_set_new(item, "detail", lsp_string(detail));
    json_array_append_new(c->items, item);
}

static void offer_name(Completion *c, const World *w, Sym sym, int kind, const char *detail)
{
    if (!sym || sym >= w->names.count || c->seen[sym]) return;
    c->seen[sym] = 1;
    offer(c, sym_name(&w->names, sym), kind, detail);
}

static void offer_declared(Completion *c, const World *w)
{
    for (int p = 0; p < w->programs.n; p++) {
        const Program *prog = w->programs.items[p];
        for (int i = 0; i < prog->decls.n; i++) {
            const Decl *d = prog->decls.items[i];
            if (!d) continue;
            int n;
            const Name *names = declares_names(d->kind) ? decl_names(d, &n) : NULL;
            for (int j = 0; names && j < n; j++)
                offer_name(c, w, names[j].sym, decl_info(d->kind)->completion_kind, decl_info(d->kind)->word);
            for (int j = 0; has_clauses(d->kind) && j < d->clauses.n; j++) {
                const Clause *cl = d->clauses.items[j];
                const Name *given = clause_gives(cl);
                if (given) offer_name(c, w, given->sym, cl->kind == CL_KIND ? 20 : 10, cl->kind == CL_KIND ? "kind" : "measure");
            }
        }
    }
}

json_t *lsp_completion(const LspServer *s, const LspDoc *d, int line, int character)
{
    const Source *src = lsp_doc_source(d);
    int at = lsp_byte_column(s, src, line, character), n = 0;
    const char *text = at >= 0 ? source_line(src, line + 1, &n) : NULL;
    int start = at;
    while (start > 0 && is_name_char((unsigned char)text[start - 1])) start--;
    Completion c = { json_array(), text ? text + start : "", at - start, 0, NULL };
    if (!text || in_comment_or_string(text, at)) return json_pack("{s:b,s:o}", "isIncomplete", 0, "items", c.items);
    int nkw;
    const char *const *kw = lexer_keywords(&nkw);
    for (int i = 0; i < nkw; i++)
        if (!lexer_repl_only(kw[i])) offer(&c, kw[i], 14, "keyword");
    const World *w = lsp_doc_world(d);
    if (w) {
        c.seen = xcalloc(w->names.count ? w->names.count : 1, 1);
        offer_declared(&c, w);
        free(c.seen);
    }
    return json_pack("{s:b,s:o}", "isIncomplete", c.count > COMPLETION_MAX_ITEMS, "items", c.items);
}

/* ---- symbols ---- */

static json_t *symbol(const LspServer *s, const char *name, const Decl *d, Loc at)
{
    return json_pack("{s:o,s:s,s:i,s:o,s:o}", "name", lsp_string(name), "detail", decl_info(d->kind)->word,
                     "kind", decl_info(d->kind)->symbol_kind, "range", lsp_range(s, d->loc),
                     "selectionRange", lsp_range(s, at));
}

/* One symbol for each name a declaration gives; one named by its text
 * for an import, a constraint or a scenario. */
static void decl_symbols(const LspServer *s, const World *w, const Decl *d, json_t *list)
{
    if (d->kind == D_FOR) return;      /* a clause of a declaration elsewhere */
    if (!declares_names(d->kind)) {
        json_array_append_new(list, symbol(s, d->text && *d->text ? d->text : decl_info(d->kind)->word, d, d->loc));
        return;
    }
    int n;
    const Name *names = decl_names(d, &n);
    for (int j = 0; j < n; j++)
        if (names[j].sym) json_array_append_new(list, symbol(s, sym_name(&w->names, names[j].sym), d, names[j].loc));
}

json_t *lsp_document_symbols(const LspServer *s, const LspDoc *d)
{
    const World *w = lsp_doc_world(d);
    const Source *src = lsp_doc_source(d);
    json_t *list = json_array();
    for (int p = 0; w && p < w->programs.n; p++) {
        const Program *prog = w->programs.items[p];
        if (prog->src != src) continue;
        for (int i = 0; i < prog->decls.n; i++)
            if (prog->decls.items[i]) decl_symbols(s, w, prog->decls.items[i], list);
    }
    return list;
}
