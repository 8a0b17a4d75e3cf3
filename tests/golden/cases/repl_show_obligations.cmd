printf 'at 2000;\nshow USJapan;\nshow Benelux;\n' | treaty repl tests/golden/inputs/obligations.treaty
