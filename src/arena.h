/* arena.h — bump allocator that owns everything a loaded world holds.
 *
 * Ownership rule of the whole interpreter: every AST node, interned name and
 * model record lives in an Arena and is freed in one call, arena_free().
 * Nothing inside an arena is freed on its own.  What-if layers use an arena of
 * their own, so a scenario's suppositions vanish with it. */
#ifndef TREATY_ARENA_H
#define TREATY_ARENA_H
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
    size_t used_total;
} Arena;

void  arena_init(Arena *a);
void *arena_alloc(Arena *a, size_t n);             /* zeroed, max-aligned */
void *arena_grow(Arena *a, void *old, size_t oldn, size_t newn);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void  arena_free(Arena *a);

/* A growable array of pointers or small structs living in an arena. */
#define VEC(T) struct { T *items; int n, cap; }
#define vec_push(arena, v, x) do {                                         \
        if ((v)->n == (v)->cap) {                                          \
            int nc_ = (v)->cap ? (v)->cap * 2 : 4;                         \
            (v)->items = arena_grow((arena), (v)->items,                   \
                (size_t)(v)->cap * sizeof *(v)->items,                     \
                (size_t)nc_ * sizeof *(v)->items);                         \
            (v)->cap = nc_;                                                \
        }                                                                  \
        (v)->items[(v)->n++] = (x);                                        \
    } while (0)

/* Out of memory is not recoverable here: report and exit(2) (see arena.c). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
#endif
