treaty check tests/golden/inputs/bad_utf8.treaty
