package schema

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// NotApplicable is the answer that leaves a field's sentence out.
const NotApplicable = "不适用"

// Raw is an answer as the clerk wrote it: a piece of text, or a list.
type Raw struct {
	Text   string
	List   []string
	IsList bool
}

// IsEmpty reports whether nothing was written.
func (r Raw) IsEmpty() bool {
	if r.IsList {
		return len(r.List) == 0
	}
	return strings.TrimSpace(r.Text) == ""
}

func rawFromNode(n *yaml.Node) (Raw, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return Raw{}, nil
		}
		return Raw{Text: n.Value}, nil
	case yaml.SequenceNode:
		r := Raw{IsList: true}
		for _, c := range n.Content {
			if c.Kind == yaml.MappingNode {
				// - 开展专项行动: 化解积案5件 reads as a key and a value
				return Raw{}, &itemError{c, "列表的每一项应当是一段文字：这一项里的英文冒号加空格“: ”让它成了“键: 值”；请改用中文冒号“：”，或给整项加引号"}
			}
			if c.Kind != yaml.ScalarNode {
				return Raw{}, &itemError{c, "列表的每一项应当是一段文字"}
			}
			r.List = append(r.List, c.Value)
		}
		return r, nil
	}
	return Raw{}, errors.New("应当是一个值或一个列表")
}

// An itemError is a list item that is not text, for a message placed on
// the item rather than on the list.
type itemError struct {
	n   *yaml.Node
	msg string
}

func (e *itemError) Error() string { return e.msg }

// State says whether a value is there.
type State int

const (
	Missing State = iota // not answered yet
	Set                  // answered and valid
	NA                   // 不适用
	Invalid              // answered, but not a valid value for the field
)

// A Value is a parsed answer.
type Value struct {
	State State
	Text  string   // text, textarea, choice; the written form of others
	Num   Quantity // numeric types
	Bool  bool
	List  []string
	Date  time.Time
	Err   error // why it is Invalid
}

// Quantity is a number as clerks write it: 近300, 约1.2万, 300余, 4000多.
// Value is the plain number (1.2万 → 12000); the prefix, digits and suffix
// are kept so the draft says what the clerk said.
type Quantity struct {
	Prefix string  // 近, 约, 超 …
	Digits string  // "300", "1.2万"
	Suffix string  // 余, 多, 以上 …
	Value  float64 // numeric value
}

// Exact reports whether the quantity has no qualifier.
func (q Quantity) Exact() bool {
	return q.Prefix == "" && q.Suffix == "" && !strings.ContainsAny(q.Digits, "余多")
}

// String is the quantity as written, e.g. 近300 or 1.2万.
func (q Quantity) String() string { return q.Prefix + q.Digits + q.Suffix }

var (
	qtyPrefixes = []string{"大约", "超过", "将近", "接近", "近", "约", "超", "逾", "达", "共"}
	qtySuffixes = []string{"以上", "左右", "余", "多"}
	qtyInner    = []string{"余", "多"}
	// a slice, not a map: at most one of these can end a number, and
	// ranging over a map is slow
	qtyScales = []struct {
		word  string
		value float64
	}{{"万", 1e4}, {"亿", 1e8}, {"千", 1e3}, {"百", 1e2}}
)

// ParseQuantity reads a number with the qualifiers clerks write. unit, if
// given, may trail the number and is dropped ("300家" for unit 家).
func ParseQuantity(s, unit string) (Quantity, error) {
	typed := strings.TrimSpace(s)
	s = normalizeDigits(typed)
	if unit != "" {
		s = strings.TrimSuffix(s, unit)
		if err := otherUnit(s, unit); err != nil {
			return Quantity{}, err
		}
	}
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimPrefix(s, "+") // +5.6, as a rise is often typed
	var q Quantity
	for _, p := range qtyPrefixes {
		if strings.HasPrefix(s, p) {
			q.Prefix, s = p, s[len(p):]
			break
		}
	}
	// trailing qualifier after the scale: 300万余 is rare, 300余万 common
	for _, x := range qtySuffixes {
		if strings.HasSuffix(s, x) {
			q.Suffix, s = x, s[:len(s)-len(x)]
			break
		}
	}
	scale := 1.0
	scaleText := ""
	for _, sc := range qtyScales {
		if strings.HasSuffix(s, sc.word) {
			scale, scaleText, s = sc.value, sc.word, s[:len(s)-len(sc.word)]
			break
		}
	}
	inner := ""
	if q.Suffix == "" || scaleText != "" {
		for _, x := range qtyInner {
			if strings.HasSuffix(s, x) {
				inner, s = x, s[:len(s)-len(x)]
				break
			}
		}
	}
	// 12,345 is read, and written 12345 as every figure nigao computes is
	// (Chinese reports use no thousands separators); ParseFloat's other
	// forms (1e30, 1_000, 0x10, Inf) are no figures of a report
	digits := strings.ReplaceAll(s, ",", "")
	v, err := strconv.ParseFloat(digits, 64)
	if !plainDecimal(digits) || err != nil {
		return Quantity{}, notANumber(typed)
	}
	q.Digits = digits + inner + scaleText
	q.Value = v * scale
	if math.IsInf(q.Value, 0) {
		return Quantity{}, fmt.Errorf("“%s”太大了，不像是报告里的数字，请核对", clip(typed, 20))
	}
	if us := unitScale(unit); us > 1 && (scaleText == "万" || scaleText == "亿") {
		// 5.2亿 in a field counted in 万元 would print 5.2亿万元
		n := q.Prefix + FormatNumber(q.Value/us, -8) + q.Suffix
		return Quantity{}, fmt.Errorf("“%s”带了“%s”，这一项的单位已经是%s：请填 %s（%s = %s%s）", clip(typed, 20), scaleText, unit, n, clip(typed, 20), n, unit)
	}
	return q, nil
}

// plainDecimal reports whether s is a decimal number as reports write
// one: digits with at most one point, perhaps a leading minus.
func plainDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, point := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return false
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return !point || frac != ""
}

// notANumber says what was typed is no number, with a hint when it is
// written in Chinese numerals (一千五百), which reports do not use for
// statistics.
func notANumber(typed string) error {
	if strings.ContainsAny(typed, "一二三四五六七八九十百千两〇零") {
		return fmt.Errorf("“%s”不是数字：请用阿拉伯数字填写，如 1500、3.5万", clip(typed, 20))
	}
	return fmt.Errorf("“%s”不是数字", clip(typed, 20))
}

// unitScale is what a unit that starts with 万 or 亿 (万元, 亿元, 万人,
// 万亩) counts in; 1 for others.
func unitScale(unit string) float64 {
	switch {
	case strings.HasPrefix(unit, "万"):
		return 1e4
	case strings.HasPrefix(unit, "亿"):
		return 1e8
	}
	return 1
}

// normalizeDigits turns full-width digits and signs into ASCII, as a
// pinyin IME in full-width mode types them.
func normalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == '，':
			return ','
		case r == '－', r == '−': // full-width, and the minus sign Word and Excel paste
			return '-'
		case r == '＋':
			return '+'
		case r == '％':
			return '%'
		}
		return r
	}, s)
}

// ParseValue checks a raw answer against its field and parses it.
func ParseValue(f *Field, r Raw) (Value, error) {
	if err := checkRaw(r); err != nil {
		return Value{}, err
	}
	if !r.IsList && strings.TrimSpace(r.Text) == NotApplicable {
		if f.Type == Year {
			// a report is always of a year: 年度 不适用 left “年工作总结”
			return Value{}, fmt.Errorf("“%s”是年份，不能填“%s”", f.Label, NotApplicable)
		}
		return Value{State: NA, Text: NotApplicable}, nil
	}
	if r.IsEmpty() {
		return Value{State: Missing}, nil
	}
	if f.Type == List {
		items := r.List
		if !r.IsList {
			items = strings.Split(r.Text, "\n")
		}
		v := Value{State: Set}
		for _, it := range items {
			if it = strings.TrimSpace(it); it != "" {
				v.List = append(v.List, it)
			}
		}
		if len(v.List) == 0 {
			return Value{State: Missing}, nil
		}
		return v, nil
	}
	if r.IsList {
		return Value{}, errors.New("这里应填一个值，不是列表")
	}
	s := strings.TrimSpace(r.Text)
	v := Value{State: Set, Text: s}
	switch f.Type {
	case Text, TextArea:
		if f.Type == Text {
			// one line; inner spacing (a full-width space between two
			// unit names) is the clerk's to keep
			v.Text = strings.Join(strings.Split(s, "\n"), "")
		}
	case Integer, Number, Percent, Money, Year:
		if f.Type != Percent && f.Unit != "%" && strings.HasSuffix(normalizeDigits(strings.TrimSpace(s)), "%") {
			// 12% typed for a count of 家 would print 12家
			unit := f.Unit
			if unit == "" {
				unit = "数"
			}
			return Value{}, fmt.Errorf("“%s”是百分数，这一项填的是%s：请填数目，不带%%", clip(strings.TrimSpace(s), 20), unit)
		}
		q, err := ParseQuantity(s, f.Unit)
		if err != nil {
			return Value{}, err
		}
		if f.Type == Integer || f.Type == Year {
			if q.Value != math.Trunc(q.Value) {
				return Value{}, fmt.Errorf("“%s”不是整数", s)
			}
		}
		if f.Type == Year {
			if !q.Exact() || !IsYear(int(q.Value)) {
				return Value{}, fmt.Errorf("“%s”不是年份（例如 2024）", s)
			}
		}
		if f.Min != nil && q.Value < *f.Min {
			return Value{}, fmt.Errorf("%s 小于下限 %g", q, *f.Min)
		}
		if f.Max != nil && q.Value > *f.Max {
			return Value{}, fmt.Errorf("%s 超过上限 %g", q, *f.Max)
		}
		v.Num = q
		v.Text = q.String()
	case Date:
		d, err := ParseDate(s)
		if err != nil {
			return Value{}, err
		}
		v.Date = d
	case Bool:
		switch strings.ToLower(s) {
		case "是", "有", "true", "yes", "y", "1":
			v.Bool = true
		case "否", "无", "没有", "false", "no", "n", "0":
		default:
			return Value{}, fmt.Errorf("“%s”应填“是”或“否”", s)
		}
	case Choice:
		if !contains(f.Choices, s) {
			return Value{}, fmt.Errorf("“%s”不在可选项中（%s）", s, strings.Join(f.Choices, "、"))
		}
	}
	return v, nil
}

var dateSeparators = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-")

// IsYear reports whether y is a year a report can be about: from the
// founding of the People's Republic on, and not absurdly far ahead.
func IsYear(y int) bool { return y >= 1949 && y <= 2200 }

// ParseDate reads 2022-08-29, 2022/8/29, 2022.8.29 or 2022年8月29日.
func ParseDate(s string) (time.Time, error) {
	s = normalizeDigits(strings.TrimSpace(s))
	n := strings.TrimSuffix(dateSeparators.Replace(s), "-")
	parts := strings.Split(n, "-")
	if len(parts) == 3 {
		y, e1 := strconv.Atoi(parts[0])
		m, e2 := strconv.Atoi(parts[1])
		d, e3 := strconv.Atoi(parts[2])
		if e1 == nil && e2 == nil && e3 == nil && IsYear(y) && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if t.Day() == d {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("“%s”不是日期（例如 2024-07-15 或 2024年7月15日）", clip(s, 20))
}

// EnvValue is the value as expressions see it: numbers as float64, lists
// as []any, dates as 2022-08-29 strings.
func (v Value) EnvValue(t FieldType) any {
	if v.State != Set {
		return nil
	}
	switch {
	case t.Numeric():
		return v.Num.Value
	case t == Bool:
		return v.Bool
	case t == List:
		out := make([]any, len(v.List))
		for i, s := range v.List {
			out[i] = s
		}
		return out
	case t == Date:
		return v.Date.Format("2006-01-02")
	}
	return v.Text
}
