/* bench.c — load and query throughput, memory and scaling on generated worlds.
 *
 *   build/bench [STATES] [ORGS] [MEMBERS_PER_ORG] [QUERIES]
 *   build/bench memory [NAMES] [RECORDS]
 *   build/bench scaling [SMALL] [LARGE]
 *   build/bench hints [SMALL] [LARGE]
 *   build/bench obligations [SMALL] [LARGE]
 *   build/bench power [N ...]
 *   build/bench atop [K ...]
 *
 * Throughput: generates a world of STATES states and ORGS organisations
 * (every tenth a military alliance with collective defence and exclusivity,
 * every org with a consensus rule and an admission block), each with
 * MEMBERS_PER_ORG members over two date intervals, then times loading it and
 * answering QUERIES queries of each kind at random dates.
 *
 * Memory: loads generated worlds in child processes and reads each child's
 * peak resident size (ru_maxrss from wait4), minus that of a child that only
 * generates the same text: bytes per declared name and per membership record
 * (a record is one holder in one `member` clause), with many names per
 * statement and with one per statement.
 *
 * Scaling: one organisation of SMALL members, then of LARGE members, and the
 * time of the queries whose answer grows with it; the ratio of the two times
 * shows linear (about LARGE/SMALL) or n log n (a little more) growth.
 *
 * Obligations: a world of SMALL, then LARGE obligations between other
 * parties, and a party X owed the same few obligations in both; the time of
 * `who must defend X`, `obligations of X` and `obligations to X` must not grow with the
 * obligations that do not involve X (the indexes by beneficiary and by
 * obliged party).
 *
 * Power: organisations of N members (15, 27 and 40 by default), each with
 * a population in hundredths (as the EU Council's shares are given) and the
 * EU's double majority with a blocking minority, or nine-tenths of the
 * Security Council's rule (a count and five vetoes); the time of `power in
 * O` (both indices, the counts of minimal coalitions and the first 20 of
 * each), against the 2^N coalitions that enumeration would visit.
 *
 * ATOP: the ATOP world (examples/atop, run from the project's root) and K
 * disjoint copies of it (1, 10 and 100 by default; 100 takes about 30 s and
 * 1.3 GB): every name of copy k
 * gets the suffix _k and every COW code 10000 (k - 1) more.  For each size:
 * the source's size and the time to load it (parse and resolve), `export
 * dyad-years` over 1816-2016 written to /dev/null (load included, as the
 * command does it), `who must defend` for every COW state of the first
 * copy on July 1st of every year (43,617 queries, reasons and all), and the
 * peak memory of a child that loads the world and exports it (getrusage),
 * per membership record and obligation.
 *
 * Prints one line per measurement; nothing here is a pass/fail test. */
#define _DEFAULT_SOURCE                /* wait4 */
#include "treaty.h"
#include "batch.h"
#include "export.h"
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned rng = 12345u;
static unsigned next_rand(void) { rng = rng * 1103515245u + 12345u; return (rng >> 8) & 0xFFFFFFu; }

typedef struct Buf { char *s; size_t n, cap; } Buf;
static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void put(Buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if (k >= 0 && (size_t)k < b->cap - b->n) { b->n += (size_t)k; return; }
        b->cap = b->cap ? b->cap * 2 : 1 << 20;
        b->s = xrealloc(b->s, b->cap);
    }
}

static Query *parse_query(World *w, const char *text, Diag *d)
{
    Source *src = source_new(&w->arena, "<bench>", text, strlen(text));
    Program *p = parse_source(src, PARSE_QUERY, &w->arena, &w->names, d);
    resolve_world_index(w);
    if (!p || d->errors || !p->queries.n || resolve_query(w, p->queries.items[0], d)) {
        fprintf(stderr, "bench: bad query %s\n", text);
        exit(2);
    }
    return p->queries.items[0];
}

/* ---------------------------------------------------------------- memory */

typedef enum { W_NAMES_LIST, W_NAMES_EACH, W_STATES_ORG, W_RECORDS_LIST, W_RECORDS_EACH } WorldShape;

/* n states declared 1,000 to a statement, as S0, S1, ... */
static void put_states(Buf *b, int n)
{
    for (int i = 0; i < n; i += 1000) {
        put(b, "state ");
        for (int j = i; j < n && j < i + 1000; j++) put(b, "%sS%d", j > i ? ", " : "", j);
        put(b, ";\n");
    }
}

/* `member S0, S1, ... since 1950;` clauses of 1,000 holders for S0 .. S(n-1). */
static void put_members(Buf *b, int n)
{
    for (int i = 0; i < n; i += 1000) {
        put(b, "  member ");
        for (int j = i; j < n && j < i + 1000; j++) put(b, "%sS%d", j > i ? ", " : "", j);
        put(b, " since 1950;\n");
    }
}

static void generate(Buf *b, WorldShape shape, int n)
{
    switch (shape) {
    case W_NAMES_LIST: put_states(b, n); break;
    case W_NAMES_EACH: for (int i = 0; i < n; i++) put(b, "state S%d;\n", i); break;
    case W_STATES_ORG: put_states(b, n); put(b, "organisation O {\n}\n"); break;
    case W_RECORDS_LIST:
        put_states(b, n);
        put(b, "organisation O {\n");
        put_members(b, n);
        put(b, "}\n");
        break;
    case W_RECORDS_EACH:
        put_states(b, n);
        put(b, "organisation O {\n");
        for (int i = 0; i < n; i++) put(b, "  member S%d since 1950;\n", i);
        put(b, "}\n");
        break;
    }
}

/* Peak resident kilobytes of a child that generates the world and, if
 * `load`, loads it. */
static long child_peak_kb(WorldShape shape, int n, int load)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) { perror("bench: fork"); exit(2); }
    if (pid == 0) {
        Buf b = { 0 };
        generate(&b, shape, n);
        if (load) {
            Diag d;
            diag_init(&d, stderr, 0);
            LoadResult lr = load_world_text("<generated>", b.s, b.n, &d);
            _exit(lr.world ? 0 : 1);
        }
        _exit(b.n > 0 ? 0 : 1);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: a memory child failed\n");
        exit(2);
    }
    return ru.ru_maxrss;                /* kilobytes on Linux */
}

/* Bytes that loading adds, per unit of n. */
static double load_bytes(WorldShape shape, int n)
{
    return (double)(child_peak_kb(shape, n, 1) - child_peak_kb(shape, n, 0)) * 1024.0;
}

static int bench_memory(int names, int records)
{
    printf("memory (peak resident size of a child that loads, minus one that only generates the text)\n");
    double list = load_bytes(W_NAMES_LIST, names), each = load_bytes(W_NAMES_EACH, names);
    printf("  %d names, 1,000 per statement:   %6.0f bytes per declared name\n", names, list / names);
    printf("  %d names, one per statement:     %6.0f bytes per declared name\n", names, each / names);
    double base = load_bytes(W_STATES_ORG, records);
    double rlist = load_bytes(W_RECORDS_LIST, records), reach = load_bytes(W_RECORDS_EACH, records);
    printf("  %d records, 1,000 per clause:   %6.0f bytes per membership record\n", records, (rlist - base) / records);
    printf("  %d records, one per clause:     %6.0f bytes per membership record\n", records, (reach - base) / records);
    return 0;
}

/* ---------------------------------------------------------------- scaling */

/* One organisation of n members (half of them with a declared share), an
 * organisation of the kind it excludes, and n / 1000 supposed attacks
 * between members. */
static World *scaling_world(int n, Buf *b, Diag *d)
{
    b->n = 0;
    put_states(b, n);
    put(b, "organisation O {\n  kind alliance;\n  decides by weighted by budget;\n"
           "  principle collective_defence;\n  principle non_aggression;\n  principle exclusive bloc;\n"
           "  budget 10 million EUR {");
    for (int i = 0; i < n; i += 2) put(b, " S%d %.6g%%;", i, 50.0 / n);
    put(b, " }\n");
    put_members(b, n);
    put(b, "}\norganisation K { kind bloc; member S1, S2, S3; }\n");
    LoadResult lr = load_world_text("<generated>", b->s, b->n, d);
    if (!lr.world) { fprintf(stderr, "bench: the scaling world failed to load\n"); exit(2); }
    return lr.world;
}

static const char *const scaling_queries[] = {
    "who must defend S999", "members of O", "organisations of S5",
    "does O adopt \"m\" with objections from S1, S2", "violations",
};
enum { SCALING_QUERIES = 5 };

/* The best of several runs of one query under the suppositions `ov`, in
 * seconds: the machine may be shared, and the fastest run is the one least
 * disturbed.  `budget`: seconds of runs to take at most. */
static double best_time(World *w, Diag *d, const char *text, const Overlay *ov, double budget)
{
    Query *q = parse_query(w, text, d);
    double best = 1e30, spent = 0;
    for (int rep = -1; rep < 2000 && (rep < 5 || spent < budget); rep++) {    /* rep -1 warms up */
        Arena scratch;
        arena_init(&scratch);
        Ctx c = ctx_make(w, ov, 20200101, d, &scratch);
        double t0 = now();
        Result *r = query_run(&c, q);
        double t1 = now();
        if (r->error) { fprintf(stderr, "bench: %s failed\n", text); exit(2); }
        if (rep >= 0 && t1 - t0 < best) best = t1 - t0;
        spent += rep >= 0 ? t1 - t0 : 0;
        arena_free(&scratch);
    }
    return best;
}

/* Each scaling query, under one supposed attack per thousand members. */
static void time_queries(World *w, Diag *d, int n, double *out)
{
    Overlay ov;
    overlay_init(&ov);
    for (int i = 0; i + 1 < n && i < n / 1000 * 2; i += 2) {
        Supp s;
        memset(&s, 0, sizeof s);
        s.kind = SUP_ATTACK;
        char a[16], v[16];
        snprintf(a, sizeof a, "S%d", i);
        snprintf(v, sizeof v, "S%d", i + 1);
        s.a = world_find_name(w, a);
        s.b = world_find_name(w, v);
        overlay_push(&ov, s);
    }
    for (int k = 0; k < SCALING_QUERIES; k++) out[k] = best_time(w, d, scaling_queries[k], &ov, 0.5);
    overlay_free(&ov);
}

static int bench_scaling(int small, int large)
{
    /* keep freed memory in the process between runs: the runs then time
     * the queries, not the system handing pages back and forth */
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    Buf b = { 0 };
    Diag d;
    diag_init(&d, stderr, 0);
    d.max_errors = 5;
    double t[2][SCALING_QUERIES];
    int sizes[2] = { small, large };
    for (int s = 0; s < 2; s++) {
        double l0 = now();
        World *w = scaling_world(sizes[s], &b, &d);
        printf("scaling: an organisation of %d members loads in %.2f s\n", sizes[s], now() - l0);
        time_queries(w, &d, sizes[s], t[s]);
        world_free(w);
    }
    printf("%-46s %11d %13d   ratio\n", "query (n members, n/1000 supposed attacks)", small, large);
    for (int k = 0; k < SCALING_QUERIES; k++)
        printf("%-46s %10.1f us %10.1f us %6.1f\n", scaling_queries[k], t[0][k] * 1e6, t[1][k] * 1e6,
               t[0][k] > 0 ? t[1][k] / t[0][k] : 0.0);
    printf("(members x %.0f: a linear query takes about %.0f times as long, n log n a little more)\n",
           (double)large / small, (double)large / small);
    diag_free(&d);
    free(b.s);
    return 0;
}

/* Hints: a world of n states and 2,000 unknown names, checked with the
 * default cap of 20 errors.  The time must not grow with n times the
 * unknown names: the resolver stops at the cap, and each hint searches a
 * bounded set of names. */
static int bench_hints(int small, int large)
{
    int sizes[2] = { small, large };
    double t[2];
    for (int s = 0; s < 2; s++) {
        Buf b = { 0 };
        put(&b, "state");
        for (int i = 0; i < sizes[s]; i++) put(&b, "%s S%d", i ? "," : "", i);
        put(&b, ";\norganisation O {\n");
        for (int i = 0; i < 2000; i++) put(&b, "  member Unknown%d since 2000;\n", i);
        put(&b, "}\n");
        Diag d;
        diag_init(&d, NULL, 0);
        double t0 = now();
        LoadResult lr = load_world_text("hints.treaty", b.s, b.n, &d);
        t[s] = now() - t0;
        printf("hints: %d states, 2000 unknown names: %d errors reported, %.3f s\n", sizes[s], d.errors, t[s]);
        load_result_free(&lr);
        diag_free(&d);
        free(b.s);
    }
    printf("hints: ratio %.1f for %.0f times the states (the load itself is linear)\n", t[1] / t[0],
           (double)large / small);
    return 0;
}

/* n obligations of defence inside one organisation of n / 10 members, each
 * between two of them (every pair once), a tenth of them suspended and half
 * of them limited to an area that includes every member (through a second
 * area), plus an organisation whose members owe X defence through its
 * principle and five obligations naming X, two of them suspended and two
 * with conditions (an area, and a named adversary unless provoked). */
static World *obligations_world(int n, Buf *b, Diag *d)
{
    int m = n / 10 > 20 ? n / 10 : 20;
    b->n = 0;
    put_states(b, m);
    put(b, "state X, T0, T1, T2, T3, T4, T5, T6, T7, T8, T9;\narea Zone {\n");
    for (int i = 0; i < m; i += 1000) {
        put(b, "  includes ");
        for (int j = i; j < m && j < i + 1000; j++) put(b, "%sS%d", j > i ? ", " : "", j);
        put(b, ";\n");
    }
    put(b, "}\narea Wide { includes Zone, X; }\norganisation O {\n");
    put_members(b, m);
    for (int k = 0; k < n; k++) {
        int a = k % m, off = k / m + 1;
        put(b, "  S%d owes defence to S%d%s;\n", a, (a + off) % m, k % 2 ? " in Zone" : "");
        if (k % 10 == 0) put(b, "  S%d suspends defence to S%d since 2001;\n", a, (a + off) % m);
    }
    put(b, "}\norganisation PX { member X, T0, T1, T2, T3, T4, T5, T6, T7, T8, T9; principle collective_defence;\n");
    for (int k = 0; k < 5; k++)
        put(b, "  T%d owes defence to X since 2000%s;\n", k,
            k == 1 ? " in Wide" : k == 2 ? " against S1, S2 unless provoked" : "");
    put(b, "  T0 suspends defence to X since 2001;\n  T9 suspends defence to X since 2001;\n}\n");
    LoadResult lr = load_world_text("<generated>", b->s, b->n, d);
    if (!lr.world) { fprintf(stderr, "bench: the obligations world failed to load\n"); exit(2); }
    return lr.world;
}

static int bench_obligations(int small, int large)
{
    Buf b = { 0 };
    Diag d;
    diag_init(&d, stderr, 0);
    d.max_errors = 5;
    static const char *const queries[] = { "who must defend X", "who must defend X (attacked in X)",
                                           "who must defend S1", "obligations of T0", "obligations of S1",
                                           "obligations to X", "compare obligations of T0 at 2000 and 2002",
                                           "compare obligations of S1 and S2" };
    enum { NQ = sizeof queries / sizeof queries[0] };
    double t[2][NQ];
    int sizes[2] = { small, large };
    for (int s = 0; s < 2; s++) {
        double l0 = now();
        World *w = obligations_world(sizes[s], &b, &d);
        printf("obligations: %d obligations (%d in all, %d suspensions) load in %.2f s\n", sizes[s], w->obls.n,
               w->susps.n, now() - l0);
        /* the second query is the first under `suppose attack by S1 on X in X` */
        Overlay attacked;
        overlay_init(&attacked);
        Supp at;
        memset(&at, 0, sizeof at);
        at.kind = SUP_ATTACK;
        at.a = world_find_name(w, "S1");
        at.b = at.place = world_find_name(w, "X");
        at.provoked = -1;
        overlay_push(&attacked, at);
        for (int k = 0; k < NQ; k++)
            t[s][k] = k == 1 ? best_time(w, &d, "who must defend X", &attacked, 0.3)
                             : best_time(w, &d, queries[k], NULL, 0.3);
        overlay_free(&attacked);
        world_free(w);
    }
    printf("%-46s %11d %13d   ratio\n", "query (obligations in the world)", small, large);
    for (int k = 0; k < NQ; k++)
        printf("%-46s %10.1f us %10.1f us %6.1f\n", queries[k], t[0][k] * 1e6, t[1][k] * 1e6,
               t[0][k] > 0 ? t[1][k] / t[0][k] : 0.0);
    printf("(X is owed 6 obligations and 2 suspensions in both worlds, two with conditions left open; S1 about 20 "
           "and 2, half of them in an area; T0 owes 2 (one suspended), S1 about 10: the time must not grow with the "
           "world)\n");
    diag_free(&d);
    free(b.s);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    const char *why = NULL;
    char *text = read_file(path, len, &why);
    if (!text) { fprintf(stderr, "bench: cannot read %s: %s (run from the project's root)\n", path, why ? why : ""); exit(2); }
    return text;
}

/* Copy k (from 1) of a text of the ATOP world: names suffixed, codes
 * shifted; strings, comments and keywords (lower case) as they are. */
static void atop_copy(Buf *b, const char *text, size_t len, int k)
{
    int after_ccode = 0;
    for (size_t i = 0; i < len;) {
        char ch = text[i];
        if (ch == '#') { size_t j = i; while (j < len && text[j] != '\n') j++; put(b, "%.*s", (int)(j - i), text + i); i = j; continue; }
        if (ch == '"') {
            size_t j = i + 1;
            while (j < len && text[j] != '"') j++;
            put(b, "%.*s", (int)(j + 1 - i), text + i);
            i = j + 1;
            continue;
        }
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_') {
            size_t j = i;
            while (j < len && (text[j] == '_' || (text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= 'a' && text[j] <= 'z') ||
                               (text[j] >= '0' && text[j] <= '9')))
                j++;
            int upper = ch >= 'A' && ch <= 'Z';
            put(b, "%.*s", (int)(j - i), text + i);
            if (upper && k > 1) put(b, "_%d", k);
            after_ccode = j - i == 5 && strncmp(text + i, "ccode", 5) == 0;
            i = j;
            continue;
        }
        if (ch >= '0' && ch <= '9' && after_ccode) {
            long code = strtol(text + i, NULL, 10);
            while (i < len && text[i] >= '0' && text[i] <= '9') i++;
            put(b, "%ld", code + 10000L * (k - 1));
            after_ccode = 0;
            continue;
        }
        if (ch != ' ') after_ccode = 0;
        put(b, "%c", ch);
        i++;
    }
}

static void atop_world_text(Buf *b, int copies)
{
    size_t ls, la;
    char *states = slurp("examples/atop/states.treaty", &ls), *alliances = slurp("examples/atop/alliances.treaty", &la);
    /* the import line goes: the copies are one text */
    char *imp = strstr(alliances, "import \"states.treaty\";");
    if (imp) memset(imp, ' ', strlen("import \"states.treaty\";"));
    b->n = 0;
    for (int k = 1; k <= copies; k++) {
        atop_copy(b, states, ls, k);
        atop_copy(b, alliances, la, k);
    }
    free(states);
    free(alliances);
}

/* Resident memory now, in KB (/proc/self/statm), or -1. */
static long resident_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = -1;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
        fclose(f);
    }
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* In a child of its own: the text of the world built, then loaded and
 * exported; the peak resident memory beyond what the process held once the
 * text was built (KB), through a pipe. */
static long atop_child_growth_kb(int copies)
{
    fflush(stdout);
    int fd[2];
    if (pipe(fd) != 0) { perror("bench: pipe"); exit(2); }
    pid_t pid = fork();
    if (pid < 0) { perror("bench: fork"); exit(2); }
    if (pid == 0) {
        close(fd[0]);
        Buf b = { 0 };
        atop_world_text(&b, copies);
        malloc_trim(0);
        long before = resident_kb();
        Diag d;
        diag_init(&d, stderr, 0);
        LoadResult lr = load_world_text("<atop>", b.s, b.n, &d);
        FILE *null = fopen("/dev/null", "w");
        ExportOptions eo = { 1816, 2016, 0, 0, 0, EXPORT_CSV };
        long rows = lr.world && null ? export_dyad_years(lr.world, NULL, &eo, null) : -1;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        long growth = before >= 0 && rows >= 0 ? ru.ru_maxrss - before : -1;
        _exit(write(fd[1], &growth, sizeof growth) == (ssize_t)sizeof growth && growth >= 0 ? 0 : 1);
    }
    close(fd[1]);
    long growth = -1;
    if (read(fd[0], &growth, sizeof growth) != (ssize_t)sizeof growth) growth = -1;
    close(fd[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || growth < 0) {
        fprintf(stderr, "bench: an ATOP child failed\n");
        exit(2);
    }
    return growth;
}

static int bench_atop(int argc, char **argv)
{
    static const int defaults[] = { 1, 10, 100 };
    int nsizes = argc > 2 ? argc - 2 : 3;
    printf("%-6s %9s %9s %10s %12s %11s %12s %10s %10s %13s %10s\n", "copies", "MB", "load", "MB/s", "export+load",
           "rows", "rows/s", "defend/s", "batch/s", "records+obls", "bytes each");
    double prev_export = 0;
    for (int s = 0; s < nsizes; s++) {
        int k = argc > 2 ? atoi(argv[2 + s]) : defaults[s];
        if (k < 1 || k > 1000) { fprintf(stderr, "bench: atop takes 1 to 1000 copies\n"); return 2; }
        Buf b = { 0 };
        atop_world_text(&b, k);
        Diag d;
        diag_init(&d, stderr, 0);
        double t0 = now();
        LoadResult lr = load_world_text("<atop>", b.s, b.n, &d);
        double load = now() - t0;
        if (!lr.world) { fprintf(stderr, "bench: the ATOP world did not load\n"); return 2; }
        World *w = lr.world;
        FILE *null = fopen("/dev/null", "w");
        ExportOptions eo = { 1816, 2016, 0, 0, 0, EXPORT_CSV };
        t0 = now();
        long rows = export_dyad_years(w, NULL, &eo, null);
        double export = now() - t0 + load;
        fclose(null);
        /* who must defend: every COW state of copy 1, July 1st of every year */
        Arena scratch;
        arena_init(&scratch);
        int nq = 0;
        double spent = 0;
        for (EntId e = 1; e < (EntId)w->ents.n; e++) {
            if (w->ents.items[e].kind != ENT_STATE || strchr(ent_name(w, e), '_')) continue;
            char text[64];
            snprintf(text, sizeof text, "who must defend %s", ent_name(w, e));
            Query *q = parse_query(w, text, &d);
            for (int y = 1816; y <= 2016; y++) {
                Ctx c = ctx_make(w, NULL, (Date)y * 10000 + 701, &d, &scratch);
                double q0 = now();
                Result *r = query_run(&c, q);
                spent += now() - q0;
                if (r->error) { fprintf(stderr, "bench: %s failed\n", text); return 2; }
                arena_free(&scratch);       /* each answer forgotten, as `query -f` does */
                arena_init(&scratch);
                nq++;
            }
        }
        arena_free(&scratch);
        /* the same questions as lines of `treaty query -f - --format tsv --reasons none`: parsed, answered
         * tersely and printed (to /dev/null) */
        BatchOptions bo;
        memset(&bo, 0, sizeof bo);
        bo.format = BATCH_TSV;
        bo.reasons = REASONS_NONE;
        bo.date = date_today();
        bo.out = fopen("/dev/null", "w");
        bo.diag_to = stderr;
        Arena line_scratch;
        arena_init(&line_scratch);
        bo.scratch = &line_scratch;
        bo.scanner = scanner_keep();
        if (!bo.out) { perror("bench: /dev/null"); return 2; }
        long nb = 0, bad = 0;
        double batch = 0;
        for (EntId e = 1; e < (EntId)w->ents.n; e++) {
            if (w->ents.items[e].kind != ENT_STATE || strchr(ent_name(w, e), '_')) continue;
            for (int y = 1816; y <= 2016; y++) {
                char line[96];
                int len = snprintf(line, sizeof line, "who must defend %s at %d-07-01\n", ent_name(w, e), y);
                double q0 = now();
                bad += batch_line(w, &bo, "<bench>", ++nb, line, (size_t)len, &d);
                batch += now() - q0;
            }
        }
        fclose(bo.out);
        arena_free(&line_scratch);
        scanner_drop(bo.scanner);
        if (bad) { fprintf(stderr, "bench: %ld batch lines failed\n", bad); return 2; }
        long records = w->mems.n + w->obls.n;
        load_result_free(&lr);
        diag_free(&d);
        size_t mb = b.n;
        free(b.s);
        long growth = atop_child_growth_kb(k);
        printf("%-6d %9.1f %8.3fs %10.1f %11.3fs %11ld %12.0f %10.0f %10.0f %13ld %10.0f\n", k, mb / 1e6, load,
               mb / 1e6 / load, export, rows, rows / export, nq / spent, nb / batch, records,
               (double)growth * 1024.0 / (double)records);
        if (prev_export > 0) printf("       (export+load %.1f times the size before)\n", export / prev_export);
        prev_export = export;
    }
    printf("(export+load: treaty export dyad-years 1816-2016 to /dev/null, load included; defend/s: who must defend\n"
           " for every COW state of the first copy on July 1st of every year, each answer with its reasons;\n"
           " batch/s: the same questions as lines of query -f --format tsv --reasons none, parsed and printed;\n"
           " bytes each: peak resident memory of loading and exporting, beyond the text, per membership record and obligation)\n");
    return 0;
}

static int bench_power(int argc, char **argv)
{
    static const int defaults[] = { 15, 27, 40 };
    int nsizes = argc > 2 ? argc - 2 : 3;
    printf("%-8s %-12s %-14s %12s %12s\n", "members", "total weight", "coalitions", "weighted", "vetoes");
    for (int s = 0; s < nsizes; s++) {
        int n = argc > 2 ? atoi(argv[2 + s]) : defaults[s];
        if (n < 5 || n > 60) { fprintf(stderr, "bench: power takes 5 to 60 members\n"); return 2; }
        Buf b = { 0 };
        long total = 0;
        for (int i = 0; i < n; i++) {
            long w = 1 + (long)(next_rand() % 2000);      /* 0.01 to 20.00 */
            total += w;
            put(&b, "state S%d { measure population %ld.%02ld; }\n", i, w / 100, w % 100);
        }
        put(&b, "organisation Union {\n  member");
        for (int i = 0; i < n; i++) put(&b, "%s S%d", i ? "," : "", i);
        put(&b, ";\n  decides by { at least 55%% of members; at least 65%% of population; "
                "blocking minority at least 4 members; };\n}\norganisation Council {\n  member");
        for (int i = 0; i < n; i++) put(&b, "%s S%d", i ? "," : "", i);
        put(&b, ";\n  decides by { at least %d members; veto by S0, S1, S2, S3, S4; };\n}\n", (n * 9 + 14) / 15);
        Diag d;
        diag_init(&d, stderr, 0);
        LoadResult lr = load_world_text("<generated>", b.s, b.n, &d);
        if (!lr.world) { fprintf(stderr, "bench: the power world failed to load\n"); return 2; }
        double tw = best_time(lr.world, &d, "power in Union", NULL, 1.0);
        double tv = best_time(lr.world, &d, "power in Council", NULL, 1.0);
        printf("%-8d %-12ld 2^%-12d %9.2f ms %9.2f ms\n", n, total, n, tw * 1e3, tv * 1e3);
        load_result_free(&lr);
        diag_free(&d);
        free(b.s);
    }
    printf("(weighted: 55%% of members, 65%% of the population, a blocking minority of 4; vetoes: 3/5 of the "
           "members and 5 vetoes; time grows as members^2 x total weight, not as 2^members)\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "obligations") == 0)
        return bench_obligations(argc > 2 ? atoi(argv[2]) : 10000, argc > 3 ? atoi(argv[3]) : 100000);
    if (argc > 1 && strcmp(argv[1], "hints") == 0)
        return bench_hints(argc > 2 ? atoi(argv[2]) : 10000, argc > 3 ? atoi(argv[3]) : 100000);
    if (argc > 1 && strcmp(argv[1], "memory") == 0)
        return bench_memory(argc > 2 ? atoi(argv[2]) : 1000000, argc > 3 ? atoi(argv[3]) : 200000);
    if (argc > 1 && strcmp(argv[1], "power") == 0) return bench_power(argc, argv);
    if (argc > 1 && strcmp(argv[1], "atop") == 0) return bench_atop(argc, argv);
    if (argc > 1 && strcmp(argv[1], "scaling") == 0)
        return bench_scaling(argc > 2 ? atoi(argv[2]) : 20000, argc > 3 ? atoi(argv[3]) : 200000);
    int states = argc > 1 ? atoi(argv[1]) : 2000;
    int orgs = argc > 2 ? atoi(argv[2]) : 745;
    int per = argc > 3 ? atoi(argv[3]) : 12;
    int nq = argc > 4 ? atoi(argv[4]) : 200000;
    Buf b = { 0 };
    for (int i = 0; i < states; i++)
        put(&b, "state S%d { region \"R%d\"; borders S%d; }\n", i, i % 20, (i + 1) % states == i ? 0 : (i + 1) % states);
    for (int o = 0; o < orgs; o++) {
        int military = o % 10 == 0;
        put(&b, "organisation O%d {\n  kind %s;\n  founded 1815;\n  decides by consensus;\n", o,
            military ? "military_alliance" : "forum");
        if (military) put(&b, "  principle collective_defence;\n  principle exclusive military_alliance;\n");
        int used[64] = { 0 };
        int n = per > 64 ? 64 : per;
        for (int k = 0; k < n; k++) {
            int s;
            int dup;
            do {
                s = (int)(next_rand() % (unsigned)states);
                dup = 0;
                for (int j = 0; j < k; j++) if (used[j] == s) dup = 1;
            } while (dup);
            used[k] = s;
            int y0 = 1815 + (int)(next_rand() % 150);
            put(&b, "  member S%d from %d until %d;\n  member S%d since %d;\n", s, y0, y0 + 20, s, y0 + 40);
        }
        put(&b, "  admission { require applicant is state; require not member_of(applicant, kind military_alliance); "
                "require consent of members; }\n}\n");
    }
    Diag d;
    diag_init(&d, stderr, 0);
    d.max_errors = 5;
    double t0 = now();
    LoadResult lr = load_world_text("<generated>", b.s, b.n, &d);
    double t1 = now();
    if (!lr.world) { fprintf(stderr, "bench: generated world failed to load\n"); return 2; }
    World *w = lr.world;
    printf("world: %d states, %d organisations, %d membership records, %.1f MB of source\n", states, orgs,
           w->mems.n, (double)b.n / 1e6);
    printf("load (parse + resolve + checks): %.3f s\n", t1 - t0);

    const char *kinds[] = { "can S%d join O%d", "who must defend S%d", "members of O%d", "organisations of S%d",
                            "does O%d adopt \"m\" with objections from S%d" };
    Arena scratch;
    arena_init(&scratch);
    for (int k = 0; k < 5; k++) {
        /* a pool of parsed queries, so that we time answering, not parsing */
        enum { POOL = 256 };
        Query *pool[POOL];
        for (int i = 0; i < POOL; i++) {
            char text[128];
            int s = (int)(next_rand() % (unsigned)states), o = (int)(next_rand() % (unsigned)orgs);
            if (k == 0) snprintf(text, sizeof text, kinds[k], s, o);
            else if (k == 1 || k == 3) snprintf(text, sizeof text, kinds[k], s);
            else if (k == 2) snprintf(text, sizeof text, kinds[k], o);
            else snprintf(text, sizeof text, kinds[k], o, s);
            pool[i] = parse_query(w, text, &d);
        }
        Ctx c = ctx_make(w, NULL, DATE_NONE, &d, &scratch);
        double q0 = now();
        long answers = 0;
        for (int i = 0; i < nq; i++) {
            c.date = (1815 + (int)(next_rand() % 200)) * 10000 + 101;
            Result *r = query_run(&c, pool[i % POOL]);
            answers += r->reasons.n;
            if ((i & 1023) == 1023) { arena_free(&scratch); arena_init(&scratch); }
        }
        double q1 = now();
        char label[64];
        snprintf(label, sizeof label, kinds[k], 0, 0);
        printf("%-45s %9.0f queries/s  (%.2f us each, %ld reasons)\n", label, nq / (q1 - q0),
               (q1 - q0) / nq * 1e6, answers);
    }
    /* What-if layers: adding one costs what it changes, and a query pays only
     * for the layers it consults, whatever the size of the world. */
    {
        Query *q = parse_query(w, "can S1 join O1", &d);
        Overlay ov;
        overlay_init(&ov);
        int depths[] = { 0, 1, 10, 100 };
        for (int k = 0; k < 4; k++) {
            double a0 = now();
            while (ov.n < depths[k]) {
                Supp sp;
                memset(&sp, 0, sizeof sp);
                sp.kind = SUP_JOIN;
                sp.a = world_find_name(w, "S2");
                sp.b = (EntId)(world_find_name(w, "O0") + (EntId)ov.n);
                sp.role = ROLE_MEMBER;
                overlay_push(&ov, sp);
            }
            double a1 = now();
            Ctx c;
            memset(&c, 0, sizeof c);
            c.w = w;
            c.ov = &ov;
            c.diag = &d;
            c.scratch = &scratch;
            c.date = 19500101;
            int n = nq / 4;
            double q0 = now();
            for (int i = 0; i < n; i++) {
                query_run(&c, q);
                if ((i & 1023) == 1023) { arena_free(&scratch); arena_init(&scratch); }
            }
            double q1 = now();
            printf("with %3d layer%s: adding them %.2f us; can S1 join O1 %9.0f queries/s\n", depths[k],
                   depths[k] == 1 ? " " : "s", (a1 - a0) * 1e6, n / (q1 - q0));
        }
        overlay_free(&ov);
    }
    Ctx c;
    memset(&c, 0, sizeof c);
    c.w = w;
    c.diag = &d;
    c.scratch = &scratch;
    c.date = 19500101;
    double c0 = now();
    Query q;
    memset(&q, 0, sizeof q);
    q.kind = Q_CHECK;
    q.text = "check";
    Result *r = query_run(&c, &q);
    double c1 = now();
    printf("check (whole world, exclusivity + constraints): %.3f s, %d reasons\n", c1 - c0, r->reasons.n);
    arena_free(&scratch);
    load_result_free(&lr);
    diag_free(&d);
    free(b.s);
    return 0;
}
