/* format.c — treaty fmt: the tokens of a source, laid out by fixed rules
 * (the rules are listed in format.h).
 *
 * Three passes, each linear in the text: the real scanner gives the tokens
 * and their spans, and the bytes between two tokens (only white space and
 * comments, in a text that parses) give the comments and the line breaks;
 * the brackets are matched, which tells a block's braces from a set's; then
 * every item is written with the white space the rules give it.  Last, the
 * result is scanned again and must give the same tokens. */
#include "format.h"
#include "parse.h"
#include "parser.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef void *yyscan_t;
int treaty_yylex_init_extra(ParseCtx *extra, yyscan_t *scanner);
int treaty_yylex_destroy(yyscan_t scanner);
int treaty_yylex(TREATY_YYSTYPE *val, Loc *loc, yyscan_t scanner);

enum { TOK_COMMENT = -1, INDENT_STEP = 2 };

/* A token or a comment, in the order of the text. */
typedef struct Item {
    int tok;                   /* the scanner's token kind, or TOK_COMMENT */
    size_t start, end;         /* its bytes [start, end) in the text */
    int nl;                    /* line breaks between the item before and this one */
    int gap;                   /* blanks right before it on its line */
    int match;                 /* a bracket: the index of its partner */
    bool block;                /* a brace of a block, not of a set */
    bool oneline;              /* a block's '{' or '}' kept on one line */
    bool unary;                /* a '-' that is a sign */
    bool inner;                /* a block inside a statement (decides by { ... } since ...;) */
    bool fraction;             /* the '/' of qualified_majority 2/3 */
} Item;

/* The items of a text, kept; or, when `expect` is set, only compared one by
 * one with the items of another text (the check of a result), so that the
 * check needs no second list. */
typedef struct Items {
    Item *items;
    int n, cap;
    const char *text;                  /* the text the items are in */
    const struct Items *expect;        /* NULL, or the items to compare with */
    bool differs;                      /* an item was not the one expected */
} Items;

static void items_push(Items *v, Item it)
{
    if (v->expect) {
        const Item *e = v->n < v->expect->n ? &v->expect->items[v->n] : NULL;
        size_t len = it.end - it.start;
        if (!e || e->tok != it.tok || e->end - e->start != len ||
            memcmp(v->expect->text + e->start, v->text + it.start, len) != 0)
            v->differs = true;
        v->n++;
        return;
    }
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        v->items = xrealloc(v->items, (size_t)v->cap * sizeof *v->items);
    }
    v->items[v->n++] = it;
}

/* ---- pass 1: tokens and comments ---- */

/* The comments and line breaks in text[from..to), which holds only white
 * space and comments; *nl and *gap get what comes before the next item. */
static bool read_gap(const char *text, size_t from, size_t to, Items *v, int *nl, int *gap)
{
    for (size_t i = from; i < to; i++) {
        char c = text[i];
        if (c == '\n') { (*nl)++; *gap = 0; }
        else if (c == ' ' || c == '\t') (*gap)++;
        else if (c == '\r' || c == '\f' || c == '\v') continue;
        else if (c == '#') {
            size_t end = i;
            while (end < to && text[end] != '\n') end++;
            size_t last = end;   /* the comment without trailing blanks */
            while (last > i && (text[last - 1] == ' ' || text[last - 1] == '\t' || text[last - 1] == '\r' ||
                                text[last - 1] == '\f' || text[last - 1] == '\v'))
                last--;
            items_push(v, (Item){ .tok = TOK_COMMENT, .start = i, .end = last, .nl = *nl, .gap = *gap, .match = -1 });
            *nl = *gap = 0;
            i = end - 1;
        } else
            return false;
    }
    return true;
}

/* Every token and comment of src, in order; false if a byte between two
 * tokens is neither white space nor a comment (the scanner skipped it after
 * an error). */
static bool scan_items(const Source *src, Arena *arena, Items *v)
{
    Interner names;
    intern_init(&names, arena);
    Diag quiet;
    diag_init(&quiet, NULL, 0);
    ParseCtx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.names = &names;
    ctx.diag = &quiet;
    ctx.src = src;
    lexer_index_keywords();
    v->text = src->text;
    yyscan_t scanner;
    bool made = treaty_yylex_init_extra(&ctx, &scanner) == 0, ok = made;
    size_t at = 0;
    int nl = 0, gap = 0;
    while (ok) {
        TREATY_YYSTYPE val;
        Loc loc;
        int tok = treaty_yylex(&val, &loc, scanner);
        if (tok == 0) break;
        size_t start = loc.off, end = (size_t)loc.end + 1;
        ok = start >= at && end <= src->len && read_gap(src->text, at, start, v, &nl, &gap);
        items_push(v, (Item){ .tok = tok, .start = start, .end = end, .nl = nl, .gap = gap, .match = -1 });
        nl = gap = 0;
        at = end;
    }
    if (ok) ok = read_gap(src->text, at, src->len, v, &nl, &gap);
    if (ok) ok = quiet.errors == 0;
    if (made) treaty_yylex_destroy(scanner);
    free(ctx.buf);
    intern_free(&names);
    diag_free(&quiet);
    return ok;
}

/* ---- pass 2: brackets ---- */

static bool is_decl_word(int tok)
{
    return tok == STATE || tok == ACTOR || tok == ORGANISATION || tok == AREA || tok == SCENARIO ||
           tok == ADMISSION || tok == BUDGET || tok == PLACE || tok == CONFLICT;
}

/* Whether the brace pair open..close holds a block: statements end in ';'
 * inside, or, when it holds no token, its statement starts with a
 * declaration's word (an empty set is {}, an empty block { }).  Nested
 * brackets are stepped over, so each item is looked at once. */
static bool braces_hold_block(const Items *v, int open, int close, int stmt_start)
{
    bool empty = true;
    for (int k = open + 1; k < close; k++) {
        const Item *it = &v->items[k];
        if (it->tok == ';') return true;
        if (it->tok != TOK_COMMENT) empty = false;
        if ((it->tok == '{' || it->tok == '(') && it->match > k) k = it->match;
    }
    return empty && stmt_start >= 0 && is_decl_word(v->items[stmt_start].tok);
}

/* A block stays on one line when its author wrote it so, with no comment
 * and no block inside (a state with one measure, a budget's shares).
 * Blocks nest three deep at most (a scenario, a supposition's decision
 * rule), so the items are looked at a bounded number of times. */
static bool block_on_one_line(const Items *v, int open, int close)
{
    for (int k = open + 1; k <= close; k++) {
        const Item *it = &v->items[k];
        if (it->nl || it->tok == TOK_COMMENT || (it->tok == '{' && it->block && k != close)) return false;
    }
    return true;
}

static bool ends_operand(int tok)
{
    return tok == IDENT || tok == NUMBER || tok == STRING || tok == DATE || tok == TRUE || tok == FALSE ||
           tok == ')' || tok == '}';
}

/* Matches the brackets (inner pairs first, so that a block is known by the
 * time the statements around it are looked at) and marks signs. */
static bool match_brackets(Items *v)
{
    int *stack = xmalloc(((size_t)v->n + 1) * sizeof *stack);
    int *stmt = xmalloc(((size_t)v->n + 1) * sizeof *stmt);   /* where each open bracket's statement starts */
    int depth = 0, stmt_start = -1, prev = -1;
    bool ok = true;
    for (int i = 0; i < v->n && ok; i++) {
        Item *it = &v->items[i];
        if (it->tok == TOK_COMMENT) continue;
        if (it->tok == '-') it->unary = prev < 0 || !ends_operand(v->items[prev].tok);
        if (it->tok == '/') it->fraction = i >= 2 && v->items[i - 2].tok == QUALIFIED_MAJORITY;
        prev = i;
        if (stmt_start < 0) stmt_start = i;
        if (it->tok == '{' || it->tok == '(') {
            stmt[depth] = stmt_start;
            stack[depth++] = i;
            if (it->tok == '{') stmt_start = -1;
        } else if (it->tok == '}' || it->tok == ')') {
            int open = depth > 0 ? stack[--depth] : -1;
            if (open < 0 || v->items[open].tok != (it->tok == '}' ? '{' : '(')) { ok = false; break; }
            v->items[open].match = i;
            it->match = open;
            stmt_start = stmt[depth];
            if (it->tok == '}' && braces_hold_block(v, open, i, stmt_start)) {
                v->items[open].block = it->block = true;
                v->items[open].inner = it->inner = open > 0 && v->items[open - 1].tok == BY;
                if (block_on_one_line(v, open, i)) v->items[open].oneline = it->oneline = true;
                stmt_start = -1;     /* the block ends its statement (a ';' after it stays with it) */
            }
        } else if (it->tok == ';') {
            bool in_block = depth == 0 || v->items[stack[depth - 1]].tok == '{';
            if (in_block) stmt_start = -1;
        }
    }
    free(stack);
    free(stmt);
    return ok && depth == 0;
}

/* ---- pass 3: layout ---- */

static void buf_reserve(FormatBuf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1) cap *= 2;
    b->text = xrealloc(b->text, cap);
    b->cap = cap;
}

static void buf_put(FormatBuf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
}

static void buf_spaces(FormatBuf *b, int n)
{
    buf_reserve(b, (size_t)n);
    memset(b->text + b->len, ' ', (size_t)n);
    b->len += (size_t)n;
    b->text[b->len] = '\0';
}

/* A bracket still open while the items after it are written. */
typedef struct Open {
    int item;
    int align;                 /* column of the first item after it, if on its line; else -1 */
    int line_indent;           /* indentation of the line it is on */
    int stmt_indent;           /* indentation of the statement it is in */
} Open;

typedef struct Layout {
    const char *text;
    const Items *v;
    FormatBuf *out;
    size_t base;               /* where the layout starts in out (after a byte-order mark) */
    Open *open;                /* brackets open, outermost first */
    int nopen;
    int depth;                 /* blocks open (not counting those on one line) */
    int stmt_indent;           /* indentation of the statement being written */
    bool in_stmt;              /* a statement has begun and not ended */
    int oneline;               /* blocks on one line open */
    int col;                   /* column (in characters) after the last byte written */
    int line_indent;           /* indentation of the current line */
    int *starts_at;            /* the column each item starts at */
    int *list;                 /* a ',': the first of the run of single-token items it is in, or -1 */
} Layout;

static void put_item(Layout *L, const Item *it)
{
    size_t n = it->end - it->start;
    buf_put(L->out, L->text + it->start, n);
    for (size_t k = 0; k < n; k++)      /* UTF-8 continuation bytes take no column */
        L->col += ((unsigned char)L->text[it->start + k] & 0xC0) != 0x80;
}

static void new_line(Layout *L, bool blank, int indent)
{
    while (L->out->len > L->base && L->out->text[L->out->len - 1] == ' ') L->out->len--;
    if (L->out->len > L->base) buf_put(L->out, blank ? "\n\n" : "\n", blank ? 2 : 1);
    if (indent < 0) indent = 0;
    buf_spaces(L->out, indent);
    L->col = L->line_indent = indent;
}

/* The innermost bracket opened inside the current statement, or NULL. */
static const Open *open_in_stmt(const Layout *L)
{
    if (L->nopen == 0) return NULL;
    const Open *o = &L->open[L->nopen - 1];
    const Item *b = &L->v->items[o->item];
    return b->tok == '{' && b->block ? NULL : o;
}

static bool single_item(int tok)
{
    return tok == IDENT || tok == STRING || tok == NUMBER || tok == DATE;
}

/* A ',' just written: where its list started (see Layout.list). */
static void note_list(Layout *L, int i)
{
    const Item *v = L->v->items;
    L->list[i] = -1;
    if (i < 1 || !single_item(v[i - 1].tok)) return;
    L->list[i] = i >= 2 && v[i - 2].tok == ',' && L->list[i - 2] >= 0 ? L->list[i - 2] : i - 1;
}

/* Where a line that continues a statement starts: under the first item
 * after a bracket still open, else under the first item of a list that
 * goes on (member A, B,\n C), else two spaces deeper than the statement. */
static int continuation_indent(const Layout *L, int i)
{
    const Item *it = &L->v->items[i];
    const Open *o = open_in_stmt(L);
    int deeper = L->stmt_indent + INDENT_STEP;
    if (!o && i > 0 && L->v->items[i - 1].tok == ',' && L->list[i - 1] >= 0)
        return L->starts_at[L->list[i - 1]] > deeper ? L->starts_at[L->list[i - 1]] : deeper;
    if (!o) return deeper;
    if (it->tok != TOK_COMMENT && it->match == o->item) return o->line_indent;
    return o->align >= 0 ? o->align : o->line_indent + INDENT_STEP;
}

static bool is_callee(int tok)
{
    return tok == IDENT || tok == KIND || tok == REGION || tok == BORDERS || tok == MEMBERS || tok == OBSERVERS ||
           tok == PARTNERS;
}

/* The blanks between two tokens on one line: 0 or 1. */
static int space_between(const Item *a, const Item *b)
{
    int x = a->tok, y = b->tok;
    if (y == ';' || y == ',' || y == ')' || y == '.' || y == '%' || y == ':') return 0;
    if (x == '(' || x == '.') return 0;
    if ((x == '{' && !a->block) || (y == '}' && !b->block)) return 0;
    if (x == '-' && a->unary) return 0;
    if (y == '(' && is_callee(x)) return 0;
    if ((x == '/' && a->fraction) || (y == '/' && b->fraction)) return 0;
    return 1;
}

/* Whether the item starts a new line, whatever the author did. */
static bool must_break(const Layout *L, const Item *prev, const Item *it)
{
    if (prev->tok == TOK_COMMENT) return true;
    if (L->oneline) return false;
    if (prev->tok == ';' && !open_in_stmt(L)) return true;
    if (prev->tok == '{' && prev->block) return true;
    if (it->tok == '}' && it->block) return true;
    if (prev->tok == '}' && prev->block && !prev->inner && it->tok != ';') return true;
    return false;
}

static void write_comment(Layout *L, const Item *prev, int i)
{
    const Item *it = &L->v->items[i];
    if (prev && it->nl == 0) {           /* after code: its distance kept */
        buf_spaces(L->out, it->gap > 0 ? it->gap : 1);
        L->col += it->gap > 0 ? it->gap : 1;
    } else if (prev) {
        bool blank = it->nl > 1 && !(prev->tok == '{' && prev->block);
        new_line(L, blank, L->in_stmt ? continuation_indent(L, i) : L->depth * INDENT_STEP);
    }
    put_item(L, it);
}

static void push_open(Layout *L, int i)
{
    const Item *next = i + 1 < L->v->n ? &L->v->items[i + 1] : NULL;
    bool content_follows = next && next->nl == 0 && next->tok != TOK_COMMENT && next->match != i;
    L->open[L->nopen++] = (Open){ i, content_follows ? L->col + space_between(&L->v->items[i], next) : -1,
                                  L->line_indent, L->stmt_indent };
}

static void write_token(Layout *L, const Item *prev, int i)
{
    const Item *it = &L->v->items[i];
    bool closes_block = it->tok == '}' && it->block && !it->oneline;
    if (closes_block) L->depth--;
    if (prev) {
        bool brk = must_break(L, prev, it) ||
                   (!L->oneline && it->nl > 0 && it->tok != ';' && it->tok != ',');
        if (brk) {
            bool blank = it->nl > 1 && !(prev->tok == '{' && prev->block) && !(it->tok == '}' && it->block);
            new_line(L, blank, L->in_stmt && !closes_block ? continuation_indent(L, i) : L->depth * INDENT_STEP);
        } else {
            int sp = prev->tok == TOK_COMMENT ? 0 : space_between(prev, it);
            buf_spaces(L->out, sp);
            L->col += sp;
        }
    }
    if (!L->in_stmt) {
        L->in_stmt = true;
        L->stmt_indent = L->depth * INDENT_STEP;
    }
    L->starts_at[i] = L->col;
    put_item(L, it);
    if (it->tok == ',') note_list(L, i);
    if (it->tok == '{' || it->tok == '(') {
        push_open(L, i);
        if (it->tok == '{' && it->block) {
            if (it->oneline) L->oneline++;
            else L->depth++;
            L->in_stmt = false;
        }
    } else if (it->tok == '}' || it->tok == ')') {
        const Open *o = &L->open[--L->nopen];
        if (it->tok == '}' && it->block) {
            if (it->oneline) L->oneline--;
            /* after a block inside a statement, the statement goes on */
            L->in_stmt = it->inner;
            L->stmt_indent = o->stmt_indent;
        }
    } else if (it->tok == ';' && !open_in_stmt(L))
        L->in_stmt = false;
}

static void lay_out(const char *text, const Items *v, FormatBuf *out)
{
    Layout L;
    memset(&L, 0, sizeof L);
    L.text = text;
    L.v = v;
    L.out = out;
    L.base = out->len;
    L.open = xmalloc(((size_t)v->n + 1) * sizeof *L.open);
    L.starts_at = xmalloc(((size_t)v->n + 1) * sizeof *L.starts_at);
    L.list = xmalloc(((size_t)v->n + 1) * sizeof *L.list);
    const Item *prev = NULL;
    for (int i = 0; i < v->n; i++) {
        const Item *it = &v->items[i];
        if (it->tok == TOK_COMMENT) write_comment(&L, prev, i);
        else write_token(&L, prev, i);
        prev = it;
    }
    if (out->len > L.base) new_line(&L, false, 0);
    free(L.open);
    free(L.starts_at);
    free(L.list);
}

/* ---- the whole ---- */

bool format_text(Arena *arena, const char *name, const char *text, size_t len, FormatBuf *out, Diag *diag)
{
    out->len = 0;
    buf_reserve(out, 0);
    out->text[0] = '\0';
    /* a UTF-8 byte-order mark is not part of the text (as load.c reads it): kept as it is */
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const Source *src = source_new(arena, name, text + bom, len - bom);
    /* the syntax tree is only looked at for errors: it goes with its own arena */
    Arena tree;
    arena_init(&tree);
    Interner names;
    intern_init(&names, &tree);
    int before = diag->errors;
    Program *prog = parse_source(src, PARSE_FILE, &tree, &names, diag);
    bool ok = prog && diag->errors == before;
    intern_free(&names);
    arena_reset(&tree);                /* the tree is not needed any more */
    Items items = { 0 };
    if (ok) {
        ok = scan_items(src, &tree, &items) && match_brackets(&items);
        if (ok) buf_put(out, text, bom);
        if (ok) lay_out(src->text, &items, out);
        /* the one promise of a formatter, checked: the same tokens and comments */
        const Source *result = ok ? source_new(&tree, name, out->text + bom, out->len - bom) : NULL;
        Items again = { .expect = &items };
        if (ok) ok = scan_items(result, &tree, &again) && !again.differs && again.n == items.n;
        if (!ok) {
            Loc whole = { src, 0, 0 };
            diag_error(diag, whole, "cannot format this file: its tokens would change (a bug in treaty fmt)");
        }
    }
    if (!ok) {
        out->len = 0;
        out->text[0] = '\0';
    }
    free(items.items);
    arena_free(&tree);
    return ok;
}

void format_buf_free(FormatBuf *b)
{
    free(b->text);
    b->text = NULL;
    b->len = b->cap = 0;
}

/* ---- a unified diff ---- */

/* The lines of a text, each with its newline (the last may have none). */
typedef struct Lines { const char *text; size_t *start; unsigned *hash; int n; size_t len; } Lines;

static void split_lines(Lines *l, const char *text, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++) n += text[i] == '\n';
    n += len > 0 && text[len - 1] != '\n';
    l->text = text;
    l->len = len;
    l->n = 0;
    l->start = xmalloc(((size_t)n + 1) * sizeof *l->start);
    l->hash = xmalloc(((size_t)n + 1) * sizeof *l->hash);
    size_t at = 0;
    while (at < len) {
        unsigned h = 2166136261u;            /* FNV-1a, to compare lines in one step */
        size_t i = at;
        while (i < len && text[i] != '\n') h = (h ^ (unsigned char)text[i++]) * 16777619u;
        if (i < len) { h = (h ^ '\n') * 16777619u; i++; }
        l->start[l->n] = at;
        l->hash[l->n++] = h;
        at = i;
    }
    l->start[l->n] = len;
}

static bool same_line(const Lines *a, int i, const Lines *b, int j)
{
    size_t n = a->start[i + 1] - a->start[i];
    return a->hash[i] == b->hash[j] && n == b->start[j + 1] - b->start[j] &&
           memcmp(a->text + a->start[i], b->text + b->start[j], n) == 0;
}

/* One step of the edit: a line kept (' '), removed ('-') or added ('+');
 * a and b are the lines of old and new at that point. */
typedef struct Edit { char kind; int a, b; } Edit;

enum { DIFF_WINDOW = 64, DIFF_CONTEXT = 3 };

/* The edit from a to b.  After a line that differs, the nearest pair of
 * equal lines at most DIFF_WINDOW lines ahead on each side is taken as the
 * place where the texts meet again: a diff that is always right, not always
 * the shortest, in time linear in the lines (a formatter's changes are
 * local). */
static Edit *edit_script(const Lines *a, const Lines *b, int *n)
{
    Edit *e = xmalloc(((size_t)a->n + (size_t)b->n + 1) * sizeof *e);
    int k = 0, i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (same_line(a, i, b, j)) { e[k++] = (Edit){ ' ', i++, j++ }; continue; }
        int di = 1, dj = 1;
        bool found = false;
        for (int d = 1; d <= 2 * DIFF_WINDOW && !found; d++)
            for (int x = d < DIFF_WINDOW ? d : DIFF_WINDOW; x >= 0 && !found; x--) {
                int y = d - x;
                if (y > DIFF_WINDOW || i + x >= a->n || j + y >= b->n) continue;
                if (same_line(a, i + x, b, j + y)) { di = x; dj = y; found = true; }
            }
        for (int x = 0; x < di; x++) e[k++] = (Edit){ '-', i++, j };
        for (int y = 0; y < dj; y++) e[k++] = (Edit){ '+', i, j++ };
    }
    while (i < a->n) e[k++] = (Edit){ '-', i++, j };
    while (j < b->n) e[k++] = (Edit){ '+', i, j++ };
    *n = k;
    return e;
}

static void put_line(FILE *f, char kind, const Lines *l, int i)
{
    size_t n = l->start[i + 1] - l->start[i];
    fputc(kind, f);
    fwrite(l->text + l->start[i], 1, n, f);
    if (n == 0 || l->text[l->start[i] + n - 1] != '\n') fputs("\n\\ No newline at end of file\n", f);
}

/* The hunk of edits [from, to): its header, then its lines. */
static void put_hunk(FILE *f, const Edit *e, int from, int to, const Lines *a, const Lines *b)
{
    int na = 0, nb = 0;
    for (int k = from; k < to; k++) {
        na += e[k].kind != '+';
        nb += e[k].kind != '-';
    }
    fprintf(f, "@@ -%d,%d +%d,%d @@\n", na ? e[from].a + 1 : e[from].a, na, nb ? e[from].b + 1 : e[from].b, nb);
    for (int k = from; k < to; k++)
        put_line(f, e[k].kind, e[k].kind == '+' ? b : a, e[k].kind == '+' ? e[k].b : e[k].a);
}

int format_diff(FILE *f, const char *name, const char *old_text, size_t old_len, const char *new_text,
                size_t new_len)
{
    Lines a, b;
    split_lines(&a, old_text, old_len);
    split_lines(&b, new_text, new_len);
    int n;
    Edit *e = edit_script(&a, &b, &n);
    bool header = false;
    for (int k = 0; k < n;) {
        if (e[k].kind == ' ') { k++; continue; }
        /* a hunk: the changes, with up to DIFF_CONTEXT kept lines around them and
         * the kept lines between two changes closer than twice that */
        int from = k - DIFF_CONTEXT > 0 ? k - DIFF_CONTEXT : 0, to = k;
        for (;;) {
            while (to < n && e[to].kind != ' ') to++;
            int next = to;
            while (next < n && e[next].kind == ' ' && next - to <= 2 * DIFF_CONTEXT) next++;
            if (next < n && e[next].kind != ' ') { to = next; continue; }
            to = to + DIFF_CONTEXT < n ? to + DIFF_CONTEXT : n;
            break;
        }
        if (!header) fprintf(f, "--- a/%s\n+++ b/%s\n", name, name);
        header = true;
        put_hunk(f, e, from, to, &a, &b);
        k = to;
    }
    free(e);
    free(a.start);
    free(a.hash);
    free(b.start);
    free(b.hash);
    return ferror(f) ? -1 : 0;
}

/* ---- writing a file in place ---- */

const char *format_replace_file(Arena *a, const char *path, const char *text, size_t len)
{
    char real[PATH_MAX], dir[PATH_MAX];
    struct stat st;
    /* a symbolic link stays one: the file it leads to is replaced */
    if (!realpath(path, real) || stat(real, &st) != 0) return arena_strdup(a, strerror(errno));
    if (!S_ISREG(st.st_mode)) return "it is not a regular file";
    /* the temporary file goes next to the file, so that the rename stays on one file system */
    const char *slash = strrchr(real, '/');
    const char *where = slash == real ? "/" : slash ? arena_strndup(a, real, (size_t)(slash - real)) : ".";
    if (!realpath(where, dir)) return arena_printf(a, "cannot create a file in '%s': %s", where, strerror(errno));
    char *tmp = arena_printf(a, "%s/.treaty-fmt-XXXXXX", strcmp(dir, "/") == 0 ? "" : dir);
    int fd = mkstemp(tmp);
    if (fd < 0) return arena_printf(a, "cannot create a file in '%s': %s", dir, strerror(errno));
    const char *why = NULL;
    for (size_t done = 0; done < len && !why;) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) why = strerror(n < 0 ? errno : EIO);
        else done += (size_t)n;
    }
    if (!why && (fchmod(fd, st.st_mode & 07777) != 0 || fsync(fd) != 0)) why = strerror(errno);
    if (close(fd) != 0 && !why) why = strerror(errno);
    if (!why && rename(tmp, real) != 0) why = strerror(errno);
    if (why) {
        unlink(tmp);
        return arena_printf(a, "%s; the file was not changed", why);
    }
    return NULL;
}
