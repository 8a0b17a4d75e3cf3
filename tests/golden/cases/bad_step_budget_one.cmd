treaty query tests/golden/inputs/budget.treaty --at 2020-01-01 --max-steps 1 -e 'eval 1' -e 'eval 1 + 1'
