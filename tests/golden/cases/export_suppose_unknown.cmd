treaty export dyad-years examples/real/anzus.treaty --suppose 'USA leaves NATO'
