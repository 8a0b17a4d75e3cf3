treaty query tests/golden/inputs/thousand.treaty --at 2020-01-01 --max-steps 2000000 -e 'eval all a in members(Big): all b in members(Big): all c in members(Big): a != c or b == b'
