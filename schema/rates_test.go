package schema

import (
	"strings"
	"testing"
)

// TestCopiedRates: a 同比 rate typed the same as last year's answer is
// questioned, with the rate the two years' figure gives when the figure
// is a field; a rate that changed, one without last year's answers, and
// a percentage that is no 同比 are not.
func TestCopiedRates(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(`id: t
name: 测试
title: 总结
sections:
  - heading: 一
    fields:
      - {id: 产值, type: money, unit: 亿元}
      - {id: 产值同比增长, type: percent}
      - {id: 收入同比, label: 人均收入同比增长, type: percent}
      - {id: 覆盖率, type: percent}
      - {id: 基金支出, type: money, unit: 亿元}
      - {id: 基金支出增长, type: percent}
      - {id: 比上年增加, type: percent}
    text: 产值{产值}亿元，同比增长{产值同比增长}；收入同比增长{收入同比}；覆盖率{覆盖率}。支出{基金支出}亿元，增长{基金支出增长}，人次比上年增加{比上年增加}。
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	load := func(values string) *Answers {
		a, err := LoadAnswers("a.yaml", []byte("values:\n"+values))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	prev := tpl.Evaluate(load("  产值: 3.62\n  产值同比增长: 5.8\n  收入同比: 7.2\n  覆盖率: 100\n  基金支出: 4\n  基金支出增长: 3.5\n  比上年增加: 6\n"))
	for _, tc := range []struct {
		name, values string
		want         []string
	}{
		{"copied forward", "  产值: 3.95\n  产值同比增长: 5.8\n  收入同比: 7.2\n  覆盖率: 100\n", []string{
			"a.yaml:3:11: “产值同比增长”填的 5.8% 与上年答案相同：同比的百分数每年不同，是不是还没有改？按两年的“产值”（3.62 → 3.95）算，是同比增长 9.1%",
			"a.yaml:4:9: “人均收入同比增长”填的 7.2% 与上年答案相同",
		}},
		{"a fall", "  产值: 3.4\n  产值同比增长: 5.8\n  收入同比: 6.1\n", []string{"是同比下降 6.1%"}},
		{"named by the change alone", "  基金支出: 4.2\n  基金支出增长: 3.5\n  比上年增加: 6\n", []string{"按两年的“基金支出”（4 → 4.2）算，是同比增长 5%", "“比上年增加”填的 6% 与上年答案相同"}},
		{"changed", "  产值: 3.95\n  产值同比增长: 9.1\n  收入同比: 6.5\n  覆盖率: 100\n", nil},
	} {
		vs := tpl.Evaluate(load(tc.values))
		vs.Prev = prev
		var got []string
		for _, c := range vs.CopiedRates() {
			got = append(got, c.Pos.String()+": "+c.Msg)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %q, want %d", tc.name, got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: %q, want %q", tc.name, got[i], w)
			}
		}
	}
	vs := tpl.Evaluate(load("  产值同比增长: 5.8\n"))
	if c := vs.CopiedRates(); c != nil {
		t.Errorf("without last year's answers: %v", c)
	}
}
