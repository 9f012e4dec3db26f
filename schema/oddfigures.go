package schema

import (
	"fmt"
	"math"
	"strings"
)

// Figures no report states, whatever the template: a count below zero, a
// share above the whole, a number of more digits than a county has. They
// load (a clerk may mean them), and are questioned where hints are.
var (
	// a number named so may be below zero: a change, a balance
	signedWords = []string{"增", "减", "净", "变化", "差", "盈亏", "利润", "结余", "余额", "同比", "比上年", "较上年", "比去年", "较去年", "环比", "升", "降", "温"}
	// a percentage named so is a share of a whole: at most 100
	shareWords = []string{"率", "比例", "占比", "覆盖面"}
	// … unless it measures progress or change, which may pass 100
	beyondWords = []string{"完成", "执行", "进度", "增", "降", "同比", "比上年", "较上年", "超", "目标", "提高"}
)

// largest is the size past which a figure is taken for a typing slip: a
// county's yearly budget in 元 has 10 or 11 digits.
const largest = 1e13

// FigureHints questions entered numbers that no report states: negative
// where the name says nothing of a change, a percentage share above 100%,
// and figures of more than 13 digits. Bounds the template sets (min:,
// max:) are checked where the answer is read, and are left to that.
func (vs *Values) FigureHints() []Hint { return vs.figureHints(vs.T.Fields()) }

func (vs *Values) figureHints(fields []*Field) []Hint {
	var out []Hint
	for _, f := range fields {
		if !f.Type.Numeric() || f.Computed() {
			continue
		}
		v := vs.Value(f.ID)
		if v.State != Set {
			continue
		}
		name := f.ID + f.Label
		x := v.Num.Value
		typed := v.Text
		if f.Type == Percent {
			typed = strings.TrimSuffix(typed, "%") + "%"
		}
		switch {
		case math.Abs(x) >= largest:
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s 有 %d 位数，不像是报告里的数字：请核对单位和位数", f.Label, clip(typed, 30), int(math.Log10(math.Abs(x)))+1)))
		case x < 0 && f.Min == nil && !containsAny(name, signedWords):
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s 是负数，稿子会照写：请核对（减少的数写正数，在句子里用“减少”“下降”说）", f.Label, typed)))
		case f.Type == Percent && x > 100 && f.Max == nil && containsAny(name, shareWords) && !containsAny(name, beyondWords):
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s 超过了 100%%，是不是填错了？", f.Label, typed)))
		}
	}
	return out
}

// hint is msg about f, told at f's answer.
func (vs *Values) hint(f *Field, msg string) Hint {
	pos := Pos{File: vs.A.name}
	if p, ok := vs.A.pos[f.ID]; ok {
		pos = p
	}
	return Hint{Field: f, Pos: pos, Msg: msg}
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
