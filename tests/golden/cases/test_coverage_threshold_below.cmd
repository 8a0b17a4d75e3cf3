treaty test --threshold 63.7 tests/golden/inputs/coverage
