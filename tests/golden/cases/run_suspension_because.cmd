treaty run tests/golden/inputs/suspensions.treaty
