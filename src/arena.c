/* arena.c — chunked bump allocator (see arena.h for the ownership rule).
 *
 * Small allocations are bumped out of shared blocks (64 KiB, doubling up
 * to 4 MiB; those of 2 MiB and more on huge pages).  Large ones
 * (above ARENA_BIG) get a block of their own, kept on a doubly linked list,
 * so that growing a large vector is one realloc() — usually a remap, never a
 * copy left behind.  A small vector that is the newest allocation of its
 * block grows in place.  So a vector pushed one item at a time costs its
 * final capacity plus at most ARENA_BIG of abandoned small copies. */
#define _DEFAULT_SOURCE 1        /* madvise() and MADV_HUGEPAGE (Linux) */
#include "arena.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct ArenaBlock {
    ArenaBlock *next, *prev;   /* prev: only for the list of large blocks */
    size_t size, used;
    max_align_t data[];
};

/* Shared blocks start at ARENA_BLOCK and double up to ARENA_BLOCK_MAX; the
 * large ones are aligned to HUGE_PAGE and asked for huge pages (below). */
enum { ARENA_BLOCK = 64 * 1024, ARENA_BLOCK_MAX = 4 * 1024 * 1024, ARENA_BIG = ARENA_BLOCK / 4 };
#define HUGE_PAGE ((size_t)2 * 1024 * 1024)
#define ALIGN (_Alignof(max_align_t))   /* 16 on x86-64: sizeof(max_align_t) is 32 */

/* Under AddressSanitizer every allocation gets a block of its own, of its
 * exact size, and a grown allocation is copied and its old block freed.  A
 * shared block would hide a read one element past an array (the next bytes
 * belong to the same block, and are zero), and a vector grown in place would
 * hide a stale copy of it: this way `make sanitize` sees both. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EXACT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EXACT 1
#endif
#endif
#ifndef ARENA_EXACT
#define ARENA_EXACT 0
#endif

/* A block's header sits just before the memory it hands out.  Under
 * AddressSanitizer it is closed to the program between the allocator's own
 * uses, so that a read just before an array is caught as well. */
#if ARENA_EXACT
#include <sanitizer/asan_interface.h>
#define HEADER_OPEN(b)  ASAN_UNPOISON_MEMORY_REGION((b), offsetof(ArenaBlock, data))
#define HEADER_CLOSE(b) ASAN_POISON_MEMORY_REGION((b), offsetof(ArenaBlock, data))
#else
#define HEADER_OPEN(b)  ((void)0)
#define HEADER_CLOSE(b) ((void)0)
#endif

static size_t round_up(size_t n)
{
    if (n > SIZE_MAX - ALIGN) oom_fail();
    return (n + ALIGN - 1) / ALIGN * ALIGN;
}

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

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
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

void arena_init(Arena *a) { a->head = NULL; a->big = NULL; a->used_total = 0; }

/* A block of its own for one large allocation (n is already rounded, except
 * under ARENA_EXACT). */
static void *big_alloc(Arena *a, size_t n)
{
    if (n > SIZE_MAX - sizeof(ArenaBlock)) oom_fail();
    ArenaBlock *b = xcalloc(1, sizeof *b + n);      /* fresh pages come zeroed: no memset */
    b->size = b->used = n;
    b->prev = NULL;
    b->next = a->big;
    if (a->big) { HEADER_OPEN(a->big); a->big->prev = b; HEADER_CLOSE(a->big); }
    a->big = b;
    a->used_total += n;
    HEADER_CLOSE(b);
    return b->data;
}

static ArenaBlock *big_block_of(void *p) { return (ArenaBlock *)((char *)p - offsetof(ArenaBlock, data)); }

/* A shared block of `size` bytes of room.  One of HUGE_PAGE or more is
 * aligned to it and asked for transparent huge pages: a world of 50 MB is
 * then filled with two dozen page faults where 4 KB pages cost thousands
 * (the load of the tenfold ATOP world spends a third of its time in them). */
static ArenaBlock *try_new_block(size_t size)
{
    ArenaBlock *b;
    if (size < HUGE_PAGE) {
        b = malloc(sizeof *b + size);
        if (!b) return NULL;
    } else {                                   /* its header counts in the huge pages it spans */
        b = aligned_alloc(HUGE_PAGE, size);
        if (!b) return NULL;
#ifdef MADV_HUGEPAGE
        (void)madvise(b, size, MADV_HUGEPAGE);  /* advice only: without it, plain pages */
#endif
        size -= sizeof *b;
    }
    b->size = size;
    return b;
}

static ArenaBlock *new_block(size_t size)
{
    ArenaBlock *b = try_new_block(size);
    if (!b) oom_fail();
    return b;
}

/* A fresh shared block for n bytes that the current one has no room for,
 * twice the size of the one before (a power of two); out of line, so that
 * the common path of bump() stays a few instructions. */
static __attribute__((noinline)) void *bump_new_block(Arena *a, size_t n)
{
    ArenaBlock *b = a->head;
    size_t next = ARENA_BLOCK;
    while (b && next <= b->size + sizeof *b && next < ARENA_BLOCK_MAX) next *= 2;
    b = new_block(next);
    b->used = n;
    b->prev = NULL;
    b->next = a->head;
    a->head = b;
    a->used_total += n;
    return b->data;
}

/* Bumps n bytes at the given alignment (1 or ALIGN, a power of two) out of
 * the current block, not zeroed: a copy or a text written over them at once
 * needs no memset first (bump_zeroed() is for the others). */
static inline void *bump(Arena *a, size_t n, size_t align)
{
    ArenaBlock *b = a->head;
    if (b) {
        size_t at = (b->used + align - 1) & ~(align - 1);
        if (at <= b->size && b->size - at >= n) {
            b->used = at + n;
            a->used_total += n;
            return (char *)b->data + at;
        }
    }
    return bump_new_block(a, n);
}

static void *bump_zeroed(Arena *a, size_t n, size_t align) { return memset(bump(a, n, align), 0, n); }

void arena_reserve(Arena *a, size_t n)
{
    if (ARENA_EXACT) return;
    ArenaBlock *b = a->head;
    if (b && b->size - b->used >= n) return;
    size_t size = ARENA_BLOCK;
    while (size < n + sizeof *b && size <= SIZE_MAX / 4) size *= 2;
    b = try_new_block(size);              /* 2 MiB or more: on huge pages */
    if (!b) return;                       /* only advice: the blocks come one by one, as without it */
    b->used = 0;
    b->prev = NULL;
    b->next = a->head;
    a->head = b;
}

void *arena_alloc(Arena *a, size_t n)
{
    if (ARENA_EXACT) return big_alloc(a, n ? n : 1);
    n = n ? round_up(n) : ALIGN;
    return n > ARENA_BIG ? big_alloc(a, n) : bump_zeroed(a, n, ALIGN);
}

void *arena_grow(Arena *a, void *old, size_t oldn, size_t newn)
{
    if (!old || !oldn) return arena_alloc(a, newn);
    if (ARENA_EXACT) {
        if (newn <= oldn) return old;
        void *p = big_alloc(a, newn);
        memcpy(p, old, oldn);
        ArenaBlock *b = big_block_of(old);
        HEADER_OPEN(b);
        if (b->prev) { HEADER_OPEN(b->prev); b->prev->next = b->next; HEADER_CLOSE(b->prev); }
        else a->big = b->next;
        if (b->next) { HEADER_OPEN(b->next); b->next->prev = b->prev; HEADER_CLOSE(b->next); }
        a->used_total -= b->size;
        free(b);
        return p;
    }
    size_t ro = round_up(oldn), rn = round_up(newn);
    if (rn <= ro) return old;
    if (ro > ARENA_BIG) {               /* a block of its own: resize it */
        ArenaBlock *b = big_block_of(old);
        ArenaBlock *prev = b->prev, *next = b->next;
        if (rn > SIZE_MAX - sizeof *b) oom_fail();
        b = xrealloc(b, sizeof *b + rn);
        if (prev) prev->next = b; else a->big = b;
        if (next) next->prev = b;
        memset((char *)b->data + ro, 0, rn - ro);
        a->used_total += rn - b->size;
        b->size = b->used = rn;
        return b->data;
    }
    ArenaBlock *h = a->head;
    if (rn <= ARENA_BIG && h && (char *)old + ro == (char *)h->data + h->used && h->size - h->used >= rn - ro) {
        memset((char *)old + ro, 0, rn - ro);  /* the newest allocation grows where it is */
        h->used += rn - ro;
        a->used_total += rn - ro;
        return old;
    }
    void *p = rn > ARENA_BIG ? big_alloc(a, rn) : bump(a, rn, ALIGN);
    memcpy(p, old, oldn);
    memset((char *)p + oldn, 0, rn - oldn);
    if (h && (char *)old + ro == (char *)h->data + h->used) {   /* it moved to a block of its own: */
        h->used -= ro;                                          /* give back its old place */
        a->used_total -= ro;
    }
    return p;
}

/* n bytes for a text written whole at once: not zeroed first.  A text is
 * never grown, so even a large one goes in the current block when it has
 * the room (a source after arena_reserve()), with no block of its own. */
static char *text_room(Arena *a, size_t n)
{
    if (ARENA_EXACT) return big_alloc(a, n);
    if (n <= ARENA_BIG || (a->head && a->head->size - a->head->used >= n)) return bump(a, n, 1);
    return big_alloc(a, round_up(n));
}

char *arena_text_room(Arena *a, size_t n) { return text_room(a, n ? n : 1); }

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = text_room(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

/* Formats straight into the room left in the current block when the text
 * fits there (nearly always: one pass of vsnprintf, not two); otherwise
 * measures it and allocates what it needs. */
char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    ArenaBlock *h = a->head;
    if (!ARENA_EXACT && h && h->used < h->size) {
        char *room = (char *)h->data + h->used;
        size_t left = h->size - h->used;
        va_start(ap, fmt);
        int n = vsnprintf(room, left, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < left) {
            h->used += (size_t)n + 1;
            a->used_total += (size_t)n + 1;
            return room;
        }
    }
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = text_room(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

char *arena_join(Arena *a, ...)
{
    enum { KEPT = 16 };                   /* the parts of nearly every call, on the stack */
    const char *kept[KEPT], **parts = kept;
    va_list ap;
    int n = 0;
    va_start(ap, a);
    while (va_arg(ap, const char *) != NULL) n++;
    va_end(ap);
    if (n > KEPT) parts = arena_alloc(a, (size_t)n * sizeof *parts);     /* rare: more parts than that */
    va_start(ap, a);
    for (int i = 0; i < n; i++) parts[i] = va_arg(ap, const char *);
    va_end(ap);
    return arena_join_list(a, parts, n);
}

char *arena_join_list(Arena *a, const char *const *parts, int n)
{
    enum { KEPT = 16 };                   /* the lengths of the first parts, measured once */
    size_t lens[KEPT];
    size_t len = 1;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(parts[i]);
        if (i < KEPT) lens[i] = k;
        len += k;
    }
    char *s = text_room(a, len), *end = s;
    for (int i = 0; i < n; i++) {
        size_t k = i < KEPT ? lens[i] : strlen(parts[i]);
        memcpy(end, parts[i], k);
        end += k;
    }
    *end = '\0';
    return s;
}

void *arena_alloc_bytes(Arena *a, size_t n)
{
    if (ARENA_EXACT) return big_alloc(a, n ? n : 1);
    return n > ARENA_BIG ? big_alloc(a, round_up(n)) : bump_zeroed(a, n ? n : 1, 1);
}

static void free_list(ArenaBlock *b)
{
    while (b) {
        HEADER_OPEN(b);
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
}

void arena_free(Arena *a)
{
    free_list(a->head);
    free_list(a->big);
    arena_init(a);
}

void arena_reset(Arena *a)
{
    ArenaBlock *keep = a->head;
    if (ARENA_EXACT || !keep) { arena_free(a); return; }
    free_list(keep->next);
    free_list(a->big);
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
    a->big = NULL;
    a->used_total = 0;
}
