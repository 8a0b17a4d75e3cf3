treaty query examples/seed/scenarios.treaty -e "can Russia joins QCCM"
