treaty query --format json tests/scenarios/for_clauses.treaty -e 'who must defend NEW at 1990'
