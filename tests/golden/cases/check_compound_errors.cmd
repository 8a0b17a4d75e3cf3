treaty check tests/golden/inputs/compound_errors.treaty
