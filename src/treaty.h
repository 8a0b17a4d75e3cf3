/* treaty.h — the public interface of libtreaty, for embedding.
 *
 *   Diag d; diag_init(&d, stderr, 0);
 *   LoadResult lr = load_world(paths, n, &d);      // all or nothing
 *   if (lr.world) { ... query_run / scenario_run ... }
 *   load_result_free(&lr); diag_free(&d);
 *
 * The command line (cli.c) uses nothing else. */
#ifndef TREATY_H
#define TREATY_H
#define TREATY_VERSION "0.1.0"
#include "load.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "scenario.h"
#endif
