treaty query tests/golden/inputs/exceptions.treaty -e 'who must defend AUS at 2010' -e 'who must defend FRN at 2009-11-30' -e 'who must defend FRN at 2009-12-01' -e 'who must consult FRN at 2010'
