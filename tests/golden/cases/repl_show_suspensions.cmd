printf 'at 2000;\nshow ANZUS;\n' | treaty repl tests/golden/inputs/suspensions.treaty
