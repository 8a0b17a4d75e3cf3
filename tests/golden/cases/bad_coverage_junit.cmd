treaty test --format junit --coverage tests/golden/inputs/coverage
