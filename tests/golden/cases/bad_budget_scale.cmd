treaty check tests/golden/inputs/scale.treaty
