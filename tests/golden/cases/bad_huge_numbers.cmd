treaty check tests/golden/inputs/huge.treaty
