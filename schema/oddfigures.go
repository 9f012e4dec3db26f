package schema

import (
	"fmt"
	"math"
	"slices"
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
		case x < 0 && f.Min == nil && !containsAny(name, signedWords) && !vs.T.writtenSigned(f):
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s 是负数，稿子会照写：请核对（减少的数写正数，在句子里用“减少”“下降”说）", f.Label, typed)))
		case f.Type == Percent && x > 100 && f.Max == nil && containsAny(name, shareWords) && !containsAny(name, beyondWords):
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s 超过了 100%%，是不是填错了？", f.Label, typed)))
		default:
			if whole := wholeOf(f); whole != nil {
				if w := vs.Value(whole.ID); w.State == Set && x > w.Num.Value {
					out = append(out, vs.hint(f, fmt.Sprintf("“%s”（%s%s）多于“%s”（%s%s）：其中的数不会比总数多，请核对", f.Label, typed, f.Unit, whole.Label, w.Text, whole.Unit)))
				}
			}
		}
	}
	return out
}

// DateHints questions the dates and years of a draft copied forward from
// last year's answers: with those answers, a year or date typed the same
// as there (年度 2025 in the 2026 report; a 落款日期 kept); and a
// signature dated before the report's year or after the next (the 2026
// report signed 2025年12月28日; a half-year report signed outside the
// middle of its year).
func (vs *Values) DateHints() []Hint { return vs.dateHints(vs.T.Fields()) }

func (vs *Values) dateHints(fields []*Field) []Hint {
	year := 0
	if f := vs.T.Field("年度"); f != nil && f.Type == Year {
		if v := vs.Value(f.ID); v.State == Set {
			year = int(v.Num.Value)
		}
	}
	signed := map[string]bool{}
	for _, id := range vs.T.Signature.Date.Fields() {
		signed[id] = true
	}
	if vs.T.Signature.Date.IsZero() {
		signed["落款日期"] = true
	}
	var out []Hint
	for _, f := range fields {
		if f.Computed() || f.Type != Year && f.Type != Date {
			continue
		}
		v := vs.Value(f.ID)
		if v.State != Set {
			continue
		}
		if vs.Prev != nil {
			if pv := vs.Prev.Value(f.ID); pv.State == Set && pv.Text != "" && (f.Type == Year && pv.Num.Value == v.Num.Value || f.Type == Date && pv.Date.Equal(v.Date)) {
				out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s 与上年答案相同：是不是还没有改？", f.Label, v.Text)))
				continue
			}
		}
		if f.Type != Date || !signed[f.ID] || year == 0 {
			continue
		}
		y, m, d := v.Date.Date()
		switch {
		case strings.Contains(vs.T.Kind, "半年") && (y != year || m < 5):
			// a half-year report is signed when the half year ends
			out = append(out, vs.hint(f, fmt.Sprintf("落款日期 %d年%d月%d日 不在 %d 年年中：半年总结的落款日期请核对", y, m, d, year)))
		case y < year || y > year+1:
			out = append(out, vs.hint(f, fmt.Sprintf("落款日期 %d年%d月%d日 与报告的年度 %d 年对不上：请核对", y, m, d, year)))
		}
	}
	return out
}

// wholeOf is the figure a part figure (labelled 其中重大隐患) is part of:
// the nearest figure before it in its part that is no part itself, when
// it counts in the same unit; nil otherwise (其中新登记企业 in 家 after
// 新增市场主体 in 户 is compared with nothing).
func wholeOf(f *Field) *Field {
	if !strings.HasPrefix(f.Label, "其中") || f.Part == nil {
		return nil
	}
	for j := slices.Index(f.Part.Fields, f) - 1; j >= 0; j-- {
		g := f.Part.Fields[j]
		if strings.HasPrefix(g.Label, "其中") {
			continue
		}
		if g.Unit == f.Unit && g.Type == f.Type {
			return g
		}
		return nil
	}
	return nil
}

// writtenSigned reports whether the draft writes f {f|增减}: its sign is
// words there (减少3家), not a minus.
func (t *Template) writtenSigned(f *Field) bool {
	_, _, signed := t.changeWord(f)
	return signed
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
