treaty check tests/golden/inputs/bad_since_until.treaty
