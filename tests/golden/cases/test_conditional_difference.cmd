treaty test tests/golden/inputs/conditional_difference.treaty
