treaty query --format json tests/golden/inputs/for_clauses.treaty -e 'who must defend NEW at 1990'
