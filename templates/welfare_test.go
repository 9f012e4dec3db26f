package templates_test

import (
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
)

// The 低保 sentences say what was filled: a unit that counts 城镇 and
// 农村 低保 apart reads both under their names, one that does not reads a
// total, and one with only 城镇 低保 (most 街道) gets no gap for the
// 农村 figures it does not have. Checked on every township template with
// the 低保 figures of its example answers replaced.
func TestLowIncomeSentences(t *testing.T) {
	s := builtinSet(t)
	cases := []struct {
		name         string
		values       map[string]string
		want, absent []string
	}{
		{"城镇 only", map[string]string{"城镇低保户": "6", "城镇低保人": "12", "城镇低保月金额": "8890"},
			[]string{"在册城镇低保6户12人，每月发放8890元"}, []string{"共有低保户", "农村低保"}},
		{"城镇 monthly only", map[string]string{"城镇低保月金额": "8890", "每月低保金": "3000"},
			[]string{"城镇低保每月发放8890元", "农村低保每月发放3000元"}, []string{"共有低保户", "【待填"}},
		{"城镇 money only", map[string]string{"城市低保金": "9000"},
			[]string{"发放城市低保金9000元"}, []string{"共有低保户", "农村低保"}},
		{"城乡 together", map[string]string{"低保户数": "511", "低保人数": "1002", "每月低保金": "3000", "低保金": "40"},
			[]string{"共有低保户511户1002人", "每月发放低保金3000元", "累计发放低保金40万元"}, []string{"城镇", "农村"}},
		{"城乡 apart", map[string]string{"低保户数": "329", "低保人数": "774", "每月低保金": "278957", "城镇低保户": "6", "城镇低保人": "12", "低保金": "40"},
			[]string{"在册农村低保329户774人，每月发放低保金278957元", "在册城镇低保6户12人", "累计发放农村低保金40万元"}, []string{"共有低保户"}},
		{"农村 only, 城市 money", map[string]string{"低保户数": "329", "低保人数": "774", "低保金": "40", "城市低保金": "9000"},
			[]string{"在册农村低保", "累计发放农村低保金40万元", "发放城市低保金9000元"}, []string{"共有低保户"}},
	}
	found := 0
	for _, id := range wantIDs {
		tpl, _ := loadExample(t, s, id)
		item := tpl.Part("民生.低保救助")
		if item == nil {
			continue
		}
		found++
		for _, c := range cases {
			_, a := loadExample(t, s, id)
			for _, f := range item.AllFields() {
				a.Delete(f.ID)
			}
			for k, v := range c.values {
				a.Set(k, schema.Raw{Text: v})
			}
			para := paragraphWith(draftOf(t, tpl, a), "应保尽保")
			if strings.Contains(para, "【待填") {
				t.Errorf("%s, %s: a gap in %s", id, c.name, para)
			}
			for _, w := range c.want {
				if !strings.Contains(para, w) {
					t.Errorf("%s, %s: no %q in %s", id, c.name, w, para)
				}
			}
			for _, w := range c.absent {
				if strings.Contains(para, w) {
					t.Errorf("%s, %s: %q in %s", id, c.name, w, para)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no built-in template has 民生.低保救助")
	}
}

// paragraphWith is the paragraph of md holding s.
func paragraphWith(md, s string) string {
	for _, block := range strings.Split(md, "\n\n") {
		if strings.Contains(block, s) {
			return block
		}
	}
	return ""
}
