package templates_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// unitWordsByType are words that belong to one kind of unit: a draft for
// another kind must not print them.
var unitWordsByType = map[string][]string{
	"乡":  {"全乡", "乡村两级", "乡党委", "本乡", "我乡", "乡、村"},
	"镇":  {"全镇", "镇村两级", "镇党委", "本镇", "我镇", "镇域", "镇、村", "村（社区）", "小区（村组）"},
	"街道": {"全街道", "街道社区两级", "街道党工委", "本街道", "街道、社区"},
	// a department's: the administrative level it reports for
	"区": {"全区", "区委、区政府"},
	"县": {"全县", "县委、县政府"},
	"市": {"全市", "市委、市政府"},
}

// townshipWords are words of the places that only some kinds of township
// have: a 街道 has no 村组 or 集镇, a 乡 no 楼栋 or 居民小组. Checked on
// township drafts only: a department's report speaks of every kind.
var townshipWords = []struct {
	kinds []string // the kinds whose drafts may print them
	words []string
}{
	{[]string{"乡", "镇"}, []string{"村组", "村、组", "村民小组", "行政村", "偏远", "集镇", "坑塘", "山塘", "田间地头", "乡风"}},
	{[]string{"镇"}, []string{"镇村", "农村（社区）"}},
	{[]string{"镇", "街道"}, []string{"居民组", "居民小组", "楼栋", "街巷"}},
	{nil, []string{"乡镇（街道）"}}, // the catch-all of a template, not a unit's own words
}

var reGap = regexp.MustCompile(`【待填:[^】]*】`)

// townshipTypes and deptLevels are the values of the templates' choice
// fields 单位类型 and 行政区.
var (
	townshipTypes = []string{"乡", "镇", "街道"}
	deptLevels    = []string{"区", "县", "市"}
)

// fillAll answers every entered field of t with a plain value of its
// type; with half, only every other one, so prose that stands in for a
// missing figure (when: x == nil) is drawn too.
func fillAll(t *schema.Template, half bool) *schema.Answers {
	a := schema.NewAnswers(t)
	for i, f := range t.Fields() {
		if f.Computed() || half && i%2 == 1 {
			continue
		}
		a.Set(f.ID, plainValue(f))
	}
	return a
}

// plainValue is an answer of f's type.
func plainValue(f *schema.Field) schema.Raw {
	var r schema.Raw
	switch f.Type {
	case schema.Integer, schema.Number, schema.Money, schema.Percent:
		r.Text = "3"
	case schema.Date:
		r.Text = "2023-06-30"
	case schema.Year:
		r.Text = "2023"
	case schema.Choice:
		r.Text = f.Choices[0]
	case schema.Bool:
		r.Text = "是"
	case schema.List:
		r = schema.Raw{IsList: true, List: []string{"某项工作"}}
	default:
		r.Text = "某某"
	}
	return r
}

func draftOf(t *testing.T, tpl *schema.Template, a *schema.Answers) string {
	t.Helper()
	var buf bytes.Buffer
	if err := render.WriteMarkdown(&buf, render.Build(tpl.Evaluate(a))); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestUnitWordsFollowUnitType renders every built-in template for each
// unit type it offers (单位类型 乡/镇/街道 for the township templates, 行政区
// 区/县/市 for the department ones) — with every field filled, with every
// other one (so prose that stands in for a missing figure is drawn too),
// and with its example answers — and finds no word of another kind of
// unit in the draft.
func TestUnitWordsFollowUnitType(t *testing.T) {
	s := builtinSet(t)
	for _, id := range wantIDs {
		tpl, example := loadExample(t, s, id)
		field, kinds := "单位类型", townshipTypes
		if strings.HasPrefix(id, "dept-") {
			field, kinds = "行政区", deptLevels
		}
		if tpl.Field(field) == nil {
			t.Errorf("%s: no %s in the basic information", id, field)
			continue
		}
		for _, kind := range kinds {
			for _, fill := range []string{"all", "half", "example", "heading 2", "heading 3", "heading 4"} {
				a := example
				switch fill {
				case "all", "half":
					a = fillAll(tpl, fill == "half")
				case "example":
					plainWords(tpl, a)
				default: // every part under its second (third, …) heading, where it has one
					a = fillAll(tpl, false)
					alt := int(fill[len(fill)-1] - '1')
					eachPart(tpl.Sections, func(p *schema.Part) { a.SetHeading(p.ID, min(alt, max(len(p.Headings)-1, 0))) })
				}
				a.Set(field, schema.Raw{Text: kind})
				// 【待填:…】 prompts quote a field's label, not the draft's prose
				md := reGap.ReplaceAllString(draftOf(t, tpl, a), "【待填】")
				for _, w := range foreignWords(kind) {
					if i := strings.Index(md, w.word); i >= 0 {
						t.Errorf("%s as %s (%s filled) prints %s's word %q: …%s…", id, kind, fill, w.of, w.word, around(md, i, len(w.word)))
					}
				}
			}
		}
	}
}

func eachPart(ps []*schema.Part, f func(*schema.Part)) {
	for _, p := range ps {
		f(p)
		eachPart(p.Parts, f)
	}
}

// plainWords replaces the words the clerk typed in a (names, lists of
// measures): they are the clerk's, not the template's.
func plainWords(tpl *schema.Template, a *schema.Answers) {
	for _, f := range tpl.Fields() {
		if _, ok := a.Get(f.ID); ok && !f.Computed() && (f.Type == schema.Text || f.Type == schema.TextArea || f.Type == schema.List) {
			a.Set(f.ID, plainValue(f))
		}
	}
}

type foreignWord struct{ word, of string }

// foreignWords are the words a draft of kind must not print.
func foreignWords(kind string) []foreignWord {
	var out []foreignWord
	for other, words := range unitWordsByType {
		if other == kind || slices.Contains(deptLevels, other) && !slices.Contains(deptLevels, kind) {
			continue // a township draft may name its county (上级: 县委、县政府)
		}
		for _, w := range words {
			out = append(out, foreignWord{w, other})
		}
	}
	if !slices.Contains(townshipTypes, kind) {
		return out
	}
	for _, g := range townshipWords {
		if slices.Contains(g.kinds, kind) {
			continue
		}
		of := strings.Join(g.kinds, "、")
		if of == "" {
			of = "no unit"
		}
		for _, w := range g.words {
			out = append(out, foreignWord{w, of})
		}
	}
	return out
}

// The word lists catch the words they are for: a 街道 draft with the
// words of a village, a 乡 one with the words of a city block.
func TestForeignWordsCatch(t *testing.T) {
	for kind, drafts := range map[string][]string{
		"街道": {"针对老旧小区和偏远村组消防力量薄弱的问题", "9个小区（村组）完成撤桶并点", "健全街道、村、组三级调解网络", "镇村两级"},
		"乡":  {"从乡村两级延伸到居民组、楼栋和企业", "深入村（社区）开展宣讲", "推进健康乡镇（街道）建设"},
	} {
		for _, md := range drafts {
			caught := false
			for _, w := range foreignWords(kind) {
				caught = caught || strings.Contains(md, w.word)
			}
			if !caught {
				t.Errorf("a %s draft may print %q", kind, md)
			}
		}
	}
}

// around is the text near a match, for messages.
func around(s string, i, n int) string {
	lo, hi := max(0, i-30), min(len(s), i+n+30)
	for lo > 0 && s[lo]&0xC0 == 0x80 {
		lo--
	}
	for hi < len(s) && s[hi]&0xC0 == 0x80 {
		hi++
	}
	return s[lo:hi]
}
