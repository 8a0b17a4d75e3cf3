mkdir -p build/golden && awk 'BEGIN{s="state "; for(i=0;i<100000;i++) s=s "A"; print s ";"}' > build/golden/long.treaty && treaty check build/golden/long.treaty
