/* test_lsp.c — the language server's frames (headers, lengths, the limit,
 * broken frames and what comes after them), the conversion between byte
 * columns and LSP columns in UTF-16 and UTF-8, and the loader's two hooks
 * for it (texts read instead of files, and the folder of a text's
 * imports).  The whole protocol is tested by a client, tests/lsp/client.py.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>
#include <unistd.h>

#include "lsp.h"
#include "model.h"

/* A stream that reads the n bytes given. */
static FILE *input(const char *bytes, size_t n)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    rewind(f);
    return f;
}
#define INPUT(lit) input(lit, sizeof lit - 1)

/* Reads a frame that must be whole, and checks its body. */
static void expect_body(FILE *f, const char *want)
{
    char *body = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(lsp_read_frame(f, &body, &len, &why), FRAME_OK);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(body, want, len);
    assert_int_equal(body[len], '\0');
    free(body);
}

/* Reads a frame that must be bad, and checks the reason. */
static void expect_bad(FILE *f, const char *reason)
{
    char *body = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(lsp_read_frame(f, &body, &len, &why), FRAME_BAD);
    assert_null(body);
    assert_non_null(why);
    assert_non_null(strstr(why, reason));
}

static void expect_eof(FILE *f)
{
    char *body = NULL;
    size_t len = 0;
    const char *why = NULL;
    assert_int_equal(lsp_read_frame(f, &body, &len, &why), FRAME_EOF);
    assert_null(body);
}

static void test_frames(void **state)
{
    (void)state;
    FILE *f = INPUT("Content-Length: 2\r\n\r\n{}"
                    "content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]"
                    "Content-Length: 4\n\n\"a\"\n"           /* bare newlines are taken too */
                    "Content-Length: 0\r\n\r\n");
    expect_body(f, "{}");
    expect_body(f, "[1]");
    expect_body(f, "\"a\"\n");
    expect_body(f, "");
    expect_eof(f);
    fclose(f);
}

/* After each broken frame the next one is read as it should be. */
static void test_broken_frames(void **state)
{
    (void)state;
    FILE *f = INPUT("Content-Type: x\r\n\r\n"
                    "Content-Length: 2\r\n\r\n{}"
                    "no colon\r\nContent-Length: 3\r\n\r\nabc"
                    "Content-Length: -1\r\n\r\n"
                    "Content-Length: 12 34\r\n\r\n"
                    "Content-Length: 1\r\n\r\nx");
    expect_bad(f, "missing Content-Length");
    expect_body(f, "{}");
    expect_bad(f, "malformed header");
    expect_bad(f, "not a number");
    expect_bad(f, "not a number");
    expect_body(f, "x");
    expect_eof(f);
    fclose(f);
}

static void test_limits(void **state)
{
    (void)state;
    /* a body past the limit is read and dropped, and the next frame read */
    size_t big = (size_t)LSP_MAX_MESSAGE + 1;
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", big);
    const char tail[] = "Content-Length: 2\r\n\r\nok";
    char *bytes = malloc((size_t)h + big + sizeof tail);
    assert_non_null(bytes);
    memcpy(bytes, head, (size_t)h);
    memset(bytes + h, ' ', big);
    memcpy(bytes + h + big, tail, sizeof tail);
    FILE *f = input(bytes, (size_t)h + big + sizeof tail - 1);
    free(bytes);
    expect_bad(f, "16 MiB");
    expect_body(f, "ok");
    fclose(f);

    /* a length too large for any number: the rest of the input is its body */
    f = INPUT("Content-Length: 99999999999999999999999999\r\n\r\nContent-Length: 2\r\n\r\n{}");
    expect_eof(f);
    fclose(f);

    /* a header line past the limit, and too many header lines */
    size_t n = LSP_MAX_HEADER_LINE * 3;
    char *line = malloc(n + 64);
    assert_non_null(line);
    memset(line, 'x', n);
    memcpy(line, "X-Long: ", 8);
    strcpy(line + n, "\r\nContent-Length: 2\r\n\r\n{}");
    f = input(line, strlen(line));
    free(line);
    expect_bad(f, "too long");
    expect_eof(f);
    fclose(f);

    char many[LSP_MAX_HEADERS * 8 + 64] = "";
    for (int i = 0; i <= LSP_MAX_HEADERS; i++) strcat(many, "A: b\r\n");
    strcat(many, "Content-Length: 1\r\n\r\nz");
    f = input(many, strlen(many));
    expect_bad(f, "too many");
    expect_eof(f);
    fclose(f);
}

static void test_cut_short(void **state)
{
    (void)state;
    FILE *f = INPUT("Content-Length: 10\r\n\r\n{\"a\"");
    expect_eof(f);
    fclose(f);
    f = INPUT("Content-Length: 10\r\n");
    expect_eof(f);
    fclose(f);
    f = INPUT("");
    expect_eof(f);
    fclose(f);
}

static void test_write_frame(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(lsp_write_frame(f, "{\"id\":1}", 8), 0);
    rewind(f);
    char buf[64] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    assert_int_equal(n, strlen("Content-Length: 8\r\n\r\n{\"id\":1}"));
    assert_string_equal(buf, "Content-Length: 8\r\n\r\n{\"id\":1}");
    fclose(f);
}

/* "aé🛡b": a is 1 byte and 1 unit, é 2 bytes and 1 unit (UTF-16), 🛡 4
 * bytes and 2 units (a surrogate pair). */
static void test_positions(void **state)
{
    (void)state;
    const char *line = "a\xC3\xA9\xF0\x9F\x9B\xA1" "b";
    int n = (int)strlen(line);
    int bytes[] = { 0, 1, 3, 7, 8 }, utf16[] = { 0, 1, 2, 4, 5 };
    for (int i = 0; i < 5; i++) {
        assert_int_equal(lsp_units_of_bytes(line, n, bytes[i], POS_UTF16), utf16[i]);
        assert_int_equal(lsp_bytes_of_units(line, n, utf16[i], POS_UTF16), bytes[i]);
        assert_int_equal(lsp_units_of_bytes(line, n, bytes[i], POS_UTF8), bytes[i]);
        assert_int_equal(lsp_bytes_of_units(line, n, bytes[i], POS_UTF8), bytes[i]);
    }
    /* a column inside a character (half a surrogate pair, a byte of é)
     * stops before it; a column past the end stops at the end */
    assert_int_equal(lsp_bytes_of_units(line, n, 3, POS_UTF16), 3);
    assert_int_equal(lsp_bytes_of_units(line, n, 2, POS_UTF8), 1);
    assert_int_equal(lsp_bytes_of_units(line, n, 99, POS_UTF16), n);
    assert_int_equal(lsp_units_of_bytes(line, n, 99, POS_UTF16), 5);
    /* bytes that are not UTF-8 are one unit each */
    const char *bad = "\xFF\xC3x";
    assert_int_equal(lsp_units_of_bytes(bad, 3, 3, POS_UTF16), 3);
    assert_int_equal(lsp_bytes_of_units(bad, 3, 2, POS_UTF16), 2);
    assert_int_equal(lsp_units_of_bytes("", 0, 0, POS_UTF16), 0);
}

/* A folder with a.treaty (importing b.treaty) and b.treaty. */
static char *make_world_dir(void)
{
    char tmpl[] = "/tmp/treaty-lsp-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/a.treaty", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("import \"b.treaty\";\norganisation O { member B since 2000; }\n", f);
    assert_int_equal(fclose(f), 0);
    snprintf(path, sizeof path, "%s/b.treaty", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("state B;\n", f);
    assert_int_equal(fclose(f), 0);
    return strdup(dir);
}

static void remove_world_dir(char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/a.treaty", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/b.treaty", dir);
    unlink(path);
    rmdir(dir);
    free(dir);
}

typedef struct Asked { int n; char last[PATH_MAX]; const char *text; } Asked;

static const char *give_b(void *ctx, const char *real, size_t *len)
{
    Asked *a = ctx;
    a->n++;
    snprintf(a->last, sizeof a->last, "%s", real);
    size_t n = strlen(real);
    if (n < 9 || strcmp(real + n - 9, "/b.treaty") != 0) return NULL;
    *len = strlen(a->text);
    return a->text;
}

static void test_overlay(void **state)
{
    (void)state;
    char *dir = make_world_dir();
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/a.treaty", dir);
    Asked asked = { 0, "", "state B \"the editor's B\";\nstate C;\n" };
    LoadOverlay overlay = { give_b, &asked };
    LoadInput in = { path, NULL, 0, 0, NULL };
    Diag d;
    diag_init(&d, NULL, 0);
    LoadResult r = load_world_overlay(&in, 1, &overlay, &d);
    assert_int_equal(d.errors, 0);
    assert_non_null(r.world);
    assert_int_equal(asked.n, 2);                      /* asked for each file, by its real path */
    assert_non_null(strstr(asked.last, "/b.treaty"));
    EntId b = world_find_name(r.world, "B");
    assert_true(b != ENT_NONE);
    assert_string_equal(ent(r.world, b)->display, "the editor's B");
    assert_true(world_find_name(r.world, "C") != ENT_NONE);
    load_result_free(&r);
    diag_free(&d);

    /* no overlay: the disk's text */
    diag_init(&d, NULL, 0);
    LoadResult disk = load_world_overlay(&in, 1, NULL, &d);
    assert_non_null(disk.world);
    assert_true(world_find_name(disk.world, "C") == ENT_NONE);
    load_result_free(&disk);
    diag_free(&d);
    remove_world_dir(dir);
}

/* A text's imports are relative to its `dir`, or to the current folder. */
static void test_text_dir(void **state)
{
    (void)state;
    char *dir = make_world_dir();
    const char *text = "import \"b.treaty\";\norganisation P { member B since 2001; }\n";
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/new.treaty", dir);
    LoadInput in = { path, text, strlen(text), 0, dir };
    Diag d;
    diag_init(&d, NULL, 0);
    LoadResult r = load_world_inputs(&in, 1, &d);
    assert_int_equal(d.errors, 0);
    assert_non_null(r.world);
    assert_true(world_find_name(r.world, "B") != ENT_NONE);
    assert_string_equal(r.world->sources.items[0]->path, path);
    load_result_free(&r);
    diag_free(&d);

    in.dir = NULL;                                      /* the current folder has no b.treaty */
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir("/"), 0);
    diag_init(&d, NULL, 0);
    r = load_world_inputs(&in, 1, &d);
    assert_int_equal(chdir(cwd), 0);
    assert_null(r.world);
    assert_true(d.n >= 1);
    assert_non_null(strstr(d.items[0].msg, "cannot import 'b.treaty'"));
    load_result_free(&r);
    diag_free(&d);
    remove_world_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frames),
        cmocka_unit_test(test_broken_frames),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_cut_short),
        cmocka_unit_test(test_write_frame),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_overlay),
        cmocka_unit_test(test_text_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
