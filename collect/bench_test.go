package collect

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nigao/nigao/schema"
)

// largest is the built-in template with the most fields to collect.
func largest(b *testing.B) (*schema.Template, *schema.Answers) {
	var tpl *schema.Template
	var ans *schema.Answers
	most := 0
	for _, id := range builtinIDs {
		t, a := builtin(b, id)
		n := 0
		for _, s := range Sheets(t, nil) {
			n += len(s.Fields)
		}
		if n > most {
			tpl, ans, most = t, a, n
		}
	}
	b.Logf("%s: %d fields", tpl.ID, most)
	return tpl, ans
}

// BenchmarkWriteAllSheets writes every sheet of the largest built-in
// template, with this and last period's figures, into a folder as
// nigao collect does (budget: 200 ms).
func BenchmarkWriteAllSheets(b *testing.B) {
	tpl, a := largest(b)
	opt := Options{Answers: a, Previous: a, Due: day, Today: day}
	dir := b.TempDir()
	for b.Loop() {
		if _, err := WriteDir(dir, tpl, nil, true, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteAllSheetsInMemory is the same without the disk.
func BenchmarkWriteAllSheetsInMemory(b *testing.B) {
	tpl, a := largest(b)
	opt := Options{Answers: a, Previous: a, Due: day, Today: day, Report: ReportName(tpl, a)}
	sheets := Sheets(tpl, a)
	for b.Loop() {
		for _, s := range sheets {
			if err := Write(io.Discard, tpl, s, opt); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMerge20 reads and merges 20 returned sheets, filled, into the
// answers (budget: 500 ms).
func BenchmarkMerge20(b *testing.B) {
	tpl, a := largest(b)
	written := writeSheets(b, tpl, Options{Answers: a, Previous: a})
	var paths []string
	for i := 0; len(paths) < 20; i++ {
		src := written[i%len(written)]
		// filled as returned: every 本期 cell holds something
		x, err := excelize.OpenFile(src)
		if err != nil {
			b.Fatal(err)
		}
		rows, _ := x.GetRows(dataSheet)
		for n := 2; n <= len(rows); n++ {
			ref, _ := excelize.CoordinatesToCellName(colValue, n)
			if v, _ := x.GetCellValue(dataSheet, ref); v == "" {
				x.SetCellValue(dataSheet, ref, n)
			}
		}
		p := filepath.Join(b.TempDir(), filepath.Base(src))
		if err := x.SaveAs(p); err != nil {
			b.Fatal(err)
		}
		x.Close()
		paths = append(paths, p)
	}
	for b.Loop() {
		var rs []*Returned
		for _, p := range paths {
			r, err := Read(p)
			if err != nil {
				b.Fatal(err)
			}
			rs = append(rs, r)
		}
		if _, err := Merge(tpl, a, rs, MergeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
