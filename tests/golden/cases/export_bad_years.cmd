treaty export dyad-years --from 1990 --to 1980 examples/real/anzus.treaty
