treaty check tests/golden/inputs/syntax_multi.treaty
