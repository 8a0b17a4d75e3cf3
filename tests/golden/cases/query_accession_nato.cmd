treaty query examples/real/nato.treaty -e 'accession of SWD to NATO at 2023-06-01' -e 'accession of SWD to NATO at 2024-02-01' -e 'accession of FIN to NATO at 2023-03-29'
