treaty query tests/golden/inputs/exceptions.treaty --format json -e 'who must defend AUS at 2010'
