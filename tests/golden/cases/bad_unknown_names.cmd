treaty check tests/golden/inputs/unknown_names.treaty
