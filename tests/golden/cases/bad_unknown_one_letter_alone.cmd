treaty check tests/golden/inputs/unknown_one_letter_alone.treaty
