treaty query tests/golden/inputs/budget.treaty --at 2020-01-01 --max-steps 1000 -e 'eval f(5)' -e 'eval f(6)'
