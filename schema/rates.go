package schema

import (
	"fmt"
	"math"
	"strings"
)

// rateWords mark a percentage that compares with last period: a
// 同比 rate the clerk types (an imported report's 完成农业总产值同比增长).
var rateWords = []string{"同比增长", "同比下降", "比上年增长", "比上年下降", "较上年增长", "较上年下降", "同比"}

// CopiedRate is a 同比 percentage typed the same as in last period's
// answers: a rate copied forward with the rest of last year's file,
// which the draft would then state for this year.
type CopiedRate struct {
	Field *Field
	Pos   Pos    // the answer's place in the answers file
	Msg   string // what to tell the clerk, with the rate the figures give when they can
}

// CopiedRates finds the percentages whose name says they compare with
// last period (同比, 比上年) and whose answer is last period's answer, while
// last period's answers are there to compare with. When the figure they
// compare is a field of its own (完成农业总产值 for 完成农业总产值同比增长),
// the message says the rate its two years give.
func (vs *Values) CopiedRates() []CopiedRate {
	if vs.Prev == nil {
		return nil
	}
	var out []CopiedRate
	for _, f := range vs.T.Fields() {
		if f.Type != Percent || f.Computed() {
			continue
		}
		word := rateWord(f.ID)
		if word == "" {
			word = rateWord(f.Label)
		}
		v, pv := vs.Value(f.ID), vs.Prev.Value(f.ID)
		if word == "" || v.State != Set || pv.State != Set || v.Num.Value != pv.Num.Value {
			continue
		}
		msg := fmt.Sprintf("“%s”填的 %s%% 与上年答案相同：同比的百分数每年不同，是不是还没有改？", f.Label, strings.TrimSuffix(v.Text, "%"))
		if base := vs.T.Field(strings.TrimSuffix(f.ID, word)); base != nil && base != f && strings.HasSuffix(f.ID, word) {
			now, then := vs.Value(base.ID), vs.Prev.Value(base.ID)
			if now.State == Set && then.State == Set && then.Num.Value != 0 && now.Num.Value != then.Num.Value {
				r := math.Round((now.Num.Value-then.Num.Value)/math.Abs(then.Num.Value)*1000) / 10
				change := "增长"
				if r < 0 {
					change, r = "下降", -r
				}
				msg += fmt.Sprintf("按两年的“%s”（%s → %s）算，是同比%s %s%%", base.Label, then.Text, now.Text, change, FormatNumber(r, -1))
			}
		}
		pos := Pos{File: vs.A.name}
		if p, ok := vs.A.pos[f.ID]; ok {
			pos = p
		}
		out = append(out, CopiedRate{Field: f, Pos: pos, Msg: msg})
	}
	return out
}

// rateWord is the word of rateWords that s ends with, else the first it
// holds, else "".
func rateWord(s string) string {
	for _, w := range rateWords {
		if strings.HasSuffix(s, w) {
			return w
		}
	}
	for _, w := range rateWords {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}
