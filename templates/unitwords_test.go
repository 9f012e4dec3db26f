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
	"镇":  {"全镇", "镇村两级", "镇党委", "本镇", "我镇", "镇域", "镇、村", "村（社区）"},
	"街道": {"全街道", "街道社区两级", "街道党工委", "本街道", "街道、社区"},
	// a department's: the administrative level it reports for
	"区": {"全区", "区委、区政府"},
	"县": {"全县", "县委、县政府"},
	"市": {"全市", "市委、市政府"},
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

// TestUnitWordsFollowUnitType renders every built-in template with every
// field filled, for each unit type a template offers (单位类型 乡/镇/街道
// for the township templates, 行政区 区/县/市 for the department ones),
// and finds no word of another kind of unit in the draft.
func TestUnitWordsFollowUnitType(t *testing.T) {
	s := builtinSet(t)
	for _, id := range wantIDs {
		tpl, err := s.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		field, kinds := "单位类型", townshipTypes
		if strings.HasPrefix(id, "dept-") {
			field, kinds = "行政区", deptLevels
		}
		if tpl.Field(field) == nil {
			t.Errorf("%s: no %s in the basic information", id, field)
			continue
		}
		for _, kind := range kinds {
			for _, half := range []bool{false, true} {
				a := fillAll(tpl, half)
				a.Set(field, schema.Raw{Text: kind})
				// 【待填:…】 prompts quote a field's label, not the draft's prose
				md := reGap.ReplaceAllString(draftOf(t, tpl, a), "【待填】")
				for other, words := range unitWordsByType {
					if other == kind || slices.Contains(deptLevels, other) && !slices.Contains(deptLevels, kind) {
						continue // a township draft may name its county (上级: 县委、县政府)
					}
					for _, w := range words {
						if i := strings.Index(md, w); i >= 0 {
							t.Errorf("%s as %s prints %s's word %q: …%s…", id, kind, other, w, around(md, i, len(w)))
						}
					}
				}
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
