treaty run tests/golden/inputs/aids_repeated.treaty
