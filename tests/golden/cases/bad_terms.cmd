treaty check tests/golden/inputs/bad_terms.treaty
