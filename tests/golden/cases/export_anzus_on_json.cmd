treaty export dyad-years examples/real/anzus.treaty --from 1986 --to 1986 --on 12-31 --format json
