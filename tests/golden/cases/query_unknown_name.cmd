treaty query examples/seed/scenarios.treaty -e "can Rusia join QCCM" --at 2016-09-01
