treaty check tests/golden/inputs/bad_set_without_braces.treaty
