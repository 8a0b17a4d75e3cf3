mkdir -p build/golden && awk 'BEGIN{s="state A;\nrule r(a) = true"; for(i=0;i<300;i++) s=s " and true"; print s ";"}' > build/golden/and.treaty && treaty check build/golden/and.treaty
