treaty query tests/scenarios/compare.treaty -e 'compare obligations of USA and USA' -e 'compare obligations of ANZUS and USA' -e 'compare obligatons of USA and AUL'
