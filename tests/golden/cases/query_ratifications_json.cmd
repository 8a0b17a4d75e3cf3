treaty query --format json tests/scenarios/ratifications.treaty -e 'can SWD join NATO at 2023-06-01'
