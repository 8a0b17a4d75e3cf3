treaty query tests/scenarios/compare.treaty -e 'compare obligations of USA at 1985 and 1990' -e 'compare obligations of UKG and AUL at 1965' -e 'compare obligations of AUL and NEW at 1955'
