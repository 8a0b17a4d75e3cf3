treaty run tests/golden/inputs/repeated_attack.treaty
