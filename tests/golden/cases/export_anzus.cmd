treaty export dyad-years examples/real/anzus.treaty --from 1985 --to 1988
