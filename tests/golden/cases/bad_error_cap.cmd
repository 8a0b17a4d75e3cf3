treaty check tests/golden/inputs/many_errors.treaty
