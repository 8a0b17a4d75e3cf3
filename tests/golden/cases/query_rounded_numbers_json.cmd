treaty query tests/golden/inputs/rounded_expect.treaty --at 2020-01-01 --format json -e 'eval 290 / 3'
