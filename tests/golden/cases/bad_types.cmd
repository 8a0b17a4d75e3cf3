treaty check tests/golden/inputs/types.treaty
