package schema

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const figuresTemplate = `id: fig
name: 加数字
title: "{单位}总结"
info:
  - {id: 单位, type: text}
sections:
  - id: 业务
    heading: 业务工作
    figures: true
    fields:
      - {id: 业务标题, type: text}
    text: 围绕{业务标题}开展工作。
  - id: 党建
    heading: 党建
    fields:
      - {id: 党员, type: integer, unit: 名}
    text: 有党员{党员}名。
`

const figuresAnswers = `template: fig
figures:
  业务:
    - text: 完成统计执法检查{执法检查}家，发现问题{发现问题}个。
      fields:
        - {id: 执法检查, type: integer, unit: 家}
        - {id: 发现问题, type: integer, unit: 个}
    - text: 数据审核差错率降到{差错率}，{差错率|同比}。
      fields:
        - {id: 差错率, label: 数据审核差错率, type: percent}
values:
  执法检查: 25
  差错率: 0.8
`

// TestWithFigures: the clerk's figures become fields and paragraphs of
// their part, typed as the answers say, in a copy: the template given is
// not changed.
func TestWithFigures(t *testing.T) {
	tpl, err := Load("fig.yaml", []byte(figuresTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := LoadAnswers("a.yaml", []byte(figuresAnswers))
	if err != nil {
		t.Fatal(err)
	}
	got, err := WithFigures(tpl, a)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Field("执法检查") != nil || len(tpl.Part("业务").Paragraphs) != 1 || len(tpl.Part("业务").Fields) != 1 {
		t.Fatal("WithFigures changed the template it was given")
	}
	f := got.Field("差错率")
	if f == nil || f.Type != Percent || f.Label != "数据审核差错率" || !f.Clerk || f.Part != got.Part("业务") {
		t.Fatalf("差错率 = %+v", f)
	}
	if g := got.Field("执法检查"); g.Unit != "家" || g.Type != Integer || g.Label != "执法检查" {
		t.Fatalf("执法检查 = %+v", g)
	}
	p := got.Part("业务")
	if len(p.Paragraphs) != 3 || !p.Paragraphs[1].Join || !p.Paragraphs[2].Join {
		t.Fatalf("paragraphs: %d, want the part's own and two sentences run on after it", len(p.Paragraphs))
	}
	// the copy is whole: parents, fields and slots point into it
	if got.Part("党建").Fields[0] != got.Field("党员") || got.Field("党员").Part != got.Part("党建") || len(got.Sections[0].Parts) > 0 && got.Sections[0].Parts[0].Parent != got.Sections[0] {
		t.Fatal("the copy points into the original")
	}
	if s := got.Part("党建").Paragraphs[0].Text.Segs[1].Slot; s.Field != got.Field("党员") {
		t.Fatal("a slot of the copy names the original's field")
	}
	vs := got.Evaluate(a)
	if v := vs.Value("执法检查"); v.State != Set || v.Num.Value != 25 {
		t.Fatalf("执法检查 = %+v", v)
	}
	if v := vs.Value("发现问题"); v.State != Missing {
		t.Fatalf("发现问题 = %+v, want missing", v)
	}
	if w := a.Check(got); len(w) != 0 {
		t.Fatalf("answers warnings: %v", w)
	}
	if same, err := WithFigures(tpl, NewAnswers(tpl)); err != nil || same != tpl {
		t.Fatal("answers without figures should give the template itself")
	}
}

// TestFiguresRoundTrip: figures: saved and read again are the same, and
// the values stay under values:.
func TestFiguresRoundTrip(t *testing.T) {
	a, err := LoadAnswers("a.yaml", []byte(figuresAnswers))
	if err != nil {
		t.Fatal(err)
	}
	a.SetFigures("党建", []FigureSentence{{Text: "新发展党员{新党员}名。", Fields: []FigureField{{ID: "新党员", Type: Integer, Unit: "名"}}}})
	out, err := a.Encode()
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadAnswers("b.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(a.FigureParts(), b.FigureParts()) || !reflect.DeepEqual(b.FigureParts(), []string{"业务", "党建"}) {
		t.Fatalf("parts %v, then %v", a.FigureParts(), b.FigureParts())
	}
	for _, p := range a.FigureParts() {
		x, y := a.Figures(p), b.Figures(p)
		for i := range x {
			for j := range x[i].Fields {
				x[i].Fields[j].Pos, y[i].Fields[j].Pos = Pos{}, Pos{}
			}
			x[i].Pos, y[i].Pos = Pos{}, Pos{}
		}
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s: %+v, then %+v", p, x, y)
		}
	}
	a.SetFigures("业务", nil)
	a.SetFigures("党建", nil)
	out, _ = a.Encode()
	if strings.Contains(string(out), "figures") {
		t.Fatalf("figures: kept with no figures:\n%s", out)
	}
	if r, _ := a.Get("执法检查"); r.Text != "25" {
		t.Fatal("a removed sentence's value went")
	}
}

// TestFiguresErrors: what is wrong in figures: is said in Chinese at
// the file, line and column; what clashes with the template, when it is
// applied.
func TestFiguresErrors(t *testing.T) {
	tpl, err := Load("fig.yaml", []byte(figuresTemplate), nil)
	if err != nil {
		t.Fatal(err)
	}
	sentence := func(text, fields string) string {
		return "figures:\n  业务:\n    - text: " + text + "\n      fields:\n" + fields
	}
	one := "        - {id: 检查, type: integer, unit: 家}\n"
	for _, tc := range []struct {
		name, src, want string
		not             string // a message that would only follow from the first
	}{
		{"not a mapping", "figures: [a]\n", "a.yaml:1:10: figures 应当是“部分: 句子列表”的映射", ""},
		{"unknown key", "figures:\n  业务:\n    - {txt: a}\n", "a.yaml:3:8: 句子中没有“txt”这个键，是不是“text”？", ""},
		{"no text", "figures:\n  业务:\n    - {fields: []}\n", "a.yaml:3:7: 句子缺少 text", ""},
		{"bad type", sentence("检查{检查}家。", "        - {id: 检查, type: choice}\n"), "a.yaml:5:26: 数字的类型只能是 integer、number、percent、money、date、text，不能是“choice”", ""},
		{"unknown slot", sentence("检查{检察}家。", one), "a.yaml:3:16: 这句话的数字里没有“检察”", ""},
		{"expression", sentence("检查{检查 * 2}家。", one), "a.yaml:3:16: 花括号里只能写 {数字的名称} 或 {数字的名称|格式}，不能写“检查 * 2”", ""},
		{"function call", sentence("'{len(检查)}'", one), "a.yaml:3:15: 花括号里只能写", ""},
		{"unknown format", sentence("检查{检查|万万}家。", one), "a.yaml:3:16: 没有“万万”这种格式", ""},
		{"unbalanced", sentence("检查{检查家。", one), "a.yaml:3:15: “{”没有对应的“}”", ""},
		{"figure not in text", sentence("检查了。", one), "a.yaml:5:16: 数字“检查”没有写在这句话里", ""},
		{"bad id", sentence("检查{1检查}家。", "        - {id: 1检查, type: integer}\n"), "a.yaml:5:16: 数字的名称“1检查”不合适", ""},
		{"long unit", sentence("检查{检查}家。", "        - {id: 检查, unit: 一二三四五六七八九十一}\n"), "a.yaml:5:26: 单位过长", ""},
		{"control character", sentence("\"检查{检查}\\e家\"", one), "这句话含有不可见的控制字符 U+001B", ""},
		{"same id twice", "figures:\n  业务:\n    - text: a{x}\n      fields: [{id: x}]\n    - text: b{x}\n      fields: [{id: x}]\n", "a.yaml:6:21: 数字“x”重复（第 4 行已有）", ""},
		{"too many figures", sentence("x", strings.Repeat("        - {id: x}\n", 21)), "一句话里的数字过多（21 个，上限 20 个）", ""},
		{"unknown part", "figures:\n  业物:\n    - text: a{x}\n      fields: [{id: x}]\n", "a.yaml:3:13: figures: 模板“fig”中没有部分“业物”，是不是“业务”？", ""},
		{"part without figures", "figures:\n  党建:\n    - text: a{x}\n      fields: [{id: x}]\n", "a.yaml:3:13: figures: 部分“党建”不能自己加数字（模板里这一部分没有写 figures: true）", ""},
		{"clashes with the template", "figures:\n  业务:\n    - text: a{党员}\n      fields: [{id: 党员}]\n", "a.yaml:4:21: figures: 数字“党员”与模板的字段“党员”重名", ""},
		{"label clashes with the template", "figures:\n  业务:\n    - text: a{dy}\n      fields: [{id: dy, label: 党员}]\n", "a.yaml:4:21: figures: 数字“dy（党员）”与模板的字段“党员”重名", ""},
		{"money format of a percentage", sentence("合格率{x|万元}。", "        - {id: x, type: percent}\n"), "a.yaml:3:17: “x”是百分数，不能用格式“万元”（只能用于金额）", ""},
		{"同比 of words", sentence("完成{x}，{x|同比}。", "        - {id: x, type: text}\n"), "a.yaml:3:20: “x”是文字，不能用格式“同比”（只能用于数字）", ""},
		{"上年 of a date", sentence("'有{x|上年}'", "        - {id: x, type: date}\n"), "“x”是日期，不能用格式“上年”", ""},
		{"日期 of a number", sentence("'有{x|日期}'", "        - {id: x, type: integer}\n"), "“x”是整数，不能用格式“日期”（只能用于日期）", ""},
		{"unit with a figure", sentence("检查{检查}。", "        - {id: 检查, unit: 2家}\n"), "a.yaml:5:26: 单位“2家”以数字开头", ""},
		{"keyword id", sentence("'有{true}'", "        - {id: \"true\"}\n"), "数字的名称不能是“true”：它是计算式里的保留字", "不能以数字开头"},
		{"misspelt key", "figures:\n  业务:\n    - text: a{x}\n      feilds: [{id: x}]\n", "a.yaml:4:7: 句子中没有“feilds”这个键，是不是“fields”？", "没有“x”"},
		{"slot written wrong", sentence("检查{检查 * 2}家。", one), "花括号里只能写", "没有写在这句话里"},
		{"no figures", "figures:\n  业务:\n    - text: 完成工作。\n", "a.yaml:3:13: 这句话没有数字", ""},
		{"a sentence again by its alias", "figures:\n  业务:\n    - &s {text: 'a{x}', fields: [{id: x}]}\n    - *s\n", "a.yaml:4:7: 数字“x”重复：这一句用别名又写了一次第 3 行的句子", ""},
	} {
		a, err := LoadAnswers("a.yaml", []byte(tc.src))
		if err == nil {
			_, err = WithFigures(tpl, a)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		} else if tc.not != "" && strings.Contains(err.Error(), tc.not) {
			t.Errorf("%s: %v\nalso says %q, which only follows from the first", tc.name, err, tc.not)
		}
	}
}

// TestCheckSentence: the wizard's check of a sentence before it is
// added says what is wrong, in the same words.
func TestCheckSentence(t *testing.T) {
	taken := func(id string) bool { return id == "党员" }
	for _, tc := range []struct {
		s    FigureSentence
		want string
	}{
		{FigureSentence{Text: "检查{检查}家。", Fields: []FigureField{{ID: "检查", Type: Integer, Unit: "家"}}}, ""},
		{FigureSentence{Text: "有{党员}名。", Fields: []FigureField{{ID: "党员", Type: Integer}}}, "“党员”这个名称已经有了"},
		{FigureSentence{Text: "  ", Fields: nil}, "这句话是空的"},
		{FigureSentence{Text: "检查{检查}家。", Fields: []FigureField{{ID: "", Type: Integer}}}, "数字的名称“”不合适"},
	} {
		if got := CheckSentence(tc.s, taken); tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.s.Text, got, tc.want)
		}
	}
}

// FuzzFigures: no figures: section panics the loader or WithFigures;
// what loads is written back and read again with the same sentences, and
// a template with them evaluates.
func FuzzFigures(f *testing.F) {
	f.Add([]byte(figuresAnswers))
	f.Add([]byte("figures:\n  业务:\n    - text: '{x|同比|万}{{x}}'\n      fields: [{id: x, type: money, unit: 万元}]\n"))
	f.Add([]byte("figures: {业务: [{text: a, fields: [{id: 业务标题}]}]}\n"))
	tpl, err := Load("fig.yaml", []byte(figuresTemplate), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := LoadAnswers("a.yaml", src)
		if err != nil {
			return
		}
		if got, err := WithFigures(tpl, a); err == nil {
			got.Evaluate(a)
		}
		out, err := a.Encode()
		if err != nil {
			t.Fatal(err)
		}
		b, err := LoadAnswers("b.yaml", out)
		if err != nil {
			t.Fatalf("saved answers do not load: %v\n%s", err, out)
		}
		for _, p := range a.FigureParts() {
			x, y := a.Figures(p), b.Figures(p)
			if len(x) != len(y) {
				t.Fatalf("%s: %d sentences, then %d", p, len(x), len(y))
			}
			for i := range x {
				if x[i].Text != y[i].Text || len(x[i].Fields) != len(y[i].Fields) {
					t.Fatalf("%s: %q, then %q", p, x[i].Text, y[i].Text)
				}
			}
		}
	})
}

// TestManyErrors: a file wrong throughout lists its first problems and
// says how many more there are, not one line each.
func TestManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("figures:\n  业务:\n")
	for i := range 300 {
		fmt.Fprintf(&b, "    - text: 有{x%d|万万}\n      fields: [{id: x%d}]\n", i, i)
	}
	_, err := LoadAnswers("a.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("300 bad sentences loaded")
	}
	msg := err.Error()
	if n := strings.Count(msg, "\n"); n != maxErrorsShown || !strings.Contains(msg, "另有 250 处问题没有列出") {
		t.Fatalf("%d lines, ending %q", n+1, msg[strings.LastIndex(msg, "\n")+1:])
	}
}
