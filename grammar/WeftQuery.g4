// The weft path query language. docs/query-language.md describes it for users.
grammar WeftQuery;

query
    : EXPLAIN? statement ';'? EOF
    ;

statement
    : matchQuery
    | pathQuery
    | neighborsQuery
    ;

// Patterns that share variables, filtered, projected, ordered and cut.
matchQuery
    : MATCH? pattern (',' pattern)* whereClause? returnClause? orderClause? limitClause?
    ;

// PATH A TO B [MAX n] [VIA label] [DIRECTED], options in any order
pathQuery
    : (SHORTEST)? PATH from=node TO to=node pathOption*
    ;

pathOption
    : MAX hops=INTEGER
    | HOPS hops=INTEGER
    | VIA pathExpr
    | DIRECTED
    ;

// NEIGHBORS A [HOPS n] [VIA label] [DIRECTED], options in any order
neighborsQuery
    : NEIGHBORS node pathOption*
    ;

pattern
    : node (edge node)*
    ;

node
    : VARIABLE                      # varNode
    | name                          # nameNode
    | '[' ']'                       # anonNode
    ;

edge
    : '-' edgeBody '->'             # forwardEdge
    | '<-' edgeBody '-'             # backwardEdge
    | '-' edgeBody '-'              # eitherEdge
    ;

edgeBody
    : (edgeVar=VARIABLE ':')? pathExpr? qualifiers?
    ;

qualifiers
    : '{' qualifier (',' qualifier)* '}'
    ;

qualifier
    : role=name ':' term
    ;

term
    : VARIABLE
    | name
    ;

pathExpr
    : pathSeq ('|' pathSeq)*
    ;

pathSeq
    : pathUnary ('/' pathUnary)*
    ;

pathUnary
    : INVERSE='^'? pathPrimary quantifier?
    ;

pathPrimary
    : name                          # labelPath
    | VARIABLE                      # labelVarPath
    | '_'                           # anyLabelPath
    | '(' pathExpr ')'              # groupPath
    ;

quantifier
    : '*'                                          # starQuant
    | '+'                                          # plusQuant
    | '?'                                          # optQuant
    | '{' min=INTEGER (',' (max=INTEGER)?)? '}'    # rangeQuant
    | '{' ',' max=INTEGER '}'                      # upToQuant
    ;

whereClause
    : WHERE expr
    ;

returnClause
    : RETURN DISTINCT? (STAR='*' | projection (',' projection)*)
    ;

projection
    : expr (AS alias=identifier)?
    ;

orderClause
    : ORDER BY orderItem (',' orderItem)*
    ;

orderItem
    : expr (ASC | DESC)?
    ;

limitClause
    : LIMIT limit=INTEGER (OFFSET offset=INTEGER)?
    | OFFSET offset=INTEGER (LIMIT limit=INTEGER)?
    ;

expr
    : NOT expr                                                  # notExpr
    | expr AND expr                                             # andExpr
    | expr OR expr                                              # orExpr
    | left=operand op=('=' | '!=' | '<' | '<=' | '>' | '>=' | '=~') right=operand   # compareExpr
    | left=operand CONTAINS right=operand                       # containsExpr
    | left=operand STARTS WITH right=operand                    # startsExpr
    | left=operand IN '(' operand (',' operand)* ')'            # inExpr
    | operand                                                   # operandExpr
    ;

operand
    : VARIABLE                                                  # varOperand
    | STRING                                                    # stringOperand
    | number=(INTEGER | DECIMAL)                                # numberOperand
    | (TRUE | FALSE)                                            # boolOperand
    | func=identifier '(' DISTINCT? (STAR='*' | expr (',' expr)*)? ')'  # callOperand
    | '(' expr ')'                                              # parenOperand
    | PARAM                                                     # paramOperand
    | IDENTIFIER                                                # bareOperand
    ;

// A parameter ($name) stands wherever a name may: its value is given when the query runs.
name
    : STRING
    | identifier
    | PARAM
    ;

// Keywords that are also ordinary words may still be used as names, except the clause words.
identifier
    : IDENTIFIER
    | TO | MAX | VIA | HOPS | DIRECTED | SHORTEST | ASC | DESC | CONTAINS | STARTS | WITH | AS
    | DISTINCT | TRUE | FALSE | IN
    ;

EXPLAIN   : [eE][xX][pP][lL][aA][iI][nN] ;
MATCH     : [mM][aA][tT][cC][hH] ;
WHERE     : [wW][hH][eE][rR][eE] ;
RETURN    : [rR][eE][tT][uU][rR][nN] ;
DISTINCT  : [dD][iI][sS][tT][iI][nN][cC][tT] ;
ORDER     : [oO][rR][dD][eE][rR] ;
BY        : [bB][yY] ;
ASC       : [aA][sS][cC] ;
DESC      : [dD][eE][sS][cC] ;
LIMIT     : [lL][iI][mM][iI][tT] ;
OFFSET    : [oO][fF][fF][sS][eE][tT] ;
AND       : [aA][nN][dD] ;
OR        : [oO][rR] ;
NOT       : [nN][oO][tT] ;
AS        : [aA][sS] ;
IN        : [iI][nN] ;
CONTAINS  : [cC][oO][nN][tT][aA][iI][nN][sS] ;
STARTS    : [sS][tT][aA][rR][tT][sS] ;
WITH      : [wW][iI][tT][hH] ;
TRUE      : [tT][rR][uU][eE] ;
FALSE     : [fF][aA][lL][sS][eE] ;
PATH      : [pP][aA][tT][hH] ;
SHORTEST  : [sS][hH][oO][rR][tT][eE][sS][tT] ;
TO        : [tT][oO] ;
MAX       : [mM][aA][xX] ;
VIA       : [vV][iI][aA] ;
DIRECTED  : [dD][iI][rR][eE][cC][tT][eE][dD] ;
NEIGHBORS : [nN][eE][iI][gG][hH][bB][oO][uU]?[rR][sS] ;
HOPS      : [hH][oO][pP][sS] ;

VARIABLE  : '?' [\p{L}\p{N}_]+ ;
PARAM     : '$' [\p{L}\p{N}_]+ ;
INTEGER   : [0-9]+ ;
DECIMAL   : [0-9]+ '.' [0-9]+ ;
STRING    : '"' ( ~["\\\r\n] | '\\' . )* '"'
          | '\'' ( ~['\\\r\n] | '\\' . )* '\''
          ;
// Bare names: letters, digits, and _ . & ' inside; "U.S." and "AT&T" need no quotes.
IDENTIFIER : [\p{L}_] [\p{L}\p{N}_&]* ( [.'] [\p{L}\p{N}_&]+ )* '.'? ;

LINE_COMMENT : ('//' | '#') ~[\r\n]* -> skip ;
WS        : [ \t\r\n]+ -> skip ;
ERROR_CHAR : . ;
