treaty check tests/golden/inputs/missing_import.treaty
