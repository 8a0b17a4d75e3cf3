treaty check tests/golden/inputs/huge_fraction.treaty
