treaty export dyad-years examples/atop | wc -l && treaty export dyad-years --on 07-01 examples/atop | wc -l && treaty export dyad-years --undirected examples/atop | wc -l
