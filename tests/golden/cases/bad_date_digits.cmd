treaty check tests/golden/inputs/bad_date_digits.treaty
