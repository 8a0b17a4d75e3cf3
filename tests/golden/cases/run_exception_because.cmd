treaty run tests/golden/inputs/exceptions.treaty
