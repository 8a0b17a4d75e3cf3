treaty query --format json tests/golden/inputs/terms.treaty -e 'members of Short at 2004-02-28'
