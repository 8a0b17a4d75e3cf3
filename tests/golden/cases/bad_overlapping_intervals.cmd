treaty check tests/golden/inputs/overlap.treaty
