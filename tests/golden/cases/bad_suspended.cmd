treaty check tests/golden/inputs/bad_suspended.treaty
