/* cli.c — the `treaty` command: check, run, test, query.
 *
 * Exit codes (a contract): 0 success; 1 the world violates a constraint
 * (check) or an expectation failed (test); 2 bad input or usage. */
#include "treaty.h"
#include "batch.h"
#include "export.h"
#include "lsp.h"
#include "format.h"
#include "picture.h"
#include "repl.h"
#include <jansson.h>
#include <dirent.h>
#include <regex.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_BAD = 2 };

/* Paths named on the command line, or the files a directory stands for. */
typedef VEC(const char *) PathList;

typedef struct Options {
    const char *command;
    Format format;
    int color_out, color_err;
    Date at;
    int has_at;
    int verbose;
    int max_errors;
    EvalLimits limits;
    PathList files;
    VEC(const char *) queries;
    /* query -f: a file of queries, one per line (docs/cli.md) */
    const char *batch;                 /* the file, or "-" for standard input (NULL: none) */
    const char *batch_format;          /* tsv or jsonl (NULL: the text of --format) */
    const char *reasons;               /* none, decisive or all (NULL: all) */
    /* export dyad-years */
    const char *export_format;         /* csv, tsv or json (NULL: csv) */
    int from, to, on_month, on_day, undirected;
    VEC(const char *) suppose;         /* --suppose TEXT */
    VEC(const char *) layers;          /* --suppositions FILE */
    int all_kinds;                     /* graph --kind all */
    const char *run_pattern;           /* test --run PATTERN: the scenarios to run (NULL: all) */
    int coverage;                      /* test --coverage */
    double threshold;                  /* test --threshold P: exit 1 below P% (negative: none) */
} Options;

static const char *const usage_main =
    "usage: treaty <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  check FILE|DIR...         parse and validate; report constraint and exclusivity violations\n"
    "  run FILE|DIR...           run every scenario and print each verdict with its reasons\n"
    "  test FILE|DIR...          run every expect; end with 'N passed, N failed'\n"
    "  query FILE|DIR... -e QUERY  answer queries against the files (-f QUERIES: many)\n"
    "  repl [FILE|DIR...]        ask what-if questions interactively\n"
    "  export dyad-years FILE|DIR...  one row per pair of states and year with an obligation\n"
    "  graph FILE|DIR...         the alliance network on a date, as Graphviz DOT\n"
    "  timeline ORG FILE|DIR...  an organisation's members over time, as SVG\n"
    "  lsp                       a language server for editors, on standard input and output\n"
    "  fmt [-w|--check|--diff] FILE|DIR...  lay the files out in the one canonical way\n"
    "\n"
    "options (every command):\n"
    "  --format text|json        output format (default text)\n"
    "  --color auto|always|never colour in text output (default auto)\n"
    "  --at DATE                 evaluation date (default today); for run and test, the\n"
    "                            date of scenarios until their first 'at'; for repl, the\n"
    "                            date until the first 'at'\n"
    "  --max-errors N            stop after N errors (default 20)\n"
    "  --max-steps N             evaluation steps one query may take (default 100000000)\n"
    "  --max-memory MIB          memory one query's evaluation may take (default 512 MiB)\n"
    "  -h, --help                this help (or 'treaty help COMMAND')\n"
    "  --version                 print the version\n"
    "\n"
    "exit status: 0 ok, 1 violations or failed expectations, 2 bad input or usage.\n"
    "See 'man treaty' and docs/ for the language.\n";

static const char *command_help(const char *cmd)
{
    if (strcmp(cmd, "check") == 0)
        return "usage: treaty check [--at DATE] [--format text|json] FILE|DIR...\n"
               "Parses and validates the files (and their imports; a directory means every\n"
               ".treaty file in it, all loaded as one world), then checks every\n"
               "constraint and exclusivity principle at the date (default today).\n"
               "exit: 0 clean, 1 the world violates a constraint, 2 syntax/name/type errors.\n";
    if (strcmp(cmd, "run") == 0)
        return "usage: treaty run [--format text|json] FILE|DIR...\n"
               "Runs every scenario in the files (a directory: its .treaty files, as one world)\n"
               "and prints each query's verdict with the reasons behind it\n"
               "(+ held, - failed, ? open, = note; * decisive).\n"
               "exit: 0, or 2 on bad input.\n";
    if (strcmp(cmd, "test") == 0)
        return "usage: treaty test [-v] [--run PATTERN] [--format text|json|junit] [--coverage] [--threshold P]\n"
               "                   FILE|DIR...\n"
               "Runs every 'expect' in the files (a directory means every .treaty file in it,\n"
               "each loaded on its own with its imports). Prints each failure with its\n"
               "location and what differs (for a set: the names missing and unexpected; for\n"
               "a verdict: the one given and the reasons it rests on), and ends with the line\n"
               "'N passed, N failed'.\n"
               "  -v, --verbose     also list passing expectations\n"
               "  --run PATTERN     run only the scenarios whose title matches PATTERN, a POSIX\n"
               "                    extended regular expression (unanchored: 'join' matches any\n"
               "                    title containing it; '^Enlargement$' only that title)\n"
               "  --format junit    a JUnit XML report on standard output: a suite per file,\n"
               "                    a case per scenario (json: every expectation, as structure)\n"
               "  --coverage        also report the clauses of the files (memberships, principles,\n"
               "                    obligations, requirements, decision rules, constraints, rules...)\n"
               "                    that some answer rested on, per file, and list those none did\n"
               "  --threshold P     with --coverage: exit 1 when less than P% of the clauses are touched\n"
               "exit: 0 all passed, 1 some failed (or coverage below --threshold), 2 bad input,\n"
               "or --run matched no scenario.\n";
    if (strcmp(cmd, "repl") == 0)
        return "usage: treaty repl [--at DATE] [--format text|json] [--color auto|always|never] [FILE|DIR...]\n"
               "Loads the files (a directory means every .treaty file in it) and reads\n"
               "statements and queries: 'suppose' adds a hypothetical layer, 'undo' and\n"
               "'reset' remove them, 'why' explains the last verdict, 'diff' shows what the\n"
               "suppositions change. Type .help inside for more. Reads a script without\n"
               "prompts when standard input is not a terminal: treaty repl FILE < script\n"
               "exit: 0; with a script, 2 if a statement failed or the files did not load.\n";
    if (strcmp(cmd, "lsp") == 0)
        return "usage: treaty lsp [--at DATE]\n"
               "Serves the Language Server Protocol on standard input and output, for editors:\n"
               "diagnostics as you type (those of 'treaty check'), hover, go to definition,\n"
               "references, completion, document symbols and formatting (as treaty fmt). Hovers\n"
               "show memberships and obligations on DATE (default today). See docs/editors.md.\n"
               "exit: 0 after the client's shutdown and exit, 1 otherwise.\n";
    if (strcmp(cmd, "graph") == 0)
        return "usage: treaty graph [--at DATE] [--kind defence|all] FILE|DIR...\n"
               "Writes the obligations on DATE (default today) as a Graphviz DOT graph: parties as nodes,\n"
               "an edge from each party to each party it owes, labelled by organisation and kind, dashed\n"
               "when owed only under conditions. Render it with: dot -Tsvg. See docs/pictures.md.\n";
    if (strcmp(cmd, "timeline") == 0)
        return "usage: treaty timeline ORG [--from YEAR] [--to YEAR] FILE|DIR...\n"
               "Writes the members of ORG over time as an SVG picture: a bar for each membership, and a line\n"
               "below it while the member owes defence (dashed: only under conditions). See docs/pictures.md.\n";
    if (strcmp(cmd, "export") == 0)
        return "usage: treaty export dyad-years [--from YEAR] [--to YEAR] [--on MM-DD] [--undirected]\n"
               "                                [--format csv|tsv|json] [--suppose TEXT] [--suppositions FILE]\n"
               "                                FILE|DIR...\n"
               "Writes one row per directed pair of parties and year in which the first owes the second\n"
               "an obligation: ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,\n"
               "atop_consul,defense_unconditional (codes: the measure ccode; names without it).\n"
               "A pair counts in a year when it is bound on at least one day of it (--on 07-01: on that day).\n"
               "--undirected: the two directions merged, ccode1 < ccode2. Years 1816 to 2016 by default.\n"
               "--suppose TEXT (repeatable) and --suppositions FILE export the world under a what-if layer.\n"
               "See docs/atop.md.\n";
    if (strcmp(cmd, "query") == 0)
        return "usage: treaty query FILE|DIR... -e QUERY [-e QUERY...] [--at DATE] [--format text|json]\n"
               "       treaty query FILE|DIR... -f QUERIES [--at DATE] [--format text|tsv|jsonl] [--reasons none|decisive|all]\n"
               "Answers queries against the files, at --at (default today), or at the query's own\n"
               "'at DATE'. -f reads one query per line ('-': standard input).\n"
               "queries (docs/language.md, section 9):\n"
               "  can X join ORG [as member|observer|partner]   admission, with every requirement\n"
               "  accession of X to ORG                         the steps left to X's accession\n"
               "  who must defend X [against Z]                 also: consult, join; stay neutral for X;\n"
               "                                                not attack X\n"
               "  when did X join ORG                           every period of X in ORG\n"
               "  members of ORG   observers of ORG   partners of ORG   organisations of X\n"
               "  obligations of X [kind K]   obligations to X [kind K]\n"
               "  compare obligations of X at DATE and DATE     compare obligations of X and Y\n"
               "  does ORG adopt \"TEXT\" [with objections from A, B] [with votes yes A no B ...]\n"
               "  power in ORG   banzhaf of X in ORG   shapley of X in ORG\n"
               "  minimal winning coalitions of ORG   minimal blocking coalitions of ORG\n"
               "  violations   check   eval EXPR\n"
               "examples:\n"
               "  treaty query examples/seed/scenarios.treaty -e 'can Russia join QCCM' --at 2016-08-04\n"
               "  treaty query examples/seed/scenarios.treaty -e 'members of SCO at 2018-01-01'\n"
               "exit: 0, or 2 on bad input.\n";
    if (strcmp(cmd, "fmt") == 0)
        return "usage: treaty fmt [-w | --check | --diff] [--color auto|always|never] FILE|DIR|-...\n"
               "Lays the files out in the one canonical way (docs/cli.md): indentation, spaces,\n"
               "one statement a line, blank lines; comments stay where they are and the tokens\n"
               "do not change. A directory means every .treaty file under it; '-' is standard input.\n"
               "Prints the formatted text, or:\n"
               "  -w, --write   rewrite each file that changes (through a new file, renamed over it)\n"
               "  --check       print the name of each file that would change\n"
               "  --diff        print what would change, as a unified diff\n"
               "A file that does not parse is reported as 'treaty check' does and never rewritten.\n"
               "exit: 0, or 1 when --check or --diff finds a file that would change, 2 on bad input.\n";
    return NULL;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "treaty: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'treaty --help'.\n");
    return EXIT_BAD;
}

static int color_choice(const char *v, int fd, int *out)
{
    if (strcmp(v, "always") == 0) *out = 1;
    else if (strcmp(v, "never") == 0) *out = 0;
    else if (strcmp(v, "auto") == 0) {
        const char *term = getenv("TERM");
        *out = isatty(fd) && !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
    } else return -1;
    return 0;
}

/* Parses options anywhere on the line; returns -1 to exit with *code. */
static int parse_args(int argc, char **argv, Options *o, Arena *a, int *code)
{
    const char *color = "auto";
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = NULL;
        char opt[32];
        if (strcmp(arg, "--") == 0) {
            for (i++; i < argc; i++) vec_push(a, &o->files, argv[i]);
            break;
        }
        if (arg[0] != '-' || arg[1] == '\0') { vec_push(a, &o->files, arg); continue; }
        const char *eq = strchr(arg, '=');
        if (eq && arg[1] == '-' && (size_t)(eq - arg) < sizeof opt) {
            memcpy(opt, arg, (size_t)(eq - arg));
            opt[eq - arg] = '\0';
            val = eq + 1;
            arg = opt;
        }
        int takes = strcmp(arg, "--kind") == 0 || strcmp(arg, "--suppose") == 0 || strcmp(arg, "--suppositions") == 0 ||
                    strcmp(arg, "-f") == 0 || strcmp(arg, "--file") == 0 || strcmp(arg, "--reasons") == 0 ||
                    strcmp(arg, "--from") == 0 || strcmp(arg, "--to") == 0 || strcmp(arg, "--on") == 0 ||
                    strcmp(arg, "--format") == 0 || strcmp(arg, "--color") == 0 || strcmp(arg, "--colour") == 0 ||
                    strcmp(arg, "--at") == 0 || strcmp(arg, "-e") == 0 || strcmp(arg, "--eval") == 0 ||
                    strcmp(arg, "--max-errors") == 0 || strcmp(arg, "--max-steps") == 0 ||
                    strcmp(arg, "--max-memory") == 0 || strcmp(arg, "--run") == 0 ||
                    strcmp(arg, "--threshold") == 0;
        if (takes && !val) {
            if (i + 1 >= argc) { *code = usage_error("option '%s' needs a value", arg); return -1; }
            val = argv[++i];
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            const char *h = command_help(o->command);
            fputs(h ? h : usage_main, stdout);
            *code = EXIT_OK;
            return -1;
        } else if (strcmp(arg, "--version") == 0) {
            printf("treaty %s\n", TREATY_VERSION);
            *code = EXIT_OK;
            return -1;
        } else if (strcmp(arg, "--format") == 0 && strcmp(o->command, "export") == 0) {
            if (strcmp(val, "csv") && strcmp(val, "tsv") && strcmp(val, "json")) {
                *code = usage_error("unknown export format '%s' (use csv, tsv or json)", val);
                return -1;
            }
            o->export_format = val;
        } else if ((strcmp(arg, "-f") == 0 || strcmp(arg, "--file") == 0) && strcmp(o->command, "query") == 0) {
            o->batch = val;
        } else if (strcmp(arg, "--reasons") == 0 && strcmp(o->command, "query") == 0) {
            if (strcmp(val, "none") && strcmp(val, "decisive") && strcmp(val, "all")) {
                *code = usage_error("unknown --reasons '%s' (use none, decisive or all)", val);
                return -1;
            }
            o->reasons = val;
        } else if (strcmp(arg, "--format") == 0 && strcmp(o->command, "query") == 0 &&
                   (strcmp(val, "tsv") == 0 || strcmp(val, "jsonl") == 0)) {
            o->batch_format = val;
        } else if ((strcmp(arg, "--from") == 0 || strcmp(arg, "--to") == 0) &&
                   (strcmp(o->command, "export") == 0 || strcmp(o->command, "timeline") == 0)) {
            char *end;
            long y = strtol(val, &end, 10);
            if (*end || end == val || y < 1 || y > 9998) {
                *code = usage_error(arg[2] == 'f' ? "--from needs a year from 1 to 9998, not '%s'"
                                                  : "--to needs a year from 1 to 9998, not '%s'", val);
                return -1;
            }
            if (arg[2] == 'f') o->from = (int)y; else o->to = (int)y;
        } else if (strcmp(arg, "--on") == 0) {
            int m = 0, d = 0, len = 0;
            if (sscanf(val, "%2d-%2d%n", &m, &d, &len) != 2 || val[len] || strlen(val) != 5 || m < 1 || m > 12 ||
                d < 1 || d > (m == 2 ? 29 : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31)) {
                *code = usage_error("--on needs a day of the year as MM-DD (07-01), not '%s'", val);
                return -1;
            }
            o->on_month = m;
            o->on_day = d;
        } else if (strcmp(arg, "--suppose") == 0 && strcmp(o->command, "export") == 0) {
            vec_push(a, &o->suppose, val);
        } else if (strcmp(arg, "--suppositions") == 0 && strcmp(o->command, "export") == 0) {
            vec_push(a, &o->layers, val);
        } else if (strcmp(arg, "--kind") == 0 && strcmp(o->command, "graph") == 0) {
            if (strcmp(val, "all") == 0) o->all_kinds = 1;
            else if (strcmp(val, "defence") == 0 || strcmp(val, "defense") == 0) o->all_kinds = 0;
            else { *code = usage_error("unknown --kind '%s' (use defence or all)", val); return -1; }
        } else if (strcmp(arg, "--format") == 0 && strcmp(o->command, "test") == 0 && strcmp(val, "junit") == 0) {
            o->format = FMT_JUNIT;
        } else if (strcmp(arg, "--run") == 0 && strcmp(o->command, "test") == 0) {
            o->run_pattern = val;
        } else if (strcmp(arg, "--coverage") == 0 && strcmp(o->command, "test") == 0) {
            o->coverage = 1;
        } else if (strcmp(arg, "--threshold") == 0 && strcmp(o->command, "test") == 0) {
            char *end;
            errno = 0;
            double p = strtod(val, &end);
            if (*end || end == val || errno || !(p >= 0 && p <= 100)) {
                *code = usage_error("--threshold needs a percentage from 0 to 100, not '%s'", val);
                return -1;
            }
            o->threshold = p;
            o->coverage = 1;
        } else if (strcmp(arg, "--undirected") == 0) {
            o->undirected = 1;
        } else if (strcmp(arg, "--format") == 0) {
            if (strcmp(val, "json") == 0) o->format = FMT_JSON;
            else if (strcmp(val, "text") == 0) o->format = FMT_TEXT;
            else { *code = usage_error("unknown format '%s' (use text or json)", val); return -1; }
        } else if (strcmp(arg, "--color") == 0 || strcmp(arg, "--colour") == 0) {
            color = val;
        } else if (strcmp(arg, "--at") == 0) {
            const char *why;
            if (date_parse(val, &o->at, &why) < 0) {
                fprintf(stderr, "treaty: invalid date '%s' for --at: %s\n", val, why);
                *code = EXIT_BAD;
                return -1;
            }
            o->has_at = 1;
        } else if (strcmp(arg, "-e") == 0 || strcmp(arg, "--eval") == 0) {
            vec_push(a, &o->queries, val);
        } else if (strcmp(arg, "--max-errors") == 0) {
            char *end;
            long n = strtol(val, &end, 10);
            if (*end || n < 1 || n > 100000) { *code = usage_error("--max-errors needs a number from 1 to 100000, not '%s'", val); return -1; }
            o->max_errors = (int)n;
        } else if (strcmp(arg, "--max-steps") == 0 || strcmp(arg, "--max-memory") == 0) {
            int steps = arg[6] == 's';
            long long lo = 1, hi = steps ? 1000000000000000LL : 1048576LL;   /* 10^15 steps, 1 TiB */
            char *end;
            errno = 0;
            long long n = strtoll(val, &end, 10);
            if (*end || end == val || errno || n < lo || n > hi) {
                fprintf(stderr, "treaty: %s needs a whole number from %lld to %lld, not '%s'\n", arg, lo, hi, val);
                fprintf(stderr, "Try 'treaty --help'.\n");
                *code = EXIT_BAD;
                return -1;
            }
            if (steps) o->limits.max_steps = n;
            else o->limits.max_scratch = (size_t)n << 20;
        } else if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0) {
            o->verbose = 1;
        } else {
            *code = usage_error("unknown option '%s'", arg);
            return -1;
        }
    }
    if (color_choice(color, 1, &o->color_out) < 0 || color_choice(color, 2, &o->color_err) < 0) {
        *code = usage_error("unknown colour choice '%s' (use auto, always or never)", color);
        return -1;
    }
    if (o->format != FMT_TEXT) o->color_out = 0;
    return 0;
}

static void init_diag(Diag *d, const Options *o)
{
    diag_init(d, o->format == FMT_JSON ? NULL : stderr, o->color_err);
    if (o->max_errors) d->max_errors = o->max_errors;
}

static void world_ctx(Ctx *c, const World *w, Diag *d, Arena *scratch, const Options *o)
{
    *c = ctx_make(w, NULL, o->has_at ? o->at : date_today(), d, scratch);
    c->limits = o->limits;
}

/* Set when answers could not be written: the errno of the failed write, or
 * -1 when it is not known (see close_output). */
static int output_error;

static void finish_output(Output *out)
{
    errno = 0;
    if (output_finish(out) < 0) output_error = errno ? errno : -1;
    output_free(out);
}

/* What every command does last: diagnostics into the output, the output
 * out, and everything freed. */
static int finish_command(Output *out, Diag *d, LoadResult *lr, int code)
{
    output_diagnostics(out, d);
    finish_output(out);
    load_result_free(lr);
    diag_free(d);
    return code;
}

static int cmd_check(Options *o)
{
    Diag d;
    init_diag(&d, o);
    Output *out = output_new(o->format, stdout, o->color_out, "check");
    LoadResult lr = load_world(o->files.items, o->files.n, &d);
    int code = EXIT_BAD;
    if (lr.world) {
        Arena scratch;
        arena_init(&scratch);
        Ctx c;
        world_ctx(&c, lr.world, &d, &scratch, o);
        Query q;
        memset(&q, 0, sizeof q);
        q.kind = Q_CHECK;
        q.text = "check";
        Result *r = query_run(&c, &q);
        output_result(out, lr.world, r);
        code = r->error ? EXIT_BAD : strcmp(r->verdict, "violated") == 0 ? EXIT_FAIL : EXIT_OK;
        arena_free(&scratch);
    }
    return finish_command(out, &d, &lr, code);
}

static int cmd_run(Options *o)
{
    Diag d;
    init_diag(&d, o);
    Output *out = output_new(o->format, stdout, o->color_out, "run");
    LoadResult lr = load_world(o->files.items, o->files.n, &d);
    RunStats st = { 0, 0, 0 };
    if (lr.world) {
        for (int i = 0; i < lr.world->scenarios.n; i++)
            scenario_run_at(lr.world, &lr.world->scenarios.items[i], out, &d, &st, o->has_at ? o->at : date_today(),
                              &o->limits);
        if (o->format == FMT_TEXT && !lr.world->scenarios.n) fprintf(stdout, "no scenarios to run\n");
        output_summary(out, st.passed, st.failed, -1, 0);
    }
    output_diagnostics(out, &d);
    finish_output(out);
    int code = !lr.world || st.errors ? EXIT_BAD : EXIT_OK;
    load_result_free(&lr);
    diag_free(&d);
    return code;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

enum { WALK_MAX_DEPTH = 32 };

/* A file or directory, known by device and inode whatever path leads to it. */
typedef struct Seen { dev_t dev; ino_t ino; const char *path; } Seen;
/* Open addressing; cap is 0 or a power of two, at most half full. */
typedef struct SeenSet { Seen *slots; size_t n, cap; } SeenSet;

static size_t seen_slot(const SeenSet *s, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)ino * 0xC2B2AE3D27D4EB4Fu);
    size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
    while (s->slots[i].path && (s->slots[i].dev != dev || s->slots[i].ino != ino)) i = (i + 1) & (s->cap - 1);
    return i;
}

/* The path under which this file was first seen; NULL the first time (it is
 * then recorded under `path`). */
static const char *seen_before(SeenSet *s, Arena *a, const struct stat *st, const char *path)
{
    if (2 * (s->n + 1) > s->cap) {
        SeenSet bigger = { NULL, 0, s->cap ? 2 * s->cap : 64 };
        bigger.slots = arena_alloc(a, bigger.cap * sizeof *bigger.slots);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i].path) bigger.slots[seen_slot(&bigger, s->slots[i].dev, s->slots[i].ino)] = s->slots[i];
        bigger.n = s->n;
        *s = bigger;
    }
    Seen *slot = &s->slots[seen_slot(s, st->st_dev, st->st_ino)];
    if (slot->path) return slot->path;
    *slot = (Seen){ st->st_dev, st->st_ino, path };
    s->n++;
    return NULL;
}

/* The walk over the files and directories named: every directory is read
 * once and every file listed once, whatever path leads to it (a symbolic
 * link, a hard link, a name given twice), so a link loop cannot make the walk
 * endless.  What is skipped is said on standard error, which keeps JSON
 * output on standard output whole. */
typedef struct Walk {
    Arena *a;
    PathList *out;
    SeenSet dirs, files;
    Seen chain[WALK_MAX_DEPTH + 1];    /* the directories being read, outermost first */
    int depth;
} Walk;

static void skipping(const char *path, const char *why, ...) __attribute__((format(printf, 2, 3)));
static void skipping(const char *path, const char *why, ...)
{
    va_list ap;
    va_start(ap, why);
    fprintf(stderr, "treaty: skipping %s: ", path);
    vfprintf(stderr, why, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void add_file(Walk *wk, const char *path, const struct stat *st)
{
    const char *first = seen_before(&wk->files, wk->a, st, path);
    if (first) skipping(path, "the same file as %s, already listed", first);
    else vec_push(wk->a, wk->out, path);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Every .treaty file under dir, in name order, appended to the walk.
 * Returns how many .treaty names it holds (those skipped included), or -1
 * when it is not read (said on standard error). */
static int walk_dir(Walk *wk, const char *dir, const struct stat *st)
{
    for (int i = 0; i < wk->depth; i++)
        if (wk->chain[i].dev == st->st_dev && wk->chain[i].ino == st->st_ino) {
            skipping(dir, "it leads back to %s (a symbolic link loop)", wk->chain[i].path);
            return -1;
        }
    const char *first = seen_before(&wk->dirs, wk->a, st, dir);
    if (first) { skipping(dir, "the same directory as %s, already read", first); return -1; }
    if (wk->depth > WALK_MAX_DEPTH) {
        skipping(dir, "directories nested more than %d deep", WALK_MAX_DEPTH);
        return -1;
    }
    DIR *dp = opendir(dir);
    if (!dp) { skipping(dir, "%s", strerror(errno)); return -1; }
    VEC(char *) names = { 0 };
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (de->d_name[0] == '.') continue;
        vec_push(wk->a, &names, arena_printf(wk->a, "%s/%s", dir, de->d_name));
    }
    closedir(dp);
    if (names.n) qsort(names.items, (size_t)names.n, sizeof *names.items, cmp_str);
    wk->chain[wk->depth++] = (Seen){ st->st_dev, st->st_ino, dir };
    int sources = 0;
    for (int i = 0; i < names.n; i++) {
        struct stat est;
        int is_source = has_suffix(names.items[i], ".treaty");
        sources += is_source;
        if (stat(names.items[i], &est) != 0) {
            if (is_source) skipping(names.items[i], "%s", strerror(errno));   /* a dangling link */
            continue;
        }
        if (S_ISDIR(est.st_mode)) {
            int under = walk_dir(wk, names.items[i], &est);
            sources += under > 0 ? under : 0;
        } else if (is_source)
            add_file(wk, names.items[i], &est);
    }
    wk->depth--;
    return sources;
}

/* The files named, with each directory replaced by the .treaty files under
 * it; each file once.  A name that cannot be read stays, for the loader to
 * report. */
static PathList expand_files(const Options *o, Arena *a)
{
    PathList files = { 0 };
    Walk wk;
    memset(&wk, 0, sizeof wk);
    wk.a = a;
    wk.out = &files;
    for (int i = 0; i < o->files.n; i++) {
        const char *path = o->files.items[i];
        struct stat st;
        if (stat(path, &st) != 0) vec_push(a, &files, path);
        else if (S_ISDIR(st.st_mode)) {
            if (walk_dir(&wk, path, &st) == 0) fprintf(stderr, "treaty: warning: no .treaty file in the directory %s\n", path);
        } else
            add_file(&wk, path, &st);
    }
    return files;
}

/* treaty test --run PATTERN: the scenarios run and those left out. */
typedef struct RunFilter {
    regex_t re;
    int active;
    int scenarios, filtered;
} RunFilter;

/* Compiles --run's pattern; -1 after saying why it is not a pattern. */
static int filter_init(RunFilter *f, const char *pattern)
{
    memset(f, 0, sizeof *f);
    if (!pattern) return 0;
    int rc = regcomp(&f->re, pattern, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[256];
        regerror(rc, &f->re, why, sizeof why);
        fprintf(stderr, "treaty: --run '%s' is not a regular expression: %s\n", pattern, why);
        return -1;
    }
    f->active = 1;
    return 0;
}

static int filter_admits(RunFilter *f, const Scenario *s)
{
    f->scenarios++;
    if (!f->active || regexec(&f->re, s->title, 0, NULL, 0) == 0) return 1;
    f->filtered++;
    return 0;
}

static int cmd_test(Options *o, Arena *a)
{
    if (o->coverage && o->format == FMT_JUNIT)
        return usage_error("%s", "--coverage goes with --format text or json (a JUnit report has no place for it)");
    RunFilter filter;
    if (filter_init(&filter, o->run_pattern) < 0) return EXIT_BAD;
    PathList files = expand_files(o, a);
    Diag d;
    init_diag(&d, o);
    Output *out = output_new(o->format, stdout, o->color_out, "test");
    output_verbose(out, o->verbose);
    RunStats st = { 0, 0, 0 };
    int bad = 0;
    Coverage cv;
    coverage_init(&cv);
    for (int f = 0; f < files.n; f++) {
        const char *one[1] = { files.items[f] };
        int before = d.errors;
        output_file_begin(out, files.items[f]);
        LoadResult lr = load_world(one, 1, &d);
        if (!lr.world) {
            bad = 1;
            output_file_unloaded(out);
        } else {
            CoverWorld cw;
            if (o->coverage) coverage_world_begin(&cv, &cw, lr.world);
            for (int i = 0; i < lr.world->scenarios.n; i++) {
                const Scenario *s = &lr.world->scenarios.items[i];
                if (!filter_admits(&filter, s)) { output_scenario_skipped(out, s); continue; }
                scenario_run_covered(lr.world, s, out, &d, &st, o->has_at ? o->at : date_today(), &o->limits,
                                     o->coverage ? &cw : NULL);
            }
            if (o->coverage) coverage_world_end(&cv, &cw);
        }
        if (d.errors > before && lr.world) bad = 1;
        /* diagnostics point into this world's sources: emit them before it goes */
        output_diagnostics(out, &d);
        diag_clear(&d);
        load_result_free(&lr);
    }
    output_summary(out, st.passed, st.failed, filter.active ? filter.filtered : -1, filter.scenarios);
    int below = 0;
    if (o->coverage) {
        coverage_report(&cv);
        output_coverage(out, &cv);
        below = o->threshold > 0 && coverage_percent(cv.touched, cv.total) < o->threshold;
    }
    output_diagnostics(out, &d);
    finish_output(out);
    diag_free(&d);
    int nothing_matched = filter.active && filter.filtered == filter.scenarios;
    if (nothing_matched)      /* a misspelt pattern must not pass for a green run */
        fprintf(stderr, "treaty: --run '%s' matches no scenario title (the files hold %d scenario%s)\n",
                o->run_pattern, filter.scenarios, filter.scenarios == 1 ? "" : "s");
    if (filter.active) regfree(&filter.re);
    if (below)
        fprintf(stderr, "treaty: coverage %.1f%% is below --threshold %g\n", coverage_percent(cv.touched, cv.total),
                o->threshold);
    coverage_free(&cv);
    return bad || st.errors || nothing_matched ? EXIT_BAD : st.failed || below ? EXIT_FAIL : EXIT_OK;
}

/* ---- query -f: many queries, one answer line each (batch.c) ---- */

/* treaty query FILE... -f QUERIES: one query per line ('-': standard
 * input); each is parsed, answered and printed, then its memory is freed,
 * so memory stays flat however many lines there are. */
static int cmd_batch(Options *o)
{
    FILE *in = strcmp(o->batch, "-") == 0 ? stdin : fopen(o->batch, "r");
    if (!in) {
        fprintf(stderr, "treaty: cannot read '%s': %s\n", o->batch, strerror(errno));
        return EXIT_BAD;
    }
    const char *name = in == stdin ? "<stdin>" : o->batch;
    Diag d;
    init_diag(&d, o);
    LoadResult lr = load_world(o->files.items, o->files.n, &d);
    int code = lr.world ? EXIT_OK : EXIT_BAD;
    Output *out = !o->batch_format && lr.world ? output_new(o->format, stdout, o->color_out, "query") : NULL;
    BatchOptions bo;
    memset(&bo, 0, sizeof bo);
    bo.format = !o->batch_format ? BATCH_TEXT : strcmp(o->batch_format, "jsonl") == 0 ? BATCH_JSONL : BATCH_TSV;
    bo.reasons = !o->reasons || strcmp(o->reasons, "all") == 0 ? REASONS_ALL
               : strcmp(o->reasons, "decisive") == 0      ? REASONS_DECISIVE
                                                           : REASONS_NONE;
    bo.date = o->has_at ? o->at : date_today();
    bo.limits = o->limits;
    bo.out = stdout;
    bo.text = out;
    bo.diag_to = o->format == FMT_JSON ? NULL : stderr;
    bo.diag_color = o->color_err;
    bo.max_errors = o->max_errors;
    Arena scratch;
    arena_init(&scratch);
    bo.scratch = &scratch;
    bo.scanner = scanner_keep();           /* NULL (out of memory): one per line */
    ReasonTexts texts;                     /* an obligation's text made once, not for every answer */
    reason_texts_init(&texts);
    bo.texts = &texts;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    while (lr.world && (len = getline(&line, &cap, in)) >= 0) {
        if (batch_line(lr.world, &bo, name, ++lineno, line, (size_t)len, &d)) code = EXIT_BAD;
        if (ferror(stdout)) break;
    }
    free(line);
    arena_free(&scratch);
    reason_texts_free(&texts);
    scanner_drop(bo.scanner);
    if (in != stdin) fclose(in);
    if (out) {
        output_diagnostics(out, &d);
        finish_output(out);
    }
    load_result_free(&lr);
    diag_free(&d);
    return code;
}

static int cmd_query(Options *o)
{
    if (o->batch) return cmd_batch(o);
    if (o->batch_format || o->reasons)
        return usage_error("%s", "--format tsv|jsonl and --reasons go with -f QUERIES");
    if (!o->queries.n) return usage_error("%s", "query needs -e QUERY or -f QUERIES");
    Diag d;
    init_diag(&d, o);
    Output *out = output_new(o->format, stdout, o->color_out, "query");
    LoadResult lr = load_world(o->files.items, o->files.n, &d);
    int code = EXIT_BAD;
    if (lr.world) {
        World *w = lr.world;
        Arena scratch;
        arena_init(&scratch);
        code = EXIT_OK;
        for (int i = 0; i < o->queries.n && !d.stopped; i++) {   /* past the error limit, stop */
            const char *text = o->queries.items[i];
            Source *src = source_new(&w->arena, "<query>", text, strlen(text));
            src->query_index = i + 1;        /* JSON diagnostics say which -e they belong to */
            int before = d.errors;
            Program *p = parse_source(src, PARSE_QUERY, &w->arena, &w->names, &d);
            if (!p || d.errors > before) { code = EXIT_BAD; continue; }
            /* names met for the first time in the query need index room */
            resolve_world_index(w);
            for (int k = 0; k < p->queries.n && !d.stopped; k++) {
                if (resolve_query(w, p->queries.items[k], &d)) { code = EXIT_BAD; continue; }
                Ctx c;
                world_ctx(&c, w, &d, &scratch, o);
                Result *r = query_run(&c, p->queries.items[k]);
                if (r->error) code = EXIT_BAD;
                output_result(out, w, r);
            }
        }
        arena_free(&scratch);
    }
    return finish_command(out, &d, &lr, code);
}

/* The what-if layer of an export: `--suppose TEXT` and the statements of
 * `--suppositions FILE` (`suppose ...;` and `at DATE;`, as the REPL reads
 * them), resolved against the world.  Returns -1 after reporting an error. */
static int read_layer(const Options *o, World *w, Diag *d, Overlay *ov)
{
    Date at = o->has_at ? o->at : date_today();
    for (int pass = 0; pass < 2; pass++) {
        int n = pass ? o->suppose.n : o->layers.n;
        for (int i = 0; i < n; i++) {
            const char *text, *name;
            size_t len;
            char *owned = NULL;
            if (pass) {
                text = owned = arena_printf(&w->arena, "suppose %s;", o->suppose.items[i]);
                len = strlen(text);
                name = "<suppose>";
            } else {
                name = o->layers.items[i];
                const char *why = NULL;
                owned = read_file(name, &len, &why);
                if (!owned) {
                    fprintf(stderr, "treaty: cannot read '%s': %s\n", name, why ? why : strerror(errno));
                    return -1;
                }
                text = arena_strndup(&w->arena, owned, len);
                free(owned);
            }
            Source *src = source_new(&w->arena, name, text, len);
            int before = d->errors;
            Program *p = parse_source(src, PARSE_REPL, &w->arena, &w->names, d);
            if (!p || d->errors > before) return -1;
            resolve_world_index(w);
            for (int k = 0; k < p->repl.n; k++) {
                const ReplItem *it = &p->repl.items[k];
                if (it->kind == RI_SCEN && it->item->kind == SI_AT) { at = it->item->date; continue; }
                if (it->kind != RI_SCEN || it->item->kind != SI_SUPPOSE) {
                    diag_error(d, it->loc, "a layer of an export holds suppositions and 'at DATE;' only");
                    return -1;
                }
                if (resolve_supposition(w, &it->item->sup, d)) return -1;
                overlay_push(ov, supp_from_ast(w, &it->item->sup, at));
            }
        }
    }
    return 0;
}

/* treaty export dyad-years FILE|DIR... (export.c, docs/atop.md) */
static int cmd_export(Options *o, Arena *a)
{
    if (strcmp(o->files.items[0], "dyad-years") != 0)
        return usage_error("export knows one table, dyad-years, not '%s'", o->files.items[0]);
    o->files.items++;
    o->files.n--;
    if (!o->files.n) return usage_error("%s", "export dyad-years needs at least one file");
    if (o->from && o->to && o->from > o->to) return usage_error("%s", "--from comes after --to");
    PathList files = expand_files(o, a);
    Diag d;
    init_diag(&d, o);
    LoadResult lr = load_world(files.items, files.n, &d);
    int code = EXIT_BAD;
    if (lr.world) {
        ExportOptions eo = { o->from ? o->from : 1816, o->to ? o->to : 2016, o->on_month, o->on_day, o->undirected,
                             !o->export_format || strcmp(o->export_format, "csv") == 0 ? EXPORT_CSV
                             : strcmp(o->export_format, "tsv") == 0                    ? EXPORT_TSV
                                                                                       : EXPORT_JSON };
        Overlay ov;
        overlay_init(&ov);
        if (read_layer(o, lr.world, &d, &ov) == 0) {
            errno = 0;
            if (export_dyad_years(lr.world, ov.n ? &ov : NULL, &eo, stdout) < 0) output_error = errno ? errno : -1;
            else code = EXIT_OK;
        }
        overlay_free(&ov);
    }
    load_result_free(&lr);
    diag_free(&d);
    return code;
}

/* treaty graph FILE|DIR... and treaty timeline ORG FILE|DIR... (picture.c) */
static int cmd_picture(Options *o, Arena *a, int timeline)
{
    const char *org_name = NULL;
    if (timeline) {
        org_name = o->files.items[0];
        o->files.items++;
        o->files.n--;
        if (!o->files.n) return usage_error("%s", "timeline needs an organisation and at least one file");
        if (o->from && o->to && o->from >= o->to) return usage_error("%s", "--from must come before --to");
    }
    PathList files = expand_files(o, a);
    Diag d;
    init_diag(&d, o);
    LoadResult lr = load_world(files.items, files.n, &d);
    int code = EXIT_BAD;
    if (lr.world) {
        int rc = 0;
        errno = 0;
        if (!timeline) rc = picture_graph(lr.world, o->has_at ? o->at : date_today(), o->all_kinds, stdout);
        else {
            EntId org = world_find_name(lr.world, org_name);
            if (!org || ent(lr.world, org)->kind != ENT_ORG) {
                fprintf(stderr, "treaty: '%s' is not an organisation of these files\n", org_name);
                rc = -3;
            } else
                rc = picture_timeline(lr.world, org, o->from, o->to, stdout);
            if (rc == -2) fprintf(stderr, "treaty: '%s' has more than 2000 members: too many for a timeline\n", org_name);
        }
        if (rc == -1) output_error = errno ? errno : -1;
        else if (rc == 0) code = EXIT_OK;
    }
    load_result_free(&lr);
    diag_free(&d);
    return code;
}

/* ---- treaty fmt (format.c) ---- */

typedef struct FmtOptions { bool write, check, diff; int color; } FmtOptions;

/* All of standard input, or NULL after saying why not. */
static char *read_stdin(size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
        n += got;
        if (n > LOAD_MAX_FILE_BYTES) {
            fprintf(stderr, "treaty: <stdin>: the input is larger than the limit of 16 MiB\n");
            free(buf);
            return NULL;
        }
        if (n + 1 == cap) buf = xrealloc(buf, cap *= 2);
    }
    if (ferror(stdin)) { fprintf(stderr, "treaty: cannot read standard input\n"); free(buf); return NULL; }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* One file: 0 unchanged, 1 changed, 2 bad input or a failed write.  Its
 * text and diagnostics live in an arena of its own, freed when it is done,
 * so that a directory of any size takes the memory of its largest file. */
static int fmt_one(const char *path, const FmtOptions *fo)
{
    bool from_stdin = strcmp(path, "-") == 0;
    const char *name = from_stdin ? "<stdin>" : path, *why = NULL;
    size_t len = 0;
    char *text = from_stdin ? read_stdin(&len) : read_file(path, &len, &why);
    if (!text) {
        if (!from_stdin) fprintf(stderr, "treaty: cannot read '%s': %s\n", path, why ? why : strerror(errno));
        return EXIT_BAD;
    }
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, stderr, fo->color);
    FormatBuf out = { 0 };
    int code = EXIT_BAD;
    if (format_text(&a, name, text, len, &out, &d)) {
        bool changed = out.len != len || memcmp(out.text, text, len) != 0;
        code = changed ? EXIT_FAIL : EXIT_OK;
        if (fo->check && changed) printf("%s\n", name);
        if (fo->diff && format_diff(stdout, name, text, len, out.text, out.len) < 0) output_error = -1;
        if (!fo->write && !fo->check && !fo->diff && fwrite(out.text, 1, out.len, stdout) != out.len)
            output_error = -1;
        if (fo->write && changed && (why = format_replace_file(&a, path, out.text, out.len)) != NULL) {
            fprintf(stderr, "treaty: cannot write '%s': %s\n", path, why);
            code = EXIT_BAD;
        }
    }
    format_buf_free(&out);
    diag_free(&d);
    arena_free(&a);
    free(text);
    return code;
}

static int cmd_fmt(int argc, char **argv, Arena *a)
{
    Options o;
    memset(&o, 0, sizeof o);
    FmtOptions fo = { false, false, false, 0 };
    bool rest = false;                 /* after "--": names only */
    const char *color = "auto";        /* of the error messages */
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (!rest && strcmp(arg, "--") == 0) rest = true;
        else if (rest || arg[0] != '-' || arg[1] == '\0') vec_push(a, &o.files, arg);
        else if (strcmp(arg, "-w") == 0 || strcmp(arg, "--write") == 0) fo.write = true;
        else if (strcmp(arg, "--check") == 0) fo.check = true;
        else if (strcmp(arg, "--diff") == 0) fo.diff = true;
        else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) { fputs(command_help("fmt"), stdout); return EXIT_OK; }
        else if (strncmp(arg, "--color=", 8) == 0 || strncmp(arg, "--colour=", 9) == 0) color = strchr(arg, '=') + 1;
        else if (strcmp(arg, "--color") == 0 || strcmp(arg, "--colour") == 0) {
            if (i + 1 >= argc) return usage_error("option '%s' needs a value", arg);
            color = argv[++i];
        } else return usage_error("unknown option '%s'", arg);
    }
    if (!o.files.n) return usage_error("%s", "fmt needs at least one file");
    if (fo.write && (fo.check || fo.diff)) return usage_error("%s", "fmt -w rewrites files: it goes with neither --check nor --diff");
    for (int i = 0; i < o.files.n; i++)
        if (fo.write && strcmp(o.files.items[i], "-") == 0) return usage_error("%s", "fmt -w cannot rewrite standard input");
    if (color_choice(color, 2, &fo.color) < 0)
        return usage_error("unknown colour choice '%s' (use auto, always or never)", color);
    PathList files = expand_files(&o, a);
    int worst = EXIT_OK;
    for (int i = 0; i < files.n; i++) {
        int code = fmt_one(files.items[i], &fo);
        if (code == EXIT_BAD || (code == EXIT_FAIL && (fo.check || fo.diff) && worst == EXIT_OK)) worst = code;
    }
    return worst;
}

static int run(int argc, char **argv)
{
    json_set_alloc_funcs(xmalloc, free);     /* out of memory is one error, everywhere */
    if (argc < 2) { fputs(usage_main, stderr); return EXIT_BAD; }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) { fputs(usage_main, stdout); return EXIT_OK; }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) { printf("treaty %s\n", TREATY_VERSION); return EXIT_OK; }
    if (strcmp(cmd, "help") == 0) {
        const char *h = argc > 2 ? command_help(argv[2]) : NULL;
        fputs(h ? h : usage_main, stdout);
        return EXIT_OK;
    }
    if (!command_help(cmd)) return usage_error("unknown command '%s'", cmd);
    Arena a;
    arena_init(&a);
    if (strcmp(cmd, "fmt") == 0) {
        int code = cmd_fmt(argc, argv, &a);
        arena_free(&a);
        return code;
    }
    Options o;
    memset(&o, 0, sizeof o);
    o.command = cmd;
    int code = EXIT_OK;
    if (parse_args(argc, argv, &o, &a, &code) < 0) { arena_free(&a); return code; }
    if (strcmp(cmd, "repl") == 0) {
        PathList files = expand_files(&o, &a);
        code = repl_main(files.items, files.n, o.format, o.color_out, o.has_at ? o.at : date_today(), o.limits,
                         &output_error);
        arena_free(&a);
        return code;
    }
    if (strcmp(cmd, "lsp") == 0) {
        arena_free(&a);
        if (o.files.n) return usage_error("%s takes no files: the editor sends them", cmd);
        return lsp_serve(stdin, stdout, o.has_at ? o.at : date_today());
    }
    if (!o.files.n) { arena_free(&a); return usage_error("%s needs at least one file", cmd); }
    if (strcmp(cmd, "check") == 0 || strcmp(cmd, "run") == 0 || strcmp(cmd, "query") == 0)
        o.files = expand_files(&o, &a);     /* a directory: its .treaty files, as one world */
    if (strcmp(cmd, "check") == 0) code = cmd_check(&o);
    else if (strcmp(cmd, "run") == 0) code = cmd_run(&o);
    else if (strcmp(cmd, "test") == 0) code = cmd_test(&o, &a);
    else if (strcmp(cmd, "export") == 0) code = cmd_export(&o, &a);
    else if (strcmp(cmd, "graph") == 0) code = cmd_picture(&o, &a, 0);
    else if (strcmp(cmd, "timeline") == 0) code = cmd_picture(&o, &a, 1);
    else code = cmd_query(&o);
    arena_free(&a);
    return code;
}

/* Answers that were not written are a failure, not a success: the last flush
 * and close of standard output are checked (as gnulib's close_stdout does),
 * so `treaty ... > /dev/full`, a full disk or a closed pipe (with SIGPIPE
 * ignored) say so and exit 2.  A failure of standard error cannot be said,
 * but it still changes the exit status. */
static int close_output(int code)
{
    int err = output_error;
    if (!err && ferror(stdout)) err = -1;
    errno = 0;
    if (fclose(stdout) != 0 && err <= 0) err = errno ? errno : -1;
    if (err) {
        if (err > 0) fprintf(stderr, "treaty: error writing output: %s\n", strerror(err));
        else fprintf(stderr, "treaty: error writing output\n");
        code = EXIT_BAD;
    }
    if (ferror(stderr) || fclose(stderr) != 0) code = EXIT_BAD;
    return code;
}

int main(int argc, char **argv)
{
    return close_output(run(argc, argv));
}
