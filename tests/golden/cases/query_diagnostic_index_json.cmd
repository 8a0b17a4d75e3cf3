treaty query examples/real/anzus.treaty --format json -e 'who must defend NEW at 1980-01-01' -e 'who must defend NEWW' -e 'members of ANZUSS; organisations of X'
