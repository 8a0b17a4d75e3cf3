treaty repl examples/seed/qccm.treaty < tests/golden/inputs/repl/why_after_change.txt
