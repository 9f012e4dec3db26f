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
	checkRateHints(t, tpl, "  产值: 3.62\n  产值同比增长: 5.8\n  收入同比: 7.2\n  覆盖率: 100\n  基金支出: 4\n  基金支出增长: 3.5\n  比上年增加: 6\n", []rateCase{
		{"copied forward", "  产值: 3.95\n  产值同比增长: 5.8\n  收入同比: 7.2\n  覆盖率: 100\n", []string{
			"a.yaml:3:11: “产值同比增长”填的 5.8% 与上年答案相同：同比的百分数每年不同，是不是还没有改？按两年的“产值”（3.62 → 3.95）算，是同比增长 9.1%",
			"a.yaml:4:9: “人均收入同比增长”填的 7.2% 与上年答案相同",
		}},
		{"a fall", "  产值: 3.4\n  产值同比增长: 5.8\n  收入同比: 6.1\n", []string{"是同比下降 6.1%"}},
		{"named by the change alone", "  基金支出: 4.2\n  基金支出增长: 3.5\n  比上年增加: 6\n", []string{"按两年的“基金支出”（4 → 4.2）算，是同比增长 5.0%", "“比上年增加”填的 6% 与上年答案相同"}},
		{"changed", "  产值: 3.95\n  产值同比增长: 9.1\n  收入同比: 6.5\n  覆盖率: 100\n", nil},
	})
	vs := tpl.Evaluate(loadValues(t, "  产值同比增长: 5.8\n"))
	if c := vs.RateHints(); c != nil {
		t.Errorf("without last year's answers: %v", c)
	}
}

// TestRateHintsImported: what an imported report's comparisons need — a
// 同比下降 in a year the figure grew is questioned with the place of the
// word in the template, whether or not the rate was copied; a 个百分点
// copied forward is questioned with the points the two percentages give;
// a rate whose figure is named longer (零售总额 for 零售同比增长) is
// still compared; a rate nothing writes is left alone.
func TestRateHintsImported(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(`id: t
name: 测试
title: 总结
sections:
  - heading: 一
    fields:
      - {id: 投资, type: money, unit: 亿元}
      - {id: 投资同比下降, type: percent}
      - {id: 零售总额, type: money, unit: 亿元}
      - {id: 零售同比增长, type: percent}
      - {id: 覆盖率, type: percent}
      - {id: 覆盖率比上年提高, type: number, unit: 个百分点}
      - {id: 产值, type: money, unit: 亿元}
      - {id: 产值同比增长, type: percent}
      - {id: 税收, type: money, unit: 亿元}
      - {id: 税收同比增长, type: percent}
    text: |-
      税收{税收}亿元，同比{税收同比增长|增减}。
      投资完成{投资}亿元，同比下降{投资同比下降}。零售总额{零售总额}亿元，同比增长{零售同比增长}。
      覆盖率达到{覆盖率}，比上年提高{覆盖率比上年提高}个百分点。产值{产值}亿元，{产值|同比}。
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkRateHints(t, tpl, "  税收: 1.8\n  税收同比增长: 4\n  投资: 12.4\n  投资同比下降: 3.1\n  零售总额: 38.6\n  零售同比增长: 4.2\n  覆盖率: 96.5\n  覆盖率比上年提高: 2.5\n  产值: 3\n  产值同比增长: 5\n", []rateCase{
		{"grew, said 下降", "  投资: 13.1\n  投资同比下降: 5.6\n", []string{
			"a.yaml:3:11: “投资同比下降”填的 5.6%，按两年的“投资”（12.4 → 13.1）算，是同比增长 5.6%；稿子却写“下降”，请把模板 t.yaml:19:20 处的“下降”改为“增长”"}},
		{"copied and grew", "  投资: 13.1\n  投资同比下降: 3.1\n", []string{"与上年答案相同：同比的百分数每年不同，是不是还没有改？按两年的“投资”（12.4 → 13.1）算，是同比增长 5.6%；稿子却写“下降”"}},
		{"fell, said 下降", "  投资: 12\n  投资同比下降: 3.2\n", nil},
		{"named longer", "  零售总额: 40.9\n  零售同比增长: 4.2\n", []string{"按两年的“零售总额”（38.6 → 40.9）算，是同比增长 6.0%"}},
		{"points copied", "  覆盖率: 98.2\n  覆盖率比上年提高: 2.5\n", []string{
			"“覆盖率比上年提高”填的 2.5 个百分点 与上年答案相同：与上年比的百分点每年不同，是不是还没有改？按两年的“覆盖率”（96.5% → 98.2%）算，是提高 1.7 个百分点"}},
		{"points fell", "  覆盖率: 95\n  覆盖率比上年提高: 1.5\n", []string{"是降低 1.5 个百分点；稿子却写“提高”，请把模板 t.yaml:20:21 处的“提高”改为“降低”"}},
		{"not written", "  产值: 3\n  产值同比增长: 5\n", nil},
		{"negative after 下降", "  投资同比下降: -3\n", []string{"“投资同比下降”填的 -3%，稿子会写成“下降-3%”：请填正数，并把模板 t.yaml:19:20 处的“下降”改为“增长”"}},
		{"negative written |增减", "  税收: 1.7\n  税收同比增长: -5.6\n", nil},
		{"sign the other way", "  税收: 2\n  税收同比增长: -3\n", []string{"“税收同比增长”填的 -3%，按两年的“税收”（1.8 → 2）算，是同比增长 11.1%：正负号是不是填反了？"}},
		{"a fall past the whole", "  投资同比下降: 120\n", []string{"“投资同比下降”填的 120%：下降不会超过 100%"}},
		{"copied, written |增减", "  税收: 2\n  税收同比增长: 4\n", []string{"“税收同比增长”填的 4% 与上年答案相同"}},
	})
}

type rateCase struct {
	name, values string
	want         []string // a part of each hint, in order
}

// checkRateHints evaluates each case's answers against last period's
// answers prev and compares their RateHints.
func checkRateHints(t *testing.T, tpl *Template, prev string, cases []rateCase) {
	t.Helper()
	checkHints(t, tpl, prev, cases, (*Values).RateHints)
}

// checkHints compares the hints of each case's answers, with last
// period's answers prev, as hints gives them.
func checkHints(t *testing.T, tpl *Template, prev string, cases []rateCase, hints func(*Values) []Hint) {
	t.Helper()
	pv := tpl.Evaluate(loadValues(t, prev))
	for _, tc := range cases {
		vs := tpl.Evaluate(loadValues(t, tc.values))
		vs.Prev = pv
		var got []string
		for _, c := range hints(vs) {
			got = append(got, c.Pos.String()+": "+c.Msg)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %q, want %d", tc.name, got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: %q\nwant %q", tc.name, got[i], w)
			}
		}
	}
}

// loadValues reads answers a.yaml holding values.
func loadValues(t *testing.T, values string) *Answers {
	t.Helper()
	a, err := LoadAnswers("a.yaml", []byte("values:\n"+values))
	if err != nil {
		t.Fatal(err)
	}
	return a
}
