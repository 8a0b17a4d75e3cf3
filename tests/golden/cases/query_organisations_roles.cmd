treaty query tests/golden/inputs/roles.treaty -e 'organisations of Island' --at 2001
