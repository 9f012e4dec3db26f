package collect

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nigao/nigao/schema"
)

// fillsFor is what a diligent office writes into its returned sheet: the
// example answers, each as a spreadsheet would store it — plain numbers
// as numbers, percentages as fractions shown with %, dates as dates,
// everything else (300余, 不适用, text) as text, a list item a row.
func fillsFor(tpl *schema.Template, r *Returned, a *schema.Answers) []fill {
	var out []fill
	for _, row := range r.Rows {
		f := tpl.Field(row.ID)
		ans, ok := a.Get(row.ID)
		if f == nil || !ok || ans.IsEmpty() {
			continue
		}
		if f.Type == schema.List {
			items := listItems(ans)
			if row.Item >= 1 && row.Item <= len(items) {
				out = append(out, fill{row.Value.Ref, "text", items[row.Item-1]})
			}
			continue
		}
		text := strings.TrimSpace(ans.Text)
		kind := "text"
		if _, err := strconv.ParseFloat(text, 64); err == nil && f.Type.Numeric() {
			kind = "number"
			if f.Type == schema.Percent {
				kind = "percent"
			}
		} else if d, err := schema.ParseDate(text); err == nil && f.Type == schema.Date {
			kind, text = "date", d.Format("2006-01-02")
		}
		out = append(out, fill{row.Value.Ref, kind, text})
	}
	return out
}

// TestRoundTripThroughOpenpyxlAndLibreOffice sends out the blank sheets of
// every built-in template, has another program (openpyxl) fill them with
// the example answers — one sheet sorted upside down, one number typed
// in full-width digits — re-saves two through LibreOffice Calc, merges
// them all into new answers and checks the answers file: every figure
// the example has, with its source.
func TestRoundTripThroughOpenpyxlAndLibreOffice(t *testing.T) {
	needOpenpyxl(t)
	for _, id := range builtinIDs {
		t.Run(id, func(t *testing.T) {
			tpl, example := builtin(t, id)
			paths := writeSheets(t, tpl, Options{})
			jobs := map[string]fillJob{}
			kinds := map[string]int{}
			wide := ""
			for i, p := range paths {
				job := fillJob{Cells: fillsFor(tpl, mustRead(t, p), example), Reverse: i == 0}
				for j, c := range job.Cells {
					kinds[c.Kind]++
					if c.Kind == "number" && wide == "" && !strings.Contains(c.Value, ".") {
						wide = c.Value
						job.Cells[j] = fill{c.Ref, "text", fullWidth(c.Value)}
					}
				}
				jobs[p] = job
			}
			if id == "township-halfyear" && (kinds["percent"] == 0 || kinds["date"] == 0 || kinds["number"] == 0 || kinds["text"] == 0) {
				t.Fatalf("the example fills no percent, date, number or text: %v", kinds)
			}
			runOpenpyxl(t, jobs)

			if id == "township-halfyear" {
				// the sheets with the date and the percentage, through
				// LibreOffice
				var at []int
				var which []string
				for i, p := range paths {
					for _, c := range jobs[p].Cells {
						if c.Kind == "date" || c.Kind == "percent" {
							at, which = append(at, i), append(which, p)
							break
						}
					}
				}
				for j, p := range resave(t, which...) {
					paths[at[j]] = p
				}
			}
			var sheets []*Returned
			for _, p := range paths {
				sheets = append(sheets, mustRead(t, p))
			}
			a := schema.NewAnswers(tpl)
			res, err := Merge(tpl, a, sheets, MergeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range res.Changes {
				if c.Status != New {
					t.Errorf("%s %v: %s (%s)", c.Status, c.From, Show(c.Field, c.New), c.Why)
				}
			}
			res.Apply(a, false, day)
			file := filepath.Join(t.TempDir(), "答案.yaml")
			if err := a.Save(file); err != nil {
				t.Fatal(err)
			}
			got, err := schema.LoadAnswersFile(file)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, f := range tpl.Fields() {
				want, ok := example.Get(f.ID)
				if f.Part == nil || f.Computed() || !ok || want.IsEmpty() {
					continue
				}
				n++
				have, _ := got.Get(f.ID)
				w, _ := normalize(f, want)
				if !sameValue(f, have, w) {
					t.Errorf("%s = %+v, want %+v", f.ID, have, w)
				}
				src, ok := got.Source(f.ID)
				if !ok || src.From != Office(f) || !strings.HasPrefix(src.File, src.From+"-") || !src.Date.Equal(day) {
					t.Errorf("%s: source %+v, %v", f.ID, src, ok)
				}
			}
			if n < 20 {
				t.Errorf("only %d figures compared", n)
			}
			if wide != "" && res.Count(Invalid) > 0 {
				t.Errorf("full-width %s not read", fullWidth(wide))
			}
		})
	}
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '０' + (r - '0')
		}
		return r
	}, s)
}
