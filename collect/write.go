package collect

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/clipperhouse/displaywidth"
	"github.com/xuri/excelize/v2"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/schema"
)

// The workbook's sheets: what is asked, the figures, and (very hidden)
// which template and rows the sheet was made for.
const (
	infoSheet = "填表说明"
	dataSheet = "数据"
	metaSheet = "nigao"
)

// Columns of the figures sheet. The last two are hidden: they say which
// field (and which item of a list) each row is, so sorting or moving rows
// breaks nothing.
var header = []string{"部分", "项目", "单位", "上年", "本期", "说明", "字段编号", "条目"}

const (
	colPart = iota + 1
	colLabel
	colUnit
	colPrev
	colValue
	colNote
	colID
	colItem
)

var colWidths = []float64{26, 34, 6, 20, 24, 26, 10, 5}

// Options say what goes on the sheets besides the template.
type Options struct {
	Answers  *schema.Answers // what is already filled in (本期); may be nil
	Previous *schema.Answers // last period's answers (上年); may be nil
	Due      time.Time       // when the sheets are due back; zero: not said
	To       string          // who they go back to; default the answers' 单位
	Today    time.Time       // the day the sheets are made
	// Report is the report the sheets are for (2024年上半年工作总结);
	// "": ReportName of the answers. WriteDir works it out once for all
	// the sheets: it takes rendering the title.
	Report string
}

// A row of the figures sheet: a field, or one item of a list field.
type row struct {
	f     *schema.Field
	item  int // 1-based for a list's items, else 0
	part  string
	label string
	prev  string
	cur   string
	note  string
}

// minListRows is how many rows a list field gets at least: room to add
// items without inserting rows.
const minListRows = 5

// sheetRows lays out the rows of s.
func sheetRows(t *schema.Template, s Sheet, opt Options) []row {
	vs := t.Evaluate(opt.Answers)
	var out []row
	for _, f := range s.Fields {
		part := headingText(f.Part, vs)
		note := f.Help
		if f.Example != "" {
			note = joinNonEmpty("；", note, "例："+f.Example)
		}
		cur, prev := raw(opt.Answers, f.ID), raw(opt.Previous, f.ID)
		if f.Type != schema.List {
			out = append(out, row{f: f, part: part, label: f.Label, prev: rawText(prev), cur: rawText(cur), note: note})
			continue
		}
		ci, pi := listItems(cur), listItems(prev)
		n := max(minListRows, len(ci)+3, len(pi))
		for i := range n {
			r := row{f: f, item: i + 1, part: part, label: fmt.Sprintf("%s（第%d条）", f.Label, i+1)}
			if i < len(ci) {
				r.cur = ci[i]
			}
			if i < len(pi) {
				r.prev = pi[i]
			}
			if i == 0 {
				r.note = joinNonEmpty("；", "每行写一条", note)
			}
			out = append(out, r)
		}
	}
	return out
}

func raw(a *schema.Answers, id string) schema.Raw {
	if a == nil {
		return schema.Raw{}
	}
	r, _ := a.Get(id)
	return r
}

func rawText(r schema.Raw) string {
	if r.IsList {
		return strings.Join(r.List, "\n")
	}
	return strings.TrimSpace(r.Text)
}

func listItems(r schema.Raw) []string {
	items := r.List
	if !r.IsList {
		items = strings.Split(r.Text, "\n")
	}
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// headingText is the first heading of p or of its nearest part that has
// one, with the figures it mentions (usually {年度}) filled in.
func headingText(p *schema.Part, vs *schema.Values) string {
	for ; p != nil; p = p.Parent {
		if len(p.Headings) == 0 {
			continue
		}
		var b strings.Builder
		for _, s := range p.Headings[0].Segs {
			switch {
			case s.Slot == nil:
				b.WriteString(s.Text)
			case s.Slot.Field != nil && vs.Value(s.Slot.Field.ID).State == schema.Set:
				b.WriteString(vs.Value(s.Slot.Field.ID).Text)
			default:
				b.WriteString("【" + s.Slot.Src + "】")
			}
		}
		return b.String()
	}
	return ""
}

// Write writes the collection sheet of one office as .xlsx.
func Write(w io.Writer, t *schema.Template, s Sheet, opt Options) error {
	if opt.Report == "" {
		opt.Report = ReportName(t, opt.Answers)
	}
	x := excelize.NewFile()
	defer x.Close()
	b := &book{x: x}
	if err := b.styles(); err != nil {
		return err
	}
	rows := sheetRows(t, s, opt)
	if err := b.info(t, s, opt, rows); err != nil {
		return err
	}
	if err := b.data(s, rows); err != nil {
		return err
	}
	if err := b.meta(t, s, opt, rows); err != nil {
		return err
	}
	if err := x.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
		return err
	}
	if err := x.SetDocProps(&excelize.DocProperties{
		Title:   s.Office + "报送表",
		Subject: opt.Report,
		Creator: "nigao",
	}); err != nil {
		return err
	}
	if err := b.err; err != nil {
		return fmt.Errorf("生成报送表: %w", err)
	}
	_, err := x.WriteTo(w)
	return err
}

// book writes one workbook; the first error sticks, so the many small
// calls read as a list.
type book struct {
	x   *excelize.File
	err error

	title, label, para, head, part, text, figure, input, inputDate, prevDate, hidden int
}

func (b *book) check(err error) {
	if b.err == nil {
		b.err = err
	}
}

func (b *book) style(s *excelize.Style) int {
	id, err := b.x.NewStyle(s)
	b.check(err)
	return id
}

var thin = []excelize.Border{
	{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
	{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
}

const dateFormat = `yyyy"年"m"月"d"日"`

func (b *book) styles() error {
	font := &excelize.Font{Family: "宋体", Size: 11}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	b.title = b.style(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 16, Bold: true}})
	b.label = b.style(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 11}, Alignment: &excelize.Alignment{Vertical: "top"}})
	b.para = b.style(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.head = b.style(&excelize.Style{
		Font: &excelize.Font{Family: "黑体", Size: 11}, Border: thin,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	cell := excelize.Style{Font: font, Border: thin, Alignment: wrap}
	b.text = b.style(&cell)
	// the part repeats row after row (so sorting keeps it): smaller, grey
	b.part = b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: partFontSize, Color: "595959"}, Border: thin, Alignment: wrap})
	// figures are left-aligned like the words around them (300余, 不适用)
	cell.Alignment = &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	b.figure = b.style(&cell)
	date := cell
	date.CustomNumFmt = ptr(dateFormat)
	b.prevDate = b.style(&date)
	in := cell
	in.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	in.Protection = &excelize.Protection{Locked: false}
	b.input = b.style(&in)
	in.CustomNumFmt = ptr(dateFormat)
	b.inputDate = b.style(&in)
	b.hidden = b.style(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 9, Color: "808080"}})
	return b.err
}

func ptr[T any](v T) *T { return &v }

func (b *book) set(sheet string, col, r int, v any, style int) {
	ref, err := excelize.CoordinatesToCellName(col, r)
	if err != nil {
		b.check(err)
		return
	}
	if style != 0 {
		b.check(b.x.SetCellStyle(sheet, ref, ref, style))
	}
	if v != nil && v != "" {
		b.check(b.x.SetCellValue(sheet, ref, v))
	}
}

// info writes the first sheet: what is asked, by when, to whom.
func (b *book) info(t *schema.Template, s Sheet, opt Options, rows []row) error {
	x := b.x
	b.check(x.SetSheetName("Sheet1", infoSheet))
	report := opt.Report
	unit := rawText(raw(opt.Answers, "单位"))
	to := opt.To
	if to == "" {
		to = unit
	}
	if to == "" {
		to = "（见通知）"
	}
	due := "请尽快"
	if !opt.Due.IsZero() {
		due = fmt.Sprintf("%d年%d月%d日前", opt.Due.Year(), opt.Due.Month(), opt.Due.Day())
	}
	filled := 0
	for _, r := range rows {
		if r.cur != "" {
			filled++
		}
	}
	asked := fmt.Sprintf("“%s”表中黄色的“本期”一列，共 %d 项", dataSheet, len(s.Fields))
	if filled > 0 {
		asked += fmt.Sprintf("（已经填了 %d 格，请核对）", filled)
	}
	lines := [][2]string{
		{"报告", strings.TrimSpace(unit + report)},
		{"请填写", asked},
		{"报送时间", due},
		{"报送给", to},
		{"怎么填", "数字照平时的写法：126、300余、近300、1.2万都可以；百分数填 95.5 或 95.5%；日期填 2024-07-15 或 2024年7月15日。" +
			"没有这项工作的填“不适用”；暂时没有数字的留空。“上年”一列是去年同期的数，供参考。"},
		{"请注意", "只改“本期”一列；不要插入、删除行或列，不要改表名。表格只锁住了不用填的格子，没有密码。"},
		{"填好以后", "直接保存（.xlsx 格式，不要另存为 .xls），文件名不用改，发回即可。"},
		{"模板", fmt.Sprintf("%s（%s，第 %d 版）；%s生成", t.Name, t.ID, t.Version, dateText(opt.Today))},
	}
	b.check(x.SetColWidth(infoSheet, "A", "A", 12))
	b.check(x.SetColWidth(infoSheet, "B", "B", infoWidth))
	b.set(infoSheet, 1, 1, s.Office+"报送表", b.title)
	b.check(x.SetRowHeight(infoSheet, 1, 30))
	for i, l := range lines {
		r := i + 3
		b.set(infoSheet, 1, r, l[0], b.label)
		b.set(infoSheet, 2, r, l[1], b.para)
		b.check(x.SetRowHeight(infoSheet, r, lineHeight*float64(wrappedLines(l[1], infoWidth))+6))
	}
	b.printSetup(infoSheet, "portrait", s.Office+"报送表")
	b.check(x.ProtectSheet(infoSheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true}))
	return b.err
}

// infoWidth is the width of the text column of the first sheet.
const infoWidth = 80

// partFontSize is the size of the 部分 column's text.
const partFontSize = 9

// lineHeight is the height in points of a line of 11-point text.
const lineHeight = 14.5

// wrappedLines estimates how many lines text takes in a column of the
// given width (in widths of a digit, the unit of column widths; a Chinese
// character takes about two).
func wrappedLines(text string, width float64) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(float64(displaywidth.String(l))/(width-1))))
	}
	return n
}

func dateText(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
}

// data writes the figures sheet.
func (b *book) data(s Sheet, rows []row) error {
	x := b.x
	_, err := x.NewSheet(dataSheet)
	b.check(err)
	for i, h := range header {
		b.set(dataSheet, i+1, 1, h, b.head)
		col, _ := excelize.ColumnNumberToName(i + 1)
		b.check(x.SetColWidth(dataSheet, col, col, colWidths[i]))
	}
	b.check(x.SetColVisible(dataSheet, "G:H", false))
	b.check(x.SetRowHeight(dataSheet, 1, 20))
	for i, r := range rows {
		n := i + 2
		b.set(dataSheet, colPart, n, r.part, b.part)
		b.set(dataSheet, colLabel, n, r.label, b.text)
		b.set(dataSheet, colUnit, n, r.f.Unit, b.text)
		prevStyle, inStyle := b.figure, b.input
		if r.f.Type == schema.Date {
			prevStyle, inStyle = b.prevDate, b.inputDate
		}
		b.set(dataSheet, colPrev, n, cellValue(r.f, r.prev), prevStyle)
		b.set(dataSheet, colValue, n, cellValue(r.f, r.cur), inStyle)
		b.set(dataSheet, colNote, n, r.note, b.text)
		b.set(dataSheet, colID, n, r.f.ID, b.hidden)
		if r.item > 0 {
			b.set(dataSheet, colItem, n, r.item, b.hidden)
		}
		lines := 1
		for c, text := range []string{r.part, r.label, r.f.Unit, r.prev, r.cur, r.note} {
			w := colWidths[c]
			if c == colPart-1 {
				w *= 11.0 / partFontSize // in widths of an 11-point digit
			}
			lines = max(lines, wrappedLines(text, w))
		}
		if r.f.Type == schema.TextArea {
			lines = max(lines, 4)
		}
		// Rows do not grow to wrapped text by themselves in every
		// program (LibreOffice keeps the default height).
		b.check(x.SetRowHeight(dataSheet, n, lineHeight*float64(lines)+4))
		ref, _ := excelize.CoordinatesToCellName(colValue, n)
		dv, err := validation(r.f, ref)
		b.check(err)
		b.check(x.AddDataValidation(dataSheet, dv))
	}
	b.check(x.SetPanes(dataSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	b.check(x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + dataSheet + "'!$1:$1", Scope: dataSheet}))
	b.printSetup(dataSheet, "landscape", s.Office+"报送表")
	b.check(x.ProtectSheet(dataSheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
	return b.err
}

// printSetup makes a sheet print on A4, one page wide, with the office
// and page numbers in the margins.
func (b *book) printSetup(sheet, orientation, title string) {
	b.check(b.x.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr(orientation), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}))
	b.check(b.x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	b.check(b.x.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Top: ptr(0.75), Bottom: ptr(0.75), Left: ptr(0.6), Right: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
	}))
	b.check(b.x.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C" + strings.ReplaceAll(title, "&", "&&"),
		OddFooter: "&C第 &P 页，共 &N 页",
	}))
}

// cellValue is what a cell holds for an answer: a number for a plain
// number (so spreadsheets do not flag numbers stored as text), a date
// for a date, else the text as written (300余, 不适用).
func cellValue(f *schema.Field, text string) any {
	if text == "" {
		return nil
	}
	if f.Type.Numeric() {
		if v, err := strconv.ParseFloat(text, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return v
		}
	}
	if f.Type == schema.Date {
		if d, err := schema.ParseDate(text); err == nil {
			return d
		}
	}
	return clip(text, 32000) // a cell holds 32,767 characters
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// clipUTF16 cuts s to n UTF-16 units, the measure of Excel's limits on
// validation titles (32) and messages (255).
func clipUTF16(s string, n int) string {
	u := utf16.Encode([]rune(s))
	if len(u) <= n {
		return s
	}
	return string(utf16.Decode(u[:n-1])) + "…"
}

// Range of serial dates the date validation allows: the years a report
// can be about (schema.IsYear).
var (
	firstDate = excelSerial(time.Date(1949, 1, 1, 0, 0, 0, 0, time.UTC))
	lastDate  = excelSerial(time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC))
)

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func excelSerial(d time.Time) int { return int(d.Sub(excelEpoch).Hours() / 24) }

// validation is the data validation of a 本期 cell: by the field's type,
// with an input message saying what to write. Its alert is a warning,
// not a stop: 300余 and 不适用 are good answers a whole-number rule
// does not know.
func validation(f *schema.Field, ref string) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	var err error
	dv.SetSqref(ref)
	lo, hi := -1e12, 1e12
	if f.Min != nil {
		lo = *f.Min
	}
	if f.Max != nil {
		hi = *f.Max
	}
	what := ""
	switch f.Type {
	case schema.Integer:
		what = "整数"
		err = dv.SetRange(int(math.Ceil(lo)), int(math.Floor(hi)), excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case schema.Number, schema.Money:
		what = "数字"
		err = dv.SetRange(lo, hi, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case schema.Percent:
		// 95.5 typed, or 95.5% (stored as 0.955): bounds would judge one
		// of the two wrongly, so they are only said in the message
		what = "百分数"
		err = dv.SetRange(-1e12, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	case schema.Year:
		what = "年份"
		err = dv.SetRange(1949, 2200, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case schema.Date:
		what = "日期"
		err = dv.SetRange(firstDate, lastDate, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
	case schema.Choice, schema.Bool:
		what = "下拉列表中的一项"
		choices := f.Choices
		if f.Type == schema.Bool {
			choices = []string{"是", "否"}
		}
		if dv.SetDropList(choices) != nil { // over 255 characters: the message lists them
			dv.Type = "none"
		}
	default:
		dv.Type = "none"
	}
	dv.SetInput(clipUTF16(f.Label, 32), clipUTF16(inputMessage(f), 255))
	if what != "" {
		dv.SetError(excelize.DataValidationErrorStyleWarning, "请核对",
			clipUTF16("这一格应填"+what+"。约数（如“300余”）和“不适用”也可以，选“是”保留。", 255))
	}
	return dv, err
}

// typeHints begin the input message of a 本期 cell, by field type.
var typeHints = map[schema.FieldType]string{
	schema.Integer:  "填整数{单位}。约数照写：300余、近300。",
	schema.Number:   "填数字{单位}。可以写 1.2万、约300。",
	schema.Money:    "填金额{单位}。可以写 1.2万、约300。",
	schema.Percent:  "填百分数：95.5 或 95.5%。",
	schema.Year:     "填年份，例如 2024。",
	schema.Date:     "填日期：2024-07-15 或 2024年7月15日。",
	schema.Choice:   "从下拉列表中选：",
	schema.Bool:     "选“是”或“否”。",
	schema.List:     "每行写一条，一句话。行不够时，可以在一格里按 Alt+Enter 换行接着写。",
	schema.TextArea: "写一段文字；按 Alt+Enter 换行。",
}

func unitHint(unit string) string {
	if unit == "" {
		return ""
	}
	return "，单位：" + unit
}

// inputMessage says what to write in a 本期 cell.
func inputMessage(f *schema.Field) string {
	msg, ok := typeHints[f.Type]
	if !ok {
		msg = "写一句话。"
	}
	msg = strings.ReplaceAll(msg, "{单位}", unitHint(f.Unit))
	if f.Type == schema.Choice {
		msg += strings.Join(f.Choices, "、") + "。"
	}
	if f.Min != nil || f.Max != nil {
		var r []string
		if f.Min != nil {
			r = append(r, "不小于 "+strconv.FormatFloat(*f.Min, 'f', -1, 64))
		}
		if f.Max != nil {
			r = append(r, "不大于 "+strconv.FormatFloat(*f.Max, 'f', -1, 64))
		}
		msg += strings.Join(r, "、") + "。"
	}
	if f.Type != schema.List {
		msg += "没有这项工作填“不适用”。"
	}
	if f.Help != "" {
		msg += f.Help + "。"
	}
	return msg
}

// meta writes the very hidden sheet: the template, its version, the
// office, and each row's field, so a returned sheet can be checked and
// rows deleted from it named.
func (b *book) meta(t *schema.Template, s Sheet, opt Options, rows []row) error {
	x := b.x
	_, err := x.NewSheet(metaSheet)
	b.check(err)
	head := [][2]any{
		{"nigao 报送表", "这张表由 nigao 生成，用来核对收回的报送表，请勿改动"},
		{"模板", t.ID},
		{"版本", t.Version},
		{"部门", s.Office},
		{"生成", dateText(opt.Today)},
	}
	for i, h := range head {
		b.set(metaSheet, 1, i+1, h[0], 0)
		b.set(metaSheet, 2, i+1, h[1], 0)
	}
	b.set(metaSheet, 1, metaRowsAt-1, "字段编号", 0)
	b.set(metaSheet, 2, metaRowsAt-1, "条目", 0)
	b.set(metaSheet, 3, metaRowsAt-1, "项目", 0)
	for i, r := range rows {
		b.set(metaSheet, 1, metaRowsAt+i, r.f.ID, 0)
		if r.item > 0 {
			b.set(metaSheet, 2, metaRowsAt+i, r.item, 0)
		}
		b.set(metaSheet, 3, metaRowsAt+i, r.label, 0)
	}
	b.check(x.SetSheetVisible(metaSheet, false, true))
	b.check(x.ProtectSheet(metaSheet, &excelize.SheetProtectionOptions{}))
	x.SetActiveSheet(0)
	return b.err
}

// metaRowsAt is the first row of the list of fields on the hidden sheet.
const metaRowsAt = 8

// ExistError is sheets already in the folder: WriteDir replaces them
// only when told to.
type ExistError struct {
	Dir   string
	Files []string // base names
}

func (e *ExistError) Error() string {
	return fmt.Sprintf("%s 中已经有 %s：可能是已经收回的表。换一个目录，或加 --overwrite 覆盖", e.Dir, strings.Join(e.Files, "、"))
}

// WriteDir writes the sheets of the named offices (every office when
// none is named) into dir, creating it. A sheet already there (it may be
// one returned) is replaced only with overwrite; without it, nothing is
// written and the error is an *ExistError. It returns the paths written.
func WriteDir(dir string, t *schema.Template, offices []string, overwrite bool, opt Options) ([]string, error) {
	all := Sheets(t, opt.Answers)
	sheets := all
	if len(offices) > 0 {
		sheets = nil
		for _, o := range offices {
			i := slices.IndexFunc(all, func(s Sheet) bool { return s.Office == o })
			if i < 0 {
				names := make([]string, len(all))
				for j, s := range all {
					names[j] = s.Office
				}
				return nil, fmt.Errorf("模板“%s”中没有部门“%s”（有：%s）", t.Name, o, strings.Join(names, "、"))
			}
			sheets = append(sheets, all[i])
		}
	}
	if len(sheets) == 0 {
		return nil, fmt.Errorf("模板“%s”没有要收集的数字", t.Name)
	}
	if opt.Report == "" {
		opt.Report = ReportName(t, opt.Answers)
	}
	paths := make([]string, len(sheets))
	var exist []string
	for i, s := range sheets {
		paths[i] = filepath.Join(dir, FileName(s.Office, opt.Report))
		if _, err := os.Lstat(paths[i]); err == nil {
			exist = append(exist, filepath.Base(paths[i]))
		}
	}
	if len(exist) > 0 && !overwrite {
		return nil, &ExistError{Dir: dir, Files: exist}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("创建目录: %w", err)
	}
	for i, s := range sheets {
		err := atomicfile.Write(paths[i], 0o644, func(w io.Writer) error { return Write(w, t, s, opt) })
		if err != nil {
			return paths[:i], err
		}
	}
	return paths, nil
}
