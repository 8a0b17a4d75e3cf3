treaty query --format json tests/golden/inputs/suspended_members.treaty -e 'who must defend AUL at 1990' -e 'members of ANZUS at 1990'
