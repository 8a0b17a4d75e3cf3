treaty test --threshold 63.6 tests/golden/inputs/coverage
