treaty check tests/golden/inputs/bad_escape.treaty
