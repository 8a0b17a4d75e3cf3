treaty test --format json tests/golden/inputs/conditional_difference.treaty
