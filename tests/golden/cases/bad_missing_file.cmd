treaty check tests/golden/inputs/absent.treaty
