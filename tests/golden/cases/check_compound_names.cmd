treaty check tests/golden/inputs/compound_names.treaty
