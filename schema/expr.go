package schema

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	exprcompiler "github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"
)

// maxNodes bounds the size of any expression a template may hold; the VM's
// default memory budget bounds what one may allocate when run.
const maxNodes = 400

// An Expr is a compiled expr-lang expression over field values. It runs
// in a sandbox: only the field values and expr's pure builtins are in
// scope — no functions that reach files, the environment or processes.
type Expr struct {
	Src    string
	Pos    Pos
	Idents []string // field ids it reads, in order of first use
	prog   *vm.Program
	lazy   *lazyProgram // set for a decoded template: compiled on first use
	// presence, if set, stands for the compiled program: the expression
	// only asks which fields have a value.
	presence *presence
}

// A presence condition only asks which fields have a value: a != nil or
// a == nil, several joined by one of or and and. Most conditions in
// templates are such ("write this sentence if that figure was given"),
// and compiling them is most of what starting on a template costs, so
// they are answered straight from the values instead, exactly as expr's
// VM answers them: x == nil is runtime.Equal(x, nil), which is
// runtime.IsNil(x). TestPresenceMatchesExpr holds the two together.
type presence struct {
	and   bool // the terms are joined by and, else by or
	terms []presenceTerm
}

type presenceTerm struct {
	id    string
	isNil bool // id == nil, else id != nil
}

// presenceOf returns the presence condition node is, or nil.
func presenceOf(node ast.Node) *presence {
	p := &presence{}
	op := ""
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryNode)
		if !ok {
			return false
		}
		switch b.Operator {
		case "or", "||", "and", "&&":
			join := "or"
			if b.Operator == "and" || b.Operator == "&&" {
				join = "and"
			}
			if op != "" && op != join {
				return false // mixed: leave it to expr
			}
			op = join
			return walk(b.Left) && walk(b.Right)
		case "==", "!=":
			id, ok := b.Left.(*ast.IdentifierNode)
			_, isNil := b.Right.(*ast.NilNode)
			if !ok || !isNil {
				return false
			}
			p.terms = append(p.terms, presenceTerm{id: id.Value, isNil: b.Operator == "=="})
			return true
		}
		return false
	}
	if !walk(node) {
		return nil
	}
	p.and = op == "and"
	return p
}

// eval answers the condition from env, the field values by id.
func (p *presence) eval(env map[string]any) bool {
	for _, t := range p.terms {
		if runtime.IsNil(env[t.id]) == t.isNil {
			if !p.and {
				return true
			}
		} else if p.and {
			return false
		}
	}
	return p.and
}

// lazyProgram compiles an expression of a decoded template when it is
// first run, unless a background goroutine got to it first.
type lazyProgram struct {
	once sync.Once
	kind exprKind
	cc   *compilers
	err  error
}

// program returns e's compiled program.
func (e *Expr) program() (*vm.Program, error) {
	if l := e.lazy; l != nil {
		l.once.Do(func() { e.prog, l.err = l.cc.compile(e.Src, l.kind) })
		if l.err != nil {
			return nil, l.err
		}
	}
	if e.prog == nil {
		return nil, errors.New("表达式未编译")
	}
	return e.prog, nil
}

// compilers hands out compilers over one template's fields, one per
// goroutine at a time: a compiler caches type information as it goes, so
// it cannot be shared, and building one costs more than a few compiles.
type compilers struct {
	fields map[string]*Field // read only
	mu     sync.Mutex
	free   []*compiler

	// env, the fields' sample values, is built by the first compile, not
	// when a template is decoded: only a few dozen of its expressions
	// ever compile, mostly on compileAll's goroutine.
	envOnce sync.Once
	env     map[string]any // read only once built
}

// compile parses and compiles src as check does.
func (cs *compilers) compile(src string, kind exprKind) (*vm.Program, error) {
	cs.envOnce.Do(func() {
		cs.env = make(map[string]any, len(cs.fields))
		for id, f := range cs.fields {
			cs.env[id] = sampleValue(f.Type)
		}
	})
	cs.mu.Lock()
	var cc *compiler
	if n := len(cs.free); n > 0 {
		cc, cs.free = cs.free[n-1], cs.free[:n-1]
	} else {
		cc = &compiler{env: cs.env}
	}
	cs.mu.Unlock()
	defer func() {
		cs.mu.Lock()
		cs.free = append(cs.free, cc)
		cs.mu.Unlock()
	}()
	cfg := cc.config(kind)
	tree, err := parser.ParseWithConfig(src, cfg)
	if err != nil {
		return nil, err
	}
	return cc.compile(tree, kind)
}

// exprKind is what an expression must produce.
type exprKind int

const (
	anyValue exprKind = iota
	boolValue
	numberValue
)

// parseExpr parses src as the identifier check expects to see it:
// without a configuration, so a call to a disabled builtin still reads
// as that builtin, not as an unknown field. Errors carry rune offsets.
func parseExpr(src string) (*parser.Tree, error) { return parser.ParseWithConfig(src, nil) }

// identsOf returns the free identifiers tree uses, with their offsets.
// reparse is true when parsing with cfg could give a different tree (a
// builtin cfg disables or a field overrides, or a size near the node
// limit), so the tree must not stand in for one parsed with cfg.
func identsOf(tree *parser.Tree, cfg *conf.Config) (names []string, offsets []int, reparse bool) {
	v := &identVisitor{seen: map[string]bool{}, bound: map[string]bool{}, cfg: cfg}
	ast.Walk(&tree.Node, v)
	// The parser counts every node it creates, a few more than the tree
	// keeps; half the limit leaves ample room.
	return v.names, v.offsets, v.reparse || v.nodes > maxNodes/2
}

type identVisitor struct {
	names   []string
	offsets []int
	seen    map[string]bool
	bound   map[string]bool
	cfg     *conf.Config
	nodes   int
	reparse bool
}

func (v *identVisitor) Visit(n *ast.Node) {
	v.nodes++
	switch x := (*n).(type) {
	case *ast.BuiltinNode:
		if v.cfg.Disabled[x.Name] || v.cfg.IsOverridden(x.Name) {
			v.reparse = true
		}
	case *ast.VariableDeclaratorNode:
		v.bound[x.Name] = true
	case *ast.IdentifierNode:
		// ast.Walk visits children before parents, so callees are marked
		// too late; builtins are filtered by name instead.
		if v.seen[x.Value] || v.bound[x.Value] || isBuiltin(x.Value) {
			return
		}
		v.seen[x.Value] = true
		v.names = append(v.names, x.Value)
		v.offsets = append(v.offsets, x.Location().From)
	}
}

var builtinNames = map[string]bool{}

func init() {
	for _, name := range []string{
		"len", "abs", "ceil", "floor", "round", "max", "min", "sum", "mean", "median",
		"int", "float", "string", "trim", "trimPrefix", "trimSuffix", "upper", "lower",
		"split", "join", "replace", "indexOf", "lastIndexOf", "hasPrefix", "hasSuffix",
		"all", "none", "any", "one", "filter", "map", "count", "find", "findIndex",
		"findLast", "findLastIndex", "groupBy", "sortBy", "reduce", "first", "last",
		"take", "reverse", "uniq", "concat", "flatten", "sort", "keys", "values",
		"nil", "true", "false", "type", "toPairs", "fromPairs",
	} {
		builtinNames[name] = true
	}
}

func isBuiltin(name string) bool { return builtinNames[name] }

// disabled builtins: time and JSON helpers have no place in a report and
// `now()` would make drafts irreproducible.
var disabledBuiltins = []string{"now", "date", "duration", "timezone", "toJSON", "fromJSON", "toBase64", "fromBase64", "repeat", "bitnot", "bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr", "bitushr"}

// compiler type-checks expressions against one template's fields. It
// builds expr's configuration once per result kind: expr.Compile would
// rebuild it, with the type of every field, for each of a template's
// hundreds of slots.
type compiler struct {
	env     map[string]any
	configs [3]*conf.Config
}

func (c *compiler) config(kind exprKind) *conf.Config {
	if cfg := c.configs[kind]; cfg != nil {
		return cfg
	}
	if kind != anyValue {
		// The kinds differ only in the expected result: share the
		// environment's types, the costly part, with the base config.
		cfg := *c.config(anyValue)
		cfg.Expect, cfg.ExpectAny = reflect.Float64, true
		if kind == boolValue {
			cfg.Expect = reflect.Bool
		}
		c.configs[kind] = &cfg
		return &cfg
	}
	opts := []expr.Option{expr.Env(c.env), expr.MaxNodes(maxNodes)}
	for _, b := range disabledBuiltins {
		opts = append(opts, expr.DisableBuiltin(b))
	}
	cfg := conf.CreateNew()
	for _, op := range opts {
		op(cfg)
	}
	for name := range cfg.Disabled {
		delete(cfg.Builtins, name)
	}
	cfg.Check()
	c.configs[kind] = cfg
	return cfg
}

// compile does what expr.Compile does, with the shared configuration,
// for a tree parsed with that configuration (or one identical to it);
// the tree is changed. Positions in errors are rune offsets.
func (c *compiler) compile(tree *parser.Tree, kind exprKind) (*vm.Program, error) {
	cfg := c.config(kind)
	if _, err := new(checker.Checker).PatchAndCheck(tree, cfg); err != nil {
		return nil, err
	}
	if cfg.Optimize {
		if err := optimizer.Optimize(&tree.Node, cfg); err != nil {
			var fe *file.Error
			if errors.As(err, &fe) {
				return nil, fe.Bind(tree.Source)
			}
			return nil, err
		}
	}
	return exprcompiler.Compile(tree, cfg)
}

// run evaluates e; any runtime failure (a missing value, division by a
// string) is an error, never a panic.
func (e *Expr) run(env map[string]any) (v any, err error) {
	if e == nil {
		return nil, errors.New("表达式未编译")
	}
	if e.presence != nil {
		return e.presence.eval(env), nil
	}
	prog, err := e.program()
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("表达式出错: %v", r)
		}
	}()
	return expr.Run(prog, env)
}

// exprErrorOffset extracts the rune offset and a Chinese message from an
// expr error.
func exprErrorOffset(err error) (int, string) {
	var fe *file.Error
	if errors.As(err, &fe) {
		return fe.From, translateExprMsg(fe.Message)
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return 0, translateExprMsg(msg)
}

// translateExprMsg puts expr's English messages into words a clerk reads;
// the original stays in brackets for whoever knows expr.
func translateExprMsg(m string) string {
	switch {
	case strings.HasPrefix(m, "unexpected token"):
		return "表达式语法错误（" + m + "）"
	case strings.HasPrefix(m, "invalid operation"):
		return "类型不匹配（" + m + "）"
	case strings.Contains(m, "expected bool"):
		return "条件的结果必须是真或假（" + m + "）"
	case strings.Contains(m, "expected float64"), strings.Contains(m, "expected number"):
		return "计算结果必须是数字（" + m + "）"
	case strings.Contains(m, "exceeds maximum allowed nodes"):
		return "表达式过长"
	}
	return "表达式错误（" + m + "）"
}

// sampleValue is a value of the right Go type for type-checking.
func sampleValue(t FieldType) any {
	switch {
	case t.Numeric():
		return float64(0)
	case t == Bool:
		return false
	case t == List:
		return []any{}
	}
	return ""
}
