treaty check tests/golden/inputs/bad_clause_word.treaty
