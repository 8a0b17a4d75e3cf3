treaty check tests/golden/inputs/non_ascii_name.treaty
