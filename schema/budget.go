package schema

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Templates and answers files travel between offices, so nigao treats
// them as untrusted: whatever they hold, loading, evaluating and
// rendering them is bounded in memory and time. This file holds the
// budgets for YAML; exprbudget.go those for expressions.

// MaxSourceSize bounds a template, library or answers file, and the same
// document once its aliases (and a template's use: sections) are expanded:
// real ones are a few tens of KB.
const MaxSourceSize = maxSourceSize

// MaxExpandedNodes bounds the YAML nodes a document expands to (aliases
// and use: included), since the loader's memory grows with nodes rather
// than bytes. The largest built-in template expands to about 6,000.
const MaxExpandedNodes = 100_000

// yamlSize is how much a YAML tree stands for once its aliases are
// expanded: its scalars' bytes (plus one a node) and its nodes.
type yamlSize struct{ bytes, nodes int }

// over reports whether s exceeds the budget of an expanded document.
func (s yamlSize) over() bool { return s.bytes > MaxSourceSize || s.nodes > MaxExpandedNodes }

// plus adds without overflowing: an alias bomb's size is astronomical.
func (s yamlSize) plus(o yamlSize) yamlSize {
	return yamlSize{satAdd(s.bytes, o.bytes), satAdd(s.nodes, o.nodes)}
}

func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// ErrTooLarge is what errors.Is finds in the error of a file (or what it
// expands to) over MaxSourceSize or MaxExpandedNodes, whose position is
// its *Error.
var ErrTooLarge = errors.New("文件过大")

// sizeError is an *Error about size.
type sizeError struct{ err *Error }

func (e sizeError) Error() string        { return e.err.Error() }
func (e sizeError) Unwrap() error        { return e.err }
func (e sizeError) Is(target error) bool { return target == ErrTooLarge }

func tooLarge(pos Pos, msg string) error { return sizeError{&Error{Pos: pos, Msg: msg}} }

// tooBig is the size of something that must not be expanded at all (an
// alias inside what it refers to).
var tooBig = yamlSize{math.MaxInt, math.MaxInt}

// sizer measures YAML trees with aliases expanded. Each anchored node is
// measured once, so measuring is linear in the document, not in what it
// expands to.
type sizer struct {
	memo map[*yaml.Node]yamlSize
}

func (z *sizer) size(n *yaml.Node) yamlSize {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return yamlSize{1, 1}
		}
		return z.anchored(n.Alias)
	}
	s := yamlSize{1 + len(n.Value), 1}
	for _, c := range n.Content {
		if s = s.plus(z.size(c)); s.over() {
			return s
		}
	}
	return s
}

func (z *sizer) anchored(n *yaml.Node) yamlSize {
	if s, ok := z.memo[n]; ok {
		return s
	}
	if z.memo == nil {
		z.memo = map[*yaml.Node]yamlSize{}
	}
	z.memo[n] = tooBig // while measuring: an alias inside its own anchor
	s := z.size(n)
	z.memo[n] = s
	return s
}

// expansion is the running size of one document being loaded: the file
// itself, every alias it uses (each use counting in full), and for a
// template the library sections it uses.
type expansion struct {
	name  string
	total yamlSize
	z     sizer
}

// expand measures the document root of file name (srcLen bytes), walking
// its own nodes and adding, for each alias, what the alias stands for. It
// stops at the first node that takes the total over budget and says where.
func expand(name string, srcLen int, root *yaml.Node) (*expansion, error) {
	x := &expansion{name: name, total: yamlSize{bytes: srcLen}}
	if err := x.walk(root); err != nil {
		return nil, err
	}
	return x, nil
}

func (x *expansion) walk(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode {
		s := yamlSize{1, 1}
		if n.Alias != nil {
			s = x.z.anchored(n.Alias)
		}
		if s == tooBig {
			return &Error{Pos: Pos{File: x.name, Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf("别名“*%s”引用了包含它自己的内容，无法展开", Visible(n.Value))}
		}
		x.total = x.total.plus(s)
		if x.total.over() {
			return tooLarge(Pos{File: x.name, Line: n.Line, Col: n.Column}, fmt.Sprintf("别名“*%s”展开后，文件的内容%s（别名每用一次，它代表的内容就算一次）", Visible(n.Value), x.overText()))
		}
		return nil
	}
	x.total.nodes++
	if x.total.over() {
		return tooLarge(Pos{File: x.name, Line: n.Line, Col: n.Column}, "文件过大：内容"+x.overText())
	}
	for _, c := range n.Content {
		if err := x.walk(c); err != nil {
			return err
		}
	}
	return nil
}

// use adds a library section of size s, used at node n of the template.
func (x *expansion) use(n *yaml.Node, id string, s yamlSize) *Error {
	if x == nil {
		return nil
	}
	x.total = x.total.plus(s)
	if !x.total.over() {
		return nil
	}
	return &Error{Pos: Pos{File: x.name, Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf("引用章节“%s”后，模板展开的内容%s", Visible(id), x.overText())}
}

func (x *expansion) overText() string {
	if x.total.bytes > MaxSourceSize {
		return fmt.Sprintf("超过 %d MiB 的上限", MaxSourceSize>>20)
	}
	return fmt.Sprintf("超过 %d 项（键、值和列表项）的上限", MaxExpandedNodes)
}

// maxIDLen bounds ids (template, part, field): they are short names that
// messages, answers files and expressions repeat.
const maxIDLen = 64

// checkID reports an id longer than maxIDLen.
func checkID(id, what string) string {
	if n := utf8.RuneCountInString(id); n > maxIDLen {
		return fmt.Sprintf("%s“%s”过长（%d 个字，上限 %d）", what, clip(id, 20), n, maxIDLen)
	}
	return ""
}

// checkRaw holds an answer to the answers' budget: a text of at most
// maxTextValue bytes, a list of at most maxAnswerList items, and nothing
// a clerk cannot see (unsafeRune).
func checkRaw(r Raw) error {
	texts := r.List
	if !r.IsList {
		texts = []string{r.Text}
	} else if n := filled(r.List); n > maxAnswerList {
		return fmt.Errorf("列表过长（%d 项，上限 %d 项）", n, maxAnswerList)
	}
	for _, s := range texts {
		if len(s) > maxTextValue {
			return fmt.Errorf("文字过长（%d KiB，上限 %d KiB）", len(s)>>10, maxTextValue>>10)
		}
		if msg := unsafeText(s); msg != "" {
			return fmt.Errorf("%s", msg)
		}
	}
	return nil
}

// filled counts the items of a list answer that are not blank (the
// wizard keeps an empty one to type into; blank ones are dropped).
func filled(items []string) int {
	n := 0
	for _, it := range items {
		if strings.TrimSpace(it) != "" {
			n++
		}
	}
	return n
}

// maxExprs bounds the expressions a template compiles, aliases and use:
// counted each time (compiling one costs some tens of microseconds; a
// 4 MiB template could otherwise hold hundreds of thousands). The
// largest built-in template compiles about 90.
const maxExprs = 2000

// countExpr counts e among the template's expressions, and reports the
// first one over maxExprs; false: do not compile it.
func (l *loader) countExpr(e *Expr) bool {
	if l.exprs++; l.exprs <= maxExprs {
		return true
	}
	if l.exprs == maxExprs+1 {
		l.errs.add(e.Pos, "模板中要计算的表达式过多（超过 %d 个；只写字段名的 {字段} 不算）", maxExprs)
	}
	return false
}
