treaty check tests/golden/inputs/empty.treaty
