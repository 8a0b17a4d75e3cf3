treaty check tests/golden/inputs/bad_keyword_typos.treaty
