package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// fillSheet sets 本期 of fields in a written sheet, as an office does.
func fillSheet(t *testing.T, p string, values map[string]any) {
	t.Helper()
	x, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("数据")
	for i, r := range rows {
		if len(r) > 6 {
			if v, ok := values[r[6]]; ok {
				x.SetCellValue("数据", "E"+strconv.Itoa(i+1), v)
			}
		}
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestSendAndTakeSheets: the wizard writes the offices' sheets (Ctrl+T),
// reads one back (Ctrl+G) and shows the table; A takes the new values
// (asking about the changed one: N), Enter takes the changed one, the
// review page says where the figures came from, and Ctrl+Z puts one
// back.
func TestSendAndTakeSheets(t *testing.T) {
	ans := copyAnswers(t)
	src, _ := os.ReadFile(ans)
	os.WriteFile(ans, []byte(strings.Replace(string(src), "  检查企业: 69\n", "", 1)), 0o644)
	m := newModel(t, Options{Template: templates.Default, AnswersPath: ans}, 110, 36)
	dir := filepath.Join(t.TempDir(), "报送表")

	press(m, "ctrl+t")
	send := onTop[*sendPage](m)
	if send == nil {
		t.Fatalf("Ctrl+T opened %s", screen(m))
	}
	if text := screenText(m); !strings.Contains(text, "安监站（") || !strings.Contains(text, "发报送表") {
		t.Errorf("send page:\n%s", text)
	}
	send.dir.setValue(dir)
	send.due.setValue("7月5日") // not a date: refused, nothing written
	pressDo(m, "enter")
	if !m.statusErr || !strings.Contains(m.status, "报送时间") || onTop[*sendPage](m) == nil {
		t.Fatalf("a bad due date: %q", m.status)
	}
	send.due.setValue("2022-07-05")
	pressDo(m, "enter")
	sheets, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if m.statusErr || len(sheets) < 10 || !strings.Contains(m.status, "已生成") {
		t.Fatalf("%d sheets written; status %q", len(sheets), m.status)
	}
	safety := filepath.Join(dir, "安监站-2022年上半年工作总结-报送表.xlsx")
	fillSheet(t, safety, map[string]any{"检查企业": 126, "发现隐患": "70余", "打非治违": "五次"})

	press(m, "ctrl+g")
	d := onTop[*dialog](m)
	if d == nil || d.input.String() != dir {
		t.Fatalf("Ctrl+G: %s, input %q", screen(m), d.input.String())
	}
	bad := filepath.Join(dir, "旧.xls")
	os.WriteFile(bad, []byte("not a sheet"), 0o644)
	d.input.setValue(bad)
	pressDo(m, "enter")
	if onTop[*dialog](m) == nil || !strings.Contains(screenText(m), "不是 Excel 表格") {
		t.Fatalf("a bad file: the dialog should stay and say why:\n%s", screenText(m))
	}
	d.input.setValue(safety)
	pressDo(m, "enter")
	take := onTop[*takePage](m)
	if take == nil {
		t.Fatalf("no table: %s\n%s", screen(m), screenText(m))
	}
	text := screenText(m)
	for _, want := range []string{"新增    检查企业（场所）            126家", "改动    发现隐患                    65处 → 70余处", "无效    开展打非治违集中行动        五次", "相同", "安监站 E"} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	press(m, "down", "down") // the invalid row: why, under the table
	if text := screenText(m); !strings.Contains(text, "-报送表.xlsx!E") || !regexp.MustCompile(`!E\d+：“五次”不是数字`).MatchString(text) {
		t.Errorf("the chosen row in full:\n%s", text)
	}
	pressDo(m, "enter")
	if !m.statusErr || !strings.Contains(m.status, "填得不对") {
		t.Errorf("Enter on an invalid row: %q", m.status)
	}

	press(m, "a")
	if onTop[*dialog](m) == nil {
		t.Fatalf("A with a changed value did not ask:\n%s", screenText(m))
	}
	pressDo(m, "n")
	a := m.s.st.a
	if r, _ := a.Get("检查企业"); r.Text != "126" {
		t.Errorf("检查企业 = %+v", r)
	}
	if r, _ := a.Get("发现隐患"); r.Text != "65" {
		t.Errorf("the changed value was taken on N: %+v", r)
	}
	for i, c := range take.res.Changes {
		if c.Field != nil && c.Field.ID == "发现隐患" {
			take.sel = i
		}
	}
	pressDo(m, "enter")
	if r, _ := a.Get("发现隐患"); r.Text != "70余" {
		t.Errorf("Enter on the changed row: %+v", r)
	}
	saved, err := schema.LoadAnswersFile(ans)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := saved.Source("检查企业"); !ok || s.From != "安监站" {
		t.Errorf("saved source %+v", s)
	}

	press(m, "esc", "ctrl+r")
	if text := screenText(m); !strings.Contains(text, "从报送表收来的数（2 项）") || !strings.Contains(text, "来自 安监站报送表") {
		t.Errorf("review page:\n%s", text)
	}
	press(m, "esc")
	pressDo(m, "ctrl+z")
	if r, _ := a.Get("发现隐患"); r.Text != "65" {
		t.Errorf("Ctrl+Z: 发现隐患 = %+v", r)
	}
	if _, ok := a.Source("发现隐患"); ok {
		t.Error("the source stayed after Ctrl+Z")
	}
}
