package templates_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// Every built-in template, filled with its example answers, still reads
// as one piece with half its parts left out (every second part of each
// level, then every first), and with the text before each connector
// (此外，) marked 不适用: no lone 1. or （一）, no paragraph opening with a
// connector after the paragraph it leant on was dropped, no heading with
// nothing under it. Checked on the Markdown.
func TestHalfLeftOutHoldsTogether(t *testing.T) {
	s := builtinSet(t)
	found := 0
	defer func() {
		if found == 0 {
			t.Error("no built-in template has a connector: the test of connectors tests nothing")
		}
	}()
	for _, id := range wantIDs {
		for _, odd := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/odd=%v", id, odd), func(t *testing.T) {
				tpl, a := loadExample(t, s, id)
				n := omitHalf(a, tpl.Sections, odd)
				found += dropBeforeConnectors(a, tpl, tpl.Sections)
				var buf bytes.Buffer
				if err := render.WriteMarkdown(&buf, render.Build(tpl.Evaluate(a))); err != nil {
					t.Fatal(err)
				}
				md := buf.String()
				for _, problem := range draftProblems(md) {
					t.Errorf("%d parts left out: %s", n, problem)
				}
				if t.Failed() {
					t.Logf("draft:\n%s", md)
				}
			})
		}
	}
}

// omitHalf leaves out every second part of each level (odd) or every
// first, and returns how many.
func omitHalf(a *schema.Answers, ps []*schema.Part, odd bool) int {
	n := 0
	for i, p := range ps {
		if (i%2 == 1) == odd {
			a.SetOmitted(p.ID, true)
			n++
			continue
		}
		n += omitHalf(a, p.Parts, odd)
	}
	return n
}

// dropBeforeConnectors marks 不适用 every figure of the text before a
// paragraph that opens with a connector, in the same part, and fills
// that paragraph's own; it returns how many connectors it found.
func dropBeforeConnectors(a *schema.Answers, tpl *schema.Template, ps []*schema.Part) int {
	n := 0
	for _, p := range ps {
		for i, para := range p.Paragraphs {
			for _, c := range connectors {
				if strings.HasPrefix(para.Text.Src, c) {
					n++
					for _, id := range para.Text.Fields() {
						if f := tpl.Field(id); f != nil && f.Type == schema.List {
							a.Set(id, schema.Raw{IsList: true, List: []string{"建立工作台账", "开展专项整治"}})
						}
					}
					for _, before := range p.Paragraphs[:i] {
						for _, id := range before.Text.Fields() {
							a.Set(id, schema.Raw{Text: schema.NotApplicable})
						}
					}
				}
			}
		}
		n += dropBeforeConnectors(a, tpl, p.Parts)
	}
	return n
}

var (
	runIn      = regexp.MustCompile(`^\*\*(.*?)\*\*(.*)$`)
	numbered   = []*regexp.Regexp{regexp.MustCompile(`^([一二三四五六七八九十]+)、`), regexp.MustCompile(`^（([一二三四五六七八九十]+)）`), regexp.MustCompile(`^(\d+)\.`), regexp.MustCompile(`^（(\d+)）`)}
	connectors = []string{"此外，", "同时，", "另外，", "与此同时，", "除此之外，"}
	// leadIn is a paragraph that promises the items below it: 重点抓好以下几个方面的工作。
	leadIn = regexp.MustCompile(`以下[^。；]*[。：]$`)
)

// draftProblems reads a Markdown draft as a clerk would proofread it.
func draftProblems(md string) []string {
	var out []string
	count := [5]int{}     // numbered headings so far in the open list of each level
	lastAt := [5]string{} // the last of them
	closeFrom := func(lv int) {
		for l := lv; l <= 4; l++ {
			if count[l] == 1 {
				out = append(out, "lone number: "+lastAt[l])
			}
			count[l] = 0
		}
	}
	prevHeading := -1 // Markdown level of the block before, if a heading on its own line
	prevText := ""
	sectionLevel := 0 // Markdown level of the last heading on its own line
	promise := ""     // the block before, if it promised items below it (以下)
	promiseLevel := 0 // and the level of the heading it was under
	for _, block := range strings.Split(md, "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" || strings.HasPrefix(block, "# ") {
			continue
		}
		heading, body, mdLevel := "", block, 0
		if strings.HasPrefix(block, "#") {
			mdLevel = len(block) - len(strings.TrimLeft(block, "#"))
			heading, body = strings.TrimSpace(block[mdLevel:]), ""
		} else if m := runIn.FindStringSubmatch(block); m != nil {
			heading, body = m[1], m[2]
		}
		if promise != "" && (heading == "" || mdLevel > 0 && mdLevel <= promiseLevel) {
			out = append(out, "lead-in with no items after it: "+promise)
		}
		promise = ""
		if heading == "" && leadIn.MatchString(block) {
			promise, promiseLevel = block, sectionLevel
		}
		if mdLevel > 0 {
			sectionLevel = mdLevel
		}
		if mdLevel > 0 && prevHeading > 0 && mdLevel <= prevHeading {
			out = append(out, "empty heading: "+prevText)
		}
		if heading != "" {
			for i, re := range numbered {
				if m := re.FindStringSubmatch(heading); m != nil {
					lv := i + 1
					closeFrom(lv + 1)
					count[lv]++
					lastAt[lv] = heading
					if want := ordinal(lv, count[lv]); m[1] != want {
						out = append(out, fmt.Sprintf("numbering gap: %s (want %s)", heading, want))
					}
					break
				}
			}
		}
		for _, c := range connectors {
			if strings.HasPrefix(body, c) && (heading != "" || prevHeading > 0) {
				out = append(out, "connector with nothing before it: "+block)
			}
		}
		prevHeading, prevText = mdLevel, block
		if mdLevel == 0 {
			prevHeading = -1
		}
	}
	if prevHeading > 0 {
		out = append(out, "empty heading at the end: "+prevText)
	}
	if promise != "" {
		out = append(out, "lead-in with no items after it: "+promise)
	}
	closeFrom(1)
	return out
}

func ordinal(level, n int) string {
	if level <= 2 {
		return render.Chinese(n)
	}
	return fmt.Sprint(n)
}

// The proofreader above catches what it looks for.
func TestDraftProblemsCatches(t *testing.T) {
	for md, want := range map[string]string{
		"## 一、甲\n\n### （一）乙\n\n文字。\n\n## 二、丙\n\n文字。":                   "lone number: （一）乙",
		"## 一、甲\n\n**1.乙。**文字。\n\n**3.丙。**文字。\n\n## 二、丁\n\n文字。":        "numbering gap: 3.丙。 (want 2)",
		"## 一、甲\n\n**（一）乙。**此外，一是文字。\n\n**（二）丙。**文字。\n\n## 二、丁\n\n文字。": "connector with nothing before it: **（一）乙。**此外，一是文字。",
		"## 一、甲\n\n同时，文字。\n\n## 二、丁\n\n文字。":                            "connector with nothing before it: 同时，文字。",
		"## 一、甲\n\n## 二、丁\n\n文字。":                                      "empty heading: ## 一、甲",
		"## 一、甲\n\n文字。\n\n## 二、丁\n\n### （一）乙\n\n文字。\n\n### （二）丙":       "empty heading at the end: ### （二）丙",
		"## 一、甲\n\n文字。\n\n## 二、丁\n\n明年重点抓好以下工作。\n\n结尾。":                "lead-in with no items after it: 明年重点抓好以下工作。",
		"## 一、甲\n\n重点抓好以下工作。\n\n## 二、丁\n\n文字。":                         "lead-in with no items after it: 重点抓好以下工作。",
		"## 一、甲\n\n文字。\n\n## 二、丁\n\n重点抓好以下工作。":                         "lead-in with no items after it: 重点抓好以下工作。",
	} {
		if got := strings.Join(draftProblems(md), "; "); got != want {
			t.Errorf("%q:\n got %s\nwant %s", md, got, want)
		}
	}
	for _, md := range []string{
		"## 一、甲\n\n文字。此外，文字。\n\n## 二、丁\n\n### （一）乙\n\n文字。\n\n### （二）丙\n\n文字。\n\n同时，文字。",
		"## 一、甲\n\n文字。\n\n## 二、丁\n\n重点抓好以下工作。\n\n**（一）乙。**文字。\n\n**（二）丙。**文字。\n\n结尾。",
		"## 一、甲\n\n文字。\n\n## 二、丁\n\n重点抓好以下工作。\n\n### 乙\n\n文字。",
	} {
		if got := draftProblems(md); len(got) > 0 {
			t.Errorf("a sound draft %q: %v", md, got)
		}
	}
}

// Each built-in template offers the fields of its kind of report only:
// no 一季度、二季度 or 上半年 figures in an annual one, no 全年 party dues
// in a half-year one.
func TestFieldsOfTheReportKind(t *testing.T) {
	s := builtinSet(t)
	for _, id := range wantIDs {
		tpl, err := s.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range tpl.Fields() {
			switch tpl.Kind {
			case "年度总结", "部门总结":
				if strings.Contains(f.Label, "半年") || strings.Contains(f.Label, "一季度") || strings.Contains(f.Label, "二季度") {
					t.Errorf("%s (%s) offers %s（%s）", id, tpl.Kind, f.Label, f.ID)
				}
			case "半年总结":
				if f.ID == "全年党费" || strings.Contains(f.Label, "年度总结填") {
					t.Errorf("%s (%s) offers %s（%s）", id, tpl.Kind, f.Label, f.ID)
				}
			}
		}
	}
}

// A part whose opening promises the items below it (……，重点抓好以下几个方面
// 的工作。) says so only when one of them is written. Every built-in
// template is drawn from its example answers with the items of each such
// part left empty — with and without the part's own figure (总体思路) —
// and then with a single figure of one item at a time: no promise without
// items, no 【待填】 for the figure of a plan that is otherwise empty, and
// every item's figures bring the promise back.
func TestPlanLeadIn(t *testing.T) {
	s := builtinSet(t)
	found := 0
	for _, id := range wantIDs {
		tpl, _ := loadExample(t, s, id)
		for _, p := range promisingParts(tpl.Sections) {
			found++
			var items []*schema.Field
			for _, c := range p.Parts {
				for _, f := range c.AllFields() {
					if !f.Computed() {
						items = append(items, f)
					}
				}
			}
			draw := func(keepOwn bool, filled *schema.Field) string {
				_, a := loadExample(t, s, id)
				for _, f := range items {
					a.Delete(f.ID)
				}
				if !keepOwn {
					for _, f := range p.Fields {
						a.Delete(f.ID)
					}
				}
				if filled != nil {
					a.Set(filled.ID, plainValue(filled))
				}
				return draftOf(t, tpl, a)
			}
			for _, keepOwn := range []bool{true, false} {
				md := draw(keepOwn, nil)
				for _, problem := range draftProblems(md) {
					t.Errorf("%s, %s with no items (own figures kept: %v): %s", id, p.ID, keepOwn, problem)
				}
				if i := strings.Index(md, "【待填"); i >= 0 {
					t.Errorf("%s, %s with no items (own figures kept: %v) prints a gap: …%s…", id, p.ID, keepOwn, around(md, i, 0))
				}
			}
			for _, f := range items {
				if md := draw(true, f); !promises(md) {
					t.Errorf("%s, %s with only %s filled: no lead-in before the item", id, p.ID, f.ID)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no built-in template has a part that promises its items: the test tests nothing")
	}
}

// promisingParts are the parts whose own text promises items below them.
func promisingParts(ps []*schema.Part) []*schema.Part {
	var out []*schema.Part
	for _, p := range ps {
		for _, para := range p.Paragraphs {
			if len(p.Parts) > 0 && strings.Contains(para.Text.Src, "以下") {
				out = append(out, p)
				break
			}
		}
		out = append(out, promisingParts(p.Parts)...)
	}
	return out
}

// promises reports a paragraph of md that promises items below it.
func promises(md string) bool {
	for _, block := range strings.Split(md, "\n\n") {
		if leadIn.MatchString(strings.TrimSpace(block)) {
			return true
		}
	}
	return false
}
