treaty check tests/golden/inputs/bad_suspensions.treaty
