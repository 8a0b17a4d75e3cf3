treaty check tests/golden/inputs/shares.treaty
