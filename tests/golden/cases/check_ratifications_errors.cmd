treaty check tests/golden/inputs/ratifications_errors.treaty
