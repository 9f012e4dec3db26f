package schema

import "testing"

// An unreadable value counts as there for a condition that asks whether
// it is: of 有x时 and 没有x时, only the first is true (both were, and the
// draft said the sentence twice); any other condition over it holds, so
// the sentence shows 【待填】 where the value goes.
func TestCondOverUnreadableValue(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(`id: t
name: t
title: t
sections:
  - id: s
    heading: 一
    fields: [{id: x, type: percent}]
    paragraphs:
      - {text: 有。, when: x != nil}
      - {text: 没有。, when: x == nil}
      - {text: 多。, when: x > 5}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	vs := tpl.Evaluate(loadValues(t, "  x: 很多\n"))
	if vs.Value("x").State != Invalid {
		t.Fatalf("x is %v", vs.Value("x").State)
	}
	for i, want := range []bool{true, false, true} {
		p := tpl.Sections[0].Paragraphs[i]
		if got := vs.Cond(p.When); got != want {
			t.Errorf("%s: %v, want %v", p.When.Src, got, want)
		}
	}
}
