treaty check tests/golden/inputs/when_joined_bad.treaty
