treaty run tests/golden/inputs/attackers_inside.treaty
