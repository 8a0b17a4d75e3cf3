/* test_arena.c — the allocator every world, layer and answer lives in:
 * zeroed and aligned memory, vectors that keep their items as they grow
 * (in place, by copy, and as blocks of their own), the count of bytes that
 * the scratch-memory limit reads, and, under AddressSanitizer, that every
 * allocation ends where it ends, so a read one past an array, or one
 * before it, is caught.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(UNDER_ASAN)
#define UNDER_ASAN 1
#endif
#ifdef UNDER_ASAN
#include <sanitizer/asan_interface.h>
#endif

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i]) return 0;
    return 1;
}

static void test_zeroed_and_aligned(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    for (size_t n = 0; n < 300; n += 7) {
        unsigned char *p = arena_alloc(&a, n);
        assert_non_null(p);
        assert_true(all_zero(p, n));
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        memset(p, 0xAB, n);                 /* the next one must still come zeroed */
    }
    unsigned char *big = arena_alloc(&a, 100000);
    assert_true(all_zero(big, 100000));
    assert_int_equal((uintptr_t)big % _Alignof(max_align_t), 0);
    arena_free(&a);
}

static void test_strings(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_string_equal(arena_strndup(&a, "Kazakhstan", 5), "Kazak");
    assert_string_equal(arena_strdup(&a, ""), "");
    assert_string_equal(arena_printf(&a, "%s joins %d", "SWE", 2024), "SWE joins 2024");
    char long_text[40000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    char *copy = arena_strdup(&a, long_text);       /* larger than a shared block's share */
    assert_int_equal(strlen(copy), sizeof long_text - 1);
    assert_memory_equal(copy, long_text, sizeof long_text);
    arena_free(&a);
}

/* Formatted texts of every length: those that fit the room left in the
 * current block are written there at once, the others (the room too small
 * by one, or larger than a block) are measured first; each is whole, and
 * those written before it are untouched.  Joined texts the same. */
static void test_printf_and_join_at_block_edges(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    enum { N = 400 };
    char *made[N], *joined[N];
    char want[70000];
    for (int i = 0; i < N; i++) {
        size_t len = (size_t)(i * 173 % 997) + (i % 50 == 0 ? 60000u : 0u);
        memset(want, 'a' + i % 26, len);
        want[len] = '\0';
        made[i] = arena_printf(&a, "%d:%s", i, want);
        joined[i] = arena_join(&a, "<", want, "", ">", NULL);
        assert_int_equal(strlen(joined[i]), len + 2);
        assert_int_equal(joined[i][0], '<');
        assert_int_equal(joined[i][len + 1], '>');
    }
    for (int i = 0; i < N; i++) {
        size_t len = (size_t)(i * 173 % 997) + (i % 50 == 0 ? 60000u : 0u);
        char head[16];
        int n = snprintf(head, sizeof head, "%d:", i);
        assert_int_equal(strlen(made[i]), (size_t)n + len);
        assert_memory_equal(made[i], head, (size_t)n);
        for (size_t k = 0; k < len; k++) assert_int_equal(made[i][n + (int)k], 'a' + i % 26);
        assert_int_equal(strlen(joined[i]), len + 2);
    }
    assert_string_equal(arena_join(&a, NULL), "");
    assert_string_equal(arena_printf(&a, "%s", ""), "");
    /* past the sixteen parts whose lengths are kept, the rest are measured as they are copied */
    assert_string_equal(arena_join(&a, "a", "bb", "", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
                                   "p", "qq", "", "rrr", NULL),
                        "abbcdefghijklmnopqqrrr");
    arena_free(&a);
}

/* An arena reset keeps one block and starts it over: what is allocated
 * after it is zeroed and whole, large allocations included, and the count
 * of bytes in use starts again from nothing. */
static void test_reset_keeps_working(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    arena_reset(&a);                                  /* an empty arena: nothing to keep */
    for (int round = 0; round < 50; round++) {
        unsigned char *small = arena_alloc(&a, 100);
        assert_true(all_zero(small, 100));
        memset(small, 0xAB, 100);
        unsigned char *big = arena_alloc(&a, 100000);
        assert_true(all_zero(big, 100000));
        memset(big, 0xCD, 100000);
        for (int i = 0; i < 2000; i++) {              /* past one block */
            unsigned char *p = arena_alloc(&a, 48);
            assert_true(all_zero(p, 48));
            memset(p, 0xEF, 48);
        }
        char want[32];
        snprintf(want, sizeof want, "round %d", round);
        assert_string_equal(arena_printf(&a, "round %d", round), want);
        arena_reset(&a);
        assert_int_equal(a.used_total, 0);
        assert_null(a.big);
    }
    arena_free(&a);
}

/* A vector pushed one item at a time, with other allocations in between
 * (so some growths are in place and some are copies), keeps every item,
 * up to sizes that need blocks of their own. */
static void test_vector_keeps_items(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    VEC(int) v = {0};
    VEC(long) w = {0};
    for (int i = 0; i < 50000; i++) {
        vec_push(&a, &v, i * 3);
        if (i % 5 == 0) vec_push(&a, &w, (long)i);
        if (i % 97 == 0) arena_strdup(&a, "between");
    }
    assert_int_equal(v.n, 50000);
    assert_true(v.cap >= v.n);
    for (int i = 0; i < v.n; i++) assert_int_equal(v.items[i], i * 3);
    assert_int_equal(w.n, 10000);
    for (int i = 0; i < w.n; i++) assert_int_equal(w.items[i], (long)i * 5);
    arena_free(&a);
}

static void test_reserve_and_grow_zeroes(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    VEC(int) v = {0};
    vec_push(&a, &v, 7);
    vec_reserve(&a, &v, 1000);
    assert_int_equal(v.cap, 1000);
    assert_int_equal(v.items[0], 7);
    assert_true(all_zero((unsigned char *)(v.items + 1), 999 * sizeof(int)));
    vec_reserve(&a, &v, 10);                /* never shrinks */
    assert_int_equal(v.cap, 1000);
    arena_free(&a);
}

/* used_total is what the scratch-memory limit of evaluation reads: it grows
 * with what is allocated and comes back to zero after arena_free. */
static void test_used_total(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    assert_int_equal(a.used_total, 0);
    arena_alloc(&a, 100);
    size_t after_small = a.used_total;
    assert_true(after_small >= 100);
    arena_alloc(&a, 1 << 20);
    assert_true(a.used_total >= after_small + (1 << 20));
    assert_true(a.used_total < after_small + (1 << 20) + 4096);
    size_t before_text = a.used_total;            /* a text counts its bytes and its NUL */
    arena_printf(&a, "%s-%d", "ATOP", 3180);
    assert_true(a.used_total >= before_text + 10);
    assert_true(a.used_total < before_text + 10 + 64);
    before_text = a.used_total;
    arena_join(&a, "ATOP", "3180", NULL);
    assert_true(a.used_total >= before_text + 9);
    assert_true(a.used_total < before_text + 9 + 64);
    arena_free(&a);
    assert_int_equal(a.used_total, 0);
    assert_null(a.head);
    assert_null(a.big);
}

/* arena_reserve(): the room asked for is one block, so allocations that
 * fit in it follow one another (without it, the first block holds 64 KiB);
 * room already there is not reserved again; and everything is still zeroed. */
static void test_reserve_makes_one_block(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    arena_alloc(&a, 32);
    arena_reserve(&a, 1 << 20);
#ifndef UNDER_ASAN                                  /* there, every allocation has a block of its own */
    char *first = arena_alloc(&a, 1024);
    for (int i = 1; i < 1000; i++) {
        char *p = arena_alloc(&a, 1024);
        assert_ptr_equal(p, first + (size_t)i * 1024);
        assert_true(all_zero((const unsigned char *)p, 1024));
    }
    arena_reserve(&a, 1024);                        /* there is room: no new block */
    char *next = arena_alloc(&a, 1024);
    assert_ptr_equal(next, first + (size_t)1000 * 1024);
#else
    assert_true(all_zero(arena_alloc(&a, 1024), 1024));
#endif
    arena_free(&a);
    assert_null(a.head);
}

/* arena_join_list(): every piece in order, none at all, an empty piece. */
static void test_join_list(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    const char *parts[] = { "UZB joined CSTO on 1992-05-15", "; left on ", "", "1999-04-02" };
    assert_string_equal(arena_join_list(&a, parts, 4), "UZB joined CSTO on 1992-05-15; left on 1999-04-02");
    assert_string_equal(arena_join_list(&a, parts, 0), "");
    const char *many[3000];
    for (int i = 0; i < 3000; i++) many[i] = i % 2 ? "b" : "a";
    const char *joined = arena_join_list(&a, many, 3000);
    assert_int_equal(strlen(joined), 3000);
    assert_int_equal(joined[2998], 'a');
    assert_int_equal(joined[2999], 'b');
    arena_free(&a);
}

#ifdef UNDER_ASAN
/* The bytes just before and after every allocation are out of bounds,
 * whatever its size, and the old copy of a grown vector is dead: the
 * faults that a shared block would hide from the sanitizers. */
static void test_asan_sees_the_edges(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    static const size_t sizes[] = { 1, 3, 12, 16, 100, 5000, 20000, 70000 };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        char *p = arena_alloc(&a, sizes[i]);
        assert_false(__asan_address_is_poisoned(p + sizes[i] - 1));
        assert_true(__asan_address_is_poisoned(p + sizes[i]));
        assert_false(__asan_address_is_poisoned(p));
        assert_true(__asan_address_is_poisoned(p - 1));            /* and just before it */
        char *q = arena_alloc_bytes(&a, sizes[i]);
        assert_true(__asan_address_is_poisoned(q + sizes[i]));
    }
    char *s = arena_strdup(&a, "CSTO");
    assert_true(__asan_address_is_poisoned(s + 5));
    VEC(int) v = {0};
    vec_push(&a, &v, 1);
    int *old = v.items;
    vec_push(&a, &v, 2);
    assert_true(v.items != old);
    assert_true(__asan_address_is_poisoned(old));
    assert_true(__asan_address_is_poisoned(v.items + v.cap));
    arena_free(&a);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zeroed_and_aligned),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_printf_and_join_at_block_edges),
        cmocka_unit_test(test_reset_keeps_working),
        cmocka_unit_test(test_vector_keeps_items),
        cmocka_unit_test(test_reserve_and_grow_zeroes),
        cmocka_unit_test(test_used_total),
        cmocka_unit_test(test_join_list),
        cmocka_unit_test(test_reserve_makes_one_block),
#ifdef UNDER_ASAN
        cmocka_unit_test(test_asan_sees_the_edges),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
