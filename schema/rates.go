package schema

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// A percentage compares with last period when its name ends in a change
// (增长, 下降, 增加, 减少, 提高, 降低, 增速, 增幅), said with or without
// what it compares with (同比, 比上年, 较上年, 比去年 …): an imported
// report's 完成农业总产值同比增长, the wizard's 医保基金支出增长. So does
// a number of 个百分点 named so (覆盖率比上年提高).
var (
	rateSince  = []string{"比上年同期", "较上年同期", "比上年", "较上年", "比去年", "较去年", "同比", "环比"}
	rateChange = []string{"增长", "下降", "增加", "减少", "提高", "降低", "增速", "增幅", "降幅"}
	// the way a change word points: up, down; 增速 is said of either
	rateUp       = []string{"增长", "增加", "提高", "增幅"}
	rateDown     = []string{"下降", "减少", "降低", "降幅"}
	rateDirected = slices.Concat(rateUp, rateDown)
)

// A Hint questions a figure the draft would state wrongly; it is told
// where the answer is, and nothing is refused.
type Hint struct {
	Field *Field
	Pos   Pos    // the answer's place in the answers file
	Msg   string // what to tell the clerk
}

// Hints are what render, lint and the wizard's review page question in
// entered figures: FigureHints, DateHints, then RateHints.
func (vs *Values) Hints() []Hint { return vs.hints(vs.T.Fields()) }

// HintsFor are the Hints about f, for the wizard to say under it.
func (vs *Values) HintsFor(f *Field) []Hint { return vs.hints([]*Field{f}) }

func (vs *Values) hints(fields []*Field) []Hint {
	out := slices.Concat(vs.figureHints(fields), vs.dateHints(fields), vs.rateHints(fields))
	// in the answers file's order, as a clerk goes through it
	slices.SortStableFunc(out, func(a, b Hint) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
	return out
}

// RateHints questions comparisons with last period (同比, 比上年 …;
// percentages, or numbers of 个百分点) that the draft would state wrongly:
//   - a negative rate after a change word: 同比下降-3% says the opposite;
//   - with last period's answers, a rate typed the same as there (copied
//     forward with the rest of last year's file);
//   - with them, a rate whose change word says the opposite of what the
//     two years' figures show (an imported 同比下降 in a year the figure
//     grew).
//
// When the figure compared is a field of its own (完成农业总产值 for
// 完成农业总产值同比增长), the message says the change its two years give.
// Fields no text or computation uses are left alone: they reach no draft.
func (vs *Values) RateHints() []Hint { return vs.rateHints(vs.T.Fields()) }

func (vs *Values) rateHints(fields []*Field) []Hint {
	var unused map[*Field]bool // what no text uses: found once a rate asks
	var out []Hint
	for _, f := range fields {
		points := f.Type != Percent
		if f.Computed() || !isRate(f) || points && !isPoints(f) {
			continue
		}
		if unused == nil {
			unused = map[*Field]bool{}
			for _, u := range vs.T.Unused() {
				unused[u] = true
			}
		}
		if unused[f] {
			continue
		}
		v := vs.Value(f.ID)
		if v.State != Set {
			continue
		}
		word, where, signed := vs.T.changeWord(f)
		typed := strings.TrimSuffix(v.Text, "%") + "%"
		if points {
			typed = v.Text + " 个百分点"
		}
		// change it, in the template when the template says where
		change := func(word string) string {
			if where.Line > 0 {
				return fmt.Sprintf("请把模板 %s 处的“%s”改为“%s”", where, word, oppositeChange[word])
			}
			return fmt.Sprintf("请把“%s”改为“%s”", word, oppositeChange[word])
		}
		if v.Num.Value < 0 && oppositeChange[word] != "" {
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s，稿子会写成“%s%s”：请填正数，并%s", f.Label, typed, word, strings.TrimSuffix(typed, " 个百分点"), strings.TrimPrefix(change(word), "请"))))
			continue
		}
		if !points && (v.Num.Value > 100 && slices.Contains(rateDown, word) || v.Num.Value < -100 && signed) {
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s：下降不会超过 100%%，是不是填错了？", f.Label, typed)))
			continue
		}
		if vs.Prev == nil {
			continue
		}
		pv := vs.Prev.Value(f.ID)
		copied := pv.State == Set && v.Num.Value == pv.Num.Value
		grew, said := vs.rateChange(f, points)
		wrongWay := said != "" && v.Num.Value > 0 && (grew > 0 && slices.Contains(rateDown, word) || grew < 0 && slices.Contains(rateUp, word))
		wrongSign := said != "" && signed && (grew > 0 && v.Num.Value < 0 || grew < 0 && v.Num.Value > 0)
		if wrongSign && !copied {
			out = append(out, vs.hint(f, fmt.Sprintf("“%s”填的 %s，%s：正负号是不是填反了？", f.Label, typed, said)))
			continue
		}
		if !copied && !wrongWay {
			continue
		}
		var msg string
		if copied {
			what := "同比的百分数"
			if points {
				what = "与上年比的百分点"
			}
			msg = fmt.Sprintf("“%s”填的 %s 与上年答案相同：%s每年不同，是不是还没有改？", f.Label, typed, what) + said
		} else {
			msg = fmt.Sprintf("“%s”填的 %s，", f.Label, typed) + said
		}
		if wrongWay {
			msg += fmt.Sprintf("；稿子却写“%s”，", word) + change(word)
		} else if wrongSign {
			msg += "；正负号也对不上"
		}
		out = append(out, vs.hint(f, msg))
	}
	return out
}

// oppositeChange is the change word saying the other way.
var oppositeChange = map[string]string{"增长": "下降", "下降": "增长", "增加": "减少", "减少": "增加", "提高": "降低", "降低": "提高", "增幅": "降幅", "降幅": "增幅"}

// rateChange is the change of the figure f compares, from last period's
// answer to this one's (a growth in percent, or for points the difference
// of two percentages), and the words that say it; "" when that figure is
// not a field of f's or either year's answer is missing.
func (vs *Values) rateChange(f *Field, points bool) (float64, string) {
	base := vs.T.rateBase(f)
	if base == nil || points != (base.Type == Percent) {
		return 0, ""
	}
	now, then := vs.Value(base.ID), vs.Prev.Value(base.ID)
	if now.State != Set || then.State != Set || now.Num.Value == then.Num.Value {
		return 0, ""
	}
	if points {
		d := math.Round((now.Num.Value-then.Num.Value)*10) / 10
		word := "提高"
		if d < 0 {
			word = "降低"
		}
		return d, fmt.Sprintf("按两年的“%s”（%s%% → %s%%）算，是%s %s 个百分点", base.Label,
			strings.TrimSuffix(then.Text, "%"), strings.TrimSuffix(now.Text, "%"), word, FormatNumber(math.Abs(d), 1))
	}
	if then.Num.Value == 0 {
		return 0, ""
	}
	r := math.Round((now.Num.Value-then.Num.Value)/math.Abs(then.Num.Value)*1000) / 10
	word := "增长"
	if r < 0 {
		word = "下降"
	}
	return r, fmt.Sprintf("按两年的“%s”（%s → %s）算，是同比%s %s%%", base.Label, then.Text, now.Text, word, FormatNumber(math.Abs(r), 1))
}

// rateBase is the figure a rate compares: the field named as the rate
// without its change words (产值 for 产值同比增长), else the one field of
// the rate's part whose name starts so (社会消费品零售总额 for
// 社会消费品零售同比增长).
func (t *Template) rateBase(f *Field) *Field {
	word := rateWord(f.ID)
	if word == "" {
		return nil
	}
	name := strings.TrimSuffix(f.ID, word)
	if name == "" {
		return nil
	}
	if b := t.Field(name); b != nil && b != f {
		return b
	}
	if f.Part == nil {
		return nil
	}
	var found *Field
	for _, g := range f.Part.Fields {
		if g != f && strings.HasPrefix(g.ID, name) && rateWord(g.ID) == "" {
			if found != nil {
				return nil // two candidates: no guess
			}
			found = g
		}
	}
	return found
}

// changeWord is the change word the draft writes before f (同比下降{f}),
// with its place in the template; the change word of f's name when no
// text writes one before it, and "" when f is written {f|增减} (signed),
// which says the way itself.
func (t *Template) changeWord(f *Field) (string, Pos, bool) {
	var word string
	var where Pos
	signed := false
	t.visitProse(func(p Prose) {
		for i, s := range p.Segs {
			if s.Slot != nil && s.Slot.Field == f && slices.Contains(s.Slot.Filters, "增减") {
				signed = true
			}
			if word != "" || s.Slot == nil || s.Slot.Field != f || i == 0 || p.Segs[i-1].Slot != nil {
				continue
			}
			before := p.Segs[i-1].Text
			for _, c := range rateDirected {
				if strings.HasSuffix(before, c) {
					// told at the word, just before the slot's brace
					word, where = c, s.Slot.Pos()
					where.Col -= utf8.RuneCountInString(c) + 1
				}
			}
		}
	}, func(*Expr) {})
	if word != "" || signed {
		return word, where, signed
	}
	name := rateWord(f.ID)
	for _, c := range rateChange {
		if strings.HasSuffix(name, c) {
			return c, Pos{}, false
		}
	}
	return "", Pos{}, false
}

// isPoints reports whether a number counts percentage points.
func isPoints(f *Field) bool {
	return f.Type == Number && strings.HasSuffix(f.Unit, "百分点")
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

// isRate reports whether a field's id or label compares with last
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
