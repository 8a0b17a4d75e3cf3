treaty test --coverage --run joining tests/golden/inputs/coverage
