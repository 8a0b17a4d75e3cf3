treaty run tests/golden/inputs/div_zero.treaty
