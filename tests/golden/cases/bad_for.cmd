treaty check tests/golden/inputs/bad_for.treaty
