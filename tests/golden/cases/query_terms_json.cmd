treaty query --format json tests/scenarios/terms.treaty -e 'members of Short at 2004-02-28'
