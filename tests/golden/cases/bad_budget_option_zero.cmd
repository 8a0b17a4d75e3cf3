treaty query tests/golden/inputs/budget.treaty --max-steps 0 -e 'eval 1'
