treaty check --at 2020-01-01 tests/golden/inputs/bom_clean.treaty && treaty check tests/golden/inputs/bom.treaty
