treaty query tests/golden/inputs/budget.treaty --at 2020-01-01 --max-memory 1 -e 'eval m(30)'
