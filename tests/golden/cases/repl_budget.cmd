treaty repl tests/golden/inputs/budget.treaty --at 2020-01-01 --max-steps 1000000 < tests/golden/inputs/repl/budget.txt
