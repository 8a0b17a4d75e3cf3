treaty query --format json examples/seed/scenarios.treaty -e "can Russia join QCCM" --at 2016-08-04
