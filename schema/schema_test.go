package schema

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/expr-lang/expr"
)

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in, unit string
		want     string
		value    float64
		exact    bool
	}{
		{"300", "", "300", 300, true},
		{"近300", "", "近300", 300, false},
		{"约1.2万", "", "约1.2万", 12000, false},
		{"300余", "", "300余", 300, false},
		{"4000多", "", "4000多", 4000, false},
		{"300余万", "", "300余万", 3000000, false},
		{"12,345", "", "12345", 12345, true}, // written as nigao writes figures
		{"３００", "", "300", 300, true},
		{"300家", "家", "300", 300, true},
		{"95.5%", "", "95.5", 95.5, true},
		{"-3.5", "", "-3.5", -3.5, true},
		{"+5.6", "", "5.6", 5.6, true},
		{"−3.2", "", "-3.2", -3.2, true}, // U+2212, as Word writes a minus
		{"＋5.6%", "", "5.6", 5.6, true},
		{"2.5亿", "", "2.5亿", 2.5e8, true},
		{"超过50", "", "超过50", 50, false},
		{"100以上", "", "100以上", 100, false},
	}
	for _, tt := range tests {
		q, err := ParseQuantity(tt.in, tt.unit)
		if err != nil {
			t.Errorf("ParseQuantity(%q): %v", tt.in, err)
			continue
		}
		if q.String() != tt.want || q.Value != tt.value || q.Exact() != tt.exact {
			t.Errorf("ParseQuantity(%q) = %q %v exact=%v, want %q %v exact=%v", tt.in, q.String(), q.Value, q.Exact(), tt.want, tt.value, tt.exact)
		}
	}
	for _, bad := range []string{"", "abc", "三百", "1..2", "近", "余", "1 2", "++5", "Inf", "NaN", "1e999", "1e30", "1E5", "1_000", "0x10", "1.", "-"} {
		if q, err := ParseQuantity(bad, ""); err == nil {
			t.Errorf("ParseQuantity(%q) = %v, want error", bad, q)
		}
	}
}

func TestParseValue(t *testing.T) {
	two := 2.0
	hundred := 100.0
	tests := []struct {
		f       Field
		raw     Raw
		state   State
		text    string
		wantErr string
	}{
		{Field{Type: Integer}, Raw{Text: "近300"}, Set, "近300", ""},
		{Field{Type: Integer}, Raw{Text: "不适用"}, NA, "不适用", ""},
		{Field{Type: Year, Label: "年度"}, Raw{Text: "不适用"}, 0, "", "“年度”是年份，不能填“不适用”"},
		{Field{Type: Integer}, Raw{Text: "3.5"}, 0, "", "不是整数"},
		{Field{Type: Integer}, Raw{Text: "很多"}, 0, "", "不是数字"},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "12480元"}, 0, "", "“12480元”是以元计的，这一项的单位是万元：请填 1.248（12480元 = 1.248万元）"},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "3.5亿元"}, 0, "", "请填 35000（3.5亿元 = 35000万元）"},
		{Field{Type: Number, Unit: "亿元"}, Raw{Text: "12480万元"}, 0, "", "请填 1.248（12480万元 = 1.248亿元）"},
		{Field{Type: Money, Unit: "元"}, Raw{Text: "1.2万元"}, Set, "1.2万", ""},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "1.2万元"}, Set, "1.2", ""},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "约0.1元"}, 0, "", "请填 约0.00001（约0.1元 = 约0.00001万元）"},
		{Field{Type: Integer, Unit: "户"}, Raw{Text: "12480元"}, 0, "", "不是数字"},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "5.2亿"}, 0, "", "“5.2亿”带了“亿”，这一项的单位已经是万元：请填 52000（5.2亿 = 52000万元）"},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "约9.1亿"}, 0, "", "请填 约91000（约9.1亿 = 约91000万元）"},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "5.2万"}, 0, "", "请填 5.2（5.2万 = 5.2万元）"},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "18.6亿"}, 0, "", "请填 186000（18.6亿 = 186000万元）"}, // not 186000.00000000003
		{Field{Type: Number, Unit: "万亩"}, Raw{Text: "3万"}, 0, "", "请填 3（3万 = 3万亩）"},
		{Field{Type: Money, Unit: "万元"}, Raw{Text: "3千"}, Set, "3千", ""},
		{Field{Type: Money, Unit: "元"}, Raw{Text: "5.2万"}, Set, "5.2万", ""},
		{Field{Type: Integer, Unit: "家"}, Raw{Text: "12%"}, 0, "", "“12%”是百分数，这一项填的是家：请填数目，不带%"},
		{Field{Type: Number}, Raw{Text: "12％"}, 0, "", "“12％”是百分数"},
		{Field{Type: Percent}, Raw{Text: "12%"}, Set, "12", ""},
		{Field{Type: Integer, Unit: "家"}, Raw{Text: "一千五百"}, 0, "", "“一千五百”不是数字：请用阿拉伯数字填写"},
		{Field{Type: Integer, Unit: "家"}, Raw{Text: "约一千五百家"}, 0, "", "“约一千五百家”不是数字：请用阿拉伯数字填写"},
		{Field{Type: Integer}, Raw{Text: "不适用"}, NA, "不适用", ""},
		{Field{Type: Integer}, Raw{Text: "  "}, Missing, "", ""},
		{Field{Type: Percent, Min: &two, Max: &hundred}, Raw{Text: "101"}, 0, "", "超过上限"},
		{Field{Type: Percent, Min: &two}, Raw{Text: "1"}, 0, "", "小于下限"},
		{Field{Type: Year}, Raw{Text: "2022"}, Set, "2022", ""},
		{Field{Type: Year}, Raw{Text: "22"}, 0, "", "不是年份"},
		{Field{Type: Year}, Raw{Text: "1900"}, 0, "", "不是年份"},
		{Field{Type: Year}, Raw{Text: "1949"}, Set, "1949", ""},
		{Field{Type: Date}, Raw{Text: "2022年8月29日"}, Set, "2022年8月29日", ""},
		{Field{Type: Date}, Raw{Text: "2022-02-30"}, 0, "", "不是日期"},
		{Field{Type: Bool}, Raw{Text: "是"}, Set, "是", ""},
		{Field{Type: Bool}, Raw{Text: "也许"}, 0, "", "应填"},
		{Field{Type: Choice, Choices: []string{"镇", "街道"}}, Raw{Text: "乡"}, 0, "", "不在可选项中"},
		{Field{Type: Text}, Raw{Text: "甲　乙"}, Set, "甲　乙", ""},
		{Field{Type: List}, Raw{IsList: true, List: []string{"a", " ", "b"}}, Set, "", ""},
		{Field{Type: Text}, Raw{IsList: true, List: []string{"a"}}, 0, "", "不是列表"},
	}
	for _, tt := range tests {
		v, err := ParseValue(&tt.f, tt.raw)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseValue(%s, %+v) error = %v, want %q", tt.f.Type, tt.raw, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseValue(%s, %+v): %v", tt.f.Type, tt.raw, err)
			continue
		}
		if v.State != tt.state || v.Text != tt.text {
			t.Errorf("ParseValue(%s, %+v) = %v %q, want %v %q", tt.f.Type, tt.raw, v.State, v.Text, tt.state, tt.text)
		}
	}
}

const miniTemplate = `id: mini
name: 小模板
title: "{单位}总结"
info:
  - {id: 单位, type: text}
sections:
  - id: 安全
    heading: 安全生产
    fields:
      - {id: 发现隐患, type: integer, unit: 处}
      - {id: 整改隐患, type: integer, unit: 处}
      - {id: 整改率, type: percent, compute: 整改隐患 / 发现隐患 * 100}
      - {id: 剩余, type: integer, compute: 发现隐患 - 整改隐患}
      - {id: 剩余率, type: percent, compute: 剩余 / 发现隐患 * 100}
    text: 发现隐患{发现隐患}处，整改率{整改率}，剩余{剩余率}。
`

func loadMini(t *testing.T) *Template {
	t.Helper()
	tpl, err := Load("mini.yaml", []byte(miniTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func TestEvaluateComputed(t *testing.T) {
	tpl := loadMini(t)
	if got := tpl.ComputeOrder(); len(got) != 3 || got[2].ID != "剩余率" {
		t.Fatalf("compute order = %v", got)
	}
	a := NewAnswers(tpl)
	a.Set("发现隐患", Raw{Text: "约200"})
	vs := tpl.Evaluate(a)
	if v := vs.Value("整改率"); v.State != Missing {
		t.Fatalf("整改率 = %+v, want missing", v)
	}
	if got := vs.Needs("剩余率"); len(got) != 1 || got[0] != "整改隐患" {
		t.Fatalf("剩余率 needs %v, want [整改隐患]", got)
	}
	a.Set("整改隐患", Raw{Text: "150"})
	vs = tpl.Evaluate(a)
	if v := vs.Value("整改率"); v.State != Set || v.Text != "75" {
		t.Fatalf("整改率 = %+v", v)
	}
	if v := vs.Value("剩余率"); v.Text != "25" {
		t.Fatalf("剩余率 = %+v", v)
	}
	a.Set("发现隐患", Raw{Text: "0"})
	if v := tpl.Evaluate(a).Value("整改率"); v.State != Invalid {
		t.Fatalf("division by zero: %+v", v)
	}
	a.Set("发现隐患", Raw{Text: "不适用"})
	if v := tpl.Evaluate(a).Value("整改率"); v.State != NA {
		t.Fatalf("NA input: %+v", v)
	}
	done, total := tpl.Evaluate(a).Filled(tpl.Part("安全"))
	if done != 2 || total != 2 {
		t.Fatalf("Filled = %d/%d", done, total)
	}
}

// TestExprSandbox: expressions compile against the fields they read and
// nothing else, within the node limit, with time, JSON and bit helpers off,
// and must give what their place needs.
func TestExprSandbox(t *testing.T) {
	long := "数" + strings.Repeat(" + 数", 300)
	tests := []struct {
		expr string // the compute of 结果 (a number), or a condition with when:
		when bool
		msg  string // "" when it loads
	}{
		{expr: "数 * 2 + len(名称)"},
		{expr: "数 > 1 and 名称 != nil", when: true},
		{expr: "now()", msg: "unknown name now"},
		{expr: "len(toJSON(名称))", msg: "unknown name toJSON"},
		{expr: "len(repeat(名称, 3))", msg: "unknown name repeat"},
		{expr: "env()", msg: "没有名为“env”的字段"},
		{expr: long, msg: "表达式过长"},
		{expr: "名称", msg: "计算结果必须是数字"},
		{expr: "数 + 1", when: true, msg: "条件的结果必须是真或假"},
	}
	for _, tt := range tests {
		src := "id: t\nname: t\ntitle: t\ninfo:\n  - {id: 数, type: integer}\n  - {id: 名称, type: text}\n"
		if tt.when {
			src += "sections:\n  - heading: 一\n    when: '" + tt.expr + "'\n    text: 一句。\n"
		} else {
			src += "  - {id: 结果, type: number, compute: '" + tt.expr + "'}\nsections:\n  - heading: 一\n    text: 一句。\n"
		}
		_, err := Load("t.yaml", []byte(src), nil)
		switch {
		case tt.msg == "" && err != nil:
			t.Errorf("%.40s: %v", tt.expr, err)
		case tt.msg != "" && (err == nil || !strings.Contains(err.Error(), tt.msg)):
			t.Errorf("%.40s: error %v, want one saying %s", tt.expr, err, tt.msg)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		x    float64
		d    int
		want string
	}{
		{95.4545, -1, "95.5"}, {100, -1, "100"}, {1.005, 2, "1.00"}, {1234.5678, -2, "1234.57"},
		{0.1 + 0.2, -2, "0.3"}, {-0.001, -2, "0"}, {12, 0, "12"}, {2.5, 0, "2"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.x, tt.d); got != tt.want {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", tt.x, tt.d, got, tt.want)
		}
	}
}

func TestAnswersRoundTripKeepsCommentsAndUnknownKeys(t *testing.T) {
	src := `# 归义镇的答案
template: {id: mini, version: 1}
values:
  单位: 归义镇 # 全称
  发现隐患: 300余
  旧字段: 留着
  列表: [a, b]
omit: [安全]
`
	a, err := LoadAnswers("a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tpl := loadMini(t)
	warn := a.Check(tpl)
	if len(warn) != 2 || !strings.Contains(warn[0].Error(), "a.yaml:6:8") || !strings.Contains(warn[0].Error(), "旧字段") {
		t.Fatalf("warnings = %v", warn)
	}
	a.Set("整改隐患", Raw{Text: "12"})
	a.Set("发现隐患", Raw{Text: "301"})
	a.SetOmitted("安全", false)
	a.SetHeading("安全", 0)
	out, err := a.Encode()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"# 归义镇的答案", "单位: 归义镇 # 全称", "旧字段: 留着", "发现隐患: 301", "整改隐患: 12", "- a"} {
		if !strings.Contains(s, want) {
			t.Errorf("saved answers lack %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "omit") {
		t.Errorf("omit kept after SetOmitted(false):\n%s", s)
	}
	b, err := LoadAnswers("b.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range a.Keys() {
		ra, _ := a.Get(id)
		rb, _ := b.Get(id)
		if ra.Text != rb.Text || len(ra.List) != len(rb.List) {
			t.Errorf("%s: %+v after round trip, want %+v", id, rb, ra)
		}
	}
	if strings.Index(s, "单位") > strings.Index(s, "发现隐患") {
		t.Errorf("key order changed:\n%s", s)
	}
}

func TestAnswersSaveNew(t *testing.T) {
	tpl := loadMini(t)
	a := NewAnswers(tpl)
	a.Set("单位", Raw{Text: "yes"}) // must stay a string, not turn into a bool
	a.Set("发现隐患", Raw{Text: "0012"})
	a.Set("备注", Raw{Text: "第一行\n第二行"})
	a.SetOmitted("安全", true)
	p := t.TempDir() + "/new.yaml"
	if err := a.Save(p); err != nil {
		t.Fatal(err)
	}
	b, err := LoadAnswersFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"单位", "发现隐患", "备注"} {
		ra, _ := a.Get(id)
		rb, _ := b.Get(id)
		if ra.Text != rb.Text {
			t.Errorf("%s = %q, want %q", id, rb.Text, ra.Text)
		}
	}
	if !b.Omitted("安全") || b.TemplateID != "mini" {
		t.Errorf("omit/template lost: %+v", b)
	}
	src, _ := os.ReadFile(p)
	if !strings.Contains(string(src), "不适用") {
		t.Errorf("new answers file lacks the header comment explaining 不适用:\n%s", src)
	}
}

func TestLoadAnswersErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"values: [1, 2]", "a.yaml:1:9: values 应当是"},
		{"values:\n  a: 1\n  a: 2\n", "a.yaml:3:3: 字段“a”重复"},
		{"valeus: {}\n", "是不是“values”"},
		{"values:\n  做法:\n    - 甲\n    - 开展专项行动: 化解积案5件\n", "a.yaml:4:7: 字段“做法”: 列表的每一项应当是一段文字：这一项里的英文冒号"},
		{"values:\n  a: {x: 1}\n", "a.yaml:2:6"},
		{"template: {id: x, version: 一}\n", "应当是整数"},
		{"values: [\n", "a.yaml:1:1: YAML 格式错误"},
		{"", "文件是空的"},
		{"\xff\xfe", "不是 UTF-8"},
	}
	for _, tt := range tests {
		_, err := LoadAnswers("a.yaml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadAnswers(%q) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestLoadErrorsArePositioned(t *testing.T) {
	_, err := Load("x.yaml", []byte("id: x\nname: n\ntitle: t\nsections:\n  - id: a\n    heading: h\n    text: \"共{甲}个，{乙|万圆}\"\n    fields:\n      - {id: 甲, type: integer}\n"), nil)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v", err)
	}
	if got := list[0].Error(); got != "x.yaml:7:19: 没有名为“乙”的字段（字段要先在 fields 或 info 中定义）" {
		t.Errorf("first error = %s", got)
	}
	if got := list[1].Pos; got.Line != 7 || got.Col != 21 {
		t.Errorf("filter error at %v, want 7:21", got)
	}
}

func TestLibraryUseOverrides(t *testing.T) {
	lib := NewLibrary()
	err := lib.Add("lib.yaml", []byte(`library: 测试
sections:
  - id: 安全生产
    headings: [安全生产方面]
    fields: [{id: 检查企业, type: integer, unit: 家}]
    text: 检查企业{检查企业}家。
    items:
      - {id: 消防, heading: 消防安全, text: 消防工作稳定。}
      - {id: 交通, heading: 道路交通, text: 交通安全平稳。}
`))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := Load("t.yaml", []byte(`id: t
name: t
title: t
sections:
  - use: 安全生产
    headings: [坚持安全发展]
    fields: [{id: 演练, type: integer, unit: 次}]
    items:
      - {id: 演练条目, heading: 应急演练, text: "组织演练{演练}次。"}
    drop: [交通]
  - use: 安全生产
    id: 安全生产2
`), lib)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 || !strings.Contains(list[0].Error(), "重复") {
		t.Fatalf("using a section twice must report duplicate ids, got %v", err)
	}
	tpl, err = Load("t.yaml", []byte(`id: t
name: t
title: t
sections:
  - use: 安全生产
    headings: [坚持安全发展]
    fields: [{id: 演练, type: integer, unit: 次}]
    items:
      - {id: 演练条目, heading: 应急演练, text: "组织演练{演练}次。"}
    drop: [交通]
`), lib)
	if err != nil {
		t.Fatal(err)
	}
	p := tpl.Part("安全生产")
	if p == nil || p.Headings[0].Src != "坚持安全发展" || len(p.Fields) != 2 || len(p.Parts) != 2 || p.Parts[1].ID != "演练条目" || p.Use != "安全生产" {
		t.Fatalf("override not applied: %+v", p)
	}
	if _, err := Load("t.yaml", []byte("id: t\nname: t\ntitle: t\nsections:\n  - use: 安全生\n"), lib); err == nil || !strings.Contains(err.Error(), "是不是“安全生产”") {
		t.Fatalf("misspelled use: %v", err)
	}
	if err := lib.Add("lib2.yaml", []byte("library: x\nsections:\n  - id: 安全生产\n    heading: h\n")); err == nil || !strings.Contains(err.Error(), "lib2.yaml:3:9") {
		t.Fatalf("duplicate library id: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		s    string
		cand []string
		want string
	}{
		{"haeding", partKeys, "heading"},
		{"feilds", partKeys, "fields"},
		{"万圆", []string{"万", "万元", "亿元"}, "万元"},
		{"完全不同的东西", partKeys, ""},
		{"x", []string{"y"}, ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.s, tt.cand); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestSplitFilters(t *testing.T) {
	tests := []struct {
		in      string
		expr    string
		filters []string
	}{
		{"a", "a", nil},
		{"a|万元", "a", []string{"万元"}},
		{"a|万元|1位小数", "a", []string{"万元", "1位小数"}},
		{"a || b", "a || b", nil},
		{"a + b | %", "a + b", []string{"%"}},
	}
	for _, tt := range tests {
		e, f := splitFilters(tt.in)
		if e != tt.expr || strings.Join(f, ",") != strings.Join(tt.filters, ",") {
			t.Errorf("splitFilters(%q) = %q %v", tt.in, e, f)
		}
	}
}

func TestLibraryOverrideAfterSeal(t *testing.T) {
	lib := NewLibrary()
	if err := lib.Add("builtin.yaml", []byte("library: a\nsections:\n  - {id: 党建, heading: 内置}\n")); err != nil {
		t.Fatal(err)
	}
	lib.Seal()
	if err := lib.Add("mine.yaml", []byte("library: b\nsections:\n  - {id: 党建, heading: 我的}\n")); err != nil {
		t.Fatalf("a user file may redefine a built-in section: %v", err)
	}
	if err := lib.Add("mine2.yaml", []byte("library: c\nsections:\n  - {id: 党建, heading: 又一个}\n")); err == nil || !strings.Contains(err.Error(), "mine.yaml") {
		t.Fatalf("two user files defining one section: %v", err)
	}
	tpl, err := Load("t.yaml", []byte("id: t\nname: t\ntitle: t\nsections:\n  - use: 党建\n"), lib)
	if err != nil {
		t.Fatal(err)
	}
	if h := tpl.Sections[0].Headings[0].Src; h != "我的" {
		t.Fatalf("heading = %s", h)
	}
}

// TestLibraryMessagePlacedInLibrary: a mistake in a library section is
// reported where it is, in the library file, when a template uses it.
func TestLibraryMessagePlacedInLibrary(t *testing.T) {
	const src = "library: 测试\nsections:\n  - id: 节\n    heading: 一节\n    fields:\n      - {id: 数, type: integer}\n    text: 共有{数|不存在的格式}个。\n"
	lib := NewLibrary()
	if err := lib.Add("lib.yaml", []byte(src)); err != nil {
		t.Fatal(err)
	}
	_, err := Load("t.yaml", []byte("id: t\nname: t\ntitle: t\nsections:\n  - use: 节\n"), lib)
	if err == nil || !strings.HasPrefix(err.Error(), "lib.yaml:7:16: ") {
		t.Errorf("message %v, want it at lib.yaml:7:16", err)
	}
}

// TestAnswersFilePaths: previous: and docx_template: are read relative
// to the answers file, kept on save, and docx_template goes when cleared.
func TestAnswersFilePaths(t *testing.T) {
	a, err := LoadAnswers("a.yaml", []byte("# 我的注释\ndocx_template: 信纸/红头.docx\nprevious: /abs/2021.yaml\nvalues: {单位: 某镇}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.DocxTemplateFile(filepath.Join("d", "a.yaml")), filepath.Join("d", "信纸", "红头.docx"); got != want {
		t.Errorf("DocxTemplateFile = %q, want %q", got, want)
	}
	if got := a.PreviousFile(filepath.Join("d", "a.yaml")); got != "/abs/2021.yaml" {
		t.Errorf("PreviousFile = %q", got)
	}
	out, err := a.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "docx_template: 信纸/红头.docx") || !strings.Contains(string(out), "# 我的注释") {
		t.Errorf("saved:\n%s", out)
	}
	a.DocxTemplate = ""
	out, _ = a.Encode()
	if strings.Contains(string(out), "docx_template") || !strings.Contains(string(out), "previous:") {
		t.Errorf("after clearing:\n%s", out)
	}
}

// TestLibraryUseOneItem: `use:` names one item of a library section, by
// the item's own id or as section id, dot, the item's last name; the item
// comes with its fields and prose, overrides apply, and a missing item is
// an error at the use: with the section's items offered.
func TestLibraryUseOneItem(t *testing.T) {
	lib := NewLibrary()
	if err := lib.Add("lib.yaml", []byte(`library: 测试
sections:
  - id: 安全生产
    heading: 安全生产方面
    items:
      - id: 安全.隐患排查
        heading: 排查隐患
        runin: true
        fields: [{id: 发现隐患, type: integer, unit: 处}]
        text: 发现隐患{发现隐患}处。
        items:
          - {id: 安全.燃气, heading: 燃气, text: 燃气安全平稳。}
      - {id: 安全.消防, heading: 消防安全, text: 消防工作稳定。}
`)); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"安全.隐患排查", "安全生产.隐患排查"} {
		tpl, err := Load("t.yaml", []byte("id: t\nname: t\ntitle: t\nsections:\n  - heading: 一\n    items:\n      - use: "+ref+"\n        optional: true\n"), lib)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		p := tpl.Part("安全.隐患排查")
		if p == nil || p.Use != ref || p.Level != 2 || !p.RunIn || !p.Optional || tpl.Field("发现隐患") == nil || len(p.Parts) != 1 || p.Parts[0].Level != 3 {
			t.Fatalf("%s: item not used as written: %+v", ref, p)
		}
		if tpl.Part("安全.消防") != nil {
			t.Errorf("%s: the rest of the section came along", ref)
		}
	}
	// an item two levels down, by its id
	if _, err := Load("t.yaml", []byte("id: t\nname: t\ntitle: t\nsections:\n  - use: 安全生产.燃气\n"), lib); err != nil {
		t.Fatalf("nested item: %v", err)
	}
	for _, tt := range []struct{ ref, want string }{
		{"安全生产.隐患拍查", "t.yaml:5:10: 章节“安全生产”中没有条目“隐患拍查”，是不是“隐患排查”？"},
		{"安全生产.道路交通", "t.yaml:5:10: 章节“安全生产”中没有条目“道路交通”（有：隐患排查、燃气、消防）"},
		{"安全.隐患拍查", "t.yaml:5:10: 章节库中没有“安全.隐患拍查”，是不是“安全.隐患排查”？"},
	} {
		_, err := Load("t.yaml", []byte("id: t\nname: t\ntitle: t\nsections:\n  - use: "+tt.ref+"\n"), lib)
		if err == nil || err.Error() != tt.want {
			t.Errorf("use: %s\n got %v\nwant %s", tt.ref, err, tt.want)
		}
	}
}

// TestAnswersSources: sources: is read, kept on save in the order of
// values:, dropped for a value changed or deleted since, and its
// mistakes are reported at their line.
func TestAnswersSources(t *testing.T) {
	src := `values:
  检查企业: 126
  发现隐患: 300余
  整改隐患: 290
sources:
  整改隐患: {from: 安监站, file: 安监站-报送表.xlsx, date: 2024-12-03}
  检查企业: {from: 安监站, date: 2024-12-03}
  发现隐患: {from: 综治办}
`
	a, err := LoadAnswers("a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, ok := a.Source("整改隐患")
	if !ok || s.From != "安监站" || s.File != "安监站-报送表.xlsx" || s.Date.Format("2006-01-02") != "2024-12-03" {
		t.Fatalf("Source(整改隐患) = %+v, %v", s, ok)
	}
	if got := s.String(); got != "来自 安监站报送表，12月3日" {
		t.Errorf("String() = %q", got)
	}
	a.Set("检查企业", Raw{Text: "126"}) // the same value: still from the sheet
	a.Set("发现隐患", Raw{Text: "301"}) // typed over: no longer from the sheet
	a.Delete("整改隐患")
	out, err := a.Encode()
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadAnswers("b.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if _, ok := b.Source("检查企业"); !ok {
		t.Errorf("source of an unchanged value lost:\n%s", out)
	}
	for _, id := range []string{"发现隐患", "整改隐患"} {
		if _, ok := b.Source(id); ok {
			t.Errorf("source of %s kept after it changed:\n%s", id, out)
		}
	}
	b.Delete("检查企业")
	if out, _ := b.Encode(); strings.Contains(string(out), "sources") {
		t.Errorf("empty sources: written:\n%s", out)
	}

	bad := []struct{ src, want string }{
		{"sources: [a]\n", "a.yaml:1:10: sources 应当是"},
		{"sources:\n  甲: {from: 安监站, when: 1}\n", "a.yaml:2:18"},
		{"sources:\n  甲: {from: 安监站, date: 十二月}\n", "a.yaml:2:24: date: “十二月”不是日期"},
	}
	for _, tt := range bad {
		_, err := LoadAnswers("a.yaml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadAnswers(%q) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestUnitWordsForOlderTemplates: a template that uses library prose
// with the unit's words ({村社}, {两级}) but does not define them — a
// clerk's copy made before — loads with a 镇's words and a 单位类型 the
// clerk may change; one that defines them keeps its own.
func TestUnitWordsForOlderTemplates(t *testing.T) {
	lib := NewLibrary()
	if err := lib.Add("lib.yaml", []byte(`library: 测试
sections:
  - id: 调解
    heading: 矛盾调解
    text: 健全{两级}调解组织，各{村社}配齐调解员。
`)); err != nil {
		t.Fatal(err)
	}
	tpl, err := Load("old.yaml", []byte("id: old\nname: old\ntitle: t\ninfo:\n  - {id: 单位, type: text}\nsections:\n  - use: 调解\n"), lib)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range tpl.Info {
		ids = append(ids, f.ID)
	}
	if got := strings.Join(ids, " "); got != "单位 单位类型 村社 两级" {
		t.Fatalf("info = %s, want the words it mentions and 单位类型", got)
	}
	text := func(a *Answers) string {
		vs := tpl.Evaluate(a)
		return vs.Value("两级").Text + "/" + vs.Value("村社").Text
	}
	a := NewAnswers(tpl)
	if got := text(a); got != "镇村两级/村（社区）" {
		t.Errorf("default words %s", got)
	}
	a.Set("单位类型", Raw{Text: "街道"})
	if got := text(a); got != "街道社区两级/社区" {
		t.Errorf("街道 words %s", got)
	}
	own, err := Load("own.yaml", []byte("id: own\nname: own\ntitle: t\ninfo:\n  - {id: 村社, type: text, default: 组}\n  - {id: 两级, type: text, default: 场队两级}\nsections:\n  - use: 调解\n"), lib)
	if err != nil {
		t.Fatal(err)
	}
	if len(own.Info) != 2 {
		t.Errorf("a template with its own words got more: %d info fields", len(own.Info))
	}
	// the same words as plain text (an imported 乡's report) are no slots
	plain, err := Load("plain.yaml", []byte("id: p\nname: p\ntitle: t\ninfo:\n  - {id: 单位, type: text}\nsections:\n  - heading: 一\n    text: 乡党委组织乡村两级干部走访各村社。\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.Info) != 1 {
		t.Errorf("plain words 党委, 两级, 村社 brought unit words: %d info fields", len(plain.Info))
	}
}

// TestFrom: from: names the office that reports a part's or a field's
// figures; parts and fields inherit it, a template overrides a library
// section's, and a name that cannot be a file name is refused.
func TestFrom(t *testing.T) {
	lib := NewLibrary()
	if err := lib.Add("lib.yaml", []byte(`library: 测试
sections:
  - id: 安全生产
    heading: 安全
    from: 安监站
    fields:
      - {id: 检查企业, type: integer}
    items:
      - id: 交通
        heading: 交通
        fields:
          - {id: 戴盔率, type: percent, from: 交警中队}
          - {id: 劝导, type: integer}
`)); err != nil {
		t.Fatal(err)
	}
	tpl, err := Load("t.yaml", []byte("id: t\nname: n\ntitle: t\nsections:\n  - use: 安全生产\n  - {id: 民生, heading: 民生, fields: [{id: 低保, type: integer}]}\n"), lib)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"检查企业": "安监站", "劝导": "安监站", "戴盔率": "交警中队", "低保": ""} {
		if got := tpl.Field(id).ReportedBy(); got != want {
			t.Errorf("%s reported by %q, want %q", id, got, want)
		}
	}
	over, err := Load("t.yaml", []byte("id: t\nname: n\ntitle: t\nsections:\n  - {use: 安全生产, from: 应急办}\n"), lib)
	if err != nil {
		t.Fatal(err)
	}
	if got := over.Field("劝导").ReportedBy(); got != "应急办" {
		t.Errorf("override: %q", got)
	}
	for _, tt := range []struct{ from, want string }{
		{`""`, "t.yaml:5:31: from 写报这些数的部门"},
		{`安监站/应急办`, "不能含 /"},
		{`[安监站]`, "from应当是一段文字"},
	} {
		_, err := Load("t.yaml", []byte("id: t\nname: n\ntitle: t\nsections:\n  - {id: a, heading: h, from: "+tt.from+"}\n"), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("from: %s: %v, want %q", tt.from, err, tt.want)
		}
	}
}

// TestPresenceConditions: conditions that only test whether figures were
// given are evaluated directly, and give what expr gives for them;
// anything else is compiled as before.
func TestPresenceConditions(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(`id: t
name: t
title: t
sections:
  - heading: h
    fields:
      - {id: 甲, type: integer}
      - {id: 乙, type: integer}
      - {id: 单, type: list}
      - {id: 名, type: text}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	envs := []map[string]any{
		{}, {"甲": 3.0}, {"乙": 0.0}, {"单": []any{"一"}}, {"单": []any{}}, {"名": "某"}, {"甲": 1.0, "乙": 2.0, "单": []any{"一"}, "名": "某"},
	}
	for _, tt := range []struct {
		src    string
		direct bool
	}{
		{"甲 != nil", true},
		{"甲 == nil", true},
		{"甲 != nil or 乙 != nil", true},
		{"甲 != nil and 乙 == nil", true},
		{"甲 == nil and 乙 != nil or len(单) > 0", true},
		{"len(单) > 0", true},
		{"单 == nil or len(单) == 0", true},
		{"len(名) != 0", true},
		{"甲 > 0", false},
		{"len(甲) > 0", false}, // not a list: a type error, as before
		{"甲 != nil or 乙 > 1", false},
	} {
		e := &Expr{Src: tt.src}
		l := &loader{src: newSource("t.yaml", nil)}
		l.compile(e, tpl, boolValue)
		if (e.direct != nil) != tt.direct {
			t.Errorf("%s: direct %v, want %v", tt.src, e.direct != nil, tt.direct)
		}
		if !tt.direct {
			continue
		}
		env := map[string]any{"甲": 0.0, "乙": 0.0, "单": []any{}, "名": ""}
		prog, err := expr.Compile(tt.src, exprOptions(env, boolValue)...)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		for _, env := range envs {
			full := map[string]any{"甲": nil, "乙": nil, "单": nil, "名": nil}
			for k, v := range env {
				full[k] = v
			}
			want, err := expr.Run(prog, full)
			if err != nil {
				want = false // Cond reads an error as false
			}
			if got := e.direct(full); got != want {
				t.Errorf("%s with %v: %v, expr gives %v", tt.src, env, got, want)
			}
		}
	}
}

// TestLazyLibrary: built-in library files are parsed when one of their
// sections is first used; the ids read from their “  - id:” lines are
// exactly those the YAML defines, and a clerk's own file that redefines
// a section not yet parsed wins.
func TestLazyLibrary(t *testing.T) {
	files, _ := filepath.Glob("../templates/sections/*.yaml")
	if len(files) == 0 {
		t.Fatal("no built-in library files")
	}
	var all []SourceFile
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		eager := NewLibrary()
		if err := eager.Add(f, src); err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(scanSectionIDs(src), " "), strings.Join(eager.IDs(), " "); got != want {
			t.Errorf("%s: ids by their lines %q, by the YAML %q", f, got, want)
		}
		all = append(all, SourceFile{Name: f, Src: src})
	}
	lib := NewLibrary()
	if err := lib.AddLazy(all); err != nil {
		t.Fatal(err)
	}
	lib.Seal()
	if err := lib.Add("mine.yaml", []byte("library: 我的\nsections:\n  - {id: 党建, heading: 我的党建}\n")); err != nil {
		t.Fatal(err)
	}
	for _, s := range lib.sections {
		if s.lazy != nil && s.lazy.sections != nil {
			t.Fatal("a file was parsed before any section was used")
		}
	}
	tpl, err := Load("t.yaml", []byte("id: t\nname: t\ntitle: t\ninfo:\n  - {id: 单位, type: text}\nsections:\n  - use: 党建\n  - use: 安全生产\n"), lib)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Sections[0].Headings[0].Src != "我的党建" || tpl.Part("安全.隐患排查") == nil {
		t.Errorf("sections: %q, %v", tpl.Sections[0].Headings[0].Src, tpl.Part("安全.隐患排查"))
	}
	parsed := 0
	for _, s := range lib.sections {
		if s.lazy != nil && s.lazy.sections != nil && s.lazy.src.name == "../templates/sections/safety.yaml" {
			parsed++
		}
		if s.lazy != nil && s.lazy.sections != nil && strings.Contains(s.lazy.src.name, "dept-") {
			t.Errorf("%s parsed though none of its sections was used", s.lazy.src.name)
		}
	}
	if parsed == 0 {
		t.Error("safety.yaml not parsed for use: 安全生产")
	}
}

// for: keeps a field, a paragraph or a part only in templates of the
// kinds it names; a library checked alone keeps everything.
func TestForKind(t *testing.T) {
	lib := NewLibrary()
	err := lib.Add("lib.yaml", []byte(`library: 党建
sections:
  - id: 党费
    heading: 党费收缴
    fields:
      - {id: 一季度, type: money, for: 半年总结}
      - {id: 全年, type: money, for: [年度总结, 部门总结]}
      - {id: 会议, type: integer}
    paragraphs:
      - 召开会议{会议}次。
      - {text: "一季度收缴{一季度}元。", for: 半年总结}
      - {text: "全年收缴{全年}元。", for: [年度总结, 部门总结]}
    items:
      - {id: 党费.下半年, heading: 下半年打算, for: 半年总结}
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Check("lib.yaml"); err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{
		"半年总结": "会议 一季度|召开会议{会议}次。 一季度收缴{一季度}元。|1",
		"年度总结": "会议 全年|召开会议{会议}次。 全年收缴{全年}元。|0",
		"":     "会议 一季度 全年|召开会议{会议}次。 一季度收缴{一季度}元。 全年收缴{全年}元。|1",
	} {
		src := "id: t\nname: t\ntitle: t\nkind: " + kind + "\nsections:\n  - use: 党费\n"
		tpl, err := Load("t.yaml", []byte(src), lib)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		p := tpl.Sections[0]
		var ids, texts []string
		for _, f := range tpl.Fields() {
			ids = append(ids, f.ID)
		}
		sort.Strings(ids)
		for _, para := range p.Paragraphs {
			texts = append(texts, para.Text.Src)
		}
		got := strings.Join(ids, " ") + "|" + strings.Join(texts, " ") + "|" + fmt.Sprint(len(p.Parts))
		if sortedWant := sortFirst(want); got != sortedWant {
			t.Errorf("kind %q:\n got %s\nwant %s", kind, got, sortedWant)
		}
	}
}

// sortFirst sorts the space-separated ids before the first |.
func sortFirst(s string) string {
	ids, rest, _ := strings.Cut(s, "|")
	f := strings.Fields(ids)
	sort.Strings(f)
	return strings.Join(f, " ") + "|" + rest
}
