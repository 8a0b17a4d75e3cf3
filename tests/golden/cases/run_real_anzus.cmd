treaty run examples/real/anzus.treaty
