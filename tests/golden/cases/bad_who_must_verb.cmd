treaty query examples/real -e 'who must defent EST' -e 'who must kinsult EST against RUS' -e 'who must stay neutral for EST at 2016-01-01'
