treaty check tests/golden/inputs/nul.treaty
