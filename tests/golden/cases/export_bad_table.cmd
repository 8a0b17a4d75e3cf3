treaty export dyad-tables examples/real/anzus.treaty
