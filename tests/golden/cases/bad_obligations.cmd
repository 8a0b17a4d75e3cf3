treaty check tests/golden/inputs/bad_obligations.treaty
