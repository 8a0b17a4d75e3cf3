treaty graph --at 1982-04-02 examples/real/nato.treaty examples/real/anzus.treaty
