treaty check tests/golden/inputs/bad_for_syntax.treaty
