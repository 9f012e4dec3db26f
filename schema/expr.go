package schema

import (
	"errors"
	"fmt"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// maxNodes bounds the size of any expression a template may hold; what
// one may do when run is bounded by the draft's budget (exprbudget.go).
const maxNodes = 400

// An Expr is a compiled expr-lang expression over field values. It runs
// in a sandbox: only the field values and expr's pure builtins are in
// scope — no functions that reach files, the environment or processes.
type Expr struct {
	Src    string
	Pos    Pos
	Idents []string // field ids it reads, in order of first use
	prog   *vm.Program
	direct presence // set instead of prog for a presence condition
	steps  int      // what one run costs, besides its loops: its size
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
func identsOf(tree *parser.Tree) (names []string, offsets []int) {
	v := &identVisitor{seen: map[string]bool{}, bound: map[string]bool{}}
	ast.Walk(&tree.Node, v)
	return v.names, v.offsets
}

type identVisitor struct {
	names   []string
	offsets []int
	seen    map[string]bool
	bound   map[string]bool
}

func (v *identVisitor) Visit(n *ast.Node) {
	switch x := (*n).(type) {
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
// `now()` would make drafts irreproducible; repeat, split, splitAfter and
// flatten make from a short text or list a long one and are not worth a
// budget of their own.
var disabledBuiltins = []string{"now", "date", "duration", "timezone", "toJSON", "fromJSON", "toBase64", "fromBase64", "repeat", "split", "splitAfter", "flatten", "bitnot", "bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr", "bitushr"}

// Every expression is compiled with the same options: the fields' sample
// values are the whole environment, so nothing but field values and pure
// builtins is in scope (no files, environment or processes); the size is
// bounded, and so is what it does when run (the budget patch); builtins a
// report has no use for are off; and the result must be of kind.
// sharedExprOptions are those that do not depend on the expression,
// applied once (sharedExprConfig); exprOptions the rest.
func sharedExprOptions() []expr.Option {
	opts := append([]expr.Option{expr.MaxNodes(maxNodes)}, budgetOptions()...)
	for _, b := range disabledBuiltins {
		opts = append(opts, expr.DisableBuiltin(b))
	}
	return opts
}

// exprOptions are the options of one expression: its environment (the
// sample values of the fields it reads) and what it must produce.
func exprOptions(env map[string]any, kind exprKind) []expr.Option {
	env[budgetKey] = (*evalBudget)(nil)
	opts := []expr.Option{expr.Env(env)}
	switch kind {
	case boolValue:
		opts = append(opts, expr.AsBool())
	case numberValue:
		opts = append(opts, expr.AsFloat64())
	}
	return opts
}

// run evaluates e, spending from the budget env carries; any runtime
// failure (a missing value, division by a string, the budget spent) is an
// error, never a panic.
func (e *Expr) run(env map[string]any) (v any, err error) {
	if e == nil || e.prog == nil && e.direct == nil {
		return nil, errors.New("表达式未编译")
	}
	if err := budgetOf(env).spend(e.steps); err != nil {
		return nil, err
	}
	if e.direct != nil {
		return e.direct(env), nil
	}
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("表达式出错: %v", r)
		}
	}()
	v, err = expr.Run(e.prog, env)
	return v, plainEvalError(err)
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

// A presence condition tests only whether figures were given: x != nil,
// x == nil, len(x) > 0, len(x) == 0 for a list or text field, joined by
// and/or. Most conditions of the built-in library are such, and compiling
// hundreds of them with expr made loading a template miss the wizard's
// first-frame budget; they are evaluated directly instead.
type presence func(env map[string]any) bool

// presenceOf returns the direct evaluation of n when it is a presence
// condition over t's fields, nil otherwise.
func presenceOf(n ast.Node, t *Template) presence {
	switch n := n.(type) {
	case *ast.BinaryNode:
		switch n.Operator {
		case "and", "&&", "or", "||":
			l, r := presenceOf(n.Left, t), presenceOf(n.Right, t)
			if l == nil || r == nil {
				return nil
			}
			if n.Operator == "and" || n.Operator == "&&" {
				return func(env map[string]any) bool { return l(env) && r(env) }
			}
			return func(env map[string]any) bool { return l(env) || r(env) }
		case "==", "!=":
			want := n.Operator == "!="
			if id, ok := n.Left.(*ast.IdentifierNode); ok && t.fields[id.Value] != nil {
				if _, ok := n.Right.(*ast.NilNode); ok {
					return func(env map[string]any) bool { return (env[id.Value] != nil) == want }
				}
			}
			if id := lenOf(n.Left, t); id != "" {
				if z, ok := n.Right.(*ast.IntegerNode); ok && z.Value == 0 {
					return func(env map[string]any) bool { return (length(env[id]) != 0) == want }
				}
			}
		case ">":
			if id := lenOf(n.Left, t); id != "" {
				if z, ok := n.Right.(*ast.IntegerNode); ok && z.Value == 0 {
					return func(env map[string]any) bool { return length(env[id]) > 0 }
				}
			}
		}
	}
	return nil
}

// lenOf returns x for len(x) over a list or text field of t.
func lenOf(n ast.Node, t *Template) string {
	b, ok := n.(*ast.BuiltinNode)
	if !ok || b.Name != "len" || len(b.Arguments) != 1 {
		return ""
	}
	id, ok := b.Arguments[0].(*ast.IdentifierNode)
	if !ok {
		return ""
	}
	if f := t.fields[id.Value]; f != nil && (f.Type == List || f.Type == Text || f.Type == TextArea) {
		return id.Value
	}
	return ""
}

// length is len(v) for a field's value in the environment (nil: 0).
func length(v any) int {
	switch v := v.(type) {
	case []any:
		return len(v)
	case string:
		return len([]rune(v))
	}
	return 0
}
