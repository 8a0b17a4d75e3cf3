/* parse.c — runs the scanner and the grammar over one source. */
#include "parse.h"
#include "parser.h"
#include <stdlib.h>
#include <string.h>

typedef void *yyscan_t;
int  treaty_yylex_init_extra(ParseCtx *extra, yyscan_t *scanner);
int  treaty_yylex_destroy(yyscan_t scanner);

struct KeptScanner { yyscan_t yy; };

KeptScanner *scanner_keep(void)
{
    KeptScanner *k = malloc(sizeof *k);
    if (!k) return NULL;
    lexer_index_keywords();
    if (treaty_yylex_init_extra(NULL, &k->yy) != 0) { free(k); return NULL; }
    return k;
}

void scanner_drop(KeptScanner *k)
{
    if (!k) return;
    treaty_yylex_destroy(k->yy);
    free(k);
}

Program *parse_source(const Source *src, ParseMode mode, Arena *arena,
                      Interner *names, Diag *diag)
{
    return parse_kept(NULL, src, mode, arena, names, diag);
}

Program *parse_kept(KeptScanner *k, const Source *src, ParseMode mode, Arena *arena,
                    Interner *names, Diag *diag)
{
    Program *prog = arena_alloc(arena, sizeof *prog);
    prog->src = src;
    ParseCtx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.names = names;
    ctx.diag = diag;
    ctx.src = src;
    ctx.prog = prog;
    ctx.start_token = mode == PARSE_QUERY ? START_QUERY : mode == PARSE_REPL ? START_REPL : START_FILE;
    ctx.repl = mode == PARSE_REPL;
    lexer_index_keywords();

    /* the scanner reads src->text through YY_INPUT (lexer.l) */
    yyscan_t scanner;
    if (k) {
        scanner = k->yy;
        lexer_restart(scanner, &ctx);
    } else if (treaty_yylex_init_extra(&ctx, &scanner) != 0)
        return NULL;
    treaty_yyparse(scanner, &ctx);
    if (!k) treaty_yylex_destroy(scanner);
    free(ctx.buf);
    return prog;
}
