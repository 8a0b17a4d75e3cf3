treaty query tests/scenarios/ratifications.treaty -e 'can SWD join NATO at 2023-06-01' -e 'can SWD join NATO at 2024-02-26' -e 'can FIN join NATO at 2022-01-01'
