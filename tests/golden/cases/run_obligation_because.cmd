treaty test tests/golden/inputs/obligation_because.treaty
