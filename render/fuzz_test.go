package render

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nigao/nigao/schema"
	"go.yaml.in/yaml/v3"
)

// FuzzProse drives the placeholder and expression engine: arbitrary prose
// (slots, filters, expressions) and an arbitrary answer must never panic
// the loader or the renderer, and a loaded template always renders.
func FuzzProse(f *testing.F) {
	for _, s := range []string{
		"共检查企业{甲}家，整改率{乙}。",
		"{甲|万元}{乙|%}{甲 + 乙|整数}",
		"{甲 > 1 ? \"多\" : \"少\"}",
		"{{不是字段}}{丙|一是}。",
		"{len(丙)}项{丙|顿号}",
		"{甲 / 0}",
		"{1..100000000}",
		"{甲|同比}{甲|中文}",
		"{",
	} {
		f.Add(s, "约1.2万")
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		if !utf8.ValidString(text) || !utf8.ValidString(value) {
			return
		}
		node := &yaml.Node{Kind: yaml.ScalarNode, Value: text, Style: yaml.DoubleQuotedStyle}
		quoted, err := yaml.Marshal(node)
		if err != nil {
			return
		}
		src := "id: f\nname: f\ntitle: t\nsections:\n  - id: s\n    heading: h\n    fields:\n" +
			"      - {id: 甲, type: money, unit: 元}\n      - {id: 乙, type: percent, compute: 甲 * 2}\n      - {id: 丙, type: list}\n" +
			"    text: " + strings.TrimSpace(string(quoted)) + "\n"
		tpl, err := schema.Load("f.yaml", []byte(src), nil)
		if err != nil {
			return
		}
		a := schema.NewAnswers(tpl)
		a.Set("甲", schema.Raw{Text: value})
		a.Set("丙", schema.Raw{IsList: true, List: []string{value, "b"}})
		doc := Build(tpl.Evaluate(a))
		var buf bytes.Buffer
		if err := WriteMarkdown(&buf, doc); err != nil {
			t.Fatal(err)
		}
		if err := WriteText(&buf, doc); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(buf.Bytes()) {
			t.Fatal("invalid UTF-8 in output")
		}
	})
}
