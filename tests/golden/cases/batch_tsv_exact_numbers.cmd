printf 'eval 290 / 3\nbanzhaf of A in Club\n' | treaty query tests/golden/inputs/rounded_expect.treaty --at 2020-01-01 -f - --format tsv --reasons none
