treaty query examples/seed/scenarios.treaty -e "members of SCO at 2016-01-01" -e "members of SCO at 2018-01-01" -e "observers of SCO at 2018-01-01" -e "partners of SCO at 2018-01-01"
