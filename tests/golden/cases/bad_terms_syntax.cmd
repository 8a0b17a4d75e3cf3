treaty check tests/golden/inputs/bad_terms_syntax.treaty
