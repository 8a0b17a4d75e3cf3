treaty export dyad-years --from 1990 --to 1980 --format xml examples/real/anzus.treaty
