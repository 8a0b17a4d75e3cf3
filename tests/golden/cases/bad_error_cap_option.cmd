treaty check --max-errors 3 tests/golden/inputs/many_errors.treaty
