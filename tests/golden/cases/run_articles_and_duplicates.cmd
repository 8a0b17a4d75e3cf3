treaty run tests/golden/inputs/an_alliance.treaty
