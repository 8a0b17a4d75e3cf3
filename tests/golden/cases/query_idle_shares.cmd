treaty query tests/golden/inputs/idle_shares.treaty -e 'does Budgeted adopt "m" with votes no C at 2010' -e 'does Budgeted adopt "m" with votes no C at 2001'
