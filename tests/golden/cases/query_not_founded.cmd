treaty query examples/seed/scenarios.treaty -e "can Russia join QCCM" --at 2010-01-01
