treaty query tests/scenarios/compare.treaty --format json -e 'compare obligations of USA at 1985 and 1990'
