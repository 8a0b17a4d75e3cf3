treaty check tests/golden/inputs/wrong_clause.treaty
