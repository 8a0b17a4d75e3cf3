treaty export dyad-years examples/real/anzus.treaty --from 1986 --to 1987 --suppose 'USA leaves ANZUS'
