treaty check tests/golden/inputs/dup.treaty
