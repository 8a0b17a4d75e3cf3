treaty query examples/seed/scenarios.treaty -e "can India join SCO at 2018-01-01"
