/* arena.c — chunked bump allocator (see arena.h for the ownership rule). */
#include "arena.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
    ArenaBlock *next;
    size_t size, used;
    max_align_t data[];
};

enum { ARENA_BLOCK = 64 * 1024 };

/* The innermost jump point of this thread (the one exception to "no global
 * state": allocation has no context to carry it). */
static _Thread_local OomJump *oom_top;

int oom_catch(OomJump *j, int jumped)
{
    if (jumped) return 1;            /* oom_fail() already unlinked it */
    j->prev = oom_top;
    oom_top = j;
    return 0;
}

void oom_release(OomJump *j) { oom_top = j->prev; }

_Noreturn void oom_fail(void)
{
    OomJump *j = oom_top;
    if (!j) {
        fputs("treaty: out of memory\n", stderr);
        exit(2);
    }
    oom_top = j->prev;
    longjmp(j->env, 1);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom_fail();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom_fail();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom_fail();
    return q;
}

void arena_init(Arena *a) { a->head = NULL; a->used_total = 0; }

void *arena_alloc(Arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    if (n > SIZE_MAX - align) oom_fail();
    n = (n + align - 1) / align * align;
    if (n == 0) n = align;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        if (size > SIZE_MAX - sizeof *b) oom_fail();
        b = xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->used_total += n;
    memset(p, 0, n);
    return p;
}

void *arena_grow(Arena *a, void *old, size_t oldn, size_t newn)
{
    void *p = arena_alloc(a, newn);
    if (old && oldn) memcpy(p, old, oldn < newn ? oldn : newn);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}
