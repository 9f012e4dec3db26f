package render

import (
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
)

func loadYAML(t *testing.T, src string) *schema.Template {
	t.Helper()
	tpl, err := schema.Load("x.yaml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// A computed figure that cannot be computed is a gap like a figure not
// given, listed with the reason; so is an expression in the prose.
func TestFailedComputeIsMissing(t *testing.T) {
	tpl := loadYAML(t, `id: x
name: x
title: x
sections:
  - id: 安全
    heading: 安全生产
    fields:
      - {id: 发现隐患, type: integer}
      - {id: 整改隐患, type: integer}
      - {id: 整改率, type: percent, compute: 整改隐患 / 发现隐患 * 100}
      - {id: 两倍, type: number, compute: 整改率 * 2}
      - {id: 大数, type: integer, compute: 9223372036854775807 + 1}
    text: 整改率{整改率}，两倍{两倍}，大数{大数}，比{整改隐患 / 发现隐患}。
`)
	a := schema.NewAnswers(tpl)
	a.Set("发现隐患", schema.Raw{Text: "0"})
	a.Set("整改隐患", schema.Raw{Text: "0"})
	doc := Build(tpl.Evaluate(a))
	var got []string
	for _, m := range doc.Missing {
		got = append(got, m.Label)
	}
	want := "整改率：除数为零|两倍：除数为零|大数：超出范围|整改隐患 / 发现隐患：除数为零"
	if strings.Join(got, "|") != want {
		t.Errorf("missing = %q\nwant %q", strings.Join(got, "|"), want)
	}
	if text := allText(doc); !strings.Contains(text, "整改率【待填:整改率：除数为零】") || strings.Contains(text, "-9223372036854775808") {
		t.Errorf("draft: %s", text)
	}
}

// The values written into a draft are bounded: past the budget they are
// left out, once listed.
func TestDraftSizeBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\nname: x\ntitle: x\nsections:\n  - id: s\n    heading: s\n    fields: [{id: 文, type: textarea}]\n    text: '")
	for i := 0; i < 200; i++ {
		b.WriteString("{文}")
	}
	b.WriteString("'\n")
	tpl := loadYAML(t, b.String())
	a := schema.NewAnswers(tpl)
	a.Set("文", schema.Raw{Text: strings.Repeat("文", 60<<10/3)})
	vs := tpl.Evaluate(a)
	doc := Build(vs)
	if n := len(allText(doc)); n > 9<<20 {
		t.Errorf("draft of %d MiB", n>>20)
	}
	if len(doc.Missing) != 1 || doc.Missing[0].Label != "文：超出计算上限（稿子超过 8 MiB）" {
		t.Errorf("missing = %+v", doc.Missing)
	}
	if vs.BudgetErr() == nil {
		t.Error("BudgetErr is nil")
	}
}
