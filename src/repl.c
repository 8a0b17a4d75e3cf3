/* repl.c — line editing (libedit), history, completion, prompts, signals.
 *
 * Lines are gathered until they form whole statements (a cheap scan of
 * braces, strings and comments, so the parser never sees half a statement),
 * then the Session runs them.  Errors are reported and the loop goes on. */
#include "repl.h"
#include "load.h"
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
    StmtScan sc;
    stmt_scan_init(&sc);
    stmt_scan_feed(&sc, buf, len);
    return stmt_scan_complete(&sc);
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

static const char *const meta_commands[] = { ".help", ".quit", ".exit", ".format", ".save", ".save!", NULL };
/* Words with a meaning in one place only (not keywords, so that they stay
 * free as names): the kinds of obligation and the principles, the words of
 * conditions, attacks and queries, and those of the membership events
 * (`gave notice`, `notice 1 year`...) (docs/obligations.md), of accessions
 * (docs/language.md), and those of compound rules and power queries (`veto
 * by`, `more than`, `of those voting`, `minimal winning coalitions`)
 * (docs/power.md). */
static const char *const context_words[] = {
    "defence", "offence", "neutrality", "non_aggression", "consultation", "collective_defence",
    "non_interference", "least", "provoked", "unprovoked", "demands", "stay", "neutral", "condition",
    "conditional", "suspension", "exception", "day", "days", "gave", "gives", "month", "months", "renew",
    "year", "years", "veto", "more", "than", "those", "voting", "present", "minority", "winning", "coalitions",
    /* accession (docs/language.md, accession) */
    "applies", "invited", "ratify", "ratifies", "ratification", "applied", "ratified", NULL
};

static char *complete_word(const char *text, int state)
{
    static int kw_i, name_i, meta_i, ctx_i, nkw, nnames;
    static const char *const *kw, *const *names;
    static size_t len;
    if (state == 0) {
        kw_i = name_i = meta_i = ctx_i = 0;
        kw = lexer_keywords(&nkw);
        names = session_names(completion_session, &nnames);
        len = strlen(text);
    }
    if (text[0] == '.') {
        while (meta_commands[meta_i])
            if (strncmp(meta_commands[meta_i++], text, len) == 0) return xstrdup(meta_commands[meta_i - 1]);
        return NULL;
    }
    while (name_i < nnames)
        if (strncmp(names[name_i++], text, len) == 0) return xstrdup(names[name_i - 1]);
    while (kw_i < nkw)
        if (strncmp(kw[kw_i++], text, len) == 0) return xstrdup(kw[kw_i - 1]);
    while (context_words[ctx_i])
        if (strncmp(context_words[ctx_i++], text, len) == 0) return xstrdup(context_words[ctx_i - 1]);
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
    if (over) return *over ? xstrdup(over) : NULL;
    const char *home = getenv("HOME");
    const char *state = getenv("XDG_STATE_HOME");
    char buf[4096];
    struct stat st;
    if (state && *state) snprintf(buf, sizeof buf, "%s/treaty", state);
    else if (home && snprintf(buf, sizeof buf, "%s/.local/state", home) > 0 && stat(buf, &st) == 0)
        snprintf(buf, sizeof buf, "%s/.local/state/treaty", home);
    else if (home) {
        snprintf(buf, sizeof buf, "%s/.treaty_history", home);
        return xstrdup(buf);
    } else return NULL;
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) return NULL;
    size_t n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, "/history");
    return xstrdup(buf);
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
    "                                X joins Y, X leaves Y, Y kind K, objection by X in Y,\n"
    "                                Y decides by RULE)\n"
    "  undo;  reset;                 remove the last layer / all layers\n"
    "  can X join Y;  who must defend X;  obligations of X;  does Y adopt \"...\";  check; ...\n"
    "  accession of X to Y;  power in Y;  banzhaf of X in Y;  shapley of X in Y; ...\n"
    "  why;                          the reasoning behind the last verdict\n"
    "  diff;                         what the suppositions change against the written world\n"
    "  show NAME;                    what the world says about a state or organisation\n"
    "  load FILE;                    add a file (all or nothing); quote a path with spaces\n"
    "  any declaration (state, organisation, rule, constraint); a scenario runs at once\n"
    "Meta commands:\n"
    "  .help  .quit  .format text|json\n"
    "  .save FILE      write the session as a file that 'treaty run' replays\n"
    "  .save! FILE     the same, replacing FILE if it exists\n"
    "Ctrl-C cancels the current input; Ctrl-D leaves.\n";

/* `.save FILE` and `.save! FILE`: the rest of the line is the file name. */
static void save(Session *s, const char *path, int replace, int *failures)
{
    const char *why;
    if (!*path) { fprintf(stderr, "error: .save needs a file name\n"); (*failures)++; }
    else if (session_save(s, path, replace, &why) < 0) {
        fprintf(stderr, "error: cannot save to '%s': %s\n", path, why);
        (*failures)++;
    }
    fflush(stdout);
}

/* Returns 1 to leave the loop. */
static int meta(Session *s, char *line, int *failures)
{
    char *arg = line + strcspn(line, " \t\r\n");
    if (*arg) *arg++ = '\0';
    arg += strspn(arg, " \t\r\n");
    size_t n = strlen(arg);
    while (n && strchr(" \t\r\n", arg[n - 1])) arg[--n] = '\0';
    const char *cmd = line;
    if (strcmp(cmd, ".quit") == 0 || strcmp(cmd, ".exit") == 0) return 1;
    if (strcmp(cmd, ".help") == 0) { fputs(help_text, stdout); return 0; }
    if (strcmp(cmd, ".format") == 0) {
        if (strcmp(arg, "json") == 0) session_set_format(s, FMT_JSON);
        else if (strcmp(arg, "text") == 0) session_set_format(s, FMT_TEXT);
        else { fprintf(stderr, "error: .format takes text or json\n"); (*failures)++; }
        return 0;
    }
    if (strcmp(cmd, ".save") == 0 || strcmp(cmd, ".save!") == 0) {
        save(s, arg, cmd[5] == '!', failures);
        return 0;
    }
    fprintf(stderr, "error: unknown command '%s' (try .help)\n", cmd);
    (*failures)++;
    return 0;
}

/* ---------------- the loop ---------------- */

/* The statement being gathered, line after line, until it is complete.  It
 * is bounded like a file (16 MiB): past the limit the rest of it is only
 * scanned, to find where it ends, and it is then dropped with an error. */
typedef struct Gather {
    char *s;                         /* NUL-terminated */
    size_t n, cap;
    StmtScan scan;
    int too_long;
} Gather;

static void gather_reset(Gather *g)
{
    g->n = 0;
    if (g->s) g->s[0] = '\0';
    g->too_long = 0;
    stmt_scan_init(&g->scan);
}

static void gather_add(Gather *g, const char *text, size_t n)
{
    stmt_scan_feed(&g->scan, text, n);
    if (g->too_long) return;
    if (n > LOAD_MAX_FILE_BYTES - g->n) { g->too_long = 1; return; }
    if (g->n + n + 1 > g->cap) {
        size_t cap = 2 * (g->n + n + 1);
        g->s = xrealloc(g->s, cap);
        g->cap = cap;
    }
    memcpy(g->s + g->n, text, n);
    g->n += n;
    g->s[g->n] = '\0';
}

/* Adds the next line of standard input, with its newline, to the statement
 * a piece at a time (a line is never held whole beyond the limit); 0 at the
 * end of the input. */
static int read_line(Gather *g)
{
    char piece[4096];
    size_t k = 0;
    int c, any = 0;
    while ((c = getc(stdin)) != EOF) {
        any = 1;
        piece[k++] = (char)c;
        if (c == '\n') break;
        if (k == sizeof piece) { gather_add(g, piece, k); k = 0; }
    }
    if (any && c != '\n') piece[k++] = '\n';          /* a last line without one */
    gather_add(g, piece, k);
    return any;
}

/* Runs the statement gathered from line chunk_start on; 1 if it failed. */
static int run_statement(Session *s, const Gather *g, int interactive, int chunk_start)
{
    const char *name = interactive ? "<input>" : "<stdin>";
    if (g->too_long) {
        session_skip(s, g->s, g->n, name, chunk_start - 1,
                     "statement is larger than the limit of 16 MiB; it was skipped, up to its end");
        return 1;
    }
    if (interactive) {
        size_t n = g->n;
        while (n && g->s[n - 1] == '\n') n--;
        char *h = xmalloc(n + 1);
        memcpy(h, g->s, n);
        h[n] = '\0';
        remember(h);
        free(h);
    }
    return session_exec(s, g->s, g->n, name, chunk_start - 1) > 0;
}

static const char *prompt(Session *s, int continuing, char *buf, size_t size)
{
    if (continuing) return "   ...> ";
    int n = session_layers(s);
    if (!n) return "treaty> ";
    snprintf(buf, size, "treaty [%d supposition%s]> ", n, n == 1 ? "" : "s");
    return buf;
}

int repl_main(const char *const *files, int nfiles, Format fmt, int color, Date start, EvalLimits limits,
              int *output_error)
{
    int interactive = isatty(0);
    /* Line by line, so that answers and errors interleave as they happen. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    Session *s = session_new(stdout, stderr, color);
    session_set_format(s, fmt);
    session_set_date(s, start);
    session_set_limits(s, limits);
    session_set_interrupt(s, &interrupted);
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
    Gather g = { NULL, 0, 0, { 0 }, 0 };
    gather_reset(&g);
    int failures = 0, line_no = 0, chunk_start = 1;
    char pbuf[64];
    for (;;) {
        /* answers that cannot be written end the session: nobody reads them */
        if (session_output_failed(s)) { *output_error = errno ? errno : -1; break; }
        int first_line = g.n == 0 && !g.too_long;
        if (interactive) {
            cancelled = 0;
            interrupted = 0;                   /* a Ctrl-C during the last answer is spent */
            rl_done = 0;
            char *line = readline(prompt(s, !first_line, pbuf, sizeof pbuf));
            if (cancelled) {                   /* Ctrl-C: drop what was typed */
                free(line);
                fputs("^C\n", stdout);
                gather_reset(&g);
                continue;
            }
            if (!line) break;                  /* Ctrl-D */
            gather_add(&g, line, strlen(line));
            gather_add(&g, "\n", 1);
            free(line);
        } else if (!read_line(&g)) break;      /* end of input */
        line_no++;
        errno = 0;                             /* what a failed write of the answer sets */
        if (first_line && !g.too_long && blank(g.s, g.n)) { gather_reset(&g); chunk_start = line_no + 1; continue; }
        if (first_line && !g.too_long && g.s[0] == '.') {
            g.s[g.n - 1] = '\0';              /* without its newline */
            if (interactive) remember(g.s);
            int leave = meta(s, g.s, &failures);
            gather_reset(&g);
            chunk_start = line_no + 1;
            if (leave) break;
            continue;
        }
        if (!stmt_scan_complete(&g.scan)) continue;
        failures += run_statement(s, &g, interactive, chunk_start);
        gather_reset(&g);
        chunk_start = line_no + 1;
    }
    if ((g.too_long || !blank(g.s, g.n)) && !*output_error)     /* an unfinished statement at the end */
        failures += run_statement(s, &g, interactive, chunk_start);
    if (!*output_error && session_output_failed(s)) *output_error = errno ? errno : -1;
    if (interactive) {
        fputc('\n', stdout);
        if (hist) history_save(hist);
    }
    free(hist);
    free(g.s);
    session_free(s);
    return *output_error || (!interactive && failures) ? 2 : 0;
}
