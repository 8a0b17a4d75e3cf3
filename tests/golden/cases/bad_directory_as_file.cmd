treaty check tests/golden/inputs
