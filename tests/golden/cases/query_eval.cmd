treaty query examples/seed/scenarios.treaty -e "eval count(members(CSTO))" -e "eval share(Russia, CSTO)" -e "eval all m in members(QCCM): neighbour(m, China) or m == China" --at 2016-09-01
