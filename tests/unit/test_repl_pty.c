/* test_repl_pty.c — `treaty repl` in a real terminal (a pty), as a person
 * types: tab completion, continuation prompts, the prompt's layer count,
 * Ctrl-C, Ctrl-D and the history file.  The binary under test is
 * $TREATY_BIN (default build/treaty), run from the repository root. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct Term {
    int fd;
    pid_t pid;
    char screen[65536];        /* everything the program wrote, NUL-terminated */
    size_t len, seen;          /* `seen`: where the next expect() starts looking */
} Term;

static char history_file[] = "/tmp/treaty-pty-history-XXXXXX";

static void spawn(Term *t)
{
    const char *bin = getenv("TREATY_BIN");
    if (!bin) bin = "build/treaty";
    struct winsize ws = { 40, 200, 0, 0 };
    memset(t, 0, sizeof *t);
    t->pid = forkpty(&t->fd, NULL, NULL, &ws);
    assert_true(t->pid >= 0);
    if (t->pid == 0) {
        setenv("TERM", "xterm", 1);
        setenv("TREATY_HISTORY", history_file, 1);
        unsetenv("NO_COLOR");
        execl(bin, bin, "repl", "--color", "never", "examples/seed", (char *)NULL);
        _exit(127);
    }
}

/* The same with other arguments after `repl` (the seed is not loaded). */
static void spawn_with(Term *t, char *const args[])
{
    const char *bin = getenv("TREATY_BIN");
    if (!bin) bin = "build/treaty";
    struct winsize ws = { 40, 200, 0, 0 };
    memset(t, 0, sizeof *t);
    t->pid = forkpty(&t->fd, NULL, NULL, &ws);
    assert_true(t->pid >= 0);
    if (t->pid == 0) {
        char *argv[16] = { (char *)bin, "repl", "--color", "never" };
        for (int i = 0; args[i] && i < 11; i++) argv[4 + i] = args[i];
        setenv("TERM", "xterm", 1);
        setenv("TREATY_HISTORY", history_file, 1);
        execv(bin, argv);
        _exit(127);
    }
}

/* Reads until `want` appears after what was seen before, or 10 s pass. */
static int expect_text(Term *t, const char *want)
{
    time_t end = time(NULL) + 10;
    for (;;) {
        char *hit = strstr(t->screen + t->seen, want);
        if (hit) { t->seen = (size_t)(hit - t->screen) + strlen(want); return 1; }
        if (time(NULL) > end) return 0;
        struct pollfd p = { t->fd, POLLIN, 0 };
        if (poll(&p, 1, 200) <= 0) continue;
        ssize_t n = read(t->fd, t->screen + t->len, sizeof t->screen - 1 - t->len);
        if (n <= 0) return strstr(t->screen + t->seen, want) != NULL;
        t->len += (size_t)n;
        t->screen[t->len] = '\0';
    }
}

#define EXPECT(t, s) do { if (!expect_text((t), (s))) fail_msg("no \"%s\" on the screen; it shows:\n%s", (s), (t)->screen + (t)->seen); } while (0)

/* Types keys after a short pause: the prompt appears a moment before the
 * terminal has settled into line-editing mode, and a person never types
 * within that moment (a Ctrl-D sent inside it can be lost). */
static void type(Term *t, const char *keys)
{
    struct timespec pause = { 0, 100 * 1000 * 1000 };
    nanosleep(&pause, NULL);
    size_t n = strlen(keys);
    assert_int_equal(write(t->fd, keys, n), (ssize_t)n);
}

static int finish(Term *t)
{
    int status = 0;
    for (int i = 0; i < 100; i++) {
        pid_t r = waitpid(t->pid, &status, WNOHANG);
        if (r == t->pid) break;
        char buf[4096];
        struct pollfd p = { t->fd, POLLIN, 0 };
        if (poll(&p, 1, 100) > 0 && read(t->fd, buf, sizeof buf) <= 0) { waitpid(t->pid, &status, 0); break; }
        if (i == 99) { kill(t->pid, SIGKILL); waitpid(t->pid, &status, 0); }
    }
    close(t->fd);
    return status;
}

static void completion_and_continuation(void **state)
{
    (void)state;
    Term *t = malloc(sizeof *t);
    spawn(t);
    EXPECT(t, "treaty> ");
    type(t, "at 2016-08-04;\r");
    EXPECT(t, "treaty> ");
    /* a name of the world and a keyword, completed with Tab: libedit redraws
     * only the completed part, and the verdict proves the whole names were
     * entered (a bare "Rus" would be an unknown name) */
    type(t, "can Rus\t");
    EXPECT(t, "sia");
    type(t, "jo\t");                          /* join or joins: completes to "join" */
    EXPECT(t, "in");
    type(t, " QCC\t;\r");
    EXPECT(t, "conditional");
    /* an unfinished statement continues on the next line */
    type(t, "members of\r");
    EXPECT(t, "...> ");
    type(t, "SCO at 2018-01-01;\r");
    EXPECT(t, "India");
    /* a block continues until its brace closes */
    type(t, "state Atlantis {\r");
    EXPECT(t, "...> ");
    type(t, "region \"Ocean\";\r}\r");
    EXPECT(t, "treaty> ");
    type(t, "show Atlantis;\r");
    EXPECT(t, "region: Ocean");
    /* the prompt counts the layers */
    type(t, "suppose QCCM kind military_alliance;\r");
    EXPECT(t, "treaty [1 supposition]> ");
    type(t, "undo;\r");
    EXPECT(t, "treaty> ");
    type(t, "\004");                           /* Ctrl-D leaves */
    int status = finish(t);
    if (!WIFEXITED(status))
        fail_msg("the REPL did not exit (status 0x%x, signal %d); the screen ends with:\n%s", status,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0, t->screen + (t->len > 600 ? t->len - 600 : 0));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(t);
}

static void ctrl_c_cancels_input_and_history_persists(void **state)
{
    (void)state;
    Term *t = malloc(sizeof *t);
    spawn(t);
    EXPECT(t, "treaty> ");
    type(t, "can Russia\r");
    EXPECT(t, "...> ");
    type(t, "\003");                           /* Ctrl-C drops the unfinished input */
    EXPECT(t, "treaty> ");
    type(t, "members of QCCM at 2016-09-01;\r");
    EXPECT(t, "Afghanistan");
    type(t, "can Nowhere join QCCM;\r");        /* an error does not end the session */
    EXPECT(t, "unknown");
    type(t, "members of CSTO at 2016-09-01;\r");
    EXPECT(t, "Armenia");
    type(t, ".quit\r");
    int status = finish(t);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(t);
    /* the history file holds what was typed, for the next session */
    FILE *f = fopen(history_file, "r");
    assert_non_null(f);
    char raw[8192], buf[8192];
    size_t n = fread(raw, 1, sizeof raw - 1, f), k = 0;
    fclose(f);
    /* libedit writes a space as \040 */
    for (size_t i = 0; i < n; i++) {
        if (raw[i] == '\\' && i + 3 < n && raw[i + 1] >= '0' && raw[i + 1] <= '7') {
            buf[k++] = (char)((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0'));
            i += 3;
        } else buf[k++] = raw[i];
    }
    buf[k] = '\0';
    if (!strstr(buf, "members of QCCM at 2016-09-01;")) fail_msg("history file lacks the query:\n%s", buf);
    /* and a new session can recall it with the up arrow */
    t = malloc(sizeof *t);
    spawn(t);
    EXPECT(t, "treaty> ");
    type(t, "\033[A\033[A\r");              /* .quit, then the query before it */
    EXPECT(t, "Armenia");
    type(t, "\004");
    finish(t);
    free(t);
}

/* Ctrl-C during a long evaluation stops it at once; the world and the
 * layers are as they were, and the session goes on. */
static void ctrl_c_interrupts_an_evaluation(void **state)
{
    (void)state;
    Term *t = malloc(sizeof *t);
    char *args[] = { "--max-steps", "1000000000000000", "--at", "2020-01-01",
                     "tests/golden/inputs/budget.treaty", NULL };
    spawn_with(t, args);
    EXPECT(t, "treaty> ");
    type(t, "suppose A leaves Big;\r");
    EXPECT(t, "treaty [1 supposition]> ");
    type(t, "eval f(60);\r");                  /* 2^61 calls: hours without Ctrl-C */
    struct timespec busy = { 0, 300 * 1000 * 1000 };
    nanosleep(&busy, NULL);
    type(t, "\003");
    EXPECT(t, "evaluation interrupted");
    EXPECT(t, "treaty [1 supposition]> ");
    type(t, "members of Big;\r");
    EXPECT(t, "{}");
    type(t, "undo;\r");
    EXPECT(t, "treaty> ");
    type(t, "members of Big;\r");
    EXPECT(t, "{A}");
    type(t, "\004");
    int status = finish(t);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(t);
}

int main(void)
{
    int fd = mkstemp(history_file);
    if (fd >= 0) close(fd);
    unlink(history_file);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(completion_and_continuation),
        cmocka_unit_test(ctrl_c_cancels_input_and_history_persists),
        cmocka_unit_test(ctrl_c_interrupts_an_evaluation),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    unlink(history_file);
    return failed;
}
