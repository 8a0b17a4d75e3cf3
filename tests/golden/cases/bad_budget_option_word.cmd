treaty query tests/golden/inputs/budget.treaty --max-memory 2x -e 'eval 1'
