treaty query examples/real/eucouncil.treaty --at 2005-06-01 -e 'power in EUCouncil'
