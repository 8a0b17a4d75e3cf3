treaty query tests/golden/inputs/many_kinds.treaty --at 2010 -e 'can Hub join NoFive' -e 'can Hub join NoEight' -e 'can Hub join NoOne' -e 'can Hub join NoNew'
