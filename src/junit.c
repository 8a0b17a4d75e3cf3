/* junit.c — the JUnit XML report of treaty test (see junit.h). */
#include "junit.h"
#include "source.h"
#include <string.h>

void junit_init(JunitReport *r)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->arena);
}

void junit_free(JunitReport *r) { arena_free(&r->arena); }

/* The code point of a well-formed UTF-8 sequence of len bytes. */
static unsigned code_point(const unsigned char *s, int len)
{
    static const unsigned first_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
    unsigned c = s[0] & first_mask[len];
    for (int k = 1; k < len; k++) c = (c << 6) | (s[k] & 0x3F);
    return c;
}

/* May this character stand in an XML 1.0 document? (Char in the spec.) */
static int xml_allows(unsigned c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
}

/* What one character becomes, or NULL when it is copied as it is. */
static const char *xml_replacement(unsigned c, int attribute)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";       /* only `]]>` needs it; escaping every one is simpler */
    case '"': return attribute ? "&quot;" : NULL;
    case '\t': return attribute ? "&#9;" : NULL;
    case '\n': return attribute ? "&#10;" : NULL;
    case '\r': return "&#13;";     /* a raw one would be read as a newline */
    }
    return xml_allows(c) ? NULL : "\xEF\xBF\xBD";
}

const char *xml_escape(Arena *a, const char *s, int attribute)
{
    size_t n = strlen(s), k = 0;
    /* the longest replacement, "&quot;", is 6 bytes for 1 */
    char *out = arena_alloc_bytes(a, 6 * n + 1);
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        int len = utf8_char_len(p, n - i);
        const char *rep = len ? xml_replacement(code_point(p, len), attribute) : "\xEF\xBF\xBD";
        if (rep) {
            size_t r = strlen(rep);
            memcpy(out + k, rep, r);
            k += r;
        } else {
            memcpy(out + k, p, (size_t)len);
            k += (size_t)len;
        }
        i += len ? (size_t)len : 1;
    }
    out[k] = '\0';
    return out;
}

typedef struct Totals { int tests, failures, errors, skipped; double seconds; } Totals;

static Totals suite_totals(const JunitSuite *s)
{
    Totals t = { 0, 0, 0, 0, 0 };
    for (int i = 0; i < s->cases.n; i++) {
        const JunitCase *c = &s->cases.items[i];
        t.tests++;
        t.failures += c->failures > 0 && !c->errors;
        t.errors += c->errors > 0;
        t.skipped += c->skipped != NULL;
        t.seconds += c->seconds;
    }
    if (s->load_error) { t.tests++; t.errors++; }
    return t;
}

static void write_case(Arena *a, const JunitCase *c, FILE *f)
{
    fprintf(f, "    <testcase name=\"%s\" classname=\"%s\" file=\"%s\" line=\"%d\" assertions=\"%d\" time=\"%.6f\"",
            xml_escape(a, c->name, 1), xml_escape(a, c->file, 1), xml_escape(a, c->file, 1), c->line, c->tests,
            c->seconds);
    if (c->skipped) {
        fprintf(f, ">\n      <skipped message=\"%s\"/>\n    </testcase>\n", xml_escape(a, c->skipped, 1));
        return;
    }
    if (!c->failures && !c->errors) { fputs("/>\n", f); return; }
    /* a case with a query that could not be evaluated is in error, not failed */
    const char *element = c->errors ? "error" : "failure";
    const char *counts = c->failures ? arena_printf(a, "%d of %d expectation%s failed", c->failures, c->tests,
                                                    c->tests == 1 ? "" : "s") : "";
    if (c->errors)
        counts = arena_printf(a, "%s%s%d quer%s could not be evaluated", counts, *counts ? "; " : "", c->errors,
                              c->errors == 1 ? "y" : "ies");
    const char *message = arena_printf(a, "%s; the first: %s", counts, c->first ? c->first : "");
    fprintf(f, ">\n      <%s message=\"%s\" type=\"%s\">", element, xml_escape(a, message, 1),
            c->errors ? "evaluation" : "expectation");
    for (int i = 0; i < c->details.n; i++) fputs(xml_escape(a, c->details.items[i], 0), f);
    fprintf(f, "</%s>\n    </testcase>\n", element);
}

int junit_write(const JunitReport *r, FILE *f)
{
    Arena scratch;
    arena_init(&scratch);
    Totals all = { 0, 0, 0, 0, 0 };
    for (int i = 0; i < r->suites.n; i++) {
        Totals t = suite_totals(&r->suites.items[i]);
        all.tests += t.tests; all.failures += t.failures; all.errors += t.errors;
        all.skipped += t.skipped; all.seconds += t.seconds;
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuites name=\"treaty test\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.6f\">\n",
            all.tests, all.failures, all.errors, all.skipped, all.seconds);
    for (int i = 0; i < r->suites.n; i++) {
        const JunitSuite *s = &r->suites.items[i];
        Totals t = suite_totals(s);
        fprintf(f, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.6f\">\n",
                xml_escape(&scratch, s->name, 1), t.tests, t.failures, t.errors, t.skipped, t.seconds);
        if (s->load_error)
            fprintf(f, "    <testcase name=\"(loading the file)\" classname=\"%s\" file=\"%s\" time=\"0\">\n"
                       "      <error message=\"%s\" type=\"load\"/>\n    </testcase>\n",
                    xml_escape(&scratch, s->name, 1), xml_escape(&scratch, s->name, 1),
                    xml_escape(&scratch, s->load_error, 1));
        for (int k = 0; k < s->cases.n; k++) write_case(&scratch, &s->cases.items[k], f);
        fprintf(f, "  </testsuite>\n");
        arena_free(&scratch);     /* the escaped texts of one suite at a time */
        arena_init(&scratch);
    }
    fprintf(f, "</testsuites>\n");
    arena_free(&scratch);
    return ferror(f) ? -1 : 0;
}
