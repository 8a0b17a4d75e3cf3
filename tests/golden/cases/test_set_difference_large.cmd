treaty test tests/golden/inputs/large_set_difference.treaty
