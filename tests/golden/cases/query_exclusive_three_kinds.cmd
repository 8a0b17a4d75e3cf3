treaty query tests/golden/inputs/exclusive_three_kinds.treaty --at 2010 -e 'violations'
