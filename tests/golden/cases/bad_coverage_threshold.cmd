treaty test --threshold 101 tests/golden/inputs/coverage
