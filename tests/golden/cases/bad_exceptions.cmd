treaty check tests/golden/inputs/bad_exceptions.treaty
