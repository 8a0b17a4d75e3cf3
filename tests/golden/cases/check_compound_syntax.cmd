treaty check tests/golden/inputs/compound_syntax.treaty
