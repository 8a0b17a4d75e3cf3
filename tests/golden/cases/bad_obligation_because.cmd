treaty check tests/golden/inputs/bad_obligation_because.treaty
