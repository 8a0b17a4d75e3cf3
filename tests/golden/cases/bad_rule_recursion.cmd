treaty run tests/golden/inputs/recursion.treaty
