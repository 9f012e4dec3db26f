package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResolveCompanions: what is given wins over what the answers file
// names, which is relative to the file; the kept 上年 file is the last
// resort and only when it is there.
func TestResolveCompanions(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("d/2021.yaml", "values: {单位: 去年}\n")
	given := write("given.yaml", "values: {单位: 给的}\n")
	kept := write("kept.yaml", "values: {单位: 留的}\n")
	ansPath := filepath.Join(dir, "d", "a.yaml")
	a, err := LoadAnswers(ansPath, []byte("previous: 2021.yaml\ndocx_template: 红头.docx\nvalues: {单位: 今年}\n"))
	if err != nil {
		t.Fatal(err)
	}
	bare := NewAnswers(nil)
	for _, tc := range []struct {
		name       string
		a          *Answers
		path       string
		given      Given
		unit       string // of last period's answers; "" for none
		letterhead string
	}{
		{"the file's keys, beside it", a, ansPath, Given{}, "去年", filepath.Join(dir, "d", "红头.docx")},
		{"given wins", a, ansPath, Given{Previous: given, Letterhead: "x.docx", KeptPrevious: kept}, "给的", "x.docx"},
		{"kept is the last resort", a, ansPath, Given{KeptPrevious: kept}, "去年", filepath.Join(dir, "d", "红头.docx")},
		{"kept when nothing names one", bare, kept, Given{KeptPrevious: kept}, "留的", ""},
		{"kept only when it is there", bare, "", Given{KeptPrevious: filepath.Join(dir, "none.yaml")}, "", ""},
		{"no answers file", nil, "", Given{Previous: given, Letterhead: "x.docx"}, "给的", "x.docx"},
		{"nothing at all", nil, "", Given{}, "", ""},
	} {
		c, err := ResolveCompanions(tc.a, tc.path, tc.given)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		unit := ""
		if c.Previous != nil {
			r, _ := c.Previous.Get("单位")
			unit = r.Text
		}
		if unit != tc.unit || c.Letterhead != tc.letterhead {
			t.Errorf("%s: previous %q, letterhead %q; want %q, %q", tc.name, unit, c.Letterhead, tc.unit, tc.letterhead)
		}
	}
	// last period's answers that do not load: an error, the letterhead
	// still found
	c, err := ResolveCompanions(a, ansPath, Given{Previous: filepath.Join(dir, "none.yaml")})
	if err == nil || !strings.HasPrefix(err.Error(), "--previous 指向的上年答案：找不到答案文件") || c.Letterhead != filepath.Join(dir, "d", "红头.docx") {
		t.Errorf("missing previous: %v, letterhead %q", err, c.Letterhead)
	}
}

// TestUnitTypeFollowsName: 单位类型 left unchosen follows the unit's name
// (归义乡 is a 乡, 城东街道办事处 a 街道); one chosen that disagrees with
// the name is told to change, on the 单位类型 line.
func TestUnitTypeFollowsName(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(`id: t
name: 测试
title: "{单位}"
info:
  - {id: 单位, type: text}
  - {id: 单位类型, type: choice, choices: [乡, 镇, 街道], default: 镇}
sections:
  - heading: 一
    text: 全{单位类型}。
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		values string
		kind   string // 单位类型 in effect
		hint   string // "" for no hint
	}{
		{"{单位: 归义乡}", "乡", ""},
		{"{单位: 城东街道办事处}", "街道", ""},
		{"{单位: 归义镇人民政府}", "镇", ""},
		{"{单位: 某某单位}", "镇", ""},
		{"{单位: 城东办事处}", "街道", ""},
		{"{单位: 东坝街办}", "街道", ""},
		{"{单位: 归义乡, 单位类型: 乡}", "乡", ""},
		{"{单位: 城东街道, 单位类型: 乡}", "乡", "a.yaml:1:26: 单位名称“城东街道”是街道，单位类型却是“乡”"},
	} {
		a, err := LoadAnswers("a.yaml", []byte("values: "+tc.values+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := tpl.Evaluate(a).Value("单位类型").Text; got != tc.kind {
			t.Errorf("%s: 单位类型 %s, want %s", tc.values, got, tc.kind)
		}
		got := ""
		for _, w := range a.Check(tpl) {
			if strings.Contains(w.Error(), "单位类型却是") {
				got = w.Error()
			}
		}
		if tc.hint == "" && got != "" || !strings.HasPrefix(got, tc.hint) {
			t.Errorf("%s: hint %q, want %q…", tc.values, got, tc.hint)
		}
	}
}

// TestLevelFollowsName: a department's 本级行政区 left unchosen follows
// the level its name holds, not words like 市场 or 社区; one chosen that
// disagrees is told to change, on the 行政区 line.
func TestLevelFollowsName(t *testing.T) {
	tpl, err := Load("t.yaml", []byte(`id: t
name: 测试
title: "{单位}"
info:
  - {id: 单位, type: text}
  - {id: 行政区, type: choice, choices: [区, 县, 市], default: 区}
sections:
  - heading: 一
    text: 全{行政区}。
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		values string
		level  string // 行政区 in effect
		hint   string // "" for no hint
	}{
		{"{单位: 南江县医疗保障局}", "县", ""},
		{"{单位: 南江县市场监督管理局}", "县", ""},
		{"{单位: 杭州市西湖区统计局}", "区", ""},
		{"{单位: 江山市城市管理局}", "市", ""},
		{"{单位: 城东区社区建设办公室}", "区", ""},
		{"{单位: 某某局}", "区", ""},
		{"{单位: 南江县统计局, 行政区: 县}", "县", ""},
		{"{单位: 南江县统计局, 行政区: 区}", "区", "a.yaml:1:27: 单位名称“南江县统计局”是县的部门，本级行政区却是“区”"},
	} {
		a, err := LoadAnswers("a.yaml", []byte("values: "+tc.values+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := tpl.Evaluate(a).Value("行政区").Text; got != tc.level {
			t.Errorf("%s: 行政区 %s, want %s", tc.values, got, tc.level)
		}
		got := ""
		for _, w := range a.Check(tpl) {
			if strings.Contains(w.Error(), "本级行政区却是") {
				got = w.Error()
			}
		}
		if tc.hint == "" && got != "" || !strings.HasPrefix(got, tc.hint) {
			t.Errorf("%s: hint %q, want %q…", tc.values, got, tc.hint)
		}
	}
}

// previous: that names no file, or the answers file itself, is refused at
// its line; so is --previous naming the answers file.
func TestPreviousRefused(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "b.yaml")
	for _, tc := range []struct {
		name, src string
		given     Given
		want      string
	}{
		{"missing", "values: {单位: 今年}\nprevious: none.yaml\n", Given{}, p + ":2:11: previous 指向的上年答案：找不到答案文件"},
		{"itself", "values: {单位: 今年}\nprevious: b.yaml\n", Given{}, p + ":2:11: previous 指向答案文件 " + p + " 自己"},
		{"itself by --previous", "values: {单位: 今年}\n", Given{Previous: p}, "--previous 指向答案文件 " + p + " 自己"},
	} {
		if err := os.WriteFile(p, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := LoadAnswersFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ResolveCompanions(a, p, tc.given); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: %v\nwant %s…", tc.name, err, tc.want)
		}
	}
}
