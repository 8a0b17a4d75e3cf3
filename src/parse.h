/* parse.h — from source text to a Program (syntax tree), with diagnostics.
 *
 * The scanner (grammar/lexer.l) and the grammar (grammar/parser.y) share one
 * ParseCtx: it is flex's extra data and bison's parse parameter. */
#ifndef TREATY_PARSE_H
#define TREATY_PARSE_H
#include "ast.h"
#include "diag.h"

enum {
    PARSE_MAX_NAME = 256,          /* bytes in an identifier */
    PARSE_MAX_STRING = 64 * 1024,  /* bytes in a string literal */
    PARSE_MAX_DEPTH = 200,         /* nesting of expressions and blocks */
    PARSE_KEYWORD_SLOTS = 512,     /* the keywords' hash table: a power of two, over twice the keywords */
};

typedef enum { PARSE_FILE, PARSE_QUERY, PARSE_REPL } ParseMode;

typedef struct ParseCtx {
    Arena *arena;
    Interner *names;
    Diag *diag;
    const Source *src;
    Program *prog;
    int start_token;               /* token fed first, selects the grammar's entry */
    size_t fed;                    /* bytes of src->text handed to the scanner */
    uint32_t pos;                  /* scanner position: the offset of the next byte */
    char *buf;                     /* string literal being scanned (malloc) */
    size_t blen, bcap;
    Loc str_start;
    Decl *cur;                     /* block declaration being filled */
    /* What a block, an obligation and a list of strings collect as they
     * are read, reused from one to the next (in the arena), and copied at
     * their end into an array of their own size: grown by doubling, an
     * array of each would leave about a third of its room unused. */
    VEC(Clause *) block;           /* the clauses of the block being read */
    CondSpecList conds;            /* the conditions of the obligation being read */
    StrList strs;                  /* the strings of the list being read (tags, purpose) */
    CondSpec cond;                 /* the condition just read (`condition` in the grammar) */
    Query *cur_query;              /* vote query being filled */
    int repl;                      /* REPL input: undo, reset, diff, why, show, load are keywords */
} ParseCtx;

/* The scanner's keywords, in strcmp order (for completion and tests), and
 * whether a word is a keyword only in REPL input; lexer_index_keywords()
 * makes sure their hash table is built (once per process) before scanning.
 * Defined in grammar/lexer.l. */
const char *const *lexer_keywords(int *n);
int lexer_repl_only(const char *word);
void lexer_index_keywords(void);

/* Parses src into a new Program; errors go to diag. Returns NULL only when
 * parsing could not start; check diag->errors for success. */
Program *parse_source(const Source *src, ParseMode mode, Arena *arena,
                      Interner *names, Diag *diag);

/* A scanner kept for many short texts, such as the lines of a batch: a
 * scanner's set-up and its 16 KiB buffer cost more than scanning one short
 * query.  scanner_keep() returns NULL when out of memory; parse_kept() with
 * a NULL scanner is parse_source(). */
typedef struct KeptScanner KeptScanner;
KeptScanner *scanner_keep(void);
void scanner_drop(KeptScanner *k);
Program *parse_kept(KeptScanner *k, const Source *src, ParseMode mode, Arena *arena,
                    Interner *names, Diag *diag);

/* Defined in grammar/lexer.l: readies a kept scanner for a new text. */
void lexer_restart(void *scanner, ParseCtx *p);
#endif
