package schema

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/expr-lang/expr/vm/runtime"
)

// Expressions come from templates and their values from answers, both
// untrusted. expr bounds only an expression's length and the arrays its
// VM allocates; a loop inside a loop, a string doubled sixty times or
// replace(文, "", 文) it runs to the end. So every expression is patched
// when compiled: each turn of a loop (count, map, reduce …) and every
// range, concatenation, replace, join and string() spends from one budget
// shared by everything evaluated for one draft (Evaluate and the Build
// that follows), and stops with errBudget when it runs out. Arithmetic is
// checked too: dividing by zero is errDivZero, a result that is not a
// finite number or an integer that overflows is errRange. Builtins that
// cannot be bounded this way are not offered (disabledBuiltins).

// Limits of one draft's evaluation. A real template evaluates a few
// hundred expressions of a few operations each, and builds no strings.
const (
	maxSteps      = 1_000_000       // operations: expression nodes run, loop turns, list items made
	maxBuilt      = 4 << 20         // bytes of strings expressions build
	maxDraftText  = 8 << 20         // bytes of values written into the draft's text
	maxTextValue  = 64 << 10        // bytes of one string an expression makes or an answer gives
	maxListItems  = 10_000          // items of one list an expression makes
	maxAnswerList = 1_000           // items of one list answer
	maxEvalTime   = 5 * time.Second // the backstop should the counts above miss something
	deadlineEvery = 1 << 10         // steps between looks at the clock
	budgetKey     = "预算 (nigao)"    // env key of the budget; not an identifier, so no template can name it
)

// The reasons a value cannot be computed, as the list of missing figures
// gives them.
var (
	errBudget  = errors.New("超出计算上限")
	errDivZero = errors.New("除数为零")
	errRange   = errors.New("超出范围")
)

// Reason says why an expression failed, in the words the list of missing
// figures uses: 除数为零, 超出范围, 超出计算上限 (with what was exceeded);
// "" for any other failure (a value of the wrong type).
func Reason(err error) string {
	for _, e := range []error{errBudget, errDivZero, errRange} {
		if errors.Is(err, e) {
			var be *budgetError
			if errors.As(err, &be) {
				return be.Error()
			}
			return e.Error()
		}
	}
	return ""
}

// budgetError is errBudget with what ran out.
type budgetError struct{ what string }

func (e *budgetError) Error() string { return errBudget.Error() + "（" + e.what + "）" }
func (e *budgetError) Unwrap() error { return errBudget }

// evalBudget is what is left for one draft. Its methods are unexported:
// expressions see it only as an argument the patch passes to nigao's own
// functions.
type evalBudget struct {
	steps    int
	built    int
	draft    int
	deadline time.Time
	clock    int   // steps since the clock was last read
	err      error // once spent, every later expression fails alike
}

func newEvalBudget() *evalBudget {
	return &evalBudget{steps: maxSteps, built: maxBuilt, draft: maxDraftText, deadline: time.Now().Add(maxEvalTime)}
}

// spend takes n steps.
func (b *evalBudget) spend(n int) error {
	if b.err != nil {
		return b.err
	}
	b.steps -= n
	b.clock += n
	if b.steps < 0 {
		b.err = &budgetError{fmt.Sprintf("运算超过 %d 步", maxSteps)}
		return b.err
	}
	if b.clock >= deadlineEvery {
		b.clock = 0
		if time.Now().After(b.deadline) {
			b.err = &budgetError{fmt.Sprintf("计算超过 %d 秒", int(maxEvalTime/time.Second))}
			return b.err
		}
	}
	return nil
}

// build takes n bytes for a string about to be made.
func (b *evalBudget) build(n int) error {
	if n > maxTextValue {
		return &budgetError{fmt.Sprintf("生成的文字超过 %d KiB", maxTextValue>>10)}
	}
	if err := b.spend(1 + n>>10); err != nil {
		return err
	}
	if b.built -= n; b.built < 0 {
		b.err = &budgetError{fmt.Sprintf("生成的文字合计超过 %d MiB", maxBuilt>>20)}
		return b.err
	}
	return nil
}

// list takes n items for a list about to be made.
func (b *evalBudget) list(n int) error {
	if n > maxListItems {
		return &budgetError{fmt.Sprintf("列表超过 %d 项", maxListItems)}
	}
	return b.spend(1 + n)
}

// write takes n bytes of the draft's text.
func (b *evalBudget) write(n int) error {
	if b.err != nil {
		return b.err
	}
	if b.draft -= n; b.draft < 0 {
		b.err = &budgetError{fmt.Sprintf("稿子超过 %d MiB", maxDraftText>>20)}
		return b.err
	}
	return nil
}

// budgetOf finds the budget an environment carries; an environment
// without one (built by hand) gets its own.
func budgetOf(env map[string]any) *evalBudget {
	if b, ok := env[budgetKey].(*evalBudget); ok && b != nil {
		return b
	}
	b := newEvalBudget()
	env[budgetKey] = b
	return b
}

// budgetOptions declare the functions the budget patch calls.
func budgetOptions() []expr.Option {
	var opts []expr.Option
	for _, f := range budgetFuncs {
		opts = append(opts, func(c *conf.Config) { c.Functions[f.Name] = f })
	}
	return opts
}

// sharedExprConfig is the configuration of sharedExprOptions, made
// once: expr's builtins but the disabled ones, nigao's functions, the
// size limit. Compiling only reads it, so every compile shares its maps
// instead of copying expr's builtins anew (which cost more than the rest
// of a compile).
var sharedExprConfig = sync.OnceValue(func() *conf.Config {
	c := conf.CreateNew()
	for _, op := range sharedExprOptions() {
		op(c)
	}
	for name := range c.Disabled {
		delete(c.Builtins, name)
	}
	return c
})

// compileExpr is expr.Compile(src, exprOptions(env, kind)...) with the
// budget patch applied between parsing and the type check. (expr.Patch
// would type-check the tree once more before patching it, which this
// patch, needing no types, can do without: most of what loading a
// template costs is compiling.)
func compileExpr(src string, env map[string]any, kind exprKind) (*vm.Program, error) {
	shared := *sharedExprConfig()
	config := &shared
	for _, op := range exprOptions(env, kind) {
		op(config)
	}
	tree, err := parser.ParseWithConfig(src, config)
	if err != nil {
		return nil, err
	}
	ast.Walk(&tree.Node, budgetPatch{})
	if _, err := checker.Check(tree, config); err != nil {
		return nil, err
	}
	if err := optimizer.Optimize(&tree.Node, config); err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, fe.Bind(tree.Source)
		}
		return nil, err
	}
	return compiler.Compile(tree, config)
}

// budgetPatch rewrites an expression's tree: arithmetic operators, ranges
// and the builtins that build strings or lists become calls to nigao's
// checked versions, and every loop body first takes its steps.
type budgetPatch struct{}

func budgetArg() ast.Node { return &ast.IdentifierNode{Value: budgetKey} }

// checkedOps are the operators replaced, by the function replacing them.
var checkedOps = map[string]string{"+": "$add", "-": "$sub", "*": "$mul", "/": "$div", "%": "$mod", "**": "$pow", "^": "$pow", "..": "$range"}

// checkedBuiltins are the builtins replaced, by the function replacing them.
var checkedBuiltins = map[string]string{"replace": "$replace", "join": "$join", "string": "$string", "concat": "$concat", "int": "$int", "sum": "$sum", "upper": "$upper", "lower": "$lower"}

// scanningOps are the operators that read their operands whole (a long
// text compared, a list searched): their operands are paid for by size.
var scanningOps = map[string]bool{"==": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"contains": true, "startsWith": true, "endsWith": true, "matches": true, "in": true}

// loopBuiltins take a loop body (each turn pays $step) or are checked.
var loopBuiltins = map[string]bool{"all": true, "none": true, "any": true, "one": true, "filter": true, "map": true,
	"count": true, "find": true, "findIndex": true, "findLast": true, "findLastIndex": true, "groupBy": true,
	"sortBy": true, "reduce": true}

// sized has what n evaluates to paid for by its size ($sized) before a
// builtin or operator reads it whole; a literal is as small as the
// expression, and is left alone.
func sized(n ast.Node) ast.Node {
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NilNode, *ast.StringNode:
		return n
	}
	return &ast.CallNode{Callee: &ast.IdentifierNode{Value: "$sized"}, Arguments: []ast.Node{budgetArg(), n}}
}

func (budgetPatch) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.BinaryNode:
		if fn, ok := checkedOps[n.Operator]; ok {
			ast.Patch(node, &ast.CallNode{Callee: &ast.IdentifierNode{Value: fn}, Arguments: []ast.Node{budgetArg(), n.Left, n.Right}})
		} else if scanningOps[n.Operator] {
			n.Left, n.Right = sized(n.Left), sized(n.Right)
		}
	case *ast.PredicateNode:
		steps := &ast.IntegerNode{Value: 1 + countNodes(n.Node)}
		step := &ast.CallNode{Callee: &ast.IdentifierNode{Value: "$step"}, Arguments: []ast.Node{budgetArg(), steps}}
		n.Node = &ast.SequenceNode{Nodes: []ast.Node{step, n.Node}}
	case *ast.BuiltinNode:
		fn, ok := checkedBuiltins[n.Name]
		if !ok {
			if !loopBuiltins[n.Name] {
				// upper(文), sort(列表) …: work and memory as their arguments' size
				for i, a := range n.Arguments {
					n.Arguments[i] = sized(a)
				}
			}
			return
		}
		args := n.Arguments
		if n.Name == "sum" && len(args) == 2 {
			// sum(list, f) is sum(map(list, f)): the map's loop is counted
			args = []ast.Node{&ast.BuiltinNode{Name: "map", Arguments: args}}
		}
		ast.Patch(node, &ast.CallNode{Callee: &ast.IdentifierNode{Value: fn}, Arguments: append([]ast.Node{budgetArg()}, args...)})
	}
}

// countNodes is the size of a tree, the steps one run of it takes.
func countNodes(n ast.Node) int {
	c := &nodeCounter{}
	ast.Walk(&n, c)
	return c.n
}

type nodeCounter struct{ n int }

func (c *nodeCounter) Visit(*ast.Node) { c.n++ }

// The functions the patch calls. Each takes the budget first; Validate
// gives expr the types its type checker needs, mirroring the rules of the
// operator or builtin replaced.
var budgetFuncs = []*builtin.Function{
	{Name: "$step", Func: stepFunc, Validate: fixed(nil, 2)},
	{Name: "$add", Func: arith("+"), Validate: arithType("+")},
	{Name: "$sub", Func: arith("-"), Validate: arithType("-")},
	{Name: "$mul", Func: arith("*"), Validate: arithType("*")},
	{Name: "$div", Func: arith("/"), Validate: arithType("/")},
	{Name: "$mod", Func: arith("%"), Validate: arithType("%")},
	{Name: "$pow", Func: arith("**"), Validate: arithType("**")},
	{Name: "$range", Func: rangeFunc, Validate: arithType("..")},
	{Name: "$replace", Func: replaceFunc, Validate: stringArgs("replace", 3, 4, stringType)},
	{Name: "$join", Func: joinFunc, Validate: joinType},
	{Name: "$string", Func: stringFunc, Validate: fixed(stringType, 2)},
	{Name: "$concat", Func: concatFunc, Validate: concatType},
	{Name: "$int", Func: intFunc, Validate: intType},
	{Name: "$sum", Func: sumFunc, Validate: sumType},
	{Name: "$upper", Func: caseFunc(strings.ToUpper), Validate: stringArgs("upper", 1, 1, stringType)},
	{Name: "$lower", Func: caseFunc(strings.ToLower), Validate: stringArgs("lower", 1, 1, stringType)},
	{Name: "$sized", Func: sizedFunc, Validate: sameType},
}

// sizedFunc pays for reading a value whole: a step for every 256 bytes
// of text, every item of a list or map. (Without it a loop turn would
// cost the same over a word as over 64 KiB.)
func sizedFunc(args ...any) (any, error) {
	n := 1
	switch v := args[1].(type) {
	case string:
		n += len(v) >> 8
	case []any:
		n += len(v)
	case []int:
		n += len(v)
	case map[string]any:
		n += len(v)
	}
	return args[1], args[0].(*evalBudget).spend(n)
}

// sameType validates $sized: what it is given, it returns.
func sameType(args []reflect.Type) (reflect.Type, error) {
	if len(args) != 2 {
		return anyType, fmt.Errorf("invalid number of arguments (expected 1, got %d)", len(args)-1)
	}
	if args[1] == nil {
		return anyType, nil
	}
	return args[1], nil
}

// caseFunc is upper or lower, whose result is a new string: paid for as
// one built.
func caseFunc(fn func(string) string) func(args ...any) (any, error) {
	return func(args ...any) (any, error) {
		s, ok := args[1].(string)
		if !ok {
			return nil, fmt.Errorf("invalid argument (type %T)", args[1])
		}
		if err := args[0].(*evalBudget).build(len(s)); err != nil {
			return nil, err
		}
		return fn(s), nil
	}
}

var (
	anyType    = reflect.TypeOf((*any)(nil)).Elem()
	intRType   = reflect.TypeOf(0)
	floatType  = reflect.TypeOf(0.0)
	stringType = reflect.TypeOf("")
	listType   = reflect.TypeOf([]any{})
	rangeType  = reflect.TypeOf([]int{})
)

func stepFunc(args ...any) (any, error) {
	return nil, args[0].(*evalBudget).spend(args[1].(int))
}

// fixed validates a call of n arguments (the budget included) returning t.
func fixed(t reflect.Type, n int) func([]reflect.Type) (reflect.Type, error) {
	return func(args []reflect.Type) (reflect.Type, error) {
		if len(args) != n {
			return anyType, fmt.Errorf("invalid number of arguments (expected %d, got %d)", n-1, len(args)-1)
		}
		if t == nil {
			return anyType, nil
		}
		return t, nil
	}
}

// typeClass sorts a static type as expr's checker does.
type typeClass int

const (
	unknownClass typeClass = iota
	intClass
	floatClass
	stringClass
	otherClass
)

func classOf(t reflect.Type) typeClass {
	if t == nil {
		return unknownClass
	}
	switch t.Kind() {
	case reflect.Interface:
		return unknownClass
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return intClass
	case reflect.Float32, reflect.Float64:
		return floatClass
	case reflect.String:
		return stringClass
	}
	return otherClass
}

func isNumber(c typeClass) bool { return c == intClass || c == floatClass }

// arithType is expr's type rule for op, for the operands after the budget.
func arithType(op string) func([]reflect.Type) (reflect.Type, error) {
	return func(args []reflect.Type) (reflect.Type, error) {
		l, r := classOf(args[1]), classOf(args[2])
		// maybe: one side unknown, the other unknown or of a kind op takes
		maybe := func(ok func(typeClass) bool) bool {
			return l == unknownClass && (r == unknownClass || ok(r)) || r == unknownClass && ok(l)
		}
		numeric := func(c typeClass) bool { return isNumber(c) }
		switch op {
		case "+", "-", "*":
			switch {
			case l == intClass && r == intClass:
				return intRType, nil
			case isNumber(l) && isNumber(r):
				return floatType, nil
			case op == "+" && l == stringClass && r == stringClass:
				return stringType, nil
			case op == "+" && maybe(func(c typeClass) bool { return isNumber(c) || c == stringClass }), op != "+" && maybe(numeric):
				return anyType, nil
			}
		case "/", "**":
			if isNumber(l) && isNumber(r) || maybe(numeric) {
				return floatType, nil
			}
		case "%", "..":
			if l == intClass && r == intClass || maybe(func(c typeClass) bool { return c == intClass }) {
				if op == ".." {
					return rangeType, nil
				}
				return intRType, nil
			}
		}
		return anyType, fmt.Errorf("invalid operation: %s (mismatched types %s and %s)", op, typeName(args[1]), typeName(args[2]))
	}
}

func typeName(t reflect.Type) string {
	if t == nil {
		return "nil"
	}
	return t.String()
}

// arith is op with its failures made errors: an integer result that
// overflows and a result that is not a finite number are errRange,
// dividing by zero is errDivZero, and a string it joins is paid for.
func arith(op string) func(args ...any) (any, error) {
	return func(args ...any) (any, error) {
		b, x, y := args[0].(*evalBudget), args[1], args[2]
		if xs, ok := x.(string); ok && op == "+" {
			if ys, ok := y.(string); ok {
				if err := b.build(len(xs) + len(ys)); err != nil {
					return nil, err
				}
				return xs + ys, nil
			}
		}
		xi, xInt := x.(int)
		yi, yInt := y.(int)
		if xInt && yInt {
			return intArith(op, xi, yi)
		}
		xf, xok := toFloat(x)
		yf, yok := toFloat(y)
		if !xok || !yok {
			return nil, fmt.Errorf("invalid operation: %T %s %T", x, op, y)
		}
		return floatArith(op, xf, yf)
	}
}

// floatArith does op on numbers, refusing what is not a finite number.
func floatArith(op string, xf, yf float64) (any, error) {
	var z float64
	switch op {
	case "+":
		z = xf + yf
	case "-":
		z = xf - yf
	case "*":
		z = xf * yf
	case "/":
		if yf == 0 {
			return nil, errDivZero
		}
		z = xf / yf
	case "%":
		if yf == 0 {
			return nil, errDivZero
		}
		z = math.Mod(xf, yf)
	case "**":
		z = math.Pow(xf, yf)
	}
	if math.IsInf(z, 0) || math.IsNaN(z) {
		return nil, errRange
	}
	return z, nil
}

// intArith does op on integers, which expr would let wrap around.
func intArith(op string, x, y int) (any, error) {
	switch op {
	case "+":
		if z := x + y; (z > x) == (y > 0) {
			return z, nil
		}
	case "-":
		if z := x - y; (z < x) == (y > 0) {
			return z, nil
		}
	case "*":
		if x == 0 || y == 0 {
			return 0, nil
		}
		if z := x * y; z/y == x && !(x == -1 && y == math.MinInt) && !(y == -1 && x == math.MinInt) {
			return z, nil
		}
	case "%":
		if y == 0 {
			return nil, errDivZero
		}
		return x % y, nil
	case "/", "**":
		return floatArith(op, float64(x), float64(y))
	}
	return nil, errRange
}

func toFloat(v any) (float64, bool) {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return runtime.ToFloat64(v), true
	}
	return 0, false
}

func rangeFunc(args ...any) (any, error) {
	b := args[0].(*evalBudget)
	lo, lok := args[1].(int)
	hi, hok := args[2].(int)
	if !lok || !hok {
		return nil, fmt.Errorf("invalid operation: %T .. %T", args[1], args[2])
	}
	n := 0
	if hi >= lo {
		if hi-lo >= maxListItems || hi-lo < 0 {
			return nil, &budgetError{fmt.Sprintf("列表超过 %d 项", maxListItems)}
		}
		n = hi - lo + 1
	}
	if err := b.list(n); err != nil {
		return nil, err
	}
	out := make([]int, n)
	for i := range out {
		out[i] = lo + i
	}
	return out, nil
}

// stringArgs validates a builtin taking min to max string arguments (or
// unknown ones), returning t.
func stringArgs(name string, min, max int, t reflect.Type) func([]reflect.Type) (reflect.Type, error) {
	return func(args []reflect.Type) (reflect.Type, error) {
		args = args[1:]
		if len(args) < min || len(args) > max {
			return anyType, fmt.Errorf("invalid number of arguments for %s (expected %d to %d, got %d)", name, min, max, len(args))
		}
		for i, a := range args {
			c := classOf(a)
			if c != unknownClass && c != stringClass && !(i == 3 && c == intClass) {
				return anyType, fmt.Errorf("invalid argument for %s (type %s)", name, typeName(a))
			}
		}
		return t, nil
	}
}

func replaceFunc(args ...any) (any, error) {
	b := args[0].(*evalBudget)
	s, sok := args[1].(string)
	old, ook := args[2].(string)
	new, nok := args[3].(string)
	if !sok || !ook || !nok {
		return nil, errors.New("invalid argument for replace")
	}
	n := -1
	if len(args) == 5 {
		n = runtime.ToInt(args[4])
	}
	count := strings.Count(s, old)
	if n >= 0 && n < count {
		count = n
	}
	if err := b.build(len(s) + count*(len(new)-len(old))); err != nil {
		return nil, err
	}
	return strings.Replace(s, old, new, n), nil
}

func joinType(args []reflect.Type) (reflect.Type, error) {
	if len(args) < 2 || len(args) > 3 {
		return anyType, fmt.Errorf("invalid number of arguments for join (expected 1 or 2, got %d)", len(args)-1)
	}
	if k := args[1].Kind(); k != reflect.Interface && k != reflect.Slice && k != reflect.Array {
		return anyType, fmt.Errorf("invalid argument for join (type %s)", typeName(args[1]))
	}
	if len(args) == 3 {
		if c := classOf(args[2]); c != unknownClass && c != stringClass {
			return anyType, fmt.Errorf("invalid argument for join (type %s)", typeName(args[2]))
		}
	}
	return stringType, nil
}

func joinFunc(args ...any) (any, error) {
	b := args[0].(*evalBudget)
	glue := ""
	if len(args) == 3 {
		g, ok := args[2].(string)
		if !ok {
			return nil, errors.New("invalid argument for join")
		}
		glue = g
	}
	var items []string
	switch l := args[1].(type) {
	case []string:
		items = l
	case []any:
		items = make([]string, len(l))
		for i, it := range l {
			s, ok := it.(string)
			if !ok {
				return nil, fmt.Errorf("invalid argument for join (item of type %T)", it)
			}
			items[i] = s
		}
	default:
		return nil, fmt.Errorf("invalid argument for join (type %T)", args[1])
	}
	n := len(glue) * max(0, len(items)-1)
	for _, s := range items {
		n += len(s)
	}
	if err := b.build(n); err != nil {
		return nil, err
	}
	return strings.Join(items, glue), nil
}

func stringFunc(args ...any) (any, error) {
	b := args[0].(*evalBudget)
	if s, ok := args[1].(string); ok {
		return s, nil
	}
	// what fmt would write, measured without writing it: nested lists of
	// references to one long answer would write far more than they hold
	n, ok := textSize(args[1], maxTextValue)
	if !ok {
		return nil, &budgetError{fmt.Sprintf("生成的文字超过 %d KiB", maxTextValue>>10)}
	}
	if err := b.build(n); err != nil {
		return nil, err
	}
	return fmt.Sprintf("%v", args[1]), nil
}

// textSize bounds the length of fmt's %v of v, stopping once it is past
// limit (ok false).
func textSize(v any, limit int) (int, bool) {
	n := 0
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			n += len(x)
		case []any:
			n += 2
			for _, it := range x {
				if n++; !walk(it) {
					return false
				}
			}
		case []int:
			n += 2 + 21*len(x)
		case map[string]any:
			n += 5
			for k, it := range x {
				if n += len(k) + 2; !walk(it) {
					return false
				}
			}
		default:
			n += 32 // a number, a bool, nil
		}
		return n <= limit
	}
	return n, walk(v)
}

func concatType(args []reflect.Type) (reflect.Type, error) {
	if len(args) < 2 {
		return anyType, errors.New("invalid number of arguments (expected at least 1, got 0)")
	}
	for _, a := range args[1:] {
		if k := a.Kind(); k != reflect.Interface && k != reflect.Slice && k != reflect.Array {
			return anyType, fmt.Errorf("cannot concat %s", typeName(a))
		}
	}
	return listType, nil
}

func concatFunc(args ...any) (any, error) {
	b := args[0].(*evalBudget)
	n := 0
	for _, a := range args[1:] {
		v := reflect.ValueOf(a)
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return nil, fmt.Errorf("cannot concat %T", a)
		}
		n += v.Len()
	}
	if err := b.list(n); err != nil {
		return nil, err
	}
	out := make([]any, 0, n)
	for _, a := range args[1:] {
		v := reflect.ValueOf(a)
		for i := 0; i < v.Len(); i++ {
			out = append(out, v.Index(i).Interface())
		}
	}
	return out, nil
}

func intType(args []reflect.Type) (reflect.Type, error) {
	if len(args) != 2 {
		return anyType, fmt.Errorf("invalid number of arguments (expected 1, got %d)", len(args)-1)
	}
	switch classOf(args[1]) {
	case unknownClass, intClass, floatClass, stringClass:
		return intRType, nil
	}
	return anyType, fmt.Errorf("invalid argument for int (type %s)", typeName(args[1]))
}

// intFunc is int(x), refusing what does not fit an integer (Go's
// conversion would give nonsense).
func intFunc(args ...any) (any, error) {
	v := args[1]
	if s, ok := v.(string); ok {
		i, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("invalid argument for int (%q)", clip(s, 20))
		}
		return i, nil
	}
	if i, ok := v.(int); ok {
		return i, nil
	}
	f, ok := toFloat(v)
	if !ok {
		return nil, fmt.Errorf("invalid argument for int (type %T)", v)
	}
	if math.IsNaN(f) || f >= math.MaxInt64 || f < math.MinInt64 {
		return nil, errRange
	}
	return int(f), nil
}

func sumType(args []reflect.Type) (reflect.Type, error) {
	if len(args) != 2 {
		return anyType, fmt.Errorf("invalid number of arguments (expected 1, got %d)", len(args)-1)
	}
	t := args[1]
	switch t.Kind() {
	case reflect.Interface:
		return anyType, nil
	case reflect.Slice, reflect.Array:
		switch classOf(t.Elem()) {
		case intClass:
			return intRType, nil
		case floatClass:
			return floatType, nil
		}
		return anyType, nil
	}
	return anyType, fmt.Errorf("builtin sum takes only array (got %s)", typeName(t))
}

// sumFunc adds a list's numbers as $add would.
func sumFunc(args ...any) (any, error) {
	b := args[0].(*evalBudget)
	v := reflect.ValueOf(args[1])
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("builtin sum takes only array (got %T)", args[1])
	}
	if err := b.spend(1 + v.Len()); err != nil {
		return nil, err
	}
	var total any = 0
	add := arith("+")
	for i := 0; i < v.Len(); i++ {
		it := v.Index(i).Interface()
		if _, ok := toFloat(it); !ok {
			return nil, fmt.Errorf("invalid argument for sum (item of type %T)", it)
		}
		var err error
		if total, err = add(b, total, it); err != nil {
			return nil, err
		}
	}
	return total, nil
}
