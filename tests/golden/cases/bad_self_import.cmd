treaty check tests/golden/inputs/self_import.treaty
