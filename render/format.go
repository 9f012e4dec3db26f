package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/nigao/nigao/schema"
)

// Number returns the heading number for the n-th (1-based) included part
// at a level: 一、 （一） 1. （1）.
func Number(level, n int) string {
	switch level {
	case 1:
		return Chinese(n) + "、"
	case 2:
		return "（" + Chinese(n) + "）"
	case 3:
		return strconv.Itoa(n) + "."
	default:
		return "（" + strconv.Itoa(n) + "）"
	}
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// Chinese writes a non-negative integer below 10000 in Chinese numerals
// as headings and 一是/二是 use them: 1 一, 10 十, 12 十二, 21 二十一,
// 105 一百零五.
func Chinese(n int) string {
	if n < 0 || n >= 10000 {
		return fmt.Sprint(n)
	}
	if n < 10 {
		return digits[n]
	}
	if n < 20 {
		if n == 10 {
			return "十"
		}
		return "十" + digits[n-10]
	}
	var b strings.Builder
	units := []struct {
		v    int
		name string
	}{{1000, "千"}, {100, "百"}, {10, "十"}}
	zero := false
	started := false
	for _, u := range units {
		d := n / u.v
		n %= u.v
		switch {
		case d > 0:
			if zero {
				b.WriteString("零")
				zero = false
			}
			b.WriteString(digits[d] + u.name)
			started = true
		case started:
			zero = true
		}
	}
	if n > 0 {
		if zero {
			b.WriteString("零")
		}
		b.WriteString(digits[n])
	}
	return b.String()
}

// unitScale gives money units their value in 元.
var unitScale = map[string]float64{"元": 1, "万元": 1e4, "亿元": 1e8}

// formatValue renders a field's value with the slot's filters.
func formatValue(f *schema.Field, v schema.Value, filters []string, vs *schema.Values) (string, error) {
	d := datum{field: f}
	switch {
	case f.Type.Numeric():
		d.num, d.isNum = v.Num, true
	case f.Type == schema.List:
		d.list = v.List
	case f.Type == schema.Date:
		d.date = v.Date
		d.isDate = true
	case f.Type == schema.Bool:
		d.text = "否"
		if v.Bool {
			d.text = "是"
		}
	default:
		d.text = v.Text
	}
	return d.apply(filters, vs)
}

// formatAny renders an expression's result.
func formatAny(x any, filters []string, vs *schema.Values, f *schema.Field) (string, error) {
	d := datum{field: f}
	switch v := x.(type) {
	case float64:
		d.num, d.isNum = schema.Quantity{Digits: schema.FormatNumber(v, -2), Value: v}, true
	case int:
		d.num, d.isNum = schema.Quantity{Digits: strconv.Itoa(v), Value: float64(v)}, true
	case bool:
		d.text = "否"
		if v {
			d.text = "是"
		}
	case []any:
		for _, it := range v {
			d.list = append(d.list, fmt.Sprint(it))
		}
	case nil:
		return "", fmt.Errorf("没有值")
	default:
		d.text = fmt.Sprint(v)
	}
	return d.apply(filters, vs)
}

// datum is a value on its way through filters. It is kept by value, not
// pointers, so formatting a figure allocates only its text.
type datum struct {
	field  *schema.Field
	num    schema.Quantity
	isNum  bool
	list   []string
	text   string
	date   time.Time
	isDate bool
	unit   string // appended after the number
	isList bool
	done   bool // already a finished string in text
}

func (d *datum) apply(filters []string, vs *schema.Values) (string, error) {
	for _, name := range filters {
		if err := d.filter(name, vs); err != nil {
			return "", err
		}
	}
	return d.String(), nil
}

func (d *datum) String() string {
	switch {
	case d.done:
		return d.text
	case d.isNum:
		unit := d.unit
		if unit == "" && d.field != nil && d.field.Type == schema.Percent && !strings.HasSuffix(d.num.Digits, "%") {
			unit = "%"
		}
		if d.num.Suffix == "左右" || d.num.Suffix == "以上" {
			return d.num.Prefix + d.num.Digits + unit + d.num.Suffix // 5.6%左右, 300家以上
		}
		return d.num.Prefix + d.num.Digits + d.num.Suffix + unit // 300余家
	case d.list != nil:
		return joinList(d.list, "和")
	case d.isDate:
		return dateFormat(d.date, "日期")
	}
	return d.text
}

func (d *datum) needNum(name string) error {
	if !d.isNum {
		return fmt.Errorf("格式“%s”只能用于数字", name)
	}
	return nil
}

// rescale replaces the number by v (in a new unit), keeping qualifiers:
// 约12000 → 约1.2万.
func (d *datum) rescale(v float64, suffix string) {
	d.num.Digits = schema.FormatNumber(v, -2) + suffix
	d.num.Value = v
}

func (d *datum) filter(name string, vs *schema.Values) error {
	switch name {
	case "万", "亿":
		if err := d.needNum(name); err != nil {
			return err
		}
		div := 1e4
		if name == "亿" {
			div = 1e8
		}
		d.rescale(d.num.Value/div, name)
	case "元", "万元", "亿元":
		if err := d.needNum(name); err != nil {
			return err
		}
		from := 1.0
		if d.field != nil {
			if s, ok := unitScale[d.field.Unit]; ok {
				from = s
			}
		}
		d.rescale(d.num.Value*from/unitScale[name], "")
		d.unit = name
	case "%":
		if err := d.needNum(name); err != nil {
			return err
		}
		if !strings.HasSuffix(d.num.Digits, "%") {
			d.unit = "%"
		}
	case "单位":
		if d.field != nil {
			d.unit = d.field.Unit
		}
	case "整数", "1位小数", "2位小数":
		if err := d.needNum(name); err != nil {
			return err
		}
		dec := 0
		switch name {
		case "1位小数":
			dec = 1
		case "2位小数":
			dec = 2
		}
		d.num.Digits = schema.FormatNumber(d.num.Value, dec)
	case "中文":
		if err := d.needNum(name); err != nil {
			return err
		}
		v := d.num.Value
		if v != math.Trunc(v) || v < 0 || v >= 10000 {
			return fmt.Errorf("格式“中文”只能用于 0 到 9999 的整数")
		}
		d.text, d.done = Chinese(int(v)), true
	case "一是", "顿号", "或", "分号":
		items := d.list
		if items == nil {
			items = []string{d.String()}
		}
		switch name {
		case "一是":
			d.text = joinOrdinal(items)
		case "顿号":
			d.text = joinList(items, "和")
		case "或":
			d.text = joinList(items, "或")
		case "分号":
			d.text = joinWith(items, "；")
		}
		d.done = true
	case "日期", "年月", "月日":
		if !d.isDate {
			return fmt.Errorf("格式“%s”只能用于日期", name)
		}
		d.text, d.done = dateFormat(d.date, name), true
	case "增减":
		if err := d.needNum(name); err != nil {
			return err
		}
		d.signedChange()
	case "同比", "上年":
		return d.yearOnYear(name, vs)
	default:
		return fmt.Errorf("没有“%s”这种格式", name)
	}
	return nil
}

// signedChange writes a change typed with its sign as words, with its
// unit: 增长5.6%, 下降3.2% for a percentage; 提高0.8个百分点, 降低 for
// percentage points; 增加3家, 减少 for other numbers; 持平 for none. A
// rate that fell reads 同比下降3.2%, never 同比增长-3.2%.
func (d *datum) signedChange() {
	if d.field != nil && d.unit == "" {
		d.unit = d.field.Unit
	}
	up, down := "增加", "减少"
	switch {
	case d.field != nil && d.field.Type == schema.Percent, d.unit == "%", strings.HasSuffix(d.num.Digits, "%"):
		up, down = "增长", "下降"
	case d.field != nil && strings.HasSuffix(d.field.Unit, "百分点"):
		up, down = "提高", "降低"
	}
	switch {
	case d.num.Value > 0:
		d.num.Prefix = up + d.num.Prefix
	case d.num.Value < 0:
		d.num.Prefix = down + d.num.Prefix
		d.num.Digits = strings.TrimPrefix(d.num.Digits, "-")
		d.num.Value = -d.num.Value
	default:
		d.text, d.done = "持平", true
	}
}

// yearOnYear compares with last period's value of the same field.
func (d *datum) yearOnYear(name string, vs *schema.Values) error {
	if d.field == nil || !d.isNum {
		return fmt.Errorf("格式“%s”只能用于数字字段", name)
	}
	if vs == nil || vs.Prev == nil {
		return fmt.Errorf("缺上年数据")
	}
	pv := vs.Prev.Value(d.field.ID)
	if pv.State == schema.Invalid && pv.Err != nil {
		// last year's file says something that is no number (很多)
		return fmt.Errorf("上年答案 %s 的值“%s”不对：%v", vs.Prev.A.Pos(d.field.ID), pv.Text, pv.Err)
	}
	if pv.State != schema.Set {
		return fmt.Errorf("缺上年数据")
	}
	if name == "上年" {
		d.num = pv.Num
		return nil
	}
	if d.field.Type == schema.Percent {
		// a rate compares by points: 参保率 95% → 97% is 提高2个百分点, not 增长2.1%
		d.text, d.done = yoyWords(d.num.Value-pv.Num.Value, "同比提高", "个百分点"), true
		return nil
	}
	if pv.Num.Value == 0 {
		return fmt.Errorf("上年为零，无法计算同比")
	}
	pct := (d.num.Value - pv.Num.Value) / math.Abs(pv.Num.Value) * 100
	d.text, d.done = yoyWords(pct, "同比增长", "%"), true
	return nil
}

// yoyWords says a change to one decimal: up (同比增长12.3%), down
// (同比下降4.1%) or none (与上年持平).
func yoyWords(change float64, up, unit string) string {
	r := math.Round(change*10) / 10
	switch {
	case r > 0:
		return up + schema.FormatNumber(r, 1) + unit
	case r < 0:
		return "同比下降" + schema.FormatNumber(-r, 1) + unit
	}
	return "与上年持平"
}

// dateFormat writes a date as 2022年8月29日 (日期), 2022年8月 (年月)
// or 8月29日 (月日).
func dateFormat(t time.Time, style string) string {
	y, m, dd := t.Date()
	switch style {
	case "年月":
		return strconv.Itoa(y) + "年" + strconv.Itoa(int(m)) + "月"
	case "月日":
		return strconv.Itoa(int(m)) + "月" + strconv.Itoa(dd) + "日"
	}
	return strconv.Itoa(y) + "年" + strconv.Itoa(int(m)) + "月" + strconv.Itoa(dd) + "日"
}

// trimItem drops an item's own closing punctuation before joining.
func trimItem(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), "。；，、;,. ")
}

// joinList writes A、B和C (or A、B或C).
func joinList(items []string, last string) string {
	var clean []string
	for _, it := range items {
		if it = trimItem(it); it != "" {
			clean = append(clean, it)
		}
	}
	switch len(clean) {
	case 0:
		return ""
	case 1:
		return clean[0]
	}
	return strings.Join(clean[:len(clean)-1], "、") + last + clean[len(clean)-1]
}

func joinWith(items []string, sep string) string {
	var clean []string
	for _, it := range items {
		if it = trimItem(it); it != "" {
			clean = append(clean, it)
		}
	}
	return strings.Join(clean, sep)
}

// joinOrdinal writes 一是A；二是B；三是C — the closing full stop is the
// prose's. A single item needs no ordinal.
func joinOrdinal(items []string) string {
	var clean []string
	for _, it := range items {
		if it = trimItem(it); it != "" {
			clean = append(clean, it)
		}
	}
	if len(clean) == 1 {
		return clean[0]
	}
	items = clean
	var b strings.Builder
	n := 0
	for _, it := range items {
		it = trimItem(it)
		if it == "" {
			continue
		}
		if n > 0 {
			b.WriteString("；")
		}
		n++
		b.WriteString(Chinese(n) + "是" + it)
	}
	return b.String()
}
