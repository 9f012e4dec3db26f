package schema

import (
	"errors"
	"fmt"
	"os"
	"runtime/metrics"
	"strings"
	"testing"
)

// allocated returns the bytes fn allocates on the heap: the memory
// ceiling the budget tests check (what a template makes nigao allocate,
// whatever the collector gives back meanwhile).
func allocated(fn func()) uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	before := s[0].Value.Uint64()
	fn()
	metrics.Read(s)
	return s[0].Value.Uint64() - before
}

// memoryCeiling is what loading and evaluating any one hostile file may
// allocate in these tests; a real template takes well under 1 MiB.
const memoryCeiling = 64 << 20

// The files of ../testdata/untrusted reproduce the attacks of issue 16:
// each loads (or fails to) within the ceiling, with the message and the
// position it is reported at.
func TestUntrustedTemplates(t *testing.T) {
	tests := []struct {
		file string
		want string // error, "" for none
	}{
		{"alias-bomb.yaml", "alias-bomb.yaml:17:18: 别名“*l3”展开后，文件的内容超过 100000 项"},
		{"alias-wide.yaml", "alias-wide.yaml:17:113: 别名“*l3”展开后，文件的内容超过 100000 项"},
		{"alias-paragraphs.yaml", "alias-paragraphs.yaml:9:11596: 别名“*big”展开后，文件的内容超过 4 MiB 的上限"},
		{"expr-reduce.yaml", "expr-reduce.yaml:8:39: 超出计算上限（生成的文字超过 64 KiB）：用模板自己的默认值计算就超出了上限"},
		{"expr-reduce-slot.yaml", "expr-reduce-slot.yaml:9:15: 超出计算上限（生成的文字超过 64 KiB）"},
		{"expr-reduce-when.yaml", "expr-reduce-when.yaml:7:12: 超出计算上限（生成的文字超过 64 KiB）"},
		{"expr-replace-nested.yaml", "expr-replace-nested.yaml:8:39: 超出计算上限（生成的文字超过 64 KiB）"},
		{"expr-nested-count.yaml", "expr-nested-count.yaml:8:39: 默认值不合适：列表过长（2000 项，上限 1000 项）"},
		{"expr-replace-answer.yaml", ""},      // fails only with answers
		{"expr-nested-count-answer.yaml", ""}, // likewise
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile("../testdata/untrusted/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			var tpl *Template
			n := allocated(func() {
				tpl, err = Load(tt.file, src, nil)
				if err == nil {
					tpl.Evaluate(nil)
				}
			})
			if n > memoryCeiling {
				t.Errorf("allocated %d MiB", n>>20)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Fatalf("got %v\nwant %s…", err, tt.want)
			}
		})
	}
}

// The same templates with answers that make them work hard: the answers
// are refused (too long) or the expression stops at the budget, and the
// computed field says why.
func TestUntrustedAnswers(t *testing.T) {
	long := strings.Repeat("文", 200<<10/3+1) // 200 KiB
	list := make([]string, 20000)
	for i := range list {
		list[i] = "项"
	}
	tests := []struct {
		file   string
		id     string
		answer Raw
		want   string // the answer's error, or the computed field's reason
	}{
		{"expr-replace-answer.yaml", "文", Raw{Text: long}, "文字过长（200 KiB，上限 64 KiB）"},
		{"expr-replace-answer.yaml", "文", Raw{Text: long[:60<<10]}, "超出计算上限（生成的文字超过 64 KiB）"},
		{"expr-nested-count-answer.yaml", "列表", Raw{IsList: true, List: list}, "列表过长（20000 项，上限 1000 项）"},
		{"expr-nested-count-answer.yaml", "列表", Raw{IsList: true, List: list[:1000]}, "超出计算上限（运算超过 1000000 步）"},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.want, func(t *testing.T) {
			src, err := os.ReadFile("../testdata/untrusted/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			tpl, err := Load(tt.file, src, nil)
			if err != nil {
				t.Fatal(err)
			}
			a := NewAnswers(tpl)
			a.Set(tt.id, tt.answer)
			var vs *Values
			if n := allocated(func() { vs = tpl.Evaluate(a) }); n > memoryCeiling {
				t.Errorf("allocated %d MiB", n>>20)
			}
			got := ""
			if v := vs.Value(tt.id); v.State == Invalid {
				got = v.Err.Error()
			} else if v := vs.Value("r"); v.State == Invalid {
				got = Reason(v.Err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// evalOne computes expression src as a field of the given type, with
// the named answers.
func evalOne(t *testing.T, src, typ string, answers map[string]string) Value {
	t.Helper()
	y := "id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields:\n" +
		"      - {id: 甲, type: number}\n      - {id: 乙, type: number}\n      - {id: 文, type: textarea}\n      - {id: 单, type: list}\n" +
		"      - {id: r, type: " + typ + ", compute: '" + strings.ReplaceAll(src, "'", "''") + "'}\n"
	tpl, err := Load("x.yaml", []byte(y), nil)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	a := NewAnswers(tpl)
	for k, v := range answers {
		a.Set(k, Raw{Text: v})
	}
	return tpl.Evaluate(a).Value("r")
}

func TestExprBudgetAndArithmetic(t *testing.T) {
	some := map[string]string{"甲": "10", "乙": "0", "文": "一二三"}
	tests := []struct {
		src, typ string
		want     string // the value, or the reason it could not be computed
	}{
		{"甲 / 乙 * 100", "percent", "除数为零"},
		{"7 % 0", "number", "除数为零"},
		{"10 ** 400", "number", "超出范围"},
		{"1e300 * 1e300", "number", "超出范围"},
		{"9223372036854775807 + 1", "integer", "超出范围"},
		{"-9223372036854775807 - 2", "integer", "超出范围"},
		{"4611686018427387904 * 2", "integer", "超出范围"},
		{"sum([9223372036854775807, 1])", "integer", "超出范围"},
		{"int(1e300)", "integer", "超出范围"},
		{`reduce(1..(len(文) * 20), #acc + #acc, 文)`, "text", "超出计算上限（生成的文字超过 64 KiB）"},
		{`len(replace(文, "", 文))`, "integer", "15"},
		{"count(1..int(甲) * 1000, count(1..int(甲) * 1000, # > 1) > 5)", "integer", "超出计算上限（运算超过 1000000 步）"},
		{"len(1..int(甲) * 2000)", "integer", "超出计算上限（列表超过 10000 项）"},
		{"len(concat(1..int(甲) * 600, 1..int(甲) * 600))", "integer", "超出计算上限（列表超过 10000 项）"},
		{`len(string(map(1..int(甲) * 500, 文 + 文 + 文)))`, "integer", "超出计算上限（生成的文字超过 64 KiB）"},
		{`len(join(map(1..int(甲) * 500, 文 + 文 + 文), ""))`, "integer", "超出计算上限（生成的文字超过 64 KiB）"},
		// what reports do still works
		{"甲 + 乙 * 2", "number", "10"},
		{"甲 / 4", "number", "2.5"},
		{"7 % 3", "integer", "1"},
		{"2 ** 10", "integer", "1024"},
		{"sum(1..100)", "integer", "5050"},
		{"sum(1..4, # * 2)", "integer", "20"},
		{"len(1..10000)", "integer", "10000"},
		{`文 + "。"`, "text", "一二三。"},
		{`join(["甲", "乙"], "、")`, "text", "甲、乙"},
		{`replace(文, "二", "两")`, "text", "一两三"},
		{`string(len(文))`, "text", "3"},
		{"int(3.9)", "integer", "3"},
		{"count(1..100, count(1..100, # > 50) > 10)", "integer", "100"},
	}
	for _, tt := range tests {
		v := evalOne(t, tt.src, tt.typ, some)
		got := v.Text
		if v.State == Invalid {
			got = Reason(v.Err)
			if got == "" {
				got = v.Err.Error()
			}
		}
		if got != tt.want {
			t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// Builtins that make a long text or list from a short one are not
// offered; the type checker still reports a mismatch as before.
func TestExprRefused(t *testing.T) {
	for _, src := range []string{`repeat("a", 1000000)`, `split(文, "")`, `flatten([单, 单])`, `now()`, `"a" + 1`, `文 % 2`} {
		y := "id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields:\n      - {id: 文, type: text}\n      - {id: 单, type: list}\n      - {id: r, compute: '" + strings.ReplaceAll(src, "'", "''") + "'}\n"
		if _, err := Load("x.yaml", []byte(y), nil); err == nil {
			t.Errorf("%s: loaded", src)
		}
	}
}

// One draft shares one budget: once spent, every later expression fails
// alike, and BudgetErr says so.
func TestBudgetSharedByDraft(t *testing.T) {
	y := "id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields:\n      - {id: n, type: integer}\n" +
		"      - {id: a, type: integer, compute: 'count(1..int(n), count(1..int(n), # > 0) > 0)'}\n      - {id: b, type: integer, compute: 'n + 1'}\n"
	tpl, err := Load("x.yaml", []byte(y), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAnswers(tpl)
	a.Set("n", Raw{Text: "5000"})
	vs := tpl.Evaluate(a)
	for _, id := range []string{"a", "b"} {
		if v := vs.Value(id); !errors.Is(v.Err, errBudget) {
			t.Errorf("%s = %+v, want the budget spent", id, v)
		}
	}
	if vs.BudgetErr() == nil {
		t.Error("BudgetErr is nil")
	}
	a.Set("n", Raw{Text: "50"})
	vs = tpl.Evaluate(a)
	if v := vs.Value("b"); v.Text != "51" || vs.BudgetErr() != nil {
		t.Errorf("b = %+v, budget %v: each draft has a budget of its own", v, vs.BudgetErr())
	}
}

func TestAnswerLimits(t *testing.T) {
	f := &Field{ID: "x", Type: List}
	tests := []struct {
		raw  Raw
		want string
	}{
		{Raw{Text: strings.Repeat("a", 64<<10)}, ""},
		{Raw{Text: strings.Repeat("a", 64<<10+1)}, "文字过长（64 KiB，上限 64 KiB）"},
		{Raw{Text: "归义镇\x1b[31m"}, "含有不可见的控制字符 U+001B，请删去"},
		{Raw{Text: "归义镇\x00"}, "含有不可见的控制字符 U+0000，请删去"},
		{Raw{Text: "合计5\u202e001元"}, "含有改变文字显示顺序的控制字符 U+202E，请删去"},
		{Raw{Text: "第一行\n第二行\t"}, ""},
		{Raw{IsList: true, List: strings.Split(strings.Repeat("项,", 1000)+"项", ",")}, "列表过长（1001 项，上限 1000 项）"},
		{Raw{IsList: true, List: append(strings.Split(strings.Repeat("项,", 999)+"项", ","), "", " ")}, ""}, // blank items do not count
		{Raw{IsList: true, List: []string{"a", "b\u2066"}}, "含有改变文字显示顺序的控制字符 U+2066，请删去"},
	}
	for _, tt := range tests {
		_, err := ParseValue(f, tt.raw)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%.20q: got %q, want %q", tt.raw.Text, got, tt.want)
		}
	}
}

// A template may not hold invisible characters; messages quoting an
// answers file show them as <U+XXXX>, never raw.
func TestUnsafeText(t *testing.T) {
	y := "id: x\nname: x\ntitle: \"报告\\e[2J\"\nsections:\n  - id: s\n    heading: \"安全\\u202e生产\"\n    text: 好\n"
	_, err := Load("x.yaml", []byte(y), nil)
	want := "x.yaml:3:8: 含有不可见的控制字符 U+001B，请删去\nx.yaml:6:14: 含有改变文字显示顺序的控制字符 U+202E，请删去"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	a, err := LoadAnswers("a.yaml", []byte("values:\n  \"单\\e[31m位\": 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range a.Check(loadMini(t)) {
		if strings.ContainsRune(w.Error(), 0x1b) || !strings.Contains(w.Error(), "单<U+001B>[31m位") {
			t.Errorf("warning %q", w.Error())
		}
	}
	if got := StripUnsafe("a\x1bb\u202ec\td"); got != "abc\td" {
		t.Errorf("StripUnsafe = %q", got)
	}
}

func TestIDLength(t *testing.T) {
	long := strings.Repeat("长", 65)
	for _, y := range []string{
		"id: " + long + "\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    text: x\n",
		"id: x\nname: x\ntitle: x\nsections:\n  - id: " + long + "\n    heading: s\n    text: x\n",
		"id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields: [{id: " + long + "}]\n",
	} {
		_, err := Load("x.yaml", []byte(y), nil)
		if err == nil || !strings.Contains(err.Error(), "过长（65 个字，上限 64）") {
			t.Errorf("got %v", err)
		}
	}
	// 64 characters is fine
	if _, err := Load("x.yaml", []byte("id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields: [{id: "+long[3:]+"}]\n"), nil); err != nil {
		t.Error(err)
	}
}

// use: counts what it pulls in, like an alias.
func TestUseExpansion(t *testing.T) {
	lib := NewLibrary()
	text := strings.Repeat("各项工作有序推进。", 1000) // 27 KB a use
	if err := lib.Add("lib.yaml", []byte("library: 大\nsections:\n  - id: 大\n    heading: 大\n    text: "+text+"\n")); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("id: x\nname: x\ntitle: x\nsections:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "  - {use: 大, id: s%d}\n", i)
	}
	_, err := Load("x.yaml", []byte(b.String()), lib)
	if err == nil || !strings.Contains(err.Error(), "引用章节“大”后，模板展开的内容超过 4 MiB 的上限") {
		t.Errorf("got %v", err)
	}
}

// An anchor holding an alias to itself is not expanded forever.
func TestAliasCycle(t *testing.T) {
	_, err := Load("x.yaml", []byte("id: x\nname: x\ntitle: x\nsections: &s\n  - {id: a, heading: a, items: *s}\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "引用了包含它自己的内容") {
		t.Errorf("got %v", err)
	}
}

// firstUnsafe, which reads bytes, finds exactly the runes unsafeRune names.
func TestFirstUnsafe(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		s := "文" + string(r) + "字"
		if got := firstUnsafe(s) == 3; got != unsafeRune(r) {
			t.Errorf("U+%04X: firstUnsafe finds it %v, unsafeRune says %v", r, got, unsafeRune(r))
		}
	}
}

// Expressions are compiled each time an alias repeats them; there is a
// limit to how many a template compiles.
func TestExprCount(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields: [{id: 文, type: text}]\n    items:\n      - &a {heading: x, text: '{len(文)}'}\n")
	b.WriteString("  - {id: t, heading: t, items: [&b {heading: y, items: [" + strings.TrimSuffix(strings.Repeat("*a, ", 60), ", ") + "]}]}\n")
	b.WriteString("  - {id: u, heading: u, items: [" + strings.TrimSuffix(strings.Repeat("*b, ", 60), ", ") + "]}\n")
	_, err := Load("x.yaml", []byte(b.String()), nil)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:9:33: 模板中要计算的表达式过多（超过 2000 个") {
		t.Errorf("got %v", err)
	}
}

// A loop over a long text pays for the text each turn: reading it (len,
// comparing) by its size, making a new one (upper) as bytes built.
func TestExprLoopOverLongText(t *testing.T) {
	long := map[string]string{"文": strings.Repeat("a", 60<<10), "甲": "5000"}
	for src, want := range map[string]string{
		"count(1..int(甲), len(文) > 0)":     "超出计算上限（运算超过 1000000 步）",
		`count(1..int(甲), 文 == "a")`:       "超出计算上限（运算超过 1000000 步）",
		`count(1..int(甲), upper(文) != "")`: "超出计算上限（生成的文字合计超过 4 MiB）",
		"count(1..10, len(文) > 0)":         "10",
	} {
		v := evalOne(t, src, "integer", long)
		got := v.Text
		if v.State == Invalid {
			got = Reason(v.Err)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", src, got, want)
		}
	}
}

// Loading checks each expression against the budget once, however often
// aliases repeat it, and stops checking after a few drafts' worth of
// work: 84 aliases of one costly slot used to run it 84 times (700 MiB),
// and a file of many costly expressions ran each in turn.
func TestCheckBudgetBounded(t *testing.T) {
	costly := "{len(join(map(map(1..9320, 1..3760), 文), 文))}"
	aliased := "id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields: [{id: 文, type: text}]\n    items:\n      - &a {heading: x, text: '" + costly + "'}\n" +
		"  - {id: t, heading: t, items: [" + strings.TrimSuffix(strings.Repeat("*a, ", 84), ", ") + "]}\n"
	var distinct strings.Builder
	distinct.WriteString("id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields: [{id: 文, type: text}]\n    items:\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&distinct, "      - {heading: x%d, text: '%s'}\n", i, costly)
	}
	for _, tt := range []struct {
		name, src string
		maxErrs   int
	}{
		{"aliased", aliased, 1},
		{"distinct", distinct.String(), 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = Load("x.yaml", []byte(tt.src), nil) })
			if n > memoryCeiling {
				t.Errorf("allocated %d MiB", n>>20)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 || len(list) > tt.maxErrs {
				t.Errorf("want 1 to %d budget errors, got %v", tt.maxErrs, err)
			}
		})
	}
}
