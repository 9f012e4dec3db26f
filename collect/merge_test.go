package collect

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nigao/nigao/schema"
)

// edit changes a written sheet with excelize, as a clerk's spreadsheet
// program would, and saves it under a new name.
func edit(t *testing.T, p, name string, fn func(x *excelize.File)) string {
	t.Helper()
	x, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fn(x)
	out := filepath.Join(t.TempDir(), name)
	if err := x.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// rowOf finds the row of a field (or list item) in a sheet.
func rowOf(t *testing.T, p, id string, item int) int {
	t.Helper()
	for _, r := range mustRead(t, p).Rows {
		if r.ID == id && r.Item == item {
			return r.N
		}
	}
	t.Fatalf("%s has no row for %s", p, id)
	return 0
}

func setValue(t *testing.T, x *excelize.File, n int, v any) {
	t.Helper()
	ref, _ := excelize.CoordinatesToCellName(colValue, n)
	if err := x.SetCellValue(dataSheet, ref, v); err != nil {
		t.Fatal(err)
	}
}

// safety is the 安监站 sheet of township-halfyear, made from answers
// that have 发现隐患 = 65 and nothing for 检查企业.
func safety(t *testing.T) (*schema.Template, *schema.Answers, string) {
	t.Helper()
	tpl, a := builtin(t, "township-halfyear")
	a.Delete("检查企业")
	return tpl, a, sheetWith(t, writeSheets(t, tpl, Options{Answers: a}), "检查企业")
}

func merge(t *testing.T, tpl *schema.Template, a *schema.Answers, opt MergeOptions, paths ...string) (*Result, error) {
	t.Helper()
	var rs []*Returned
	for _, p := range paths {
		rs = append(rs, mustRead(t, p))
	}
	return Merge(tpl, a, rs, opt)
}

func find(res *Result, id string) *Change {
	for i, c := range res.Changes {
		if c.Field != nil && c.Field.ID == id {
			return &res.Changes[i]
		}
	}
	return nil
}

// TestConflict: two sheets give one field two values: neither is taken;
// the same value from both is no conflict.
func TestConflict(t *testing.T) {
	tpl, a, p := safety(t)
	one := edit(t, p, "甲.xlsx", func(x *excelize.File) {
		setValue(t, x, rowOf(t, p, "检查企业", 0), 120)
		setValue(t, x, rowOf(t, p, "打非治违", 0), 7)
	})
	two := edit(t, p, "乙.xlsx", func(x *excelize.File) {
		setValue(t, x, rowOf(t, p, "检查企业", 0), "125")
		setValue(t, x, rowOf(t, p, "打非治违", 0), "7次")
	})
	res, err := merge(t, tpl, a, MergeOptions{}, one, two)
	if err != nil {
		t.Fatal(err)
	}
	c := find(res, "检查企业")
	if c == nil || c.Status != Conflict || len(c.From) != 2 || c.Values[0].Text != "120" || c.Values[1].Text != "125" {
		t.Fatalf("检查企业: %+v", c)
	}
	if c := find(res, "打非治违"); c == nil || c.Status != Changed || c.New.Text != "7" || len(c.From) != 2 {
		t.Errorf("打非治违 (7 and 7次, answers 5): %+v", c)
	}
	var b strings.Builder
	res.WriteTable(&b, false)
	if !regexp.MustCompile(`冲突\s+检查企业（场所）\s+安监站 120家；安监站 125家\s+甲.xlsx!E\d+、乙.xlsx!E\d+（不一致，都未采用）`).MatchString(b.String()) {
		t.Errorf("table:\n%s", b.String())
	}
	res.Apply(a, true, day)
	if r, ok := a.Get("检查企业"); ok && !r.IsEmpty() {
		t.Errorf("a conflicting value was taken: %+v", r)
	}
}

// TestOverwriteGuard: a value the clerk has entered is changed only
// with overwrite; new values are taken either way, and where they came
// from is noted.
func TestOverwriteGuard(t *testing.T) {
	tpl, a, p := safety(t)
	filled := edit(t, p, "安监站-报送表.xlsx", func(x *excelize.File) {
		setValue(t, x, rowOf(t, p, "检查企业", 0), 126)
		setValue(t, x, rowOf(t, p, "发现隐患", 0), "70余")
	})
	for _, overwrite := range []bool{false, true} {
		b := cloneAnswers(t, a)
		res, err := merge(t, tpl, b, MergeOptions{}, filled)
		if err != nil {
			t.Fatal(err)
		}
		if c := find(res, "发现隐患"); c == nil || c.Status != Changed || c.Old.Text != "65" || c.New.Text != "70余" {
			t.Fatalf("发现隐患: %+v", c)
		}
		if c := find(res, "整改隐患"); c == nil || c.Status != Same {
			t.Errorf("整改隐患, returned as sent: %+v", c)
		}
		taken := res.Apply(b, overwrite, day)
		got, _ := b.Get("发现隐患")
		want := map[bool]string{false: "65", true: "70余"}[overwrite]
		if got.Text != want || taken != map[bool]int{false: 1, true: 2}[overwrite] {
			t.Errorf("overwrite=%v: 发现隐患 = %q, %d taken", overwrite, got.Text, taken)
		}
		if r, _ := b.Get("检查企业"); r.Text != "126" {
			t.Errorf("overwrite=%v: new value not taken: %+v", overwrite, r)
		}
		if s, ok := b.Source("检查企业"); !ok || s.From != "安监站" || s.File != "安监站-报送表.xlsx" || !s.Date.Equal(day) {
			t.Errorf("source %+v", s)
		}
		if _, ok := b.Source("整改隐患"); ok {
			t.Error("an unchanged value got a source")
		}
	}
}

func cloneAnswers(t *testing.T, a *schema.Answers) *schema.Answers {
	t.Helper()
	src, err := a.Encode()
	if err != nil {
		t.Fatal(err)
	}
	b, err := schema.LoadAnswers("a.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRowsMovedInsertedDeleted: the hidden ids keep rows apart however
// they are moved; an inserted row with a value is invalid (file!cell:
// why), a deleted row is noted, a copied row is caught.
func TestRowsMovedInsertedDeleted(t *testing.T) {
	tpl, a, p := safety(t)
	n := rowOf(t, p, "检查企业", 0)
	del := rowOf(t, p, "执法案卷", 0)
	edited := edit(t, p, "改过.xlsx", func(x *excelize.File) {
		setValue(t, x, n, 126)
		setValue(t, x, rowOf(t, p, "打非治违", 0), "８次")
		if err := x.RemoveRow(dataSheet, del); err != nil { // rows below move up
			t.Fatal(err)
		}
		if err := x.InsertRows(dataSheet, 3, 1); err != nil {
			t.Fatal(err)
		}
		x.SetCellValue(dataSheet, "B3", "自己加的一项")
		x.SetCellValue(dataSheet, "E3", 99)
		// a row copied below the last: same hidden id, another value
		rows, _ := x.GetRows(dataSheet)
		last := len(rows) + 1
		x.SetCellValue(dataSheet, "B"+itoa(last), "检查企业（场所）")
		x.SetCellValue(dataSheet, "E"+itoa(last), 127)
		x.SetCellValue(dataSheet, "G"+itoa(last), "检查企业")
	})
	res, err := merge(t, tpl, a, MergeOptions{}, edited)
	if err != nil {
		t.Fatal(err)
	}
	if c := find(res, "检查企业"); c == nil || c.Status != New || c.New.Text != "126" || c.From[0].Cell != "E"+itoa(n+1) {
		t.Errorf("检查企业 (moved down a row): %+v", c)
	}
	if c := find(res, "打非治违"); c == nil || c.Status != Changed || c.New.Text != "8" {
		t.Errorf("打非治违 (８次): %+v", c)
	}
	var b strings.Builder
	res.WriteTable(&b, false)
	for _, want := range []string{
		"无效  （插入的行）", "改过.xlsx!E3：这一行是插入的",
		"改过.xlsx!E" + itoa(len(mustRead(t, edited).Rows)+1) + "：和第 " + itoa(n+1) + " 行是同一项",
		"注意：改过.xlsx 删掉了 1 行：制作行政执法案卷",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestBadSheets: every sheet that cannot be taken in is refused with a
// message naming the file and what to do, and nothing is merged.
func TestBadSheets(t *testing.T) {
	tpl, a, p := safety(t)
	other, _ := builtin(t, "township-annual")
	otherSheet := sheetWith(t, writeSheets(t, other, Options{}), "检查企业")
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		f := filepath.Join(dir, name)
		os.WriteFile(f, data, 0o644)
		return f
	}
	n := rowOf(t, p, "检查企业", 0)
	ole := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 1024)...)

	encrypted := filepath.Join(dir, "加密.xlsx")
	x, _ := excelize.OpenFile(p)
	if err := x.SaveAs(encrypted, excelize.Options{Password: "123"}); err != nil {
		t.Fatal(err)
	}
	x.Close()

	tests := []struct {
		name, path, want string
	}{
		{"another template", otherSheet, "这是模板“township-annual”的报送表，现在的模板是“township-halfyear”"},
		{"an older version", file("旧版.xlsx", rewrite(t, p, map[string]func([]byte) []byte{
			"xl/worksheets/sheet3.xml": func(b []byte) []byte {
				return regexp.MustCompile(`(<c r="B3"[^>]*><v>)2(</v>)`).ReplaceAll(b, []byte("${1}1${2}"))
			},
		})), "这是按模板第 1 版做的报送表，模板现在是第 2 版"},
		{"cleared ids", edit(t, p, "清空编号.xlsx", func(x *excelize.File) {
			rows, _ := x.GetRows(dataSheet)
			for i := 2; i <= len(rows); i++ {
				x.SetCellValue(dataSheet, "G"+itoa(i), nil)
			}
		}), "行隐藏的“字段编号”被清空或改动了"},
		{"merged cells", edit(t, p, "合并.xlsx", func(x *excelize.File) {
			x.MergeCell(dataSheet, "E"+itoa(n), "E"+itoa(n+2))
		}), "E" + itoa(n) + ":E" + itoa(n+2) + " 合并了单元格"},
		{"an old .xls", file("旧.xls", append(ole, utf16le("Workbook")...)), "这是旧版的 .xls 文件。请在 Excel 或 WPS 里打开，“另存为”Excel 工作簿（.xlsx）"},
		{"a password", encrypted, "文件设了打开密码"},
		{"text", file("数字.xlsx", []byte("检查企业,126\n")), "不是 Excel 表格（.xlsx）"},
		{"a Word file", file("总结.xlsx", zipOf(t, map[string]string{"word/document.xml": "<w:document/>"})), "这是 Word 文件"},
		{"no hidden sheet", file("自制.xlsx", rewrite(t, p, map[string]func([]byte) []byte{
			"xl/workbook.xml": func(b []byte) []byte {
				return regexp.MustCompile(`<sheet name="nigao"[^>]*></sheet>`).ReplaceAll(b, nil)
			},
		})), "不是 nigao 生成的报送表"},
		{"header gone", edit(t, p, "表头.xlsx", func(x *excelize.File) {
			x.SetCellValue(dataSheet, "G1", nil)
		}), "找不到填数的表"},
		{"a zip bomb", file("炸弹.xlsx", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": strings.Repeat(" ", maxPart+1)})), "解压后有 16 MB，不像是报送表（可能是“压缩炸弹”）"},
		{"a million rows", file("百万行.xlsx", rewrite(t, p, map[string]func([]byte) []byte{
			"xl/worksheets/sheet2.xml": func(b []byte) []byte {
				return bytes.Replace(b, []byte("</sheetData>"), bytes.Repeat([]byte("<row/>"), 1000000), 1)
			},
		})), "有 20000 行以上，不像是报送表"},
		{"cut short", file("半截.xlsx", func() []byte { d, _ := os.ReadFile(p); return d[:len(d)/2] }()), "文件已损坏"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Read(tt.path)
			if err == nil {
				_, err = Merge(tpl, a, []*Returned{r, mustRead(t, p)}, MergeOptions{})
			}
			var re *ReadError
			if !errors.As(err, &re) || filepath.Base(re.Path) != filepath.Base(tt.path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant %q about %s", err, tt.want, filepath.Base(tt.path))
			}
		})
	}
}

// TestMatching: with Matching, a sheet of another template gives the
// fields whose ids still match.
func TestMatching(t *testing.T) {
	tpl, a, _ := safety(t)
	other, _ := builtin(t, "township-annual")
	p := sheetWith(t, writeSheets(t, other, Options{}), "检查企业")
	filled := edit(t, p, "年度.xlsx", func(x *excelize.File) {
		setValue(t, x, rowOf(t, p, "检查企业", 0), 300)
	})
	res, err := merge(t, tpl, a, MergeOptions{Matching: true}, filled)
	if err != nil {
		t.Fatal(err)
	}
	if c := find(res, "检查企业"); c == nil || c.Status != New || c.New.Text != "300" {
		t.Errorf("检查企业: %+v", c)
	}
}

// zipOf makes a zip of the given parts.
func zipOf(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

// TestCellText: what a spreadsheet stores, read as the clerk meant it.
func TestCellText(t *testing.T) {
	field := func(ty schema.FieldType) *schema.Field { return &schema.Field{ID: "x", Type: ty} }
	tests := []struct {
		f    *schema.Field
		c    Cell
		want string
		err  string
	}{
		{field(schema.Percent), Cell{Kind: Number, Num: 0.955, Percent: true}, "95.5", ""},
		{field(schema.Percent), Cell{Kind: Number, Num: 95.5}, "95.5", ""},
		{field(schema.Percent), Cell{Kind: Number, Num: 0.1 + 0.2, Percent: true}, "30", ""},
		{field(schema.Date), Cell{Kind: Number, Num: 44742, Date: true}, "2022-06-30", ""},
		{field(schema.Date), Cell{Kind: Number, Num: 44742}, "2022-06-30", ""},
		{field(schema.Text), Cell{Kind: Number, Num: 44742, Date: true}, "2022-06-30", ""},
		{field(schema.Integer), Cell{Kind: Number, Num: 44625, Date: true}, "", "被表格当成了日期（2022-03-05）"},
		{field(schema.Integer), Cell{Kind: Number, Num: 1.2e4}, "12000", ""},
		{field(schema.Number), Cell{Kind: Number, Num: 3212.7000000000003}, "3212.7", ""},
		{field(schema.Bool), Cell{Kind: Boolean, Text: "1"}, "是", ""},
		{field(schema.Integer), Cell{Kind: Failed, Text: "#N/A"}, "", "公式出错（#N/A）"},
		{field(schema.Integer), Cell{Kind: Text, Text: " 300余 "}, "300余", ""},
	}
	for _, tt := range tests {
		got, err := cellText(tt.f, tt.c)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("cellText(%s, %+v) = %q, %v; want %q, %q", tt.f.Type, tt.c, got, err, tt.want, tt.err)
		}
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		id   int
		code string
		want cellFormat
	}{
		{9, "", cellFormat{percent: true}},
		{14, "", cellFormat{date: true}},
		{57, "", cellFormat{date: true}},
		{0, "", cellFormat{}},
		{164, "0.0%", cellFormat{percent: true}},
		{164, `yyyy"年"m"月"d"日"`, cellFormat{date: true}},
		{164, "[$-804]yyyy/m/d;@", cellFormat{date: true}},
		{164, `0.00"天"`, cellFormat{}},
		{164, `#,##0_);[Red](#,##0)`, cellFormat{}},
		{164, "General", cellFormat{}},
		{164, `0"%"`, cellFormat{}},
	}
	for _, tt := range tests {
		if got := formatOf(tt.id, tt.code); got != tt.want {
			t.Errorf("formatOf(%d, %q) = %+v, want %+v", tt.id, tt.code, got, tt.want)
		}
	}
}

// TestSameNumber: 89.80 in the answers comes back from a number cell as
// 89.8: the same, not a change, as 1.2万 and 12000 are; 300 and 300余
// are not.
func TestSameNumber(t *testing.T) {
	f := &schema.Field{ID: "x", Type: schema.Percent}
	for _, tt := range []struct {
		x, y string
		same bool
	}{{"89.80", "89.8", true}, {"300", "300余", false}, {"1.2万", "12000", true}, {"不适用", "不适用", true}, {"0", "", false}} {
		if got := sameValue(f, schema.Raw{Text: tt.x}, schema.Raw{Text: tt.y}); got != tt.same {
			t.Errorf("sameValue(%q, %q) = %v", tt.x, tt.y, got)
		}
	}
}
