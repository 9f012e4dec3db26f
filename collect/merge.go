package collect

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nigao/nigao/schema"
)

// Status is what merging does with a field's returned value.
type Status int

const (
	New      Status = iota // no value yet: taken
	Changed                // a different value is there: taken only when overwriting
	Same                   // the value already there
	Conflict               // two sheets disagree: neither is taken
	Invalid                // not a value for the field, or not for any field
)

func (s Status) String() string {
	return [...]string{"新增", "改动", "相同", "冲突", "无效"}[s]
}

// An Origin is where a returned value was: which office's sheet, which
// file and cell.
type Origin struct {
	Office string
	File   string // base name
	Cell   string // E12
}

func (o Origin) String() string { return o.File + "!" + o.Cell }

// A Change is one line of the merge table.
type Change struct {
	Status Status
	Field  *schema.Field // nil for a row that is no field
	Old    schema.Raw    // what the answers hold
	New    schema.Raw    // what the sheet says (the first sheet, for a conflict)
	From   []Origin      // every sheet that gave it
	Values []schema.Raw  // for a conflict, what each of From says
	Why    string        // for an invalid value
}

// A Result is what merging returned sheets would do.
type Result struct {
	Changes []Change
	Notes   []string // rows deleted from a sheet, fields no longer in the template
}

// Count counts the changes with a status.
func (r *Result) Count(s Status) int {
	n := 0
	for _, c := range r.Changes {
		if c.Status == s {
			n++
		}
	}
	return n
}

// MergeOptions say how strict merging is.
type MergeOptions struct {
	// Matching takes a sheet made for another template or another version
	// of this one, field by field where the ids still match; without it
	// such a sheet is refused.
	Matching bool
}

// returned is one field's value from one sheet.
type returned struct {
	raw    schema.Raw
	origin Origin
}

// Merge compares returned sheets with the answers. A sheet that cannot
// be taken in at all (another template, cleared hidden ids, merged
// cells) makes it fail, naming every such sheet, so that nothing is
// written from a mix of good and bad sheets.
func Merge(t *schema.Template, a *schema.Answers, sheets []*Returned, opt MergeOptions) (*Result, error) {
	res := &Result{}
	var errs []error
	byField := map[string][]returned{}
	var order []string
	var invalid []Change
	for _, s := range sheets {
		vals, bad, err := sheetValues(t, s, opt, res)
		invalid = append(invalid, bad...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, v := range vals {
			if _, seen := byField[v.id]; !seen {
				order = append(order, v.id)
			}
			byField[v.id] = append(byField[v.id], v.returned)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// template order, so the table reads like the sheets
	pos := map[string]int{}
	for i, f := range t.Fields() {
		pos[f.ID] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return pos[order[i]] < pos[order[j]] })
	for _, id := range order {
		f := t.Field(id)
		c := Change{Field: f}
		c.Old, _ = a.Get(id)
		bad := false
		for _, v := range byField[id] {
			raw, err := normalize(f, v.raw)
			if err != nil {
				invalid = append(invalid, Change{Status: Invalid, Field: f, New: v.raw, From: []Origin{v.origin}, Why: err.Error()})
				bad = true
				continue
			}
			c.From = append(c.From, v.origin)
			c.Values = append(c.Values, raw)
		}
		if bad {
			continue
		}
		c.New = c.Values[0]
		old, err := normalize(f, c.Old)
		if err != nil {
			old = c.Old
		}
		switch {
		case !allSame(f, c.Values):
			c.Status = Conflict
		case c.Old.IsEmpty():
			c.Status = New
		case sameValue(f, old, c.New):
			c.Status = Same
		default:
			c.Status = Changed
		}
		if c.Status != Conflict {
			c.Values = nil
		}
		res.Changes = append(res.Changes, c)
	}
	res.Changes = append(res.Changes, invalid...)
	// what asks for a decision first, what is already there last
	sort.SliceStable(res.Changes, func(i, j int) bool {
		return statusRank[res.Changes[i].Status] < statusRank[res.Changes[j].Status]
	})
	return res, nil
}

var statusRank = map[Status]int{New: 0, Changed: 1, Conflict: 2, Invalid: 3, Same: 4}

// normalize parses an answer as the wizard would, and writes a quantity
// as it parsed it: full-width digits made plain, a trailing unit
// dropped (３００余家 → 300余).
func normalize(f *schema.Field, r schema.Raw) (schema.Raw, error) {
	v, err := schema.ParseValue(f, r)
	if err != nil {
		return r, err
	}
	if f.Type.Numeric() && v.State == schema.Set {
		return schema.Raw{Text: v.Text}, nil
	}
	return r, nil
}

func allSame(f *schema.Field, vals []schema.Raw) bool {
	for _, v := range vals[1:] {
		if !sameValue(f, v, vals[0]) {
			return false
		}
	}
	return true
}

// sameValue: the same answer, or the same exact number written two ways
// (89.80 in the answers comes back from a number cell as 89.8).
func sameValue(f *schema.Field, x, y schema.Raw) bool {
	if sameAnswer(x, y) {
		return true
	}
	if !f.Type.Numeric() {
		return false
	}
	vx, err1 := schema.ParseValue(f, x)
	vy, err2 := schema.ParseValue(f, y)
	return err1 == nil && err2 == nil && vx.State == schema.Set && vy.State == schema.Set &&
		vx.Num.Exact() && vy.Num.Exact() && vx.Num.Value == vy.Num.Value
}

// sameAnswer compares two answers as written, spaces around aside.
func sameAnswer(x, y schema.Raw) bool {
	if x.IsList || y.IsList {
		return slices.Equal(listItems(x), listItems(y))
	}
	return strings.TrimSpace(x.Text) == strings.TrimSpace(y.Text)
}

type fieldValue struct {
	id string
	returned
}

// sheetValues checks one returned sheet against the template and returns
// its values by field. Rows that say nothing are skipped; rows that
// cannot be told apart become invalid changes in res.
func sheetValues(t *schema.Template, s *Returned, opt MergeOptions, res *Result) (out []fieldValue, invalid []Change, err error) {
	file := filepath.Base(s.Path)
	fail := func(format string, args ...any) ([]fieldValue, []Change, error) {
		return nil, nil, readErr(s.Path, format, args...)
	}
	switch {
	case s.Template != t.ID && !opt.Matching:
		return fail("这是模板“%s”的报送表，现在的模板是“%s”（%s）。确实要收，加 --matching 只合并对得上的项目", s.Template, t.ID, t.Name)
	case s.Version != t.Version && !opt.Matching:
		return fail("这是按模板第 %d 版做的报送表，模板现在是第 %d 版。请重新发表；或者加 --matching 只合并仍然对得上的项目", s.Version, t.Version)
	case len(s.Merged) > 0:
		return fail("%s 合并了单元格：合并后只留下第一格，别的行的值和隐藏的编号丢了。请取消合并、核对后再收", strings.Join(s.Merged, "、"))
	}
	found := map[itemKey]bool{}
	for _, r := range s.Rows {
		if r.ID != "" {
			found[itemKey{r.ID, r.Item}] = true
		}
	}
	var deleted []Expected
	labels := map[string]bool{}
	for _, e := range s.Expected {
		if !found[itemKey{e.ID, e.Item}] {
			deleted = append(deleted, e)
			labels[e.Label] = true
		}
	}
	// a row that lost its id but still has its label: the hidden column
	// was cleared (or pasted over), and rows can no longer be told apart
	var cleared []string
	for _, r := range s.Rows {
		if r.ID == "" && r.Label != "" && labels[r.Label] {
			cleared = append(cleared, strconv.Itoa(r.N))
		}
	}
	if len(cleared) > 0 {
		return fail("第 %s 行隐藏的“字段编号”被清空或改动了，分不清这些行是哪一项。请用当初发出的报送表重新填写（不要整列复制粘贴）", clipList(cleared, 8))
	}
	if len(deleted) > 0 {
		var names []string
		for _, d := range deleted {
			names = append(names, d.Label)
		}
		res.Notes = append(res.Notes, fmt.Sprintf("%s 删掉了 %d 行：%s（这些项目没有收到数）", file, len(deleted), clipList(names, 5)))
	}

	seen := map[itemKey]Row{}
	lists := map[string][]Row{}
	var listOrder []string
	skipped := map[string]bool{}
	for _, r := range s.Rows {
		origin := Origin{Office: s.Office, File: file, Cell: r.Value.Ref}
		if r.ID == "" {
			if r.Value.Kind != Empty {
				invalid = append(invalid, Change{Status: Invalid, From: []Origin{origin},
					Why: "这一行是插入的，没有隐藏的字段编号，不知道填的是哪一项；请填到原有的行里"})
			}
			continue
		}
		f := t.Field(r.ID)
		if f == nil || f.Computed() || f.Part == nil {
			if !skipped[r.ID] && r.Value.Kind != Empty {
				skipped[r.ID] = true
				res.Notes = append(res.Notes, fmt.Sprintf("%s 的“%s”（%s）在模板“%s”中已经没有了，没有合并", file, r.Label, r.Value.Ref, t.Name))
			}
			continue
		}
		k := itemKey{r.ID, r.Item}
		if prev, dup := seen[k]; dup {
			if r.Value.Kind != Empty || prev.Value.Kind != Empty {
				invalid = append(invalid, Change{Status: Invalid, Field: f, From: []Origin{origin},
					Why: fmt.Sprintf("和第 %d 行是同一项（行被复制过），这一行没有采用", prev.N)})
			}
			continue
		}
		seen[k] = r
		if f.Type == schema.List {
			if _, ok := lists[r.ID]; !ok {
				listOrder = append(listOrder, r.ID)
			}
			lists[r.ID] = append(lists[r.ID], r)
			continue
		}
		if r.Value.Kind == Empty {
			continue
		}
		text, err := cellText(f, r.Value)
		if err != nil {
			invalid = append(invalid, Change{Status: Invalid, Field: f, New: schema.Raw{Text: r.Value.Text}, From: []Origin{origin}, Why: err.Error()})
			continue
		}
		out = append(out, fieldValue{r.ID, returned{schema.Raw{Text: text}, origin}})
	}
	for _, id := range listOrder {
		rows := lists[id]
		// items in the order written, whatever order the rows are in now
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Item < rows[j].Item })
		v := schema.Raw{IsList: true}
		var origin Origin
		for _, r := range rows {
			if r.Value.Kind == Empty {
				continue
			}
			if origin.Cell == "" {
				origin = Origin{Office: s.Office, File: file, Cell: r.Value.Ref}
			}
			text, _ := cellText(t.Field(id), r.Value)
			v.List = append(v.List, listItems(schema.Raw{Text: text})...)
		}
		if len(v.List) == 1 && v.List[0] == schema.NotApplicable {
			v = schema.Raw{Text: schema.NotApplicable}
		}
		if len(v.List) > 0 || v.Text != "" {
			out = append(out, fieldValue{id, returned{v, origin}})
		}
	}
	return out, invalid, nil
}

type itemKey struct {
	id   string
	item int
}

func clipList(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "、")
	}
	return strings.Join(items[:n], "、") + fmt.Sprintf("等 %d 个", len(items))
}

// cellText is a cell's value as the clerk would have typed it: a
// percentage shown as 95.5% (stored 0.955) is 95.5, a date stored as a
// serial number is 2024-07-15, a number is written without float noise.
func cellText(f *schema.Field, c Cell) (string, error) {
	switch c.Kind {
	case Failed:
		return "", fmt.Errorf("公式出错（%s），没有数", c.Text)
	case Boolean:
		if c.Text == "1" || strings.EqualFold(c.Text, "true") {
			return "是", nil
		}
		return "否", nil
	case Text:
		return strings.TrimSpace(c.Text), nil
	}
	switch {
	case f.Type == schema.Date || c.Date && !f.Type.Numeric():
		if c.Num < 1 || c.Num > 2958465 { // Excel's dates end in 9999
			return "", fmt.Errorf("%s 不是日期", c.Text)
		}
		d := excelEpoch.Add(time.Duration(math.Floor(c.Num)) * 24 * time.Hour)
		return d.Format("2006-01-02"), nil
	case c.Date:
		// a number turned into a date as typed (3/5 → 3月5日)
		return "", fmt.Errorf("这一格被表格当成了日期（%s），应填数字：请把单元格格式改为“常规”后重填", excelEpoch.Add(time.Duration(c.Num)*24*time.Hour).Format("2006-01-02"))
	case c.Percent:
		return plainNumber(c.Num * 100), nil
	}
	return plainNumber(c.Num), nil
}

// plainNumber writes x in as few digits as say it, rounding away the
// float noise of binary fractions (0.955*100 = 95.49999999999999).
func plainNumber(x float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// Take puts one change into the answers, noting where it came from: a
// new value always, a changed one only when overwrite is set. It
// reports whether it did.
func Take(a *schema.Answers, c Change, overwrite bool, today time.Time) bool {
	if c.Status != New && !(c.Status == Changed && overwrite) {
		return false
	}
	a.Set(c.Field.ID, c.New)
	o := c.From[0]
	a.SetSource(c.Field.ID, schema.Source{From: o.Office, File: o.File, Date: today})
	return true
}

// Apply takes every change it may (see Take) and returns how many.
func (r *Result) Apply(a *schema.Answers, overwrite bool, today time.Time) int {
	n := 0
	for _, c := range r.Changes {
		if Take(a, c, overwrite, today) {
			n++
		}
	}
	return n
}
