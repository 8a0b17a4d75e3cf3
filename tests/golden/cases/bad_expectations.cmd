treaty check tests/golden/inputs/bad_expect.treaty
