package render

import (
	"strings"
	"testing"
)

// TestTitleLines: a title too long for one 2号 line breaks between words,
// at the seam that makes the lines most even; a short one stays whole.
func TestTitleLines(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"青石乡2023年工作总结", "青石乡2023年工作总结"},
		{"南江县医疗保障局2023年工作总结和2024年工作计划", "南江县医疗保障局2023年工作总结|和2024年工作计划"},
		{"汨罗市归义镇2023年工作总结和2024年工作思路", "汨罗市归义镇2023年工作总结|和2024年工作思路"},
		{"城东街道2024年上半年工作总结", "城东街道2024年上半年工作总结"},
		{"中共某某县某某乡委员会关于2024年上半年全面从严治党主体责任落实情况的报告", "中共某某县某某乡委员会|关于2024年上半年|全面从严治党主体责任落实情况的报告"},
		{"某某街道办事处关于“十四五”规划中期评估有关情况的汇报材料", "某某街道办事处关于|“十四五”规划中期评估有关情况的|汇报材料"},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五", "一二三四五六七八九十一二三|四五六七八九十一二三四五"},
	} {
		lines := titleLines(tc.title)
		if strings.Join(lines, "") != tc.title {
			t.Fatalf("%s: lines %q lose text", tc.title, lines)
		}
		for i, l := range lines {
			rs := []rune(l)
			if emWidth(rs) > titleWidth {
				t.Errorf("%s: line %q too wide", tc.title, l)
			}
			if i > 0 && !titleBreak([]rune(tc.title), len([]rune(strings.Join(lines[:i], "")))) {
				t.Errorf("%s: breaks badly before %q", tc.title, l)
			}
		}
		if tc.want != "" && strings.Join(lines, "|") != tc.want {
			t.Errorf("%s: %q, want %q", tc.title, strings.Join(lines, "|"), tc.want)
		}
	}
}

// FuzzTitleLines: any title comes back whole, in lines that fit where
// there is a place to break.
func FuzzTitleLines(f *testing.F) {
	f.Add("南江县医疗保障局2023年工作总结和2024年工作计划")
	f.Add("1234567890123456789012345678901234567890123456789")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			return
		}
		if got := strings.Join(titleLines(s), ""); got != s {
			t.Fatalf("%q → %q", s, got)
		}
	})
}
