treaty check tests/golden/inputs/unknown_one_letter.treaty
