/* arena.h — bump allocator that owns everything a loaded world holds.
 *
 * Ownership rule of the whole interpreter: every AST node, interned name and
 * model record lives in an Arena and is freed in one call, arena_free().
 * Nothing inside an arena is freed on its own.  What-if layers use an arena of
 * their own, so a scenario's suppositions vanish with it. */
#ifndef TREATY_ARENA_H
#define TREATY_ARENA_H
#include <setjmp.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;          /* shared blocks, newest first */
    ArenaBlock *big;           /* blocks of one large allocation each */
    size_t used_total;
} Arena;

void  arena_init(Arena *a);
void *arena_alloc(Arena *a, size_t n);             /* zeroed, max-aligned */
void *arena_alloc_bytes(Arena *a, size_t n);       /* zeroed, unaligned: text */
/* A larger copy of `old` (zeroed past oldn).  `old` must be the last result
 * of arena_alloc or arena_grow for it, with size oldn, and is dead after the
 * call: it may have been resized where it is. */
void *arena_grow(Arena *a, void *old, size_t oldn, size_t newn);
char *arena_strndup(Arena *a, const char *s, size_t n);
/* n bytes, not zeroed, for a text written whole at once (never grown). */
char *arena_text_room(Arena *a, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The strings given, up to a NULL, joined into one: for the texts built
 * once per answer, where printf's parsing of a format would cost more than
 * the copying. */
char *arena_join(Arena *a, ...) __attribute__((sentinel));
/* The n strings of parts joined into one: for a text of many pieces,
 * measured once and copied once. */
char *arena_join_list(Arena *a, const char *const *parts, int n);
/* Makes the current block hold at least n more bytes (a new block when it
 * has not the room; what the old one has left is not used again): a
 * loader that knows how much a source will need takes it as one block,
 * with a few page faults instead of one for every 4 KiB.  Only advice:
 * when the memory cannot be had, nothing changes. */
void  arena_reserve(Arena *a, size_t n);
void  arena_free(Arena *a);
/* Everything in the arena freed, but its newest shared block kept for what
 * comes next: an arena used and emptied over and over (one per line of a
 * batch) does not go back to malloc, nor to fresh pages, each time. */
void  arena_reset(Arena *a);

/* A growable array of pointers or small structs living in an arena.  It
 * starts with room for one item (most lists in a source hold one name) and
 * doubles.  A VEC copied by value must not be pushed to afterwards through
 * the old copy: growing may resize the items in place. */
#define VEC(T) struct { T *items; int n, cap; }
#define vec_push(arena, v, x) do {                                         \
        if ((v)->n == (v)->cap) {                                          \
            int nc_ = (v)->cap ? (v)->cap * 2 : 1;                         \
            (v)->items = arena_grow((arena), (v)->items,                   \
                (size_t)(v)->cap * sizeof *(v)->items,                     \
                (size_t)nc_ * sizeof *(v)->items);                         \
            (v)->cap = nc_;                                                \
        }                                                                  \
        (v)->items[(v)->n++] = (x);                                        \
    } while (0)

/* Makes room for at least n items in all (when the count is known ahead). */
#define vec_reserve(arena, v, count) do {                                  \
        if ((count) > (v)->cap) {                                          \
            (v)->items = arena_grow((arena), (v)->items,                   \
                (size_t)(v)->cap * sizeof *(v)->items,                     \
                (size_t)(count) * sizeof *(v)->items);                     \
            (v)->cap = (count);                                            \
        }                                                                  \
    } while (0)

/* Out of memory.  Every allocation of the interpreter goes through these
 * (jansson's too, see cli.c).  When one fails, the innermost jump point set
 * with oom_catch() gets control; with none, the program says "treaty: out
 * of memory" and exits with status 2.  A jump point lets the REPL abandon
 * one statement and go on, and the loader free a half-built world: code
 * that catches must only touch state that is consistent at every
 * allocation (the arena, the interner and the vectors are). */
typedef struct OomJump { jmp_buf env; struct OomJump *prev; } OomJump;
/* Use as:  OomJump j; if (oom_catch(&j, setjmp(j.env))) { recover; }  ...  oom_release(&j); */
int   oom_catch(OomJump *j, int jumped);
void  oom_release(OomJump *j);
/* Passes the failure on: to the enclosing jump point, or exit(2). */
_Noreturn void oom_fail(void);
void *xmalloc(size_t n);
char *xstrdup(const char *s);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
#endif
