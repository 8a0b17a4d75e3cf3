treaty check tests/golden/inputs/cycle_a.treaty
