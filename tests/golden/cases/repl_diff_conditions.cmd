printf 'at 1990;\nsuppose attack by JPN on NEW in NEW;\ndiff;\nsuppose USA leaves ANZUS;\ndiff;\n' | treaty repl tests/scenarios/compare.treaty
