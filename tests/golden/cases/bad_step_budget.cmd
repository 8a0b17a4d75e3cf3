treaty query tests/golden/inputs/budget.treaty --at 2020-01-01 -e 'eval f(40)'
