treaty query tests/scenarios/accession.treaty -e 'accession of Z to Quad at 2020-03-31' -e 'accession of Z to Quad at 2020-04-01' -e 'accession of Z to Quad at 2020-05-01'
