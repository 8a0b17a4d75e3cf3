/* test_repl_pty.c — `treaty repl` in a real terminal (a pty), as a person
 * types: tab completion, continuation prompts, the prompt's layer count,
 * Ctrl-C, Ctrl-D and the history file (also one that is a device, a FIFO,
 * too large, or cannot be saved).  The binary under test is
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
#include <sys/stat.h>
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

/* Starts `treaty repl --color never ARGS...` in a pty, with the history
 * file `history`. */
static void spawn_args(Term *t, const char *history, char *const args[])
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
        setenv("TREATY_HISTORY", history, 1);
        unsetenv("NO_COLOR");
        execv(bin, argv);
        _exit(127);
    }
}

/* The seed world, with a history file of its own. */
static void spawn_with_history(Term *t, const char *history)
{
    char *args[] = { "examples/seed", NULL };
    spawn_args(t, history, args);
}

static void spawn(Term *t) { spawn_with_history(t, history_file); }

/* Reads until `want` appears after what was seen before, or `seconds` pass. */
static int expect_within(Term *t, const char *want, int seconds)
{
    time_t end = time(NULL) + seconds;
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

static int expect_text(Term *t, const char *want) { return expect_within(t, want, 10); }

#define EXPECT(t, s) do { if (!expect_text((t), (s))) fail_msg("no \"%s\" on the screen; it shows:\n%s", (s), (t)->screen + (t)->seen); } while (0)

static int finish(Term *t);

/* Waits for the REPL to leave, which it must do with status 0; frees t. */
static void finish_ok(Term *t)
{
    int status = finish(t);
    if (!WIFEXITED(status))
        fail_msg("the REPL did not exit (status 0x%x, signal %d); the screen ends with:\n%s", status,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0, t->screen + (t->len > 600 ? t->len - 600 : 0));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(t);
}

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
    type(t, "oblig\t");                       /* the query word obligations */
    EXPECT(t, "ations");
    type(t, " of Armen\t");
    EXPECT(t, "ia");
    type(t, " kind defence;\r");
    EXPECT(t, "Russia, Tajikistan}");
    /* the new keywords and the words of conditions complete too */
    type(t, "suppose attack by Russia on Armenia unprov\t");
    EXPECT(t, "oked");
    type(t, " dur\t");                       /* the keyword during */
    EXPECT(t, "ing");
    type(t, "\b\b\b\b\b\b;\r");
    EXPECT(t, "treaty> ");
    /* the query word accession, and a word of its clauses */
    type(t, "accessi\t");
    EXPECT(t, "on");
    type(t, " of Russia to QCCM;\r");
    EXPECT(t, "none");
    type(t, "for QCCM: Russia is invi\t");
    EXPECT(t, "ted");
    type(t, " at 2016-09-01;\r");
    EXPECT(t, "treaty> ");
    /* a keyword of the membership events and a word with a meaning in one
     * form only: "mont" completes to "month" (month or months) */
    type(t, "noti\t");
    EXPECT(t, "ce");
    type(t, " 1 mont\t");
    EXPECT(t, "h");
    type(t, ";\r");                            /* a clause outside a block */
    EXPECT(t, "error");
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
    finish_ok(t);
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
    finish_ok(t);
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
    spawn_args(t, history_file, args);
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
    finish_ok(t);
}

/* A session whose history file is not a regular file, is too large, or
 * cannot be written: a warning, then a session that works as usual (and
 * says `at_exit` as it ends, if not NULL); frees t. */
static void session_works(Term *t, const char *at_exit)
{
    type(t, "members of QCCM at 2016-09-01;\r");
    EXPECT(t, "Afghanistan");
    type(t, "\004");
    if (at_exit) EXPECT(t, at_exit);
    finish_ok(t);
}

static void history_that_is_a_device_or_a_fifo(void **state)
{
    (void)state;
    char dir[] = "/tmp/treaty-pty-fifo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/history", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *paths[] = { "/dev/full", fifo };
    for (int i = 0; i < 2; i++) {
        Term *t = malloc(sizeof *t);
        spawn_with_history(t, paths[i]);
        /* /dev/full never ends and a FIFO without a writer blocks: neither
         * may delay the banner */
        if (!expect_within(t, "it is not a regular file", 5) || !expect_within(t, "what-if questions", 5))
            fail_msg("no prompt warning about '%s'; the screen shows:\n%s", paths[i], t->screen);
        EXPECT(t, "treaty> ");
        session_works(t, NULL);
    }
    struct stat st;
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));       /* not replaced by a file */
    unlink(fifo);
    rmdir(dir);
}

static void history_too_large_is_left_alone(void **state)
{
    (void)state;
    char dir[] = "/tmp/treaty-pty-big-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/history", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("_HiStOrY_V2_\n", f);
    for (int i = 0; i < 30000; i++) fprintf(f, "members\\040of\\040QCCM\\040at\\040%d;\n", 2000 + i % 20);
    assert_int_equal(fclose(f), 0);
    struct stat before, after;
    assert_int_equal(stat(path, &before), 0);
    assert_true(before.st_size > 1024 * 1024);
    Term *t = malloc(sizeof *t);
    spawn_with_history(t, path);
    EXPECT(t, "it is larger than 1 MiB");
    EXPECT(t, "treaty> ");
    session_works(t, NULL);
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
    assert_int_equal(after.st_ino, before.st_ino);
    assert_int_equal(after.st_mtime, before.st_mtime);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);          /* and no temporary file was left */
}

static void history_that_cannot_be_saved(void **state)
{
    (void)state;
    Term *t = malloc(sizeof *t);
    spawn_with_history(t, "/nonexistent-treaty-dir/history");
    EXPECT(t, "treaty> ");
    session_works(t, "cannot save the history file '/nonexistent-treaty-dir/history': No such file or directory");
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
        cmocka_unit_test(history_that_is_a_device_or_a_fifo),
        cmocka_unit_test(history_too_large_is_left_alone),
        cmocka_unit_test(history_that_cannot_be_saved),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    unlink(history_file);
    return failed;
}
