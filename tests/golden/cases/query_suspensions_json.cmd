treaty query tests/golden/inputs/suspensions.treaty --format json -e 'who must defend NEW at 1990'
