treaty export dyad-years --on 02-30 examples/real/anzus.treaty
