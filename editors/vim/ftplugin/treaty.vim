" Treaty: comments start with #; blocks are indented by two spaces, as
" `treaty fmt` lays them out.
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:#
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal formatoptions-=t formatoptions+=croql
" gq and = leave the text to `treaty fmt`: map it yourself, e.g.
"   nnoremap <buffer> <LocalLeader>f :%!treaty fmt -<CR>

let b:undo_ftplugin = "setlocal commentstring< comments< expandtab< shiftwidth< softtabstop< formatoptions<"
