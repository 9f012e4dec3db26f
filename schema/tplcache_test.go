package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/expr-lang/expr"
)

// codecTemplate has everything the encoding must carry that the other
// test templates lack: min and max, decimals, list and text defaults,
// choices, alternative headings, run-in and optional parts, nested
// parts, joined and conditional paragraphs, expressions in slots, and a
// section from a library.
const codecTemplate = `id: codec
version: 3
name: 编码测试
kind: 半年总结
description: 覆盖编码的每一项
title: "{单位}{年度}年工作总结"
info:
  - {id: 单位, type: text, default: 某某镇}
  - {id: 年度, type: year}
opening:
  - text: 今年以来，{单位}各项工作有序推进。
sections:
  - use: 党建
    headings: [党建引领, "抓党建{年度}"]
  - id: 经济
    headings: [经济发展, 稳增长]
    fields:
      - {id: 收入, label: 财政收入, type: money, unit: 万元, decimals: 1, min: 0, max: 1e9, required: true, previous: true, example: "1200", help: 按快报数填}
      - {id: 目标, type: money, unit: 万元}
      - {id: 完成率, type: percent, decimals: 2, compute: "收入 / 目标 * 100"}
      - {id: 达标, type: bool, compute: "收入 >= 目标"}
      - {id: 方式, type: choice, choices: [线上, 线下]}
      - {id: 项目, type: list, default: [道路, 桥梁]}
    items:
      - id: 财政
        runin: true
        heading: 财政收入稳步增长。
        paragraphs:
          - text: '完成财政收入{收入|万元}，完成率{完成率}%{完成率 > 100 ? "，超额完成" : ""}。'
          - text: 较上年{收入|同比}。
            join: true
            when: 达标
          - text: 目标是{目标|万元}。
            when: 目标 != nil and 收入 == nil
      - id: 项目建设
        optional: true
        heading: 项目建设
        items:
          - heading: 重点项目
            text: 推进{项目|顿号}等项目。
closing:
  - text: 下一步，我们将继续努力。
    when: 方式 == "线上"
signature:
  unit: "{单位}人民政府"
  date: "{年度}年7月"
`

const codecLibrary = `library: 党的建设
sections:
  - id: 党建
    heading: 党的建设
    fields:
      - {id: 党员, type: integer, unit: 名}
      - {id: 发展党员, type: integer, unit: 名}
    text: 全镇共有党员{党员}名，发展党员{发展党员}名。
`

// sameTemplate reports where two templates differ, or "". It compares
// every field, exported or not, except the parser's leftovers (where a
// slot was read, whether keys were misspelled) and the compiled
// programs, which must be present in both or neither. Pointers back up
// the tree (Parent, a field's Part) are compared by what they point to.
func sameTemplate(a, b *Template) string {
	seen := map[[2]uintptr]bool{}
	var walk func(a, b reflect.Value, path string) string
	walk = func(a, b reflect.Value, path string) string {
		switch a.Kind() {
		case reflect.Pointer, reflect.Interface:
			if a.IsNil() != b.IsNil() {
				return path + ": nil on one side only"
			}
			if a.IsNil() {
				return ""
			}
			if a.Kind() == reflect.Pointer {
				key := [2]uintptr{a.Pointer(), b.Pointer()}
				if seen[key] {
					return ""
				}
				seen[key] = true
			}
			return walk(a.Elem(), b.Elem(), path)
		case reflect.Struct:
			for i := range a.NumField() {
				name := a.Type().Field(i).Name
				switch name {
				case "site", "pos", "fieldID", "badKeys", "lazy", "numbering", "numberingPos":
					continue
				case "prog":
					// compiled, or compiling when run, on both sides
					pa, erra := a.Addr().Interface().(*Expr).program()
					pb, errb := b.Addr().Interface().(*Expr).program()
					if (pa != nil) != (pb != nil) || (erra == nil) != (errb == nil) {
						return fmt.Sprintf("%s.prog: compiled on one side only (%v, %v)", path, erra, errb)
					}
					continue
				}
				if d := walk(a.Field(i), b.Field(i), path+"."+name); d != "" {
					return d
				}
			}
			if a.Type() == reflect.TypeFor[Slot]() && a.CanAddr() && b.CanAddr() {
				s := a.Addr().Interface().(*Slot)
				if pa, pb := s.Pos(), b.Addr().Interface().(*Slot).Pos(); pa != pb {
					return fmt.Sprintf("%s.Pos() %v != %v", path, pa, pb)
				}
			}
			return ""
		case reflect.Slice:
			if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: length %d != %d", path, a.Len(), b.Len())
			}
			for i := range a.Len() {
				if d := walk(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
					return d
				}
			}
			return ""
		case reflect.Map:
			if a.Len() != b.Len() {
				return fmt.Sprintf("%s: %d entries != %d", path, a.Len(), b.Len())
			}
			for _, k := range a.MapKeys() {
				bv := b.MapIndex(k)
				if !bv.IsValid() {
					return fmt.Sprintf("%s[%v]: missing", path, k)
				}
				if d := walk(a.MapIndex(k), bv, fmt.Sprintf("%s[%v]", path, k)); d != "" {
					return d
				}
			}
			return ""
		}
		if !a.Equal(b) {
			return fmt.Sprintf("%s: %v != %v", path, a, b)
		}
		return ""
	}
	return walk(reflect.ValueOf(a), reflect.ValueOf(b), "Template")
}

// codecCases loads the templates the codec is tested on.
func codecCases(t *testing.T) map[string]*Template {
	t.Helper()
	lib := NewLibrary()
	if err := lib.Add("codec-lib.yaml", []byte(codecLibrary)); err != nil {
		t.Fatal(err)
	}
	builtinLib := NewLibrary()
	secs, _ := filepath.Glob("../templates/sections/*.yaml")
	for _, p := range secs {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := builtinLib.Add(p, src); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]*Template{}
	add := func(name string, src []byte, lib *Library) {
		tpl, err := Load(name, src, lib)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = tpl
	}
	add("codec.yaml", []byte(codecTemplate), lib)
	add("mini.yaml", []byte(miniTemplate), nil)
	for _, dir := range []string{"../testdata/render", "../templates/builtin"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, p := range files {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(src), "\nsections:") {
				continue // answers
			}
			add(p, src, builtinLib)
		}
	}
	return out
}

func TestTemplateCodecRoundTrip(t *testing.T) {
	cases := codecCases(t)
	if len(cases) < 6 {
		t.Fatalf("only %d templates to test", len(cases))
	}
	for name, want := range cases {
		data, err := EncodeTemplate(nil, want)
		if err != nil {
			t.Fatalf("%s: encode: %v", name, err)
		}
		got, err := DecodeTemplate(string(data))
		if err != nil {
			t.Fatalf("%s: decode: %v", name, err)
		}
		if d := sameTemplate(want, got); d != "" {
			t.Errorf("%s: round trip differs at %s", name, d)
		}
		again, _ := EncodeTemplate(nil, got)
		if string(again) != string(data) {
			t.Errorf("%s: encoding the decoded template gives other bytes", name)
		}
		// Truncated or extended data is an error, not a partial template.
		for _, bad := range []string{string(data[:len(data)/2]), string(data[:len(data)-1]), string(data) + "x"} {
			if _, err := DecodeTemplate(bad); err == nil {
				t.Errorf("%s: decoding %d of %d bytes: no error", name, len(bad), len(data))
			}
		}
	}
}

// TestTemplateCodecEvaluates: a decoded template computes and decides
// exactly as the one it was encoded from.
func TestTemplateCodecEvaluates(t *testing.T) {
	want, err := Load("codec.yaml", []byte(codecTemplate), func() *Library {
		lib := NewLibrary()
		lib.Add("codec-lib.yaml", []byte(codecLibrary))
		return lib
	}())
	if err != nil {
		t.Fatal(err)
	}
	data, err := EncodeTemplate(nil, want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeTemplate(string(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, answers := range []string{
		"values:\n  收入: 1300\n  目标: 1200\n  方式: 线上\n  年度: 2022\n",
		"values:\n  收入: 900\n  目标: 1200\n  项目: [水渠]\n",
		"values: {}\n",
	} {
		values := func(tpl *Template) string {
			a, err := LoadAnswers("a.yaml", []byte(answers))
			if err != nil {
				t.Fatal(err)
			}
			vs := tpl.Evaluate(a)
			var b strings.Builder
			for _, f := range tpl.Fields() {
				v := vs.Value(f.ID)
				fmt.Fprintf(&b, "%s=%v/%s/%v/%v;", f.ID, v.State, v.Text, v.Num.Value, v.Bool)
			}
			// conditions and expressions in prose
			var walk func(ps []*Part)
			paras := func(ps []*Paragraph) {
				for _, p := range ps {
					fmt.Fprintf(&b, "when=%v;", vs.Cond(p.When))
					for _, s := range p.Text.Segs {
						if s.Slot != nil && s.Slot.Field == nil {
							v, err := vs.Eval(s.Slot.Expr)
							fmt.Fprintf(&b, "slot=%v/%v;", v, err)
						}
					}
				}
			}
			walk = func(ps []*Part) {
				for _, p := range ps {
					fmt.Fprintf(&b, "part %s when=%v;", p.ID, vs.Cond(p.When))
					paras(p.Paragraphs)
					walk(p.Parts)
				}
			}
			paras(tpl.Opening)
			walk(tpl.Sections)
			paras(tpl.Closing)
			return b.String()
		}
		if w, g := values(want), values(got); w != g {
			t.Errorf("answers %q:\n loaded  %s\n decoded %s", answers, w, g)
		}
	}
}

// TestTemplateCodecRepeatedOrder: data that lists a computed field twice
// in the evaluation order (no encoder writes that) decodes without a
// panic, each expression arranged to compile once.
func TestTemplateCodecRepeatedOrder(t *testing.T) {
	lib := NewLibrary()
	lib.Add("codec-lib.yaml", []byte(codecLibrary))
	tpl, err := Load("codec.yaml", []byte(codecTemplate), lib)
	if err != nil {
		t.Fatal(err)
	}
	data, err := EncodeTemplate(nil, tpl)
	if err != nil {
		t.Fatal(err)
	}
	// The order ends the encoding: its count, then the ids.
	var tail []byte
	for _, f := range tpl.order {
		tail = append(tail, byte(len(f.ID)))
		tail = append(tail, f.ID...)
	}
	if len(tpl.order) < 2 || !strings.HasSuffix(string(data), string(tail)) {
		t.Fatal("order not where expected")
	}
	first := tail[:1+len(tpl.order[0].ID)]
	bad := string(data[:len(data)-len(tail)-1]) + string(rune(len(tpl.order)+1)) + string(tail) + string(first)
	got, err := DecodeTemplate(bad)
	if err != nil {
		t.Fatal(err)
	}
	got.Evaluate(NewAnswers(got))
}

func TestTemplateCodecRejects(t *testing.T) {
	for _, data := range []string{"", templateMagic, templateMagic + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", "nigao template 0\n"} {
		if _, err := DecodeTemplate(data); err == nil {
			t.Errorf("DecodeTemplate(%q): no error", data)
		}
	}
}

// FuzzTemplateCodec: no bytes make the decoder panic.
func FuzzTemplateCodec(f *testing.F) {
	for _, src := range []string{codecTemplate, miniTemplate} {
		lib := NewLibrary()
		lib.Add("codec-lib.yaml", []byte(codecLibrary))
		if tpl, err := Load("f.yaml", []byte(src), lib); err == nil {
			if data, err := EncodeTemplate(nil, tpl); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if tpl, err := DecodeTemplate(string(data)); err == nil {
			tpl.Evaluate(NewAnswers(tpl))
		}
	})
}

func BenchmarkDecodeTemplate(b *testing.B) {
	lib := NewLibrary()
	secs, _ := filepath.Glob("../templates/sections/*.yaml")
	for _, p := range secs {
		src, _ := os.ReadFile(p)
		if err := lib.Add(p, src); err != nil {
			b.Fatal(err)
		}
	}
	src, err := os.ReadFile("../templates/builtin/township-halfyear.yaml")
	if err != nil {
		b.Fatal(err)
	}
	tpl, err := Load("township-halfyear.yaml", src, lib)
	if err != nil {
		b.Fatal(err)
	}
	data, err := EncodeTemplate(nil, tpl)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeTemplate(string(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPresenceMatchesExpr: a presence condition answers exactly as expr's
// VM does, for every kind of value a field can hold, and only such
// conditions are taken for one.
func TestPresenceMatchesExpr(t *testing.T) {
	values := []any{nil, float64(0), float64(12), "", "镇", true, false, []string(nil), []string{}, []string{"一"}, map[string]any(nil)}
	for _, src := range []string{
		"a != nil", "a == nil", "a != nil or b != nil", "a == nil || b != nil",
		"a != nil and b == nil", "a == nil && b == nil", "a != nil or b != nil or c == nil",
	} {
		tree, err := parseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		p := presenceOf(tree.Node)
		if p == nil {
			t.Fatalf("%s: not taken for a presence condition", src)
		}
		prog, err := expr.Compile(src, expr.AsBool())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range values {
			for _, b := range values {
				for _, c := range values {
					env := map[string]any{"a": a, "b": b, "c": c}
					want, err := expr.Run(prog, env)
					if err != nil {
						t.Fatal(err)
					}
					if got := p.eval(env); got != want {
						t.Errorf("%s with a=%#v b=%#v c=%#v: %v, expr says %v", src, a, b, c, got, want)
					}
				}
			}
		}
	}
	for _, src := range []string{"a != nil or b == nil and c != nil", "nil != a", "a != 0", "len(a) > 0", "not (a == nil)", "a", "a != nil or len(b) > 0"} {
		tree, err := parseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if presenceOf(tree.Node) != nil {
			t.Errorf("%s taken for a presence condition", src)
		}
	}
}
