treaty check tests/golden/inputs/binary.treaty
