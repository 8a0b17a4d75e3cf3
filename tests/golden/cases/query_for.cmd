treaty query tests/golden/inputs/for_clauses.treaty -e 'who must defend NEW at 1990' -e 'obligations of NEW kind non_aggression at 1986-09-16'
