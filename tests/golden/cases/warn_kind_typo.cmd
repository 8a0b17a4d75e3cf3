treaty check --at 2001 tests/golden/inputs/kind_typo.treaty
