treaty query tests/golden/inputs/suspensions.treaty -e 'who must defend NEW at 1986-09-16' -e 'who must defend NEW at 1986-09-17' -e 'who must consult NEW at 1990' -e 'who must defend AUL at 1990'
