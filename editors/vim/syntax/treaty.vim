" Vim syntax file
" Language:    Treaty (.treaty files: the rules of international alliances)
" The keyword lists are the scanner's (grammar/lexer.l); tests/editors/check-editors.py
" checks that they stay the same.

if exists("b:current_syntax")
  finish
endif

" Names, keywords included, are made of these characters (for the keywords
" below only: the buffer's own 'iskeyword' is left alone).
syntax iskeyword a-z,A-Z,48-57,_

syntax keyword treatyDeclaration actor area conflict constraint import organisation organization place rule
syntax keyword treatyDeclaration scenario state

syntax keyword treatyConstant false no true yes

syntax keyword treatyQuery accession banzhaf can check compare does eval expect minimal must power
syntax keyword treatyQuery query shapley suppose violations who

syntax keyword treatyRepl diff load reset show undo why

syntax keyword treatyKeyword absent abstain admission adopt after against aid all and as at attack based_in
syntax keyword treatyKeyword because before blocking borders budget by consensus consent consult decides
syntax keyword treatyKeyword defend dissolved during except exclusive for founded from in in_force includes
syntax keyword treatyKeyword initiator intervention is join joins kind leaves majority measure member
syntax keyword treatyKeyword members not notice objection objections obligations observer observers of
syntax keyword treatyKeyword on or organisations organizations outsiders owe owes partner partners principle
syntax keyword treatyKeyword purpose qualified_majority quorum region renewal require since some suspend
syntax keyword treatyKeyword suspended suspends tags term threshold to unanimity unless until votes weighted
syntax keyword treatyKeyword with within

" A date is matched after a number so that it wins where both start.
syntax match   treatyNumber  /\<[0-9]\+\(\.[0-9]\+\)\?\>/
syntax match   treatyDate    /\<[0-9]\{4}-[0-9]\{1,2}\(-[0-9]\{1,2}\)\?\>/
syntax match   treatyOperator /==\|!=\|<=\|>=\|[<>+*\/%=-]/
syntax match   treatyEscape  /\\["\\nt]/ contained
syntax region  treatyString  start=/"/ skip=/\\./ end=/"\|$/ contains=treatyEscape
syntax match   treatyComment /#.*$/ contains=@Spell

" The name a declaration gives (state Aldoria): after the keyword.
syntax match   treatyDeclared /\%(\<\%(state\|actor\|organisation\|organization\|place\|area\|conflict\|rule\)\s\+\)\@<=[A-Za-z_][A-Za-z0-9_]*/

hi def link treatyDeclaration Structure
hi def link treatyConstant    Boolean
hi def link treatyQuery       Statement
hi def link treatyRepl        PreProc
hi def link treatyKeyword     Keyword
hi def link treatyDeclared    Identifier
hi def link treatyNumber      Number
hi def link treatyDate        Constant
hi def link treatyOperator    Operator
hi def link treatyEscape      SpecialChar
hi def link treatyString      String
hi def link treatyComment     Comment

let b:current_syntax = "treaty"
