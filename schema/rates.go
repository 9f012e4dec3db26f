package schema

import (
	"fmt"
	"math"
	"strings"
)

// A percentage compares with last period when its name ends in a change
// (增长, 下降, 增加, 减少, 提高, 降低, 增速, 增幅), said with or without
// what it compares with (同比, 比上年, 较上年, 比去年 …): an imported
// report's 完成农业总产值同比增长, the wizard's 医保基金支出增长.
var (
	rateSince  = []string{"比上年同期", "较上年同期", "比上年", "较上年", "比去年", "较去年", "同比", "环比"}
	rateChange = []string{"增长", "下降", "增加", "减少", "提高", "降低", "增速", "增幅", "降幅"}
)

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
		if f.Type != Percent || f.Computed() || !isRate(f) {
			continue
		}
		v, pv := vs.Value(f.ID), vs.Prev.Value(f.ID)
		if v.State != Set || pv.State != Set || v.Num.Value != pv.Num.Value {
			continue
		}
		msg := fmt.Sprintf("“%s”填的 %s%% 与上年答案相同：同比的百分数每年不同，是不是还没有改？", f.Label, strings.TrimSuffix(v.Text, "%"))
		if word := rateWord(f.ID); word == "" {
			// no figure of its own to compare
		} else if base := vs.T.Field(strings.TrimSuffix(f.ID, word)); base != nil && base != f {
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

// rateWord is how s ends in a comparison with last period (同比增长,
// 比上年增加, 增速, or 同比 alone), or "" when it does not.
func rateWord(s string) string {
	for _, c := range rateChange {
		if strings.HasSuffix(s, c) {
			w := c
			for _, since := range rateSince {
				if strings.HasSuffix(strings.TrimSuffix(s, c), since) {
					w = since + c
					break
				}
			}
			return w
		}
	}
	for _, since := range rateSince {
		if strings.HasSuffix(s, since) {
			return since
		}
	}
	return ""
}

// isRate reports whether a percentage's id or label compares with last
// period.
func isRate(f *Field) bool {
	if rateWord(f.ID) != "" || rateWord(f.Label) != "" {
		return true
	}
	for _, since := range rateSince {
		if strings.Contains(f.ID+f.Label, since) {
			return true
		}
	}
	return false
}
