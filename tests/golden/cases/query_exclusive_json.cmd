treaty query tests/golden/inputs/an_alliance.treaty --at 2001 -e check --format json
