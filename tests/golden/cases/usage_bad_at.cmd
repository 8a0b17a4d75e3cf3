treaty query examples/seed/scenarios.treaty -e "members of SCO" --at 2016-02-30
