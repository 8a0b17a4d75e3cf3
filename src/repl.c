/* repl.c — line editing (libedit), history, completion, prompts, signals.
 *
 * Lines are gathered until they form whole statements (a cheap scan of
 * braces, strings and comments, so the parser never sees half a statement),
 * then the Session runs them.  Errors are reported and the loop goes on. */
#include "repl.h"
#include "parse.h"
#include "session.h"
#include "treaty.h"
#include <editline/readline.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Ctrl-C: the SIGINT handler only sets a flag.  libedit reads keys through
 * read_key(), which turns the interrupted read into the key ^C, and ^C is
 * bound to cancel_input(): readline() returns and the loop drops what was
 * typed.  (libedit on its own retries an interrupted read, so the cancel
 * would only show at the next key.)  A SIGINT while a statement runs cannot
 * kill the session either: the flag is cleared before the next prompt. */
static volatile sig_atomic_t interrupted;
static int cancelled;
static Session *completion_session;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int read_key(FILE *f)
{
    (void)f;
    for (;;) {
        if (interrupted) { interrupted = 0; return 3; }     /* ^C */
        unsigned char c;
        ssize_t n = read(0, &c, 1);
        if (n == 1) return c;
        if (n == 0 || errno != EINTR) return EOF;
    }
}

static int cancel_input(int count, int key)
{
    (void)count;
    (void)key;
    cancelled = 1;
    rl_done = 1;
    return 0;
}

int repl_input_complete(const char *buf, size_t len)
{
    int depth = 0, in_string = 0, in_comment = 0;
    char last = 0;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (in_comment) { if (c == '\n') in_comment = 0; continue; }
        if (in_string) {
            if (c == '\\' && i + 1 < len) { i++; continue; }
            if (c == '"') { in_string = 0; last = c; }
            else if (c == '\n') { return 1; }     /* an unclosed string: let the parser say so */
            continue;
        }
        if (c == '#') { in_comment = 1; continue; }
        if (c == '"') { in_string = 1; continue; }
        if (c == '{') depth++;
        if (c == '}') depth--;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') last = c;
    }
    if (in_string) return 0;
    return depth <= 0 && (last == ';' || last == '}' || depth < 0);
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '#') { while (i < n && s[i] != '\n') i++; continue; }
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return 0;
    }
    return 1;
}

/* ---------------- completion ---------------- */

static const char *const meta_commands[] = { ".help", ".quit", ".exit", ".format", ".save", NULL };

static char *complete_word(const char *text, int state)
{
    static int kw_i, name_i, meta_i, nkw, nnames;
    static const char *const *kw, *const *names;
    static size_t len;
    if (state == 0) {
        kw_i = name_i = meta_i = 0;
        kw = lexer_keywords(&nkw);
        names = session_names(completion_session, &nnames);
        len = strlen(text);
    }
    if (text[0] == '.') {
        while (meta_commands[meta_i])
            if (strncmp(meta_commands[meta_i++], text, len) == 0) return strdup(meta_commands[meta_i - 1]);
        return NULL;
    }
    while (name_i < nnames)
        if (strncmp(names[name_i++], text, len) == 0) return strdup(names[name_i - 1]);
    while (kw_i < nkw)
        if (strncmp(kw[kw_i++], text, len) == 0) return strdup(kw[kw_i - 1]);
    return NULL;
}

static char **complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    return rl_completion_matches(text, complete_word);
}

/* ---------------- history ---------------- */

static char *history_path(void)
{
    const char *over = getenv("TREATY_HISTORY");
    if (over) return *over ? strdup(over) : NULL;
    const char *home = getenv("HOME");
    const char *state = getenv("XDG_STATE_HOME");
    char buf[4096];
    struct stat st;
    if (state && *state) snprintf(buf, sizeof buf, "%s/treaty", state);
    else if (home && snprintf(buf, sizeof buf, "%s/.local/state", home) > 0 && stat(buf, &st) == 0)
        snprintf(buf, sizeof buf, "%s/.local/state/treaty", home);
    else if (home) {
        snprintf(buf, sizeof buf, "%s/.treaty_history", home);
        return strdup(buf);
    } else return NULL;
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) return NULL;
    size_t n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, "/history");
    return strdup(buf);
}

/* The history file is the user's: it is read only when it is a regular file
 * of at most 1 MiB (a FIFO would block for ever and a device such as
 * /dev/full never ends), and written back only when it was read or did not
 * exist, through a temporary file and a rename, so that a full disk never
 * leaves half of it.  What is written always fits the limit again. */
enum { HISTORY_MAX_ENTRIES = 2000, HISTORY_MAX_BYTES = 1024 * 1024 };

/* libedit writes each entry on one line, escaping a byte in up to 4. */
static size_t history_file_bound(size_t entry_bytes) { return 4 * entry_bytes + 64; }

static void history_warn(const char *what, const char *path, const char *why)
{
    fprintf(stderr, "treaty: %s the history file '%s': %s\n", what, path, why);
}

/* Reads the history; returns 1 when the file may be written back. */
static int history_load(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return 1;                 /* the first session */
        history_warn("not using", path, strerror(errno));
        return 0;
    }
    struct stat st;
    const char *why = NULL;
    if (fstat(fd, &st) != 0) why = strerror(errno);
    else if (!S_ISREG(st.st_mode)) why = "it is not a regular file";
    else if (st.st_size > HISTORY_MAX_BYTES) why = "it is larger than 1 MiB";
    if (!why) {
        /* libedit reads a file by name: the descriptor's own name is the
         * file just looked at, even if the path changed since */
        char by_fd[32];
        snprintf(by_fd, sizeof by_fd, "/dev/fd/%d", fd);
        read_history(access(by_fd, R_OK) == 0 ? by_fd : path);
    }
    close(fd);
    if (why) history_warn("not using", path, why);
    return !why;
}

/* Drops the oldest entries until the file will fit the limit. */
static void history_trim(void)
{
    size_t bytes = (size_t)history_total_bytes() + (size_t)history_length;
    while (history_length > 0 && history_file_bound(bytes) > HISTORY_MAX_BYTES) {
        HIST_ENTRY *e = remove_history(0);
        if (!e) break;
        bytes -= strlen(e->line) + 1;
        free_history_entry(e);
    }
}

/* Did libedit write the whole file?  It does not check its writes, so count
 * the lines: a header, then one per entry. */
static int history_written(const char *tmp)
{
    FILE *f = fopen(tmp, "r");
    if (!f) return 0;
    long lines = 0, bytes = 0;
    int c, last = '\n';
    while ((c = getc(f)) != EOF && bytes++ <= HISTORY_MAX_BYTES) {
        if (c == '\n') lines++;
        last = c;
    }
    int ok = !ferror(f) && c == EOF && last == '\n' && lines == history_length + 1L;
    fclose(f);
    return ok;
}

/* A statement too large to recall usefully is not kept. */
static void remember(const char *line)
{
    if (strlen(line) <= HISTORY_MAX_BYTES / 8) add_history(line);
}

static void history_save(const char *path)
{
    char real[PATH_MAX];
    const char *target = realpath(path, real) ? real : path;   /* a link: replace what it names */
    struct stat st;
    if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
        history_warn("not writing", path, "it is not a regular file");
        return;
    }
    history_trim();
    size_t n = strlen(target) + sizeof ".XXXXXX";
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%s.XXXXXX", target);
    int fd = mkstemp(tmp);
    const char *why = NULL;
    if (fd < 0) why = strerror(errno);
    else {
        close(fd);
        int err = write_history(tmp);
        if (err) why = strerror(err);
        else if (!history_written(tmp)) why = "the file could not be written whole";
        else if (rename(tmp, target) != 0) why = strerror(errno);
        if (why) unlink(tmp);
    }
    if (why) history_warn("cannot save", path, why);
    free(tmp);
}

/* ---------------- meta commands ---------------- */

static const char help_text[] =
    "Statements end with ';' (or a '}' block); a statement may span lines.\n"
    "  at DATE;                      evaluate at that date\n"
    "  suppose ...;                  add a hypothetical layer (attack, intervention, aid,\n"
    "                                X joins Y, X leaves Y, Y kind K, objection by X in Y)\n"
    "  undo;  reset;                 remove the last layer / all layers\n"
    "  can X join Y;  who must defend X;  does Y adopt \"...\";  members of Y;  check; ...\n"
    "  why;                          the reasoning behind the last verdict\n"
    "  diff;                         what the suppositions change against the written world\n"
    "  show NAME;                    what the world says about a state or organisation\n"
    "  load FILE;                    add a file (all or nothing); quote a path with spaces\n"
    "  any declaration (state, organisation, rule, constraint); a scenario runs at once\n"
    "Meta commands:\n"
    "  .help  .quit  .format text|json  .save FILE\n"
    "Ctrl-C cancels the current input; Ctrl-D leaves.\n";

/* Returns 1 to leave the loop. */
static int meta(Session *s, char *line, int *failures)
{
    char *cmd = strtok(line, " \t\r\n");
    char *arg = strtok(NULL, " \t\r\n");
    if (!cmd) return 0;
    if (strcmp(cmd, ".quit") == 0 || strcmp(cmd, ".exit") == 0) return 1;
    if (strcmp(cmd, ".help") == 0) { fputs(help_text, stdout); return 0; }
    if (strcmp(cmd, ".format") == 0) {
        if (arg && strcmp(arg, "json") == 0) session_set_format(s, FMT_JSON);
        else if (arg && strcmp(arg, "text") == 0) session_set_format(s, FMT_TEXT);
        else { fprintf(stderr, "error: .format takes text or json\n"); (*failures)++; }
        return 0;
    }
    if (strcmp(cmd, ".save") == 0) {
        const char *why;
        if (!arg) { fprintf(stderr, "error: .save needs a file name\n"); (*failures)++; }
        else if (session_save(s, arg, &why) < 0) { fprintf(stderr, "error: cannot save to '%s': %s\n", arg, why); (*failures)++; }
        else printf("saved to %s (run it with: treaty run %s)\n", arg, arg);
        fflush(stdout);
        return 0;
    }
    fprintf(stderr, "error: unknown command '%s' (try .help)\n", cmd);
    (*failures)++;
    return 0;
}

/* ---------------- the loop ---------------- */

typedef struct Buf { char *s; size_t n, cap; } Buf;

static void buf_add(Buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->n + n + 2 > b->cap) {
        b->cap = (b->n + n + 2) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n++] = '\n';
    b->s[b->n] = '\0';
}

static const char *prompt(Session *s, int continuing, char *buf, size_t size)
{
    if (continuing) return "   ...> ";
    int n = session_layers(s);
    if (!n) return "treaty> ";
    snprintf(buf, size, "treaty [%d supposition%s]> ", n, n == 1 ? "" : "s");
    return buf;
}

int repl_main(const char *const *files, int nfiles, Format fmt, int color, Date start, int *output_error)
{
    int interactive = isatty(0);
    /* Line by line, so that answers and errors interleave as they happen. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    Session *s = session_new(stdout, stderr, color);
    session_set_format(s, fmt);
    session_set_date(s, start);
    if (nfiles && session_load(s, files, nfiles) < 0 && !interactive) {
        session_free(s);
        return 2;
    }
    completion_session = s;
    char *hist = NULL;
    if (interactive) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;            /* no SA_RESTART: read_key() must see EINTR */
        sigaction(SIGINT, &sa, NULL);
        rl_catch_signals = 0;
        rl_readline_name = "treaty";
        rl_getc_function = read_key;
        rl_initialize();
        rl_add_defun("treaty-cancel", cancel_input, 3);
        rl_attempted_completion_function = complete;
        rl_basic_word_break_characters = " \t\n\"(){},;:=<>!";
        using_history();
        stifle_history(HISTORY_MAX_ENTRIES);
        hist = history_path();
        if (hist && !history_load(hist)) {
            free(hist);
            hist = NULL;
        }
        int n;
        session_names(s, &n);
        printf("treaty %s: what-if questions on %d name%s. Type .help for help, Ctrl-D to leave.\n",
               TREATY_VERSION, n, n == 1 ? "" : "s");
    }
    Buf b = { NULL, 0, 0 };
    int failures = 0, line_no = 0, chunk_start = 1;
    char pbuf[64];
    for (;;) {
        /* answers that cannot be written end the session: nobody reads them */
        if (session_output_failed(s)) { *output_error = errno ? errno : -1; break; }
        char *line = NULL;
        if (interactive) {
            cancelled = 0;
            interrupted = 0;                   /* a Ctrl-C during the last answer is spent */
            rl_done = 0;
            line = readline(prompt(s, b.n > 0, pbuf, sizeof pbuf));
            if (cancelled) {                   /* Ctrl-C: drop what was typed */
                free(line);
                fputs("^C\n", stdout);
                b.n = 0;
                continue;
            }
        } else {
            size_t cap = 0;
            ssize_t got = getline(&line, &cap, stdin);
            if (got < 0) { free(line); line = NULL; }
            else if (got && line[got - 1] == '\n') line[got - 1] = '\0';
        }
        if (!line) break;                      /* Ctrl-D or end of input */
        line_no++;
        errno = 0;                             /* what a failed write of the answer sets */
        if (b.n == 0 && blank(line, strlen(line))) { free(line); chunk_start = line_no + 1; continue; }
        if (b.n == 0 && line[0] == '.') {
            if (interactive) remember(line);
            int leave = meta(s, line, &failures);
            free(line);
            chunk_start = line_no + 1;
            if (leave) break;
            continue;
        }
        buf_add(&b, line);
        free(line);
        if (!repl_input_complete(b.s, b.n)) continue;
        if (interactive) {
            char *h = strdup(b.s);
            size_t hl = strlen(h);
            while (hl && h[hl - 1] == '\n') h[--hl] = '\0';
            remember(h);
            free(h);
        }
        failures += session_exec(s, b.s, b.n, interactive ? "<input>" : "<stdin>", chunk_start - 1) > 0;
        b.n = 0;
        chunk_start = line_no + 1;
    }
    if (b.n && !blank(b.s, b.n) && !*output_error)     /* an unfinished statement at the end */
        failures += session_exec(s, b.s, b.n, interactive ? "<input>" : "<stdin>", chunk_start - 1) > 0;
    if (!*output_error && session_output_failed(s)) *output_error = errno ? errno : -1;
    if (interactive) {
        fputc('\n', stdout);
        if (hist) history_save(hist);
    }
    free(hist);
    free(b.s);
    session_free(s);
    return *output_error || (!interactive && failures) ? 2 : 0;
}
