treaty query tests/golden/inputs/rounded_expect.treaty --at 2020-01-01 -e 'eval 290 / 3' -e 'eval {1 / 3, 2, 2.5, 1234.5678, 0.000012345}' -e 'does Club adopt "m" with votes yes A, B no C'
