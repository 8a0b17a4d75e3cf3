treaty query --format json tests/scenarios/accession.treaty -e 'accession of X to Pact at 2021-08-30' -e 'accession of X to Pact at 2022-01-10'
