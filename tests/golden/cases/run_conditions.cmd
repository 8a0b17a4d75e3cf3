treaty run tests/golden/inputs/conditions.treaty
