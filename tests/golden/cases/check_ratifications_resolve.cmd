treaty check tests/golden/inputs/ratifications_resolve.treaty
