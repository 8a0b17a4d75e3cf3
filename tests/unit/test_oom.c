/* test_oom.c — running out of memory is an error, not a crash: under an
 * address-space limit, a load that cannot get memory exits with status 2
 * and "out of memory".  The binary under test is $TREATY_BIN (default
 * build/treaty).  Sanitizers reserve terabytes of address space, so under
 * them these tests are skipped (the plain build runs them). */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif

static char big[] = "/tmp/treaty-oom-big-XXXXXX";
static char small[] = "/tmp/treaty-oom-small-XXXXXX";

/* A 16,000,000-byte file of a million states: far more than the limit. */
static int make_files(void **state)
{
    (void)state;
    int fd = mkstemp(big);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 1000000; i++) fprintf(f, "state S%07d;\n", i);
    if (fclose(f) != 0) return -1;
    fd = mkstemp(small);
    if (fd < 0) return -1;
    f = fdopen(fd, "w");
    fputs("state A, B;\norganisation Pact { member A, B since 2000-01-01; }\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

static int remove_files(void **state)
{
    (void)state;
    unlink(big);
    unlink(small);
    return 0;
}

/* Runs the binary with `args` under a 96 MiB address-space limit, with
 * `input` on standard input; returns the exit status and what it printed
 * on standard output and standard error (together). */
static int run_limited(char *const args[], const char *input, char *out, size_t size)
{
    int in[2], res[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(res), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(res[1], 1);
        dup2(res[1], 2);
        close(in[1]);
        close(res[0]);
        struct rlimit lim = { 96u << 20, 96u << 20 };
        setrlimit(RLIMIT_AS, &lim);
        const char *bin = getenv("TREATY_BIN");
        execv(bin ? bin : "build/treaty", args);
        _exit(127);
    }
    close(in[0]);
    close(res[1]);
    if (input) assert_int_equal(write(in[1], input, strlen(input)), (ssize_t)strlen(input));
    close(in[1]);
    size_t n = 0;
    ssize_t got;
    while (n + 1 < size && (got = read(res[0], out + n, size - 1 - n)) > 0) n += (size_t)got;
    out[n] = '\0';
    close(res[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status)) fail_msg("killed by signal %d; it printed:\n%s", WTERMSIG(status), out);
    return WEXITSTATUS(status);
}

static void load_out_of_memory_exits_2(void **state)
{
    (void)state;
    if (UNDER_SANITIZER) skip();
    char out[8192];
    char *args[] = { "treaty", "check", big, NULL };
    int code = run_limited(args, NULL, out, sizeof out);
    assert_int_equal(code, 2);
    if (strcmp(out, "treaty: out of memory\n") != 0) fail_msg("printed:\n%s", out);
}

/* The REPL abandons the statement that ran out and goes on with the world
 * it had: the organisation loaded before is still there. */
static void repl_survives_a_load_out_of_memory(void **state)
{
    (void)state;
    if (UNDER_SANITIZER) skip();
    char out[8192], script[256];
    snprintf(script, sizeof script, "load \"%s\";\nmembers of Pact at 2001;\nsuppose B leaves Pact;\n"
             "members of Pact at 2001;\n", big);
    char *args[] = { "treaty", "repl", small, NULL };
    int code = run_limited(args, script, out, sizeof out);
    assert_int_equal(code, 2);                     /* a statement failed */
    if (!strstr(out, "out of memory: this input was abandoned") || !strstr(out, "{A, B}\n{A}\n"))
        fail_msg("printed:\n%s", out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(load_out_of_memory_exits_2),
        cmocka_unit_test(repl_survives_a_load_out_of_memory),
    };
    return cmocka_run_group_tests(tests, make_files, remove_files);
}
