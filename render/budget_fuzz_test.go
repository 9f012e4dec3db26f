package render

import (
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
)

// FuzzBudget builds templates an attacker would: items aliased levels
// deep, expressions that double strings, nest loops and overflow, over
// answers as large as allowed. Whatever it builds, loading, evaluating
// and rendering it stays within a memory ceiling, and the counted budgets
// (steps, bytes) stop the work before the clock backstop has to.
func FuzzBudget(f *testing.F) {
	f.Add(uint8(4), uint8(99), []byte{0, 4, 1, 8, 2, 8}, uint16(1000), uint16(60000))     // the alias bomb; reduce(1..80, #acc + #acc, "aaaaaaaa")
	f.Add(uint8(3), uint8(30), []byte{1, 2, 0, 2, 0, 2, 0, 0}, uint16(1000), uint16(100)) // three nested counts over 列表
	f.Add(uint8(1), uint8(200), []byte{0, 5, 5, 5, 5, 5, 5, 5, 0}, uint16(10), uint16(1)) // nested replace
	f.Add(uint8(2), uint8(3), []byte{0, 3, 5, 0, 6, 0, 0}, uint16(5000), uint16(65535))   // join of a map of strings of lists
	f.Add(uint8(0), uint8(0), []byte{1, 3, 5, 5}, uint16(0), uint16(0))                   // 9223372036854775807 * 9223372036854775807
	f.Fuzz(func(t *testing.T, levels, fan uint8, code []byte, items, textLen uint16) {
		src := attackTemplate(int(levels%6), int(fan), code)
		var vs *schema.Values
		n := allocated(func() {
			tpl, err := schema.Load("f.yaml", []byte(src), nil)
			if err != nil {
				return
			}
			a := schema.NewAnswers(tpl)
			list := make([]string, int(items)%1500)
			for i := range list {
				list[i] = "项"
			}
			a.Set("列表", schema.Raw{IsList: true, List: list})
			a.Set("文", schema.Raw{Text: strings.Repeat("a", int(textLen))})
			a.Set("n", schema.Raw{Text: strconv.Itoa(int(items))})
			vs = tpl.Evaluate(a)
			Build(vs)
		})
		if n > 512<<20 {
			t.Errorf("allocated %d MiB for\n%s", n>>20, src)
		}
		if vs != nil {
			if err := vs.BudgetErr(); err != nil && strings.Contains(err.Error(), "秒") {
				t.Errorf("stopped by the clock, not by the counts (%v):\n%s", err, src)
			}
		}
	})
}

// allocated returns the bytes fn allocates on the heap.
func allocated(fn func()) uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	before := s[0].Value.Uint64()
	fn()
	metrics.Read(s)
	return s[0].Value.Uint64() - before
}

// attackTemplate writes a template whose items are aliased levels deep,
// fan aliases a level, with a computed field and a slot made from code.
func attackTemplate(levels, fan int, code []byte) string {
	g := &exprGen{code: code}
	compute := g.top()
	slot := g.top()
	var b strings.Builder
	b.WriteString("id: f\nname: f\ntitle: t\nsections:\n  - id: s\n    heading: h\n    fields:\n")
	b.WriteString("      - {id: 列表, type: list}\n      - {id: 文, type: textarea}\n      - {id: n, type: integer}\n")
	b.WriteString("      - {id: r, type: text, compute: '" + strings.ReplaceAll(compute, "'", "''") + "'}\n")
	b.WriteString("    items:\n      - &a0 {heading: x, text: '结果{r}，{" + strings.ReplaceAll(slot, "'", "''") + "}。'}\n")
	for l := 1; l <= levels; l++ {
		b.WriteString("  - id: s" + strconv.Itoa(l) + "\n    heading: h\n    items: [&a" + strconv.Itoa(l) + " {heading: y, items: [")
		for i := 0; i < fan; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + strconv.Itoa(l-1))
		}
		b.WriteString("]}]\n")
	}
	return b.String()
}

// exprGen writes expressions from bytes: each byte picks the next
// production of a small grammar of strings (S), lists (L) and numbers
// (N), the kinds of things that blow up.
type exprGen struct {
	code  []byte
	i     int
	depth int
}

func (g *exprGen) next() int {
	if g.i >= len(g.code) {
		return 0
	}
	g.i++
	return int(g.code[g.i-1])
}

func (g *exprGen) top() string {
	if g.next()%2 == 0 {
		return "len(" + g.s() + ")"
	}
	return "string(" + g.n() + ")"
}

func (g *exprGen) deeper(leaf string, f func(c int) string) string {
	if g.depth > 6 {
		return leaf
	}
	g.depth++
	defer func() { g.depth-- }()
	return f(g.next())
}

func (g *exprGen) s() string {
	return g.deeper("文", func(c int) string {
		switch c % 9 {
		case 0:
			return "文"
		case 1:
			return g.s() + " + " + g.s()
		case 2:
			return `replace(` + g.s() + `, "", ` + g.s() + `)`
		case 3:
			return `join(map(` + g.l() + `, ` + g.s() + `), ` + g.s() + `)`
		case 4:
			return `reduce(` + g.l() + `, #acc + #acc, ` + g.s() + `)`
		case 5:
			return `replace(` + g.s() + `, "a", "aaaaaaaaaa")`
		case 6:
			return "string(" + g.l() + ")"
		case 7:
			return "upper(" + g.s() + ")"
		}
		return `"aaaaaaaa"`
	})
}

func (g *exprGen) l() string {
	return g.deeper("列表", func(c int) string {
		switch c % 7 {
		case 0:
			return "列表"
		case 1:
			return "1.." + g.n()
		case 2:
			return "map(" + g.l() + ", " + g.s() + ")"
		case 3:
			return "filter(" + g.l() + ", count(" + g.l() + ", true) > " + g.n() + ")"
		case 4:
			return "concat(" + g.l() + ", " + g.l() + ")"
		case 5:
			return "map(" + g.l() + ", " + g.l() + ")"
		}
		return "1..int(n)"
	})
}

func (g *exprGen) n() string {
	return g.deeper("1", func(c int) string {
		switch c % 9 {
		case 0:
			return "int(n)"
		case 1:
			return "len(" + g.s() + ")"
		case 2:
			return "count(" + g.l() + ", " + g.n() + " > 1)"
		case 3:
			return g.n() + " * " + g.n()
		case 4:
			return g.n() + " + " + g.n()
		case 5:
			return "9223372036854775807"
		case 6:
			return "int(" + g.n() + " / " + g.n() + ")"
		case 7:
			return "int(10 ** " + g.n() + ")"
		}
		return strconv.Itoa(g.next() * 40)
	})
}
