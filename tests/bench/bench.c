/* bench.c — load and query throughput on a generated world.
 *
 *   build/bench [STATES] [ORGS] [MEMBERS_PER_ORG] [QUERIES]
 *
 * Generates a world of STATES states and ORGS organisations (every tenth a
 * military alliance with collective defence and exclusivity, every org with
 * a consensus rule and an admission block), each with MEMBERS_PER_ORG
 * members over two date intervals, then times loading it and answering
 * QUERIES queries of each kind at random dates.  Prints one line per
 * measurement; nothing here is a pass/fail test. */
#include "treaty.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

int main(int argc, char **argv)
{
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
        Ctx c;
        memset(&c, 0, sizeof c);
        c.w = w;
        c.diag = &d;
        c.scratch = &scratch;
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
