package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// synthetic300 is a template with 300 entered fields: 10 sections of 3
// items of 10 fields, every field in the prose, plus a computed total
// per item.
func synthetic300(tb testing.TB) *schema.Template {
	var b strings.Builder
	b.WriteString("id: bench300\nname: 三百个字段的测试模板\nkind: 测试\ntitle: \"{单位}{年度}年工作总结\"\n")
	b.WriteString("info:\n  - {id: 单位, type: text, required: true}\n  - {id: 年度, type: year}\n")
	b.WriteString("opening: 今年以来，{单位}各项工作有序推进。\nsections:\n")
	n := 0
	for s := 1; s <= 10; s++ {
		fmt.Fprintf(&b, "  - id: 部分%d\n    headings: [第%d部分工作取得新进展, 第%d部分]\n    items:\n", s, s, s)
		for it := 1; it <= 3; it++ {
			fmt.Fprintf(&b, "      - id: 部分%d.条目%d\n        heading: 抓好第%d项重点工作\n        runin: true\n        fields:\n", s, it, it)
			var text, sum []string
			for f := 1; f <= 10; f++ {
				n++
				if n > 298 {
					break
				}
				fmt.Fprintf(&b, "          - {id: 字段%d, label: 第%d项指标, type: integer, unit: 个}\n", n, n)
				text = append(text, fmt.Sprintf("完成第%d项指标{字段%d}个", n, n))
				sum = append(sum, fmt.Sprintf("字段%d", n))
			}
			fmt.Fprintf(&b, "          - {id: 合计%d_%d, label: 合计, type: integer, compute: \"%s\"}\n", s, it, strings.Join(sum, " + "))
			fmt.Fprintf(&b, "        text: \"%s，合计{合计%d_%d}个。\"\n", strings.Join(text, "，"), s, it)
		}
	}
	t, err := schema.Load("bench300.yaml", []byte(b.String()), nil)
	if err != nil {
		tb.Fatal(err)
	}
	if got := len(t.Fields()); got < 300 {
		tb.Fatalf("synthetic template has %d fields", got)
	}
	return t
}

func benchModel(tb testing.TB, t *schema.Template, w, h int) *Model {
	m := &Model{c: &common{styles: defaultStyles(), keys: defaultKeys()},
		opt: Options{AnswersPath: filepath.Join(tb.TempDir(), "a.yaml")}}
	m.open(t, nil)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// BenchmarkKeystroke: Update + View for one typed character in a field
// of a 300-field template (budget: 2 ms; docs/performance.md).
func BenchmarkKeystroke(b *testing.B) {
	t := synthetic300(b)
	m := benchModel(b, t, 120, 40)
	jump(m, "字段150")
	m.View()
	digit := tea.KeyPressMsg{Code: '7', Text: "7"}
	bs := tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := digit
		if i%2 == 1 {
			k = bs
		}
		m.Update(k)
		m.View()
	}
}

// BenchmarkFirstFrame: from nothing to the first frame of the form on
// the default template (open the template set, load, evaluate, render;
// budget: 30 ms).
func BenchmarkFirstFrame(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		m, err := New(Options{Template: templates.Default, AnswersPath: filepath.Join(dir, "a.yaml"), AutosaveDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.View()
	}
}
