treaty query tests/golden/inputs/obligations.treaty --format json --at 2005 -e 'who must defend BEL at 1900' -e 'who must consult USA at 1965'
