" Files ending in .treaty are Treaty worlds and scenarios.
autocmd BufRead,BufNewFile *.treaty setfiletype treaty
