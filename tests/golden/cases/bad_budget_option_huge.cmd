treaty query tests/golden/inputs/budget.treaty --max-steps=99999999999999999999 -e 'eval 1'
