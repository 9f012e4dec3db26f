package collect

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nigao/nigao/schema"
)

// TestSheetsOfEveryBuiltin writes the sheets of every built-in template
// and reopens them with excelize: every entered field of the template is
// on exactly one sheet, once; only 本期 can be edited and the sheets are
// protected without a password; every 本期 cell has a validation of its
// field's type with an input message; the hidden columns and the very
// hidden sheet say which field each row is, and the template and its
// version; the pages are A4.
func TestSheetsOfEveryBuiltin(t *testing.T) {
	for _, id := range builtinIDs {
		t.Run(id, func(t *testing.T) {
			tpl, a := builtin(t, id)
			paths := writeSheets(t, tpl, Options{Answers: a, Previous: a})
			asked := map[string]int{}
			for _, p := range paths {
				for _, f := range checkSheet(t, tpl, p) {
					asked[f]++
				}
			}
			for _, f := range tpl.Fields() {
				switch {
				case f.Part == nil || f.Computed():
					if asked[f.ID] > 0 {
						t.Errorf("%s is asked for, but it is an info or computed field", f.ID)
					}
				case asked[f.ID] != 1:
					t.Errorf("%s is on %d sheets, want 1", f.ID, asked[f.ID])
				}
			}
		})
	}
}

// checkSheet checks one written sheet and returns the fields it asks for.
func checkSheet(t *testing.T, tpl *schema.Template, p string) []string {
	t.Helper()
	x, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !slices.Equal(got, []string{infoSheet, dataSheet, metaSheet}) {
		t.Fatalf("%s: sheets %v", p, got)
	}
	if x.GetActiveSheetIndex() != 0 {
		t.Errorf("%s: opens on sheet %d, not on what is asked", p, x.GetActiveSheetIndex())
	}
	wb := part(t, p, "xl/workbook.xml")
	if !regexp.MustCompile(`<sheet name="nigao"[^>]*state="veryHidden"`).MatchString(wb) || !regexp.MustCompile(`lockStructure="(1|true)"`).MatchString(wb) {
		t.Errorf("%s: the hidden sheet is not very hidden in a locked workbook:\n%s", p, wb)
	}
	for _, s := range []string{infoSheet, dataSheet, metaSheet} {
		prot, err := x.GetSheetProtection(s)
		if err != nil || prot.InsertRows || prot.DeleteRows || prot.FormatCells {
			t.Errorf("%s!%s: protection %+v, %v", p, s, prot, err)
		}
	}
	for _, xml := range []string{part(t, p, "xl/worksheets/sheet1.xml"), part(t, p, "xl/worksheets/sheet2.xml")} {
		m := regexp.MustCompile(`<sheetProtection[^>]*>`).FindString(xml)
		if m == "" || strings.Contains(m, "assword") || strings.Contains(m, "hashValue") {
			t.Errorf("%s: want protection without a password, got %q", p, m)
		}
	}
	for _, c := range []string{"G", "H"} {
		if vis, _ := x.GetColVisible(dataSheet, c); vis {
			t.Errorf("%s: column %s is not hidden", p, c)
		}
	}
	if lay, _ := x.GetPageLayout(dataSheet); lay.Size == nil || *lay.Size != 9 || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("%s: page layout %+v, want A4 one page wide", p, lay)
	}

	rows, err := x.GetRows(dataSheet)
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: rows %v, %v", p, rows, err)
	}
	if !slices.Equal(rows[0], header) {
		t.Errorf("%s: header %v", p, rows[0])
	}
	dvs, _ := x.GetDataValidations(dataSheet)
	bySqref := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		bySqref[dv.Sqref] = dv
	}
	var ids []string
	for i, r := range rows[1:] {
		n := i + 2
		r = append(r, make([]string, len(header))...)
		f := tpl.Field(r[colID-1])
		if f == nil {
			t.Fatalf("%s row %d: hidden id %q is no field", p, n, r[colID-1])
		}
		if item := r[colItem-1]; (item != "") != (f.Type == schema.List) {
			t.Errorf("%s row %d: item %q for a %s field", p, n, item, f.Type)
		}
		if !strings.HasPrefix(r[colLabel-1], f.Label) {
			t.Errorf("%s row %d: 项目 %q for %s", p, n, r[colLabel-1], f.Label)
		}
		if len(ids) == 0 || ids[len(ids)-1] != f.ID {
			ids = append(ids, f.ID)
		}
		for c := colPart; c <= colItem; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, n)
			sid, _ := x.GetCellStyle(dataSheet, ref)
			st, _ := x.GetStyle(sid)
			locked := st.Protection == nil || st.Protection.Locked
			if locked != (c != colValue) {
				t.Errorf("%s!%s: locked = %v", p, ref, locked)
			}
		}
		ref := "E" + strconv.Itoa(n)
		dv := bySqref[ref]
		if dv == nil {
			t.Errorf("%s!%s: no data validation", p, ref)
			continue
		}
		if want := validationType[f.Type]; dv.Type != want {
			t.Errorf("%s!%s (%s, %s): validation %q, want %q", p, ref, f.ID, f.Type, dv.Type, want)
		}
		if !dv.ShowInputMessage || dv.Prompt == nil || *dv.Prompt == "" || dv.PromptTitle == nil {
			t.Errorf("%s!%s: no input message", p, ref)
		}
		if dv.Type != "none" && (dv.ErrorStyle == nil || *dv.ErrorStyle != "warning") {
			t.Errorf("%s!%s: the alert must warn, not stop (300余, 不适用)", p, ref)
		}
	}
	r := mustRead(t, p)
	if r.Template != tpl.ID || r.Version != tpl.Version || r.Office == "" || len(r.Expected) != len(rows)-1 {
		t.Errorf("%s: hidden sheet says %s v%d %s, %d rows; want %s v%d, %d rows", p, r.Template, r.Version, r.Office, len(r.Expected), tpl.ID, tpl.Version, len(rows)-1)
	}
	info, _ := x.GetRows(infoSheet)
	text := ""
	for _, r := range info {
		text += strings.Join(r, " ") + "\n"
	}
	for _, want := range []string{r.Office + "报送表", "请填写", "报送时间", "报送给", "本期", tpl.ID} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: the first sheet does not say %q:\n%s", p, want, text)
		}
	}
	return ids
}

var validationType = map[schema.FieldType]string{
	schema.Integer: "whole", schema.Year: "whole",
	schema.Number: "decimal", schema.Money: "decimal", schema.Percent: "decimal",
	schema.Date: "date", schema.Choice: "list", schema.Bool: "list",
	schema.Text: "none", schema.TextArea: "none", schema.List: "none",
}

// TestSheetsPassOOXMLCheck checks written sheets against the ISO/IEC 29500
// schemas, as strictly as Excel reads them.
func TestSheetsPassOOXMLCheck(t *testing.T) {
	script := filepath.Join("..", "..", "shared", "tools", "ooxml", "check.py")
	if _, err := os.Stat(script); err != nil {
		need(t, "checker "+script+" not found (the ../shared folder beside the clone)")
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		need(t, "xmllint (libxml2-utils) not installed")
	}
	// every sheet is made the same way: the longest of each template will do
	var all []string
	for _, id := range builtinIDs {
		tpl, a := builtin(t, id)
		longest, size := "", int64(0)
		for _, p := range writeSheets(t, tpl, Options{Answers: a, Previous: a, Due: day}) {
			if fi, err := os.Stat(p); err == nil && fi.Size() > size {
				longest, size = p, fi.Size()
			}
		}
		all = append(all, longest)
	}
	out, err := exec.Command(python, append([]string{script}, all...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("check.py: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "parts valid") {
		t.Fatalf("check.py said:\n%s", out)
	}
}

// TestOffices: the built-in templates name who reports what (from: on
// a section, an item, a field); without from: a field goes to its
// first-level part's sheet; parts left out of the answers are not asked
// for.
func TestOffices(t *testing.T) {
	tpl, _ := builtin(t, "township-halfyear")
	for id, want := range map[string]string{"检查企业": "安监站", "戴盔率": "派出所", "财政收入": "财政所", "规上工业产值": "经发办", "低保户数": "民政办"} {
		if f := tpl.Field(id); f == nil || Office(f) != want {
			t.Errorf("Office(%s) = %q, want %q", id, Office(f), want)
		}
	}
	a := schema.NewAnswers(tpl)
	a.SetOmitted("安全生产", true)
	for _, s := range Sheets(tpl, a) {
		for _, f := range s.Fields {
			if top := f.Part; top != nil {
				for top.Parent != nil {
					top = top.Parent
				}
				if top.ID == "安全生产" {
					t.Errorf("%s asks for %s, though 安全生产 is left out", s.Office, f.ID)
				}
			}
		}
	}
	plain, err := schema.Load("t.yaml", []byte("id: t\nname: n\ntitle: t\nsections:\n  - id: 民生\n    heading: h\n    items:\n      - {id: 低保, heading: h, fields: [{id: 户数, type: integer}]}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := Sheets(plain, nil); len(got) != 1 || got[0].Office != "民生" || len(got[0].Fields) != 1 {
		t.Errorf("without from: %+v", got)
	}
}

func TestFileName(t *testing.T) {
	tpl, a := builtin(t, "township-halfyear")
	if got := FileName("安监站", ReportName(tpl, a)); got != "安监站-2022年上半年工作总结-报送表.xlsx" {
		t.Errorf("FileName = %q", got)
	}
	if got := ReportName(tpl, schema.NewAnswers(tpl)); got != tpl.Name {
		t.Errorf("ReportName without answers = %q, want the template's name", got)
	}
	if got := FileName(`a/b:c`, "r"); got != "a／b：c-r-报送表.xlsx" {
		t.Errorf("FileName = %q", got)
	}
}

// TestWriteDirKeepsFiles: a sheet already in the folder (perhaps one
// returned) is not replaced without overwrite, and nothing is written.
func TestWriteDirKeepsFiles(t *testing.T) {
	tpl, a := builtin(t, "township-halfyear")
	dir := t.TempDir()
	name := filepath.Join(dir, FileName("安监站", ReportName(tpl, a)))
	os.WriteFile(name, []byte("已收回"), 0o644)
	_, err := WriteDir(dir, tpl, nil, false, Options{Answers: a})
	if err == nil || !strings.Contains(err.Error(), "--overwrite") {
		t.Fatalf("err = %v", err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("%d files written beside the one kept", len(files)-1)
	}
	if data, _ := os.ReadFile(name); string(data) != "已收回" {
		t.Error("the file there was replaced")
	}
	if _, err := WriteDir(dir, tpl, []string{"安监站"}, true, Options{Answers: a}); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(name); err != nil {
		t.Errorf("with overwrite: %v", err)
	}
	if _, err := WriteDir(dir, tpl, []string{"统计站"}, false, Options{}); err == nil || !strings.Contains(err.Error(), "没有部门“统计站”") {
		t.Errorf("unknown office: %v", err)
	}
}
