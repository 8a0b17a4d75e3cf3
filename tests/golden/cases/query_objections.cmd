treaty query tests/scenarios/objections.treaty -e 'can SWD join NATO at 2023-06-01' -e 'can FIN join Forum at 2010' -e 'does NATO adopt "enlargement" at 2023-01-01'
