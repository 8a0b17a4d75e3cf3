treaty test --format json --coverage tests/golden/inputs/coverage
