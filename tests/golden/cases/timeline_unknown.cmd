treaty timeline Anzus examples/real/anzus.treaty
