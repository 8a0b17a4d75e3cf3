treaty check tests/golden/inputs/dates.treaty
