treaty query --format json tests/scenarios/objections.treaty -e 'can SWD join NATO at 2023-06-01'
